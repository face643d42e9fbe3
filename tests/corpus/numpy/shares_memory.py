# np.shares_memory (exact) and np.may_share_memory (bounds only)
import numpy as np

a = np.arange(12).reshape(3, 4)
print(np.shares_memory(a, a), np.shares_memory(a, a[1]), np.shares_memory(a[0], a[1]), np.may_share_memory(a[0], a[1]))
print(np.shares_memory(a[:, 0], a[:, 1]), np.may_share_memory(a[:, 0], a[:, 1]))
print(np.shares_memory(a[:, ::2], a[:, 1::2]), np.may_share_memory(a[:, ::2], a[:, 1::2]))
print(np.shares_memory(a.T, a), np.shares_memory(a.ravel(), a), np.shares_memory(a.copy(), a), np.may_share_memory(a.copy(), a))
print(np.shares_memory(a, a.view(np.int32)), np.shares_memory(a[0].view(np.int8)[3:5], a[0, 0]))
print(np.shares_memory(a, [1, 2]), np.shares_memory(a, 3), np.may_share_memory(a, a[2:]))
b = a[::2]
c = a[1::2]
print(np.shares_memory(b, c), np.may_share_memory(b, c))
print(np.shares_memory(a[1:3], a[2:]), np.shares_memory(a[::-1], a[0]))
print(np.shares_memory(a, a, max_work=None), np.may_share_memory(a[0], a[1], max_work=100), np.shares_memory(a[0], a[1], max_work=1000))
print(np.shares_memory(np.zeros(0), np.zeros(0)), np.shares_memory(a[:0], a))
print(np.may_share_memory(a[0], a[1], max_work=0))
try:
    np.shares_memory(a, a, max_work=0)
    print("np.shares_memory(a, a, max_work=0) -> no error")
except Exception as ex:
    print("np.shares_memory(a, a, max_work=0) ->", type(ex).__name__ + ":", ex)
try:
    np.shares_memory(a)
    print("np.shares_memory(a) -> no error")
except Exception as ex:
    print("np.shares_memory(a) ->", type(ex).__name__ + ":", ex)
try:
    np.may_share_memory()
    print("np.may_share_memory() -> no error")
except Exception as ex:
    print("np.may_share_memory() ->", type(ex).__name__ + ":", ex)
try:
    np.shares_memory(a, a[1:], max_work=0)
except np.TooHardError as e:
    print("TooHardError caught:", e)
np.shares_memory(a[0], a[0], max_work=0)
