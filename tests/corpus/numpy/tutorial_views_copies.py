# A typical "views versus copies" tutorial, checked line by line
import numpy as np

x = np.arange(10)
print("x:", x)
y = x[1:3]
print("slice is a view:", y.base is x, np.shares_memory(x, y))
x[1:3] = [10, 11]
print("after writing x:", y)
z = x[[1, 2]]
print("fancy index is a copy:", z.base is None, np.shares_memory(x, z))
x[1:3] = [-1, -2]
print("z unchanged:", z)
m = np.arange(9).reshape(3, 3)
print("reshape is a view:", m.base is x.base if False else m.base is not None, np.shares_memory(m, np.arange(9)))
col = m[:, 0]
print("column strides:", col.strides, "contiguous:", col.flags['C_CONTIGUOUS'])
col_copy = col.copy()
print("copy strides:", col_copy.strides, "contiguous:", col_copy.flags['C_CONTIGUOUS'])
flat_view = m.ravel()
flat_copy = m.flatten()
m[0, 0] = 100
print("ravel sees it:", flat_view[0], "flatten does not:", flat_copy[0])
mt = m.T
print("transpose is a view:", np.shares_memory(m, mt), mt.flags['F_CONTIGUOUS'])
mt_flat = mt.ravel()
print("ravel of the transpose copies:", np.shares_memory(mt_flat, m))
a = np.ones(4, dtype=np.float32)
b = a.astype(np.float32)
c = a.astype(np.float32, copy=False)
print("astype copies by default:", np.shares_memory(a, b), "copy=False does not:", c is a)
d = np.asarray(a)
e = np.array(a)
print("asarray:", d is a, "array:", e is a, np.shares_memory(a, e))
v = a.view(np.int32)
print("view as int32:", v[0])
a[0] = 2
print("after a[0] = 2:", v[0], f"{v[0]:x}")
s = np.arange(6).reshape(2, 3)
s2 = s[:, 1:]
s2 *= 10
print(s)
print(s.sum(), s.sum(axis=0), s.mean(axis=1), s.max(), s.min(axis=1))
print(np.may_share_memory(s[0], s[1]), np.shares_memory(s[0], s[1]))
w = s[::2, ::2]
w.flags.writeable = False
try:
    w[0, 0] = 5
except ValueError as err:
    print("read-only:", err)
s[0, 0] = 5
print("the base is still writeable:", s[0, 0], w[0, 0])
w[0, 0] = 6
