# add_ / sub_ (with alpha), mul_, div_: writes into the tensor's own memory, returning self.
import torch

t = torch.zeros(2, 3)
v = t[0]
r = t.add_(1)
print(r is t, t.tolist(), t._version, v._version)
print(t.add_(torch.ones(3), alpha=2).tolist(), t.sub_(1).tolist(), t.sub_(torch.tensor(0.5), alpha=2).tolist())
print(t.mul_(3).tolist(), t.mul_(torch.tensor([1., 0., -1.])).tolist(), t.div_(2).tolist(), t.div_(torch.full((2, 3), 4.)).tolist())
print(t._version, v.tolist())
v.add_(10)
print(t.tolist(), t._version)
i = torch.arange(6).reshape(2, 3)
i.add_(2, alpha=3)
i.sub_(torch.ones(3, dtype=torch.int64))
i.mul_(2)
print(i.tolist(), i.dtype)
f = torch.arange(4.)
f.div_(2, rounding_mode="floor")
print(f.tolist())
tt = torch.arange(6.).reshape(2, 3).t()
tt.add_(100)
print(tt, tt.stride())
b = torch.tensor([True, False])
b.add_(True)
print(b)
h = torch.ones(2, dtype=torch.float16)
h.add_(0.1)
print(h)
t.add_(2.5)
t += 1
t -= torch.ones(3)
t *= 2
t /= 4
print(t, t._version)
try:
    i.div_(2)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    i.add_(1.5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    i.add_(1, alpha=1.5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.add_(torch.ones(4))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.add_(torch.ones(2, 2, 3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.mul_("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.add_(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    t.add_(1, alpha="x")
except TypeError as e:
    print("TypeError:", e)
try:
    t.div_(2, rounding_mode="x")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, requires_grad=True).add_(1)
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    g = torch.ones(2, requires_grad=True)
    g.add_(1)
    print(g, g._version)
i.mul_(0.5)
