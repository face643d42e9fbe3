import torch
import numpy as np
x = torch.zeros(3)
y = x[1:]
del x
y += 1
del y
a = np.ones(4)
b = a[::2]
a = None
b[0] = 7
items = [torch.ones(2), torch.zeros(2)]
first = items[0]
first.add_(5)
items = None
print(first)
