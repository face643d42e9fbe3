import torch
import numpy as np

print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance(1.0, float))
print(isinstance(1, (int, float)), isinstance("s", (int, float)), isinstance("s", str))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(None, int))
t = torch.ones(2)
a = np.ones(2)
print(isinstance(t, torch.Tensor), isinstance(a, np.ndarray), isinstance(t, np.ndarray), isinstance(a, torch.Tensor))
print(isinstance(t.shape, tuple), isinstance(t.shape, torch.Size), isinstance(a.shape, tuple))
print(isinstance(ValueError("x"), Exception), isinstance(KeyError(), LookupError), isinstance(KeyError(), ValueError))
print(isinstance(int, type), isinstance(type(t), type))
print(hasattr(t, "shape"), hasattr(t, "strides"), hasattr(a, "strides"), hasattr(a, "stride"))
print(hasattr(t, "data_ptr"), hasattr(a, "ctypes"), hasattr(t, "nonexistent"), hasattr(torch, "tensor"))
print(hasattr(np, "shares_memory"), hasattr(np, "no_such_function"), hasattr("s", "upper"), hasattr(1, "real"))
print(hasattr([], "append"), hasattr({}, "keys"), hasattr(None, "x"))
print(getattr(t, "shape"), getattr(t, "missing", "default"))
try:
    isinstance(1, 2)
except TypeError as e:
    print(e)
try:
    hasattr(t, 1)
except TypeError as e:
    print(e)
