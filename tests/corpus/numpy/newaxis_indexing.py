# np.newaxis, integer indexing (NumPy scalars), slicing views and their strides
import numpy as np

a = np.arange(12).reshape(3, 4)
print(np.newaxis is None, a[np.newaxis].shape, a[:, np.newaxis].shape, a[..., np.newaxis].strides, a[np.newaxis, :, np.newaxis].shape)
n = a[None, 1]
print(n.shape, n.strides, n.base is a.base, np.shares_memory(n, a))
print(repr(a[1, 2]), type(a[1, 2]), repr(a[-1, -1]), repr(a[0][1]))
r = a[1]
print(r, r.shape, r.strides, r.base is a.base, r.flags['OWNDATA'], r.flags['C_CONTIGUOUS'])
c = a[:, 2]
print(c, c.strides, c.flags['C_CONTIGUOUS'], c.flags['F_CONTIGUOUS'])
s = a[::2, ::-1]
print(s, s.strides, s.base is a.base, s.ctypes.data - a.ctypes.data)
e = a[1:1]
print(e.shape, e.strides, e.size)
z = a[..., 0]
print(z, z.strides)
f = a[[0, 2]]
print(f, f.base is None, np.shares_memory(f, a), f.flags['OWNDATA'])
m = a[a % 2 == 0]
print(m, m.base is None)
v = a[1:, 1:3]
v[...] = 0
print(a)
a[0] = [10, 20, 30, 40]
a[:, 0] = -1
print(a)
x = np.float32(1.0)
z0 = np.array(2.0)
print(repr(z0[()]), repr(z0[...]), z0[None].shape, type(z0[()]))
b = np.arange(5.0)
print(repr(b[2]), repr(b[np.int64(3)]), b[np.array(1)], b[1:4:2])
try:
    a[3]
    print("a[3] -> no error")
except Exception as ex:
    print("a[3] ->", type(ex).__name__ + ":", ex)
try:
    a[0, 4]
    print("a[0, 4] -> no error")
except Exception as ex:
    print("a[0, 4] ->", type(ex).__name__ + ":", ex)
try:
    a[1.5]
    print("a[1.5] -> no error")
except Exception as ex:
    print("a[1.5] ->", type(ex).__name__ + ":", ex)
try:
    a[0, 0, 0]
    print("a[0, 0, 0] -> no error")
except Exception as ex:
    print("a[0, 0, 0] ->", type(ex).__name__ + ":", ex)
try:
    z0[0]
    print("z0[0] -> no error")
except Exception as ex:
    print("z0[0] ->", type(ex).__name__ + ":", ex)
a[:, :, 0]
