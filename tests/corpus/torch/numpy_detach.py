# numpy() shares memory (and is refused while the tensor requires grad); detach() shares memory and
# the version counter.
import torch
import numpy as np

t = torch.arange(6.).reshape(2, 3)
a = t.numpy()
print(type(a).__name__, a.dtype, a.shape, a.strides, a.flags["OWNDATA"], a.ctypes.data == t.data_ptr())
a[0, 0] = 42
print(t[0, 0].item())
t[1, 2] = -1
print(a[1, 2])
print(t.t().numpy().strides, t[:, 1].numpy().strides, t.numpy(force=True).shape)
g = torch.ones(3, requires_grad=True)
d = g.detach()
print(d.requires_grad, d.is_leaf, d.grad_fn, d.data_ptr() == g.data_ptr(), d._base is None)
d.add_(1)
print(g._version, d._version, g)
print(g.detach().numpy(), g.numpy(force=True))
with torch.no_grad():
    print(g.numpy())
n = torch.tensor(3, dtype=torch.int32).numpy()
print(type(n).__name__, n.shape, n.dtype)
print(torch.zeros(0, 2).numpy().shape, torch.tensor([True, False]).numpy().dtype)
print(torch.tensor([1.5], dtype=torch.float16).numpy().dtype, t.detach() is t)
try:
    g.numpy()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.numpy(True)
except TypeError as e:
    print("TypeError:", e)
try:
    t.detach(1)
except TypeError as e:
    print("TypeError:", e)
y = g * 2
y.numpy()
