# np.dtype: the class, its instances, comparisons and attributes
import numpy as np

print(np.dtype)
d = np.dtype('float32')
print(d, repr(d), type(d))
print(d.name, d.itemsize, d.kind, d.type, d.char, d.str)
print(d == np.float32, d == 'float32', d == 'f4', d == np.dtype('f4'), d == np.float64)
print(d != np.float64)
print(np.dtype('f4') is np.dtype('float32'))
print(isinstance(d, np.dtype))
for spec in ['float16', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'bool', 'f8', 'i4', 'i8', 'u1', '?', 'b1']:
    x = np.dtype(spec)
    print(spec, x, repr(x), x.itemsize, x.kind, x.char, x.str)
for t in [np.float32, np.int64, np.bool_, float, int, bool, np.float_, np.int_]:
    print(np.dtype(t))
a = np.arange(3, dtype=np.dtype('int16'))
print(a.dtype, a.dtype is np.dtype('int16'), a.dtype == np.int16)
print(np.dtype(a.dtype) is a.dtype)
print(str(a.dtype), f"{a.dtype}")
print(np.zeros(2, dtype='float32').dtype, np.zeros(2, dtype='i2').dtype)
try:
    np.dtype('nosuch')
except TypeError as e:
    print("TypeError:", e)
try:
    np.zeros(3, dtype='nosuch')
except TypeError as e:
    print("TypeError:", e)
try:
    np.dtype(3)
except TypeError as e:
    print("TypeError:", e)
np.dtype(3.5)
