# any / all: bool results in new memory, NumPy bool_ scalars for full reductions
import numpy as np

a = np.array([[0, 1], [2, 3]])
print(repr(a.any()), repr(a.all()), a.any(0), a.all(axis=1, keepdims=True), type(a.any()))
print(repr(np.any(a)), repr(np.all([1, 0])), np.any(a, 1), repr(np.all(a, axis=(0, 1))), np.any([[True], [False]], axis=0))
print(repr(np.zeros(0).all()), repr(np.zeros(0).any()), repr(np.array([np.nan]).all()), np.zeros((2, 0)).any(1))
m = np.arange(6).reshape(2, 3)
print(repr((m > 2).any()), repr((m >= 0).all()), (m % 2 == 0).any(axis=0), repr(np.float32(0).any()), repr(np.int8(3).all()))
if (m > 4).any():
    print("some element is above 4")
if not (m > 10).any():
    print("none above 10")
try:
    a.any(axis=3)
    print("a.any(axis=3) -> no error")
except Exception as ex:
    print("a.any(axis=3) ->", type(ex).__name__ + ":", ex)
try:
    a.all(foo=1)
    print("a.all(foo=1) -> no error")
except Exception as ex:
    print("a.all(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.any(None, None, True)
    print("a.any(None, None, True) -> no error")
except Exception as ex:
    print("a.any(None, None, True) ->", type(ex).__name__ + ":", ex)
try:
    np.all(a, 2)
    print("np.all(a, 2) -> no error")
except Exception as ex:
    print("np.all(a, 2) ->", type(ex).__name__ + ":", ex)
a.all(axis=(0, 0))
