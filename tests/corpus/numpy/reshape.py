# ndarray.reshape and np.reshape: views when the strides allow it, copies otherwise
import numpy as np

a = np.arange(12)
b = a.reshape(3, 4)
print(b.shape, b.strides, b.base is a, np.shares_memory(a, b))
c = a.reshape((2, 6))
print(c.shape, c.base is a)
d = a.reshape([4, 3])
print(d.shape)
e = a.reshape(-1, 2)
print(e.shape, e.strides)
f = a.reshape(2, -1, 3)
print(f.shape, f.strides)
g = b.T.reshape(12)
print(g, g.base is None, np.shares_memory(g, a), g.base.shape if g.base is not None else None)
h = b.T.reshape(4, 3)
print(h.flags['C_CONTIGUOUS'], np.shares_memory(h, a))
i = b[:, :2].reshape(6)
print(i, np.shares_memory(i, a))
j = b[:, 1].reshape(3, 1)
print(j.shape, j.strides, np.shares_memory(j, a))
k = b.reshape(3, 4, order='F')
print(k, k.strides, np.shares_memory(k, a))
l = b.reshape(12, order='F')
print(l, np.shares_memory(l, a))
m = b.T.reshape(12, order='F')
print(m, np.shares_memory(m, a), m.base is a)
n = b.reshape(12, order='A')
print(n.base is a)
z = np.array(5.0).reshape(1, 1)
print(z.shape, z.strides)
print(np.zeros((2, 0)).reshape(0, 5).shape, np.zeros(0).reshape(3, 0, 2).shape)
print(a.reshape(np.int64(4), 3).shape)
print(np.reshape(a, (3, 4)).shape, np.reshape(a, 12).shape, np.reshape(b, -1).base is a)
print(np.reshape(b, (4, 3), order='F'))
print(np.reshape([1, 2, 3, 4], (2, 2)))
b[0, 0] = 100
print(a[0], c[0, 0], e[0, 0])
try:
    a.reshape(5, 2)
    print("a.reshape(5, 2) -> no error")
except Exception as ex:
    print("a.reshape(5, 2) ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(-1, -1)
    print("a.reshape(-1, -1) -> no error")
except Exception as ex:
    print("a.reshape(-1, -1) ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(2, 'x')
    print("a.reshape(2, 'x') -> no error")
except Exception as ex:
    print("a.reshape(2, 'x') ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(2.0, 6)
    print("a.reshape(2.0, 6) -> no error")
except Exception as ex:
    print("a.reshape(2.0, 6) ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(12, order='K')
    print("a.reshape(12, order='K') -> no error")
except Exception as ex:
    print("a.reshape(12, order='K') ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(12, order='Q')
    print("a.reshape(12, order='Q') -> no error")
except Exception as ex:
    print("a.reshape(12, order='Q') ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(12, order=1)
    print("a.reshape(12, order=1) -> no error")
except Exception as ex:
    print("a.reshape(12, order=1) ->", type(ex).__name__ + ":", ex)
try:
    a.reshape()
    print("a.reshape() -> no error")
except Exception as ex:
    print("a.reshape() ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(12, foo=1)
    print("a.reshape(12, foo=1) -> no error")
except Exception as ex:
    print("a.reshape(12, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.reshape(a, 5)
    print("np.reshape(a, 5) -> no error")
except Exception as ex:
    print("np.reshape(a, 5) ->", type(ex).__name__ + ":", ex)
try:
    np.reshape(a, (3, 4), 'K')
    print("np.reshape(a, (3, 4), 'K') -> no error")
except Exception as ex:
    print("np.reshape(a, (3, 4), 'K') ->", type(ex).__name__ + ":", ex)
try:
    a.reshape(True)
    print("a.reshape(True) -> no error")
except Exception as ex:
    print("a.reshape(True) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(0).reshape(-1, 0)
    print("np.zeros(0).reshape(-1, 0) -> no error")
except Exception as ex:
    print("np.zeros(0).reshape(-1, 0) ->", type(ex).__name__ + ":", ex)
a.reshape(7)
