import torch
import numpy as np

t = torch.ones(2)
copy = torch.tensor(t)
print(copy)
a = np.array([])
print(bool(a))
print("after warnings")
