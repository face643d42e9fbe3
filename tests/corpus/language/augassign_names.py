import torch
import numpy as np

n = 10
n += 5
print(n)
n -= 3
print(n)
n *= 2
print(n)
n /= 4
print(n)
n //= 2
print(n)
n = 17
n %= 5
print(n)
n **= 3
print(n)
f = 1.5
f += 1
print(f)
f *= 2.5
print(f)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
lst += (4, 5)
print(alias)
lst *= 2
print(alias)
tup = (1, 2)
keep = tup
tup += (3,)
print(tup, keep, tup is keep)
t = torch.ones(3)
same = t
t += 1
print(t, same is t)
t *= torch.tensor([1.0, 2.0, 3.0])
print(same)
t -= 0.5
t /= 2
print(t)
a = np.arange(4)
view = a[1:]
a += 10
print(a, view)
a *= 2
print(view)
a //= 3
print(a)
a %= 4
print(a)
b = np.ones(2)
b **= 3
print(b)
