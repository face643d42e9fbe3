import torch
import numpy as np

n = 1
try:
    n += "a"
except TypeError as e:
    print("TypeError:", e)
s = "x"
try:
    s += 1
except TypeError as e:
    print("TypeError:", e)
lst = [1]
try:
    lst += 1
except TypeError as e:
    print("TypeError:", e)
t = torch.arange(3)
try:
    t /= 2
except RuntimeError as e:
    print("RuntimeError:", e)
print(t)
t2 = torch.arange(3)
try:
    t2 += 1.5
except RuntimeError as e:
    print("RuntimeError:", e)
a = np.arange(3)
try:
    a += 1.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    a /= 2
except TypeError as e:
    print(type(e).__name__, e)
tup = (1, 2)
try:
    tup[0] += 1
except TypeError as e:
    print("TypeError:", e)
print(tup)
m = torch.ones(2, 2)
try:
    m @= m
except TypeError as e:
    print("TypeError:", e)
