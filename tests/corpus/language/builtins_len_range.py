import torch
import numpy as np

print(len("abc"), len([1, 2]), len((1,)), len({}), len({"a": 1}), len(range(10)))
print(len(torch.zeros(4, 5)), len(np.zeros((6, 2))), len(torch.zeros(0)), len(np.zeros((0, 3))))
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)), len(range(-5)))
print(range(5), range(1, 5), range(0, 10, 2), range(5, 0, -1))
print(list(range(5)), list(range(2, 8, 2)), list(range(5, 0, -2)), list(range(0)))
print(range(3) == range(3), range(0, 3)[1], range(0, 10, 3)[-1])
print(len(torch.ones(2, 3).shape), len(torch.tensor(2).shape), len(""))
print(sum(range(5)), sum([1.5, 2.5]), sum([[1], [2]], []))
try:
    len(5)
except TypeError as e:
    print(e)
try:
    len(torch.tensor(1.0))
except TypeError as e:
    print(e)
try:
    len(np.float64(1.0))
except TypeError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    range(0, 5, 0)
except ValueError as e:
    print(e)
try:
    range()
except TypeError as e:
    print(e)
try:
    len()
except TypeError as e:
    print(e)
try:
    len([1], [2])
except TypeError as e:
    print(e)
print(range(torch.tensor(3)), list(range(np.int64(2))))
