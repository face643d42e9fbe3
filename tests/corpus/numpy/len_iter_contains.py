# len(), iteration (rows are views) and `in` on arrays and NumPy scalars
import numpy as np

a = np.arange(6).reshape(2, 3)
print(len(a), len(a[0]), len(np.zeros((0, 4))))
rows = []
for row in a:
    print(row, row.shape, row.base is a.base, np.shares_memory(row, a))
    rows = rows + [row]
rows[1][0] = 30
print(a)
for x in a[0]:
    print(repr(x), type(x))
for x in np.array([1.5, 2.5], dtype=np.float32):
    print(repr(x))
print(list(np.arange(3)), [repr(v) for v in np.arange(2, dtype=np.uint8)], tuple(np.array([True, False])))
print(3 in a, 30 in a, 99 in a, 2.0 in a, [0, 1, 2] in a, True in np.array([False, True]))
print(1 in np.arange(3)[1:], 0 in np.zeros((0, 2)))
for i, r in enumerate(a.T):
    print(i, r, r.strides)
print(sum(np.arange(4)), repr(sum(np.arange(4))), max(np.arange(5)), repr(min(np.array([3.5, 1.5]))))
s = np.float32(1.5)
try:
    len(s)
    print("len(s) -> no error")
except Exception as ex:
    print("len(s) ->", type(ex).__name__ + ":", ex)
try:
    list(s)
    print("list(s) -> no error")
except Exception as ex:
    print("list(s) ->", type(ex).__name__ + ":", ex)
try:
    len(np.array(2))
    print("len(np.array(2)) -> no error")
except Exception as ex:
    print("len(np.array(2)) ->", type(ex).__name__ + ":", ex)
try:
    list(np.array(2))
    print("list(np.array(2)) -> no error")
except Exception as ex:
    print("list(np.array(2)) ->", type(ex).__name__ + ":", ex)
try:
    [v for v in np.array(3)]
    print("[v for v in np.array(3)] -> no error")
except Exception as ex:
    print("[v for v in np.array(3)] ->", type(ex).__name__ + ":", ex)
for v in np.float64(2.0):
    print(v)
