# diagonal (a view), flatten and ravel (views when the strides allow, copies otherwise).
import torch

t = torch.arange(12.).reshape(3, 4)
for v in [t.diagonal(), t.diagonal(1), t.diagonal(-1), t.diagonal(offset=2), torch.diagonal(t, 0, 1, 0), t.diagonal(5),
          t.diagonal(dim1=1, dim2=0)]:
    print(v.tolist(), v.stride(), v.storage_offset(), v._base is t._base)
d = t.diagonal()
d.fill_(-1)
print(t)
c = torch.arange(24.).reshape(2, 3, 4)
print(c.diagonal(0, 1, 2).shape, c.diagonal(0, 0, 2).stride(), c.diagonal(1, -1, -2).tolist())
for name, v in [("flatten", c.flatten()), ("flatten(1)", c.flatten(1)), ("flatten(0, 1)", c.flatten(0, 1)),
                ("flatten(start_dim=1, end_dim=2)", c.flatten(start_dim=1, end_dim=2)), ("torch.flatten", torch.flatten(c)),
                ("flatten(2)", c.flatten(2)), ("t().flatten()", t.t().flatten()), ("ravel", c.ravel()),
                ("t().ravel()", t.t().ravel()), ("1-d flatten", c[0, 0].flatten()),
                ("transpose(1, 2).flatten(0, 1)", c.transpose(1, 2).flatten(0, 1))]:
    print(f"{name:32} {tuple(v.shape)} view={v.data_ptr() == c.data_ptr() or v.data_ptr() == t.data_ptr()} "
          f"stride={v.stride()}")
one = torch.arange(3.)
print("flatten of 1-d is the same object", one.flatten() is one, one.ravel() is one, torch.tensor(2.).flatten().shape)
try:
    t.diagonal(0, 0, 0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.diagonal(0, 0, 2)
except IndexError as e:
    print("IndexError:", e)
try:
    c.flatten(2, 0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.flatten(0, 3)
except IndexError as e:
    print("IndexError:", e)
try:
    t.ravel(0)
except TypeError as e:
    print("TypeError:", e)
try:
    t.diagonal("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.flatten(0.5)
except TypeError as e:
    print("TypeError:", e)
