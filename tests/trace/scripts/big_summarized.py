import torch
import numpy as np
big = torch.zeros(40, 50)
big[0, 0] = 1
big[20, 25] = 2
big[-1] += 3
view = big[10:]
arr = np.zeros((30, 40), dtype=np.float32)
arr[::7, ::9] = 5
print(big.sum(), arr.sum())
