# np.concatenate and np.stack: always new memory
import numpy as np

a = np.arange(6).reshape(2, 3)
b = np.arange(6, 12).reshape(2, 3)
c = np.concatenate([a, b])
print(c, c.shape, np.shares_memory(c, a), c.base is None, c.flags['OWNDATA'])
print(np.concatenate((a, b), axis=1), np.concatenate([a, b], axis=-1).shape, np.concatenate([a, b], axis=None))
print(np.concatenate([a, b.T.T]), np.concatenate([a.T, b.T]).strides, np.concatenate([[1, 2], [3]]), np.concatenate([[1], [2.5]]))
print(np.concatenate([a, a[:1]]).shape, np.concatenate(a), np.concatenate([a[0], np.array([True])]).dtype)
print(np.concatenate([np.zeros(2, np.int8), np.zeros(2, np.float32)]).dtype, np.concatenate([np.zeros(2, np.uint8), np.zeros(2, np.int8)]).dtype)
s = np.stack([a, b])
print(s.shape, s.strides, np.shares_memory(s, a))
print(np.stack([a, b], axis=1).shape, np.stack([a, b], axis=-1).shape, np.stack([a, b], 2)[1, 2], np.stack((np.arange(2), np.arange(2.0))))
print(np.stack([a[0], a[1], b[0]]), np.stack([np.array(1), np.array(2)]), np.stack([[1, 2], [3, 4]], axis=1))
c[0, 0] = 99
s[1, 1, 1] = 77
print(a, b)
try:
    np.concatenate([a, a[0]])
    print("np.concatenate([a, a[0]]) -> no error")
except Exception as ex:
    print("np.concatenate([a, a[0]]) ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate([])
    print("np.concatenate([]) -> no error")
except Exception as ex:
    print("np.concatenate([]) ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate([a, a], axis=2)
    print("np.concatenate([a, a], axis=2) -> no error")
except Exception as ex:
    print("np.concatenate([a, a], axis=2) ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate([a, np.zeros((2, 4))])
    print("np.concatenate([a, np.zeros((2, 4))]) -> no error")
except Exception as ex:
    print("np.concatenate([a, np.zeros((2, 4))]) ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate()
    print("np.concatenate() -> no error")
except Exception as ex:
    print("np.concatenate() ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate([a], foo=1)
    print("np.concatenate([a], foo=1) -> no error")
except Exception as ex:
    print("np.concatenate([a], foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.stack([a, a[0]])
    print("np.stack([a, a[0]]) -> no error")
except Exception as ex:
    print("np.stack([a, a[0]]) ->", type(ex).__name__ + ":", ex)
try:
    np.stack([])
    print("np.stack([]) -> no error")
except Exception as ex:
    print("np.stack([]) ->", type(ex).__name__ + ":", ex)
try:
    np.stack([a, a], axis=3)
    print("np.stack([a, a], axis=3) -> no error")
except Exception as ex:
    print("np.stack([a, a], axis=3) ->", type(ex).__name__ + ":", ex)
try:
    np.concatenate([np.array(1), np.array(2)])
    print("np.concatenate([np.array(1), np.array(2)]) -> no error")
except Exception as ex:
    print("np.concatenate([np.array(1), np.array(2)]) ->", type(ex).__name__ + ":", ex)
np.stack([a, np.zeros((3, 2))])
