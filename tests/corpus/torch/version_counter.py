# _version: one counter shared by a tensor, its views and detach(); .data and from_numpy start their own.
import torch
import numpy as np

a = torch.zeros(3, 4)
v = a[1]
d = a.detach()
print(a._version, v._version, d._version)
a.add_(1)
print("after a.add_", a._version, v._version, d._version)
v.mul_(2)
print("after v.mul_", a._version, v._version, d._version)
d.zero_()
print("after d.zero_", a._version, v._version, d._version)
a[0, 0] = 5
print("after a[0, 0] = 5", a._version, v._version)
a += 1
print("after a += 1", a._version, v._version)
data = a.data
print("data starts at", data._version)
data.fill_(3)
print("after data.fill_", a._version, data._version)
c = a.clone()
print("clone starts at", c._version, "and a is still", a._version)
a.copy_(torch.ones(3, 4))
a.clamp_(0, 0.5)
a.sub_(1, alpha=2)
a.div_(2)
print("after copy_/clamp_/sub_/div_", a._version, v._version)
n = np.ones(3)
f = torch.from_numpy(n)
print("from_numpy", f._version)
f.add_(1)
n += 1
print("numpy writes do not count", f._version, f.tolist())
r = a.reshape(12)
t = a.t()
r.add_(0)
print("reshape view and t share it", a._version, r._version, t._version)
w = a.float()
print("float() is self", w is a, w._version)
x = a.double()
print("double() is a copy", x._version)
try:
    a._version = 0
except AttributeError as e:
    print("AttributeError:", e)
