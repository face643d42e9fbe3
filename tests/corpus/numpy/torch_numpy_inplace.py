# In-place writes through a NumPy view of a tensor, and through a tensor over NumPy memory
import numpy as np
import torch

t = torch.zeros(2, 3)
a = t.numpy()
row = a[1]
col = t[:, 2]
a += 1
print(t, t._version)
row *= 3
print(t)
col.add_(10)
print(a)
np.add(a, 1, out=a)
print(t)
np.copyto(row, [7, 8, 9])
print(t[1], col)
a.fill(0.5)
print(t)
a[0, :] = np.arange(3)
print(t[0], t._version)
b = np.ones((2, 2), dtype=np.int32)
u = torch.from_numpy(b)
v = u.view(4)
v[3] = 5
print(b)
u.mul_(2)
print(b, u._version)
b[:, 0] = -1
print(u, v)
b -= 1
print(u)
m = np.arange(6.0).reshape(2, 3)
mt = torch.from_numpy(m.T)
mt[0, 1] = 100
print(m)
c = torch.from_numpy(m[:, 1:])
c.zero_()
print(m, c.is_contiguous())
n = np.asarray(t)
n[1, 1] = -7
print(t[1, 1])
print(np.shares_memory(n, a), np.shares_memory(np.asarray(u), b))
x = torch.arange(4)
xn = x.numpy()
x += 1
print(xn)
y = x[1:].numpy()
y[0] = 99
print(x)
ro = np.arange(3)
ro.flags.writeable = False
r = torch.from_numpy(ro)
print(r)
z = a.T
z[2, 0] = 33
print(t)
a[5] = 1
