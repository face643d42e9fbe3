# A tutorial's tour of sharing between NumPy and torch: which objects reach the same memory.
import numpy as np
import torch

a = np.ones(5)
b = torch.from_numpy(a)
a += 1
print(a)
print(b)
t = torch.ones(5)
n = t.numpy()
t.add_(1)
print(t)
print(n)
x = torch.rand(5, 3)
print(x.shape, x.size(), x.dtype)
y = x.view(15)
z = x.view(-1, 5)
print(x.size(), y.size(), z.size())
print("y shares x", y.data_ptr() == x.data_ptr(), "z shares x", z.data_ptr() == x.data_ptr())
w = x.t().contiguous()
print("contiguous copy shares", w.data_ptr() == x.data_ptr())
c = torch.tensor(a)
d = torch.as_tensor(a)
a[0] = -5
print(c[0].item(), d[0].item(), b[0].item())
q = torch.zeros(2, 2)
r = q
s = q.clone()
r += 1
print(q, s, r is q)
m = torch.arange(6).view(2, 3)
k = m.T
k[0, 1] = 60
print(m)
print(m.is_contiguous(), k.is_contiguous(), k.stride())
print(np.shares_memory(n, t.numpy()), np.shares_memory(a, b.numpy()), np.may_share_memory(a, c.numpy()))
k.view(6)
