# squeeze: size-1 dims removed, a view; as a method and as np.squeeze
import numpy as np

a = np.arange(6).reshape(1, 2, 1, 3)
s = a.squeeze()
print(s.shape, s.strides, s.base is a.base, np.shares_memory(s, a))
print(a.squeeze(0).shape, a.squeeze(axis=2).shape, a.squeeze((0, 2)).shape, a.squeeze(-2).shape)
b = np.arange(3)
print(b.squeeze() is b, b.squeeze().base is b)
c = np.zeros((1, 1))
print(c.squeeze().shape, c.squeeze().ndim, type(c.squeeze()))
print(np.squeeze(a).shape, np.squeeze(a, axis=0).shape, np.squeeze([[[1], [2]]]).shape)
s[0, 0] = 50
print(a)
try:
    a.squeeze(1)
    print("a.squeeze(1) -> no error")
except Exception as ex:
    print("a.squeeze(1) ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze(4)
    print("a.squeeze(4) -> no error")
except Exception as ex:
    print("a.squeeze(4) ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze((0, 0))
    print("a.squeeze((0, 0)) -> no error")
except Exception as ex:
    print("a.squeeze((0, 0)) ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze(axis=(0, 1))
    print("a.squeeze(axis=(0, 1)) -> no error")
except Exception as ex:
    print("a.squeeze(axis=(0, 1)) ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze('x')
    print("a.squeeze('x') -> no error")
except Exception as ex:
    print("a.squeeze('x') ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze(1.0)
    print("a.squeeze(1.0) -> no error")
except Exception as ex:
    print("a.squeeze(1.0) ->", type(ex).__name__ + ":", ex)
try:
    a.squeeze(foo=1)
    print("a.squeeze(foo=1) -> no error")
except Exception as ex:
    print("a.squeeze(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.squeeze(a, 3)
    print("np.squeeze(a, 3) -> no error")
except Exception as ex:
    print("np.squeeze(a, 3) ->", type(ex).__name__ + ":", ex)
np.zeros((2, 2)).squeeze(0)
