# np.array (copies by default) and np.asarray (shares when it can)
import numpy as np

a = np.arange(6).reshape(2, 3)
b = np.array(a)
print(b is a, b.base is None, np.shares_memory(a, b), b.flags['OWNDATA'])
c = np.array(a, copy=False)
print(c is a)
d = np.array(a, dtype=np.float32)
print(d.dtype, np.shares_memory(a, d))
e = np.array(a, dtype=np.float32, copy=False)
print(e is a, np.shares_memory(a, e))
f = np.array(a.T)
print(f.strides, f.flags['F_CONTIGUOUS'], np.array(a.T, order='C').strides, np.array(a, order='F').strides)
g = np.array(a, ndmin=4)
print(g.shape, g.strides, np.shares_memory(g, a))
h = np.array(a, copy=False, ndmin=3)
print(h.shape, h.base is a, np.shares_memory(h, a))
print(np.array([1, 2, 3]), np.array([1, 2.5]), np.array([True, False]), np.array([[1, 2], [3, 4]], dtype=np.int8))
print(np.array(5), repr(np.array(5.5)), np.array(True).dtype, np.array([]).dtype, np.array([]).shape)
print(repr(np.array([1, 2], dtype='float16')), np.array([1, True]).dtype, np.array([1.0, True]).dtype)
print(repr(np.array(np.float32(2.5))), repr(np.array([np.float32(1), np.float32(2)])), np.array([np.int8(1), 2]).dtype)
print(np.array([a, a]).shape, np.array([a[0], a[1]]))
s = np.asarray(a)
print(s is a)
print(np.asarray(a, dtype=np.int64) is a, np.asarray(a, dtype=np.float64).base is None, np.asarray(a, dtype=a.dtype) is a)
print(np.asarray([1, 2]), np.asarray((1.5, 2)), repr(np.asarray(3)), np.asarray(a.T, order='C').flags['C_CONTIGUOUS'])
print(np.asarray(a, order='F').strides, np.asarray(a.T, order='F') is None, np.asarray(a.T, order='K').base is a.base)
sc = np.float64(1.5)
print(repr(np.asarray(sc)), np.asarray(sc).base is None, np.asarray(sc).flags['WRITEABLE'])
b[0, 0] = 100
s[0, 1] = 200
print(a)
try:
    np.array([1, 2], dtype='x')
    print("np.array([1, 2], dtype='x') -> no error")
except Exception as ex:
    print("np.array([1, 2], dtype='x') ->", type(ex).__name__ + ":", ex)
try:
    np.array()
    print("np.array() -> no error")
except Exception as ex:
    print("np.array() ->", type(ex).__name__ + ":", ex)
try:
    np.array([1, [2, 3]])
    print("np.array([1, [2, 3]]) -> no error")
except Exception as ex:
    print("np.array([1, [2, 3]]) ->", type(ex).__name__ + ":", ex)
try:
    np.array(a, foo=1)
    print("np.array(a, foo=1) -> no error")
except Exception as ex:
    print("np.array(a, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.asarray()
    print("np.asarray() -> no error")
except Exception as ex:
    print("np.asarray() ->", type(ex).__name__ + ":", ex)
try:
    np.array(a, order='Z')
    print("np.array(a, order='Z') -> no error")
except Exception as ex:
    print("np.array(a, order='Z') ->", type(ex).__name__ + ":", ex)
try:
    np.array(a, ndmin=40)
    print("np.array(a, ndmin=40) -> no error")
except Exception as ex:
    print("np.array(a, ndmin=40) ->", type(ex).__name__ + ":", ex)
np.asarray([1, 2], dtype=np.dtype('nosuch'))
