# np.ascontiguousarray: the array itself when already C-contiguous, else a C-contiguous copy
import numpy as np

a = np.arange(6).reshape(2, 3)
c = np.ascontiguousarray(a)
print(c is a)
t = np.ascontiguousarray(a.T)
print(t.strides, t.flags['C_CONTIGUOUS'], np.shares_memory(t, a), t.base is None)
s = np.ascontiguousarray(a[:, 1])
print(s, s.strides, np.shares_memory(s, a))
r = np.ascontiguousarray(a[1])
print(r.base is a.base, np.shares_memory(r, a), r is a[1])
z = np.array(5.0)
zc = np.ascontiguousarray(z)
print(zc, zc.shape, zc.base is z, np.shares_memory(zc, z))
print(np.ascontiguousarray(5), np.ascontiguousarray([1, 2], dtype=np.float32), np.ascontiguousarray(np.float32(2.5)))
print(np.ascontiguousarray(a, dtype=np.int64) is a, np.ascontiguousarray(a, dtype=np.float32).dtype)
d = np.ascontiguousarray(a.T, dtype=np.float32)
print(d.strides, d.dtype)
e = np.zeros((0, 3))
print(np.ascontiguousarray(e) is e, np.ascontiguousarray(e.T).shape)
t[0, 0] = 100
c[0, 0] = -1
print(a)
try:
    np.ascontiguousarray()
    print("np.ascontiguousarray() -> no error")
except Exception as ex:
    print("np.ascontiguousarray() ->", type(ex).__name__ + ":", ex)
try:
    np.ascontiguousarray(a, dtype='x')
    print("np.ascontiguousarray(a, dtype='x') -> no error")
except Exception as ex:
    print("np.ascontiguousarray(a, dtype='x') ->", type(ex).__name__ + ":", ex)
np.ascontiguousarray(a, order='F')
