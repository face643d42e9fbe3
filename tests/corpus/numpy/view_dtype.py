# ndarray.view(): a new array object on the same memory, possibly reading the bytes as another dtype
import numpy as np

a = np.arange(6, dtype=np.int32)
v = a.view()
print(v is a, v.base is a, np.shares_memory(v, a), v.flags['OWNDATA'])
w = a.view(np.int16)
print(w.shape, w.strides, w.dtype, w.base is a, w[:4])
x = a.view('uint8')
print(x.shape, x[:8], x.base is a)
y = a.view(np.float32)
print(y.dtype, y.shape, y[1] > 0)
z = a.view(dtype=np.int64)
print(z.shape, z)
m = a.reshape(2, 3)
print(m.view(np.int16).shape, m.view(np.int16).strides, m.view(np.int8).shape)
print(m.view(np.ndarray).shape, m.view(np.ndarray).base is a)
w[0] = 7
print(a[:2])
x[4] = 1
print(a[:2])
b = np.zeros(4, dtype=np.float32)
print(b.view(np.int32), b.view('i4').dtype, b.view(np.uint8).shape)
f = np.array([1.0], dtype=np.float64)
print(f.view(np.int64), f.view(np.uint8))
print(np.array([True, False]).view(np.uint8), np.array([1, 0, 2], dtype=np.uint8).view(np.bool_))
s = np.arange(6, dtype=np.int32).reshape(2, 3)[:, :2]
print(s.view(np.int16).shape)
try:
    a.view(np.float64)
    print("a.view(np.float64) -> no error")
except Exception as ex:
    print("a.view(np.float64) ->", type(ex).__name__ + ":", ex)
try:
    m.T.view(np.int16)
    print("m.T.view(np.int16) -> no error")
except Exception as ex:
    print("m.T.view(np.int16) ->", type(ex).__name__ + ":", ex)
try:
    np.array(1.0).view(np.float32)
    print("np.array(1.0).view(np.float32) -> no error")
except Exception as ex:
    print("np.array(1.0).view(np.float32) ->", type(ex).__name__ + ":", ex)
try:
    a.view('nosuch')
    print("a.view('nosuch') -> no error")
except Exception as ex:
    print("a.view('nosuch') ->", type(ex).__name__ + ":", ex)
try:
    a.view(3)
    print("a.view(3) -> no error")
except Exception as ex:
    print("a.view(3) ->", type(ex).__name__ + ":", ex)
try:
    a.view(foo=1)
    print("a.view(foo=1) -> no error")
except Exception as ex:
    print("a.view(foo=1) ->", type(ex).__name__ + ":", ex)
print(np.array(1.0).view(np.int64))
a.view(np.int8, np.float32)
