import torch
import numpy as np

M = torch.arange(12, dtype=torch.float32).reshape(3, 4)
row = M[1]
col = M[:, 2]
T = M.t()
row += 100
col.mul_(2)
T[0, 0] = -1
flat = M.view(-1)
flat[5:8] = 0
print(M)
N = M.numpy()
S = N[::2, 1:]
S *= 3
F = torch.from_numpy(S)
print(F.storage_offset(), F.stride(), F.is_contiguous())
C = M.clone()
C.add_(1)
print(C.sum().item())
