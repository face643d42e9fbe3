# .T, transpose() with and without axes, swapaxes, np.transpose: all views
import numpy as np

a = np.arange(24).reshape(2, 3, 4)
print(a.T.shape, a.T.strides, a.T.base is a.base, a.T.flags['F_CONTIGUOUS'])
print(a.transpose().shape, a.transpose(1, 0, 2).shape, a.transpose((2, 0, 1)).strides, a.transpose([0, 2, 1]).shape)
print(a.transpose(-1, 0, 1).shape, a.transpose(None).shape)
print(a.swapaxes(0, 2).shape, a.swapaxes(0, 2).strides, a.swapaxes(-1, 1).shape)
print(np.transpose(a).shape, np.transpose(a, (1, 2, 0)).shape, np.transpose([[1, 2, 3]]))
m = np.arange(6).reshape(2, 3)
mt = m.T
mt[0, 1] = 100
print(m)
print(np.shares_memory(m, mt), mt.base is m.base)
v = np.arange(3)
print(v.T.shape, v.T.base is v, v.transpose() is v)
s = np.array(1.5)
print(s.T.shape, s.T is s)
print(m.T.T.base is m.base, m.T.T.strides)
try:
    a.transpose(0, 1)
    print("a.transpose(0, 1) -> no error")
except Exception as ex:
    print("a.transpose(0, 1) ->", type(ex).__name__ + ":", ex)
try:
    a.transpose(0, 1, 1)
    print("a.transpose(0, 1, 1) -> no error")
except Exception as ex:
    print("a.transpose(0, 1, 1) ->", type(ex).__name__ + ":", ex)
try:
    a.transpose(0, 1, 3)
    print("a.transpose(0, 1, 3) -> no error")
except Exception as ex:
    print("a.transpose(0, 1, 3) ->", type(ex).__name__ + ":", ex)
try:
    a.transpose(0, 1, 'x')
    print("a.transpose(0, 1, 'x') -> no error")
except Exception as ex:
    print("a.transpose(0, 1, 'x') ->", type(ex).__name__ + ":", ex)
try:
    a.transpose(axes=(0, 1, 2))
    print("a.transpose(axes=(0, 1, 2)) -> no error")
except Exception as ex:
    print("a.transpose(axes=(0, 1, 2)) ->", type(ex).__name__ + ":", ex)
try:
    a.swapaxes(0, 3)
    print("a.swapaxes(0, 3) -> no error")
except Exception as ex:
    print("a.swapaxes(0, 3) ->", type(ex).__name__ + ":", ex)
try:
    a.swapaxes(0)
    print("a.swapaxes(0) -> no error")
except Exception as ex:
    print("a.swapaxes(0) ->", type(ex).__name__ + ":", ex)
try:
    np.transpose(a, (0, 1))
    print("np.transpose(a, (0, 1)) -> no error")
except Exception as ex:
    print("np.transpose(a, (0, 1)) ->", type(ex).__name__ + ":", ex)
try:
    np.transpose(m, 1)
    print("np.transpose(m, 1) -> no error")
except Exception as ex:
    print("np.transpose(m, 1) ->", type(ex).__name__ + ":", ex)
try:
    a.transpose(0, 1, -4)
    print("a.transpose(0, 1, -4) -> no error")
except Exception as ex:
    print("a.transpose(0, 1, -4) ->", type(ex).__name__ + ":", ex)
m.transpose(1, 1)
