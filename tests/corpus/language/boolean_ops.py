import torch
import numpy as np

print(not True, not 0, not [], not "a", not None)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print([] and 1, [1] and "x", 0.0 or 0)
print(True and False or True, not (1 and 0), not 1 == 2)
x = 0 or print("evaluated, returns None")
print(x)
y = 1 or print("never evaluated")
print(y)
z = 0 and print("never evaluated")
print(z)
print(bool(torch.tensor(1.0)), bool(torch.tensor([0])), bool(np.float64(0.0)), bool(np.array([2])))
t = torch.tensor(3)
print(t and 5, t or 5, not t)
print(torch.tensor(0) or "fallback")
print(bool([]), bool([0]), bool(()), bool({}), bool({0: 0}), bool(""), bool(" "), bool(0.0), bool(-1))
print(bool(range(0)), bool(range(1)), bool(None))
try:
    print(torch.ones(3) and 1)
except RuntimeError as e:
    print(e)
try:
    print(not torch.zeros(0))
except RuntimeError as e:
    print(e)
try:
    print(np.ones(3) or 1)
except ValueError as e:
    print(e)
