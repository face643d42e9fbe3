# Tensor attributes: shape, size(), dim(), ndim, numel(), dtype, device, is_cuda, layout, element_size().
import torch

t = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
print(t.shape, t.size(), t.size(0), t.size(-1), t.size(dim=1))
print(t.dim(), t.ndim, t.ndimension(), t.numel(), len(t))
print(t.dtype, t.device, t.is_cuda, t.layout, t.element_size())
print(type(t.shape).__name__, t.shape == (2, 3, 4), t.shape[1:], t.shape.numel())
print(isinstance(t.shape, tuple), list(t.shape), t.shape[-1])

for dtype in [torch.float16, torch.float32, torch.float64, torch.int8, torch.int16, torch.int32, torch.int64,
              torch.uint8, torch.bool]:
    x = torch.zeros(3, dtype=dtype)
    print(dtype, x.element_size(), x.dtype.is_floating_point, x.is_floating_point(), x.storage().element_size())

s = torch.tensor(3.5)
print(s.shape, s.dim(), s.numel(), s.item(), s.tolist(), s.size())
e = torch.zeros(0, 3)
print(e.shape, e.numel(), e.tolist(), e.dim())
print(torch.tensor([[1, 2], [3, 4]]).tolist(), torch.tensor([True, False]).tolist())
print(torch.tensor([1.5, 2.5], dtype=torch.float16).tolist(), torch.tensor([7], dtype=torch.uint8).item())

try:
    t.size(3)
except IndexError as e:
    print("IndexError:", e)
try:
    t.size(-4)
except IndexError as e:
    print("IndexError:", e)
try:
    t.item()
except ValueError as e:
    print("ValueError:", e)
try:
    t.numel(1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.shape = (1, 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.dtype = torch.int32
except AttributeError as e:
    print("AttributeError:", e)
print(t.size("x"))
