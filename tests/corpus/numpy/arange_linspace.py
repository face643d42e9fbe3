# np.arange and np.linspace: new arrays, with NumPy's dtypes and values
import numpy as np

print(np.arange(5), np.arange(2, 7), np.arange(1, 10, 3), np.arange(5, 0, -2), np.arange(0))
print(np.arange(5.0), np.arange(0, 1, 0.25), np.arange(1, 2, 0.3), np.arange(-1.5, 1.5))
print(np.arange(5, dtype=np.float32), np.arange(5, dtype='int8'), np.arange(0, 5, 2, np.float64), np.arange(stop=3), np.arange(start=1, stop=4))
print(np.arange(3).dtype, np.arange(3.0).dtype, np.arange(True, 3).dtype, np.arange(10, 0).shape)
x = np.arange(6)
print(x.strides, x.flags['OWNDATA'], x.base is None)
print(np.linspace(0, 1, 5), np.linspace(0, 1, 4, endpoint=False), np.linspace(2, 3, num=3), np.linspace(0, 10).shape)
print(np.linspace(0, 1, 3, dtype=np.float32), np.linspace(0, 10, 4, dtype=int), np.linspace(5, 5, 1), np.linspace(0, 1, 0))
print(np.linspace(1, 0, 3), np.linspace(-1, 1, 5, endpoint=True))
r, step = np.linspace(0, 1, 5, retstep=True)
print(r, repr(step))
print(np.linspace(0, 1, 3, retstep=True))
try:
    np.arange()
    print("np.arange() -> no error")
except Exception as ex:
    print("np.arange() ->", type(ex).__name__ + ":", ex)
try:
    np.arange(1, 5, 0)
    print("np.arange(1, 5, 0) -> no error")
except Exception as ex:
    print("np.arange(1, 5, 0) ->", type(ex).__name__ + ":", ex)
try:
    np.arange('x')
    print("np.arange('x') -> no error")
except Exception as ex:
    print("np.arange('x') ->", type(ex).__name__ + ":", ex)
try:
    np.arange(1, 2, 3, 4, 5)
    print("np.arange(1, 2, 3, 4, 5) -> no error")
except Exception as ex:
    print("np.arange(1, 2, 3, 4, 5) ->", type(ex).__name__ + ":", ex)
try:
    np.linspace(0, 1, -1)
    print("np.linspace(0, 1, -1) -> no error")
except Exception as ex:
    print("np.linspace(0, 1, -1) ->", type(ex).__name__ + ":", ex)
try:
    np.linspace(0, 1, 2.5)
    print("np.linspace(0, 1, 2.5) -> no error")
except Exception as ex:
    print("np.linspace(0, 1, 2.5) ->", type(ex).__name__ + ":", ex)
try:
    np.linspace(0)
    print("np.linspace(0) -> no error")
except Exception as ex:
    print("np.linspace(0) ->", type(ex).__name__ + ":", ex)
np.arange(3, dtype='nosuch')
