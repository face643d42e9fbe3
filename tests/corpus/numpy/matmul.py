# np.matmul and @ on arrays: results in new memory
import numpy as np

a = np.arange(6).reshape(2, 3)
b = np.arange(6).reshape(3, 2)
print(np.matmul(a, b), a @ b, np.matmul(a, a.T), np.matmul(a.T, a).strides)
print(repr(np.matmul([1, 2], [3, 4])), repr(np.arange(3) @ np.arange(3)), np.matmul(a, np.arange(3)), np.matmul(np.arange(2), a))
f = np.arange(4, dtype=np.float32).reshape(2, 2)
print(np.matmul(f, f), (f @ f).dtype, np.matmul(f, np.eye(2)).dtype, (f @ f.astype(np.float16)).dtype)
c = np.arange(12).reshape(2, 2, 3)
print(np.matmul(c, b).shape, (c @ np.arange(3)).shape)
r = a @ b
print(np.shares_memory(r, a), r.flags['OWNDATA'], r.base is None)
try:
    np.matmul(a, a)
    print("np.matmul(a, a) -> no error")
except Exception as ex:
    print("np.matmul(a, a) ->", type(ex).__name__ + ":", ex)
try:
    np.matmul(a, 3)
    print("np.matmul(a, 3) -> no error")
except Exception as ex:
    print("np.matmul(a, 3) ->", type(ex).__name__ + ":", ex)
try:
    a @ a
    print("a @ a -> no error")
except Exception as ex:
    print("a @ a ->", type(ex).__name__ + ":", ex)
try:
    np.matmul(a)
    print("np.matmul(a) -> no error")
except Exception as ex:
    print("np.matmul(a) ->", type(ex).__name__ + ":", ex)
try:
    np.matmul(a, b, out=np.zeros((2, 2))) if False else np.matmul(np.zeros((2, 3, 4)), np.zeros((3, 4, 2)))
    print("np.matmul(a, b, out=np.zeros((2, 2))) if False else np.matmul(np.zeros((2, 3, 4)), np.zeros((3, 4, 2))) -> no error")
except Exception as ex:
    print("np.matmul(a, b, out=np.zeros((2, 2))) if False else np.matmul(np.zeros((2, 3, 4)), np.zeros((3, 4, 2))) ->", type(ex).__name__ + ":", ex)
np.matmul(np.arange(3), np.arange(4))
