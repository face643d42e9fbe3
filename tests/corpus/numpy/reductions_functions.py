# np.sum / np.mean / np.max / np.min / np.amax / np.amin on arrays, lists and scalars
import numpy as np

a = np.arange(6).reshape(2, 3)
print(repr(np.sum(a)), np.sum(a, 0), np.sum(a, axis=1, keepdims=True), np.sum(a, dtype=np.float32).dtype)
print(repr(np.mean(a)), np.mean(a, axis=0), np.mean(a, 1, np.float32))
print(repr(np.max(a)), np.max(a, 0), np.max(a, axis=1, keepdims=True), repr(np.amax(a)), np.amax(a, 1))
print(repr(np.min(a)), np.min(a, axis=-1), repr(np.amin(a)), np.amin(a, 0, keepdims=True))
print(repr(np.sum([1, 2, 3])), repr(np.sum([1.5, 2])), repr(np.max([[1, 5], [3, 2]])), np.min([[1, 5], [3, 2]], axis=0))
print(repr(np.sum(3)), repr(np.mean(4)), repr(np.max(2.5)), repr(np.sum(True)))
print(repr(np.sum(np.float32(2.5))), repr(np.mean(np.int8(3))))
print(repr(np.sum(a, axis=None)), np.sum(a, (0, 1)))
print(type(np.sum(a)), type(np.sum(a, 0)))
try:
    np.sum(a, 2)
    print("np.sum(a, 2) -> no error")
except Exception as ex:
    print("np.sum(a, 2) ->", type(ex).__name__ + ":", ex)
try:
    np.max([])
    print("np.max([]) -> no error")
except Exception as ex:
    print("np.max([]) ->", type(ex).__name__ + ":", ex)
try:
    np.sum(a, foo=1)
    print("np.sum(a, foo=1) -> no error")
except Exception as ex:
    print("np.sum(a, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.mean(a, axis='x')
    print("np.mean(a, axis='x') -> no error")
except Exception as ex:
    print("np.mean(a, axis='x') ->", type(ex).__name__ + ":", ex)
try:
    np.sum()
    print("np.sum() -> no error")
except Exception as ex:
    print("np.sum() ->", type(ex).__name__ + ":", ex)
try:
    np.amin(a, 3)
    print("np.amin(a, 3) -> no error")
except Exception as ex:
    print("np.amin(a, 3) ->", type(ex).__name__ + ":", ex)
print(repr(np.mean([])))
np.min(np.zeros((2, 0)), axis=1)
