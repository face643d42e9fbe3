# np.copyto: writes into dst's memory, broadcasting src, casting as 'same_kind' allows
import numpy as np

a = np.zeros((2, 3), dtype=np.int64)
v = a[:, 1]
np.copyto(a, [1, 2, 3])
print(a, v)
np.copyto(v, 9)
print(a)
np.copyto(a[0], np.arange(3))
print(a)
np.copyto(a.T, np.arange(6).reshape(3, 2))
print(a)
f = np.zeros(3)
np.copyto(f, np.arange(3))
print(f)
np.copyto(f, 2.5)
print(f)
np.copyto(a, np.ones(3) * 2.7, casting='unsafe')
print(a)
b = np.zeros(2, dtype=bool)
np.copyto(b, True)
print(b)
x = np.arange(5)
np.copyto(x[1:], x[:-1])
print(x)
print(np.copyto(f, 1) is None)
r = np.zeros(2)
r.flags.writeable = False
try:
    np.copyto(r, 1)
    print("np.copyto(r, 1) -> no error")
except Exception as ex:
    print("np.copyto(r, 1) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(a, 1.5)
    print("np.copyto(a, 1.5) -> no error")
except Exception as ex:
    print("np.copyto(a, 1.5) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(a, np.ones(3))
    print("np.copyto(a, np.ones(3)) -> no error")
except Exception as ex:
    print("np.copyto(a, np.ones(3)) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(a, [1, 2])
    print("np.copyto(a, [1, 2]) -> no error")
except Exception as ex:
    print("np.copyto(a, [1, 2]) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto([1], a)
    print("np.copyto([1], a) -> no error")
except Exception as ex:
    print("np.copyto([1], a) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(a)
    print("np.copyto(a) -> no error")
except Exception as ex:
    print("np.copyto(a) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(a, 1, casting='bogus')
    print("np.copyto(a, 1, casting='bogus') -> no error")
except Exception as ex:
    print("np.copyto(a, 1, casting='bogus') ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(np.float64(1.0), 2)
    print("np.copyto(np.float64(1.0), 2) -> no error")
except Exception as ex:
    print("np.copyto(np.float64(1.0), 2) ->", type(ex).__name__ + ":", ex)
np.copyto(a, np.zeros((3, 2)))
