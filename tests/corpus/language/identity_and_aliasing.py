import torch
import numpy as np

a = 256
b = 256
print(a is b)
c = -5
d = -5
print(c is d)
x = y = []
x.append(1)
print(y, x is y)
grid = [[0] * 2] * 2
grid[0][0] = 5
print(grid)
rows = [[0] * 2 for _ in range(2)]
rows[0][0] = 5
print(rows)
t = torch.zeros(2)
same = t
view = t[:]
t.add_(1)
print(same, view, same is t, view is t)
n = np.zeros(2)
n2 = n
n = n + 1
print(n2, n is n2)
m = np.zeros(2)
m2 = m
m += 1
print(m2, m is m2)
s = "abc"
s2 = s
s += "d"
print(s2, s)
tup = (1, [2])
tup[1].append(3)
print(tup)
d = {"k": [1]}
alias = d["k"]
alias.append(2)
print(d)
print(True is True, None is None, () == ())
e1 = ValueError("x")
e2 = e1
print(e1 is e2)
