import torch
import numpy as np

print(min(3, 1, 2), max(3, 1, 2), min([4, 5, 0]), max((1.5, 2.5)), min("bca"), max("a", "b"))
print(min(1, 2.0), max(1, 1.0), max([1, 5, 3]), min(range(3, 8)))
print(max(torch.tensor([1.0, 5.0, 3.0])), min(np.array([4, 2, 7])))
print(max(2, torch.tensor(3)), type(max(np.int64(2), 1)))
print(abs(-3), abs(3), abs(-2.5), abs(0), abs(-0.0), abs(False))
print(abs(torch.tensor([-1.5, 2.0])), abs(np.array([-1, 2])), abs(np.float32(-0.5)))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.4999), round(7))
print(round(3.14159, 2), round(2.675, 2), round(1234.5678, -2), round(5, -1), round(15, -1), round(25, -1))
print(round(2.5, 0), round(-0.4), round(1e16 + 0.5), type(round(1.5)), type(round(1.5, 1)))
print(round(np.float64(2.675), 2), round(np.float32(1.5)), round(np.float64(-3.5)))
try:
    round(torch.tensor(2.5))
except TypeError as e:
    print(e)
print(max([1, 2], [1, 3]), min([(2, "b"), (1, "z")]))
try:
    min([])
except ValueError as e:
    print(e)
try:
    max()
except TypeError as e:
    print(e)
try:
    max(1, "a")
except TypeError as e:
    print(e)
try:
    abs("x")
except TypeError as e:
    print(e)
try:
    round("x")
except TypeError as e:
    print(e)
try:
    max(5)
except TypeError as e:
    print(e)
