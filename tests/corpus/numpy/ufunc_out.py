# np.add / subtract / multiply / divide and friends: new arrays, or written into out= (which is returned)
import numpy as np

a = np.arange(6).reshape(2, 3)
print(np.add(a, 1), np.subtract(a, a), np.multiply(a, 2.5), np.divide(a, 2), np.true_divide(a, 4))
print(np.floor_divide(a, 4), np.power(a, 2), np.remainder(a, 4), np.mod(a, 4))
print(repr(np.add(1, 2)), repr(np.add(1.5, 2)), repr(np.multiply(True, 3)), repr(np.divide(1, 4)), repr(np.add(np.float32(1), 1)))
print(np.add([1, 2], [3, 4]), np.add(a, [10, 20, 30]), np.add(np.int8(100), np.int8(100)) if False else np.add(np.zeros(2, np.int8), 100).dtype)
o = np.zeros((2, 3))
r = np.add(a, 1, out=o)
print(r is o, o)
r = np.multiply(a, a, o)
print(r is o, o)
r = np.subtract(a, 1, out=(o,))
print(r is o, o)
v = o[:, 1]
np.add(v, 100, out=v)
print(o)
np.add(a, 1, out=a)
print(a)
a2 = np.multiply(a, 2, out=None)
print(a2, np.shares_memory(a2, a))
i8 = np.zeros((2, 3), dtype=np.int8)
print(np.add(a, 1, out=i8), i8.dtype)
d = np.zeros(3)
np.divide(np.arange(3), 2, out=d)
print(d)
np.add(a[0], a[1], out=a[1])
print(a)
t = a.T
np.multiply(t, -1, out=t)
print(a)
try:
    np.add(a, 1, out=np.zeros(3))
    print("np.add(a, 1, out=np.zeros(3)) -> no error")
except Exception as ex:
    print("np.add(a, 1, out=np.zeros(3)) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1.5, out=a)
    print("np.add(a, 1.5, out=a) -> no error")
except Exception as ex:
    print("np.add(a, 1.5, out=a) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a)
    print("np.add(a) -> no error")
except Exception as ex:
    print("np.add(a) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1, a, a)
    print("np.add(a, 1, a, a) -> no error")
except Exception as ex:
    print("np.add(a, 1, a, a) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1, a, out=a)
    print("np.add(a, 1, a, out=a) -> no error")
except Exception as ex:
    print("np.add(a, 1, a, out=a) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1, foo=1)
    print("np.add(a, 1, foo=1) -> no error")
except Exception as ex:
    print("np.add(a, 1, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1, out=[1, 2])
    print("np.add(a, 1, out=[1, 2]) -> no error")
except Exception as ex:
    print("np.add(a, 1, out=[1, 2]) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, 1, out=(o, o))
    print("np.add(a, 1, out=(o, o)) -> no error")
except Exception as ex:
    print("np.add(a, 1, out=(o, o)) ->", type(ex).__name__ + ":", ex)
try:
    np.divide(a, 2, out=a)
    print("np.divide(a, 2, out=a) -> no error")
except Exception as ex:
    print("np.divide(a, 2, out=a) ->", type(ex).__name__ + ":", ex)
try:
    np.add(a, np.zeros(4))
    print("np.add(a, np.zeros(4)) -> no error")
except Exception as ex:
    print("np.add(a, np.zeros(4)) ->", type(ex).__name__ + ":", ex)
r = np.zeros(3)
r.flags.writeable = False
try:
    np.add(r, 1, out=r)
    print("np.add(r, 1, out=r) -> no error")
except Exception as ex:
    print("np.add(r, 1, out=r) ->", type(ex).__name__ + ":", ex)
np.subtract(a, 0.5, out=a)
