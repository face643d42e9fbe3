# The libraries' own types: making torch.Size, NumPy dtypes and devices directly, and isinstance()
# with torch.dtype, torch.device and NumPy's scalar types.
import torch
import numpy as np

print(torch.Size([2, 3]), torch.Size([]), torch.Size((5,)), len(torch.Size([])))
print(torch.ones(2, 3).shape == torch.Size([2, 3]), torch.Size([2, 3])[1], torch.Size([2, 3]).numel())
print(np.dtype("float32"), repr(np.dtype("int64")), type(np.dtype("float32")), np.dtype(np.float64))
print(np.dtype("float32") == np.float32, np.dtype("int64").itemsize)
print(isinstance(np.float32(1), np.float32), isinstance(np.float64(1), float), isinstance(np.float32(1), float))
print(isinstance(np.int64(1), int), isinstance(np.ones(2)[0], np.float64), isinstance(np.ones(2)[0], np.ndarray))
print(isinstance(np.float32(1), np.floating), isinstance(np.int64(1), np.integer), isinstance(np.bool_(True), np.generic))
print(isinstance(torch.ones(1).dtype, torch.dtype), isinstance(torch.ones(1).device, torch.device), torch.device("cpu:0"))
