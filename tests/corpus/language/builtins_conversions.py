import torch
import numpy as np

print(str(1), str(1.5), str(True), str(None), str("s"), str([1, "a"]), str((1,)), str({"a": 1.0}))
print(repr(1), repr(1.5), repr("s"), repr([1, "a"]), repr(None))
print(int("12"), int(" -7 "), int(3.9), int(-3.9), int(True), int(1e10), int("0"), int("1_000"))
print(float("1.5"), float(3), float("inf"), float("-Infinity"), float(" 2 "), float(True), float("1e-3"))
print(bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool(0.0))
print(list("abc"), list((1, 2)), list(range(3)), list({"a": 1, "b": 2}), list())
print(tuple([1, 2]), tuple("ab"), tuple(range(2)), tuple())
t = torch.tensor([1.5, -2.5])
print(list(t), tuple(torch.tensor([1, 2])))
print(int(torch.tensor(3.7)), float(torch.tensor(2)), int(torch.tensor([5])), bool(torch.tensor([0.0])))
print(int(np.float32(3.7)), float(np.int64(4)), int(np.array([6])), float(np.array(2.5)))
print(str(torch.tensor(1.0)), repr(torch.tensor([1, 2])), str(np.float32(0.1)), repr(np.float32(0.1)))
print(str(np.array([1.0, 2.0])), repr(np.array([1.0, 2.0])))
print(list(np.arange(3)), [type(x) for x in list(np.arange(2))])
print(str(torch.float32), repr(torch.float32), str(torch.device("cpu")), repr(torch.device("cpu")))
print(str(torch.ones(2, 3).shape), repr(torch.tensor(1.0).shape))
print(int(float("2.5")), float(int("7")), str(int("42")) + "!")
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    int("1.5")
except ValueError as e:
    print(e)
try:
    float("x")
except ValueError as e:
    print(e)
try:
    int(None)
except TypeError as e:
    print(e)
try:
    float([1])
except TypeError as e:
    print(e)
try:
    int(torch.ones(2))
except (ValueError, RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    float(np.ones(2))
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(5)
except TypeError as e:
    print(e)
try:
    int(float("nan"))
except ValueError as e:
    print(e)
try:
    int(float("inf"))
except OverflowError as e:
    print(e)
