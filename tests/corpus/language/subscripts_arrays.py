import numpy as np

a = np.arange(24).reshape(2, 3, 4)
for v in [a[0], a[-1], a[1, 2], a[0, 1:3], a[:, 1], a[..., 0], a[None], a[:, None], a[::2], a[:, :, ::3],
          a[(0, 1)], a[0][1], a[:, 1:, :2], a[1:], a[5:], a[..., ::-1], a[::-1, ::-1]]:
    print(v.shape, v.strides, v.base is a, np.shares_memory(v, a), v.flags["C_CONTIGUOUS"])
print(a[1, 2, 3], type(a[1, 2, 3]), a[1, 2])
print(a[0, :, ::2])
print(a[..., -1])
for v in [a[[0, 1]], a[[1, 0, 1]], a[np.array([1, 0])], a[[0, 1], [2, 0]], a[:, [0, 2]],
          a[0, [True, False, True]], a[a > 20], a[np.array([[0, 1], [1, 0]])]]:
    print(v.shape, v.base is None, np.shares_memory(v, a))
print(a[a % 5 == 0])
print(a[[0, 1], [2, 0]])
print(a[0, [True, False, True]])
b = np.zeros(5)
b[1] = 1
b[-1] = 2.5
b[2:4] = [7, 8]
b[b == 0] = -1
b[[0, 1]] = 9
print(b)
m = np.zeros((3, 3), dtype=np.int64)
m[1] = [1, 2, 3]
m[:, 0] = 5
m[..., -1] = 6
m[0, 1] = 7
print(m)
row = m[2]
row[1] = 100
print(m)
sel = m[[0, 2]]
sel[0, 0] = -100
print(m[0, 0], sel[0, 0])
try:
    a[2]
except IndexError as e:
    print("IndexError:", e)
try:
    a[0, 0, 0, 0]
except IndexError as e:
    print("IndexError:", e)
try:
    a[1.5]
except IndexError as e:
    print("IndexError:", e)
try:
    a[np.array([5])]
except IndexError as e:
    print("IndexError:", e)
try:
    a[[True, False]]
except IndexError as e:
    print("IndexError:", e)
