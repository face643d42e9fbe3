# .base: which object owns the memory, and how NumPy collapses view chains
import numpy as np

a = np.arange(12)
print(a.base is None, a.flags['OWNDATA'])
b = a[2:8]
print(b.base is a, b.flags['OWNDATA'])
c = b[::2]
print(c.base is a, c.base is b)
d = a.reshape(3, 4)
print(d.base is a)
e = d.T
print(e.base is a)
f = e.copy()
print(f.base is None, f.flags['OWNDATA'])
g = e.reshape(12)
print(g.base is None, g.base is a, np.shares_memory(g, a))
print(type(g.base).__name__ if g.base is not None else None)
h = a.view()
print(h.base is a, h is a, np.shares_memory(h, a))
i = a.ravel()
print(i.base is a, i is a)
j = d.ravel()
print(j.base is a)
k = e.ravel()
print(k.base is None, k.flags['OWNDATA'])
l = a[...]
print(l.base is a, l is a)
m = a[[1, 2, 3]]
print(m.base is None, np.shares_memory(m, a))
n = a[a > 5]
print(n.base is None, np.shares_memory(n, a))
o = np.array(a)
print(o.base is None, o is a)
p = np.asarray(a)
print(p is a)
q = d[1]
print(q.base is a)
r = a.astype(np.float32)
print(r.base is None)
s = a.astype(np.int64, copy=False)
print(s is a)
t = d.squeeze()
print(t is d, t.base is a)
u = np.arange(3).reshape(1, 3, 1).squeeze()
print(u.base is None, u.shape)
del a
print(b.base.shape, b.base.base is None)
