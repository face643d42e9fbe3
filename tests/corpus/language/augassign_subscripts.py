import torch
import numpy as np

lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 5
print(lst)
d = {"a": 1, "b": [1]}
d["a"] += 1
d["b"] += [2]
print(d)
t = torch.zeros(2, 3)
v0 = t._version
t[0] += 5
print(t)
print(t._version - v0)
t[:, 1] += torch.tensor([1.0, 2.0])
print(t)
t[1, 2] -= 4
print(t)
t[t > 3] *= 10
print(t)
a = np.arange(6).reshape(2, 3)
a[1] += 100
a[:, 0] -= 1
a[0, 1:] *= 3
print(a)
a[[0, 1], [2, 2]] += 7
print(a)
nested = [[1, 2], [3, 4]]
nested[1][0] += 30
print(nested)
