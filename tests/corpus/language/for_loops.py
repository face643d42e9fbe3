import torch
import numpy as np

for i in range(3):
    print(i)
for i in range(1, 10, 3):
    print(i, end=" ")
print()
for i in range(5, 0, -2):
    print(i, end=",")
print()
for i in range(0):
    print("never")
for item in [1, "two", 3.0, None]:
    print(item)
for item in (True, False):
    print(item)
for ch in "abc":
    print(ch)
for key in {"x": 1, "y": 2}:
    print(key)
t = torch.arange(6).reshape(3, 2)
for row in t:
    row[0] = -row[0]
    print(row, row.shape)
print(t)
a = np.arange(6).reshape(2, 3)
for row in a:
    row += 1
    print(row, row.base is a)
print(a)
for x in torch.tensor([1.5, 2.5]):
    print(x, x.dim())
for x in np.array([1, 2]):
    print(x, type(x))
for i, j in [(1, 2), (3, 4)]:
    print(i + j)
for i in range(3):
    for j in range(3):
        if j > i:
            break
        print(i, j)
for i in range(4):
    if i % 2 == 0:
        continue
    print("odd", i)
for i in range(2):
    pass
else:
    print("else after for", i)
for i in range(5):
    if i == 2:
        break
else:
    print("not printed")
print("after", i)
for i, v in enumerate(["a", "b"]):
    print(i, v)
for x, y in zip([1, 2, 3], "ab"):
    print(x, y)
