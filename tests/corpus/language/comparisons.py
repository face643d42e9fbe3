import torch
import numpy as np

print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1.0, 1 != 1, "a" < "b")
print(1 < 2 < 3, 3 > 2 > 1, 1 < 3 < 2, 1 == 1 == 1, 1 < 2 > 0, 0 < 1 <= 1 < 2)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, a is not b)
print(None is None, None == None, None is not None, None == 0)
t = torch.ones(2)
u = t
print(t is u, t is t.view(2), t.view(2) is t.view(2))
n = np.ones(2)
print(n is n[:], n[:] is not n)
print(True == 1, False == 0, True is True, 1.0 == True)
print([1, 2] < [1, 2, 3], (1, 2) > (1, 1), (1, "a") == (1, "a"))
print("abc" == "abc", "abc" != "abd", "Z" < "a")
print(1 in [1, 2], 3 not in [1, 2], "ab" in "cabd", 2 in range(5), 7 in range(0, 10, 2))
print(2 in torch.tensor([1, 2]), 5 in np.array([1, 2]))
print(float("nan") == float("nan"), float("nan") < 1, float("inf") > 1e308)
x = 5
print(0 < x < 10, 0 < x < 3, x == 5 and x != 6)
print(torch.tensor(2) == 2, np.int64(3) == 3, np.float32(0.5) < 1)
print(t == t, n == n)
print((1, 2) == [1, 2], {} == {}, {"a": 1} == {"a": 1}, [] == [])
try:
    print(1 < "a")
except TypeError as e:
    print(e)
try:
    print([1] < (1,))
except TypeError as e:
    print(e)
try:
    print(None < 1)
except TypeError as e:
    print(e)
try:
    if torch.ones(2) == torch.ones(2):
        print("never")
except RuntimeError as e:
    print(e)
try:
    if np.ones(2) == np.ones(2):
        print("never")
except ValueError as e:
    print(e)
