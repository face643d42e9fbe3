import torch
import numpy as np

a = 1
b = c = 2
print(a, b, c)
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
[p, q] = [4, 5]
print(p, q)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = (1, 2, 3)
print(init, last)
head, *middle, tail = range(5)
print(head, middle, tail)
s1, s2 = "ab"
print(s1, s2)
t = torch.arange(4).reshape(2, 2)
r0, r1 = t
print(r0, r1)
r0[0] = 100
print(t)
u, v = np.arange(6).reshape(2, 3)
v[1] = -1
print(u, v)
i, j = t.shape
print(i, j)
m, n = 1.5, "text"
print(m, n)
lst = [0, 0, 0]
lst[0], lst[2] = 7, 9
print(lst)
d = {}
d["k"] = d["j"] = 3
print(d)
e, = [42]
print(e)
