# every spelling of a dtype argument NumPy accepts, through the functions that take one
import numpy as np

for spec in [np.float32, np.dtype('float32'), 'float32', 'f4', '<f4', 'f', 'single', float, int, bool, 'd', 'double', 'int', 'float',
             'i8', 'l', 'int64', 'i4', 'intc', 'i2', 'h', 'short', 'int16', 'i1', 'b', 'byte', 'u1', 'B', 'ubyte', 'uint8', '?', 'b1',
             'bool', 'bool_', 'e', 'f2', 'half', 'float16', np.int_, np.float_, np.bool_, np.uint8, np.int8]:
    print(repr(spec), np.zeros(1, dtype=spec).dtype, np.arange(2, dtype=spec).dtype, np.array([1], spec).dtype, np.dtype(spec))
a = np.arange(3)
print(a.astype('f2').dtype, a.view('u1').shape, a.sum(dtype='f4').dtype, np.ones(2, 'i1').dtype, np.full(2, 1, '?').dtype)
print(np.eye(2, dtype='u1').dtype, np.linspace(0, 1, 2, dtype='f4').dtype, np.zeros_like(a, 'f8').dtype, np.asarray(a, 'i4').dtype)
print(np.dtype(None), np.zeros(2, dtype=None).dtype, a.astype(None).dtype)
for bad in ['nosuch', 'f3', 'float31', 'int9', 'i3']:
    try:
        np.zeros(1, dtype=bad)
    except TypeError as e:
        print(e)
try:
    np.zeros(1, dtype=3)
    print("np.zeros(1, dtype=3) -> no error")
except Exception as ex:
    print("np.zeros(1, dtype=3) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(1, dtype=3.5)
    print("np.zeros(1, dtype=3.5) -> no error")
except Exception as ex:
    print("np.zeros(1, dtype=3.5) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(1, dtype=np.zeros(2))
    print("np.zeros(1, dtype=np.zeros(2)) -> no error")
except Exception as ex:
    print("np.zeros(1, dtype=np.zeros(2)) ->", type(ex).__name__ + ":", ex)
try:
    a.astype(7)
    print("a.astype(7) -> no error")
except Exception as ex:
    print("a.astype(7) ->", type(ex).__name__ + ":", ex)
np.dtype('x4')
