# zeros_like / ones_like / full_like: new memory shaped like the prototype, in its memory order
import numpy as np

a = np.arange(6, dtype=np.int16).reshape(2, 3)
z = np.zeros_like(a)
print(z, z.dtype, z.strides, np.shares_memory(z, a), z.base is None)
t = np.ones_like(a.T)
print(t, t.strides, t.flags['F_CONTIGUOUS'])
print(np.zeros_like(a.T, order='C').strides, np.zeros_like(a, order='F').strides, np.zeros_like(a.T, order='A').strides, np.zeros_like(a.T[:, ::2], order='A').strides, np.zeros_like(a.T[::2], order='K').strides)
print(np.zeros_like(a, dtype=np.float32), np.ones_like(a, dtype=bool), np.zeros_like(a, shape=(3,)), np.ones_like(a, shape=(2, 2)).dtype)
s = a[:, ::2]
print(np.zeros_like(s).strides, np.ones_like(a[::-1]).strides, np.zeros_like(a[:, ::-1]).strides)
print(np.zeros_like([1, 2]), np.zeros_like([[1.5]]), repr(np.zeros_like(3)), repr(np.ones_like(2.5)), repr(np.zeros_like(np.float32(2))))
print(np.full_like(a, 9), np.full_like(a, 2.7), np.full_like(a, 2.7, dtype=np.float64), np.full_like(a.T, -1).strides)
try:
    np.zeros_like()
    print("np.zeros_like() -> no error")
except Exception as ex:
    print("np.zeros_like() ->", type(ex).__name__ + ":", ex)
try:
    np.zeros_like(a, dtype='x')
    print("np.zeros_like(a, dtype='x') -> no error")
except Exception as ex:
    print("np.zeros_like(a, dtype='x') ->", type(ex).__name__ + ":", ex)
try:
    np.ones_like(a, order='X')
    print("np.ones_like(a, order='X') -> no error")
except Exception as ex:
    print("np.ones_like(a, order='X') ->", type(ex).__name__ + ":", ex)
try:
    np.full_like(a)
    print("np.full_like(a) -> no error")
except Exception as ex:
    print("np.full_like(a) ->", type(ex).__name__ + ":", ex)
np.zeros_like(a, foo=1)
