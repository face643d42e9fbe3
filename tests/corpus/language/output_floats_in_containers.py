import torch
import numpy as np

print([0.1, 0.25, 1 / 3, 1e-8, 2e20, -1.0])
print((1.0,), {"f": 0.5, "g": 1e100})
print(torch.tensor([0.1, 0.25, 1 / 3]).tolist())
print(torch.tensor([0.1, 0.25], dtype=torch.float64).tolist())
print(np.array([0.1, 0.25, 1 / 3], dtype=np.float32).tolist())
print(torch.tensor([1, 2]).tolist(), torch.tensor([True]).tolist(), np.array([[1, 2]]).tolist())
print(torch.tensor(0.1).item(), torch.tensor(0.1, dtype=torch.float64).item())
print(torch.tensor([1.5, 2.5]).sum(), torch.tensor([1.5, 2.5]).sum().item())
print(np.array([1.5, 2.5]).sum(), type(np.array([1.5, 2.5]).sum()))
print(np.array([1.5, 2.5], dtype=np.float32).sum(), np.float32(1) / 3, np.float64(1) / 3)
print([torch.tensor(0.5), torch.tensor([1, 2])])
print([np.array(0.5), np.array([1, 2])])
print({"a": np.arange(3), "t": torch.arange(3)})
print((torch.ones(2, 2), "x"))
