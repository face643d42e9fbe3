# ndarray attributes: shape, strides, itemsize, nbytes, size, ndim, dtype, for every dtype
import numpy as np

for dt in [np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8, np.bool_]:
    a = np.zeros((2, 3), dtype=dt)
    print(a.dtype, a.shape, a.strides, a.itemsize, a.nbytes, a.size, a.ndim)

b = np.arange(24).reshape(2, 3, 4)
print(b.shape, b.strides, b.size, b.ndim, b.nbytes)
c = b[:, ::2, 1:]
print(c.shape, c.strides, c.size, c.ndim, c.nbytes, c.itemsize)
d = b[..., ::-1]
print(d.shape, d.strides)
e = np.array(7.5)
print(e.shape, e.strides, e.size, e.ndim, e.nbytes, e.dtype)
f = np.zeros((0, 3))
print(f.shape, f.strides, f.size, f.ndim, f.nbytes)
print(type(b.shape), type(b.strides), type(b.size), type(b.ndim))
print(len(b), len(b[0]))
try:
    len(e)
except TypeError as ex:
    print("TypeError:", ex)
try:
    b.size = 3
except AttributeError as ex:
    print("AttributeError:", ex)
b.nosuch
