import torch
import numpy as np

print()
print("a")
print("a", "b", 3, 4.5, None, True)
print("a", "b", sep="")
print("a", "b", sep=", ")
print("x", end="")
print("y", end="!\n")
print(1, 2, 3, sep="-", end=".\n")
print("no newline", end=" ")
print("then this")
print(sep="|")
print("only sep", sep="|")
print(*[1, 2, 3])
print(*"abc", sep="/")
print(torch.tensor([1, 2]), np.array([1, 2]), sep=" | ")
print(torch.tensor([[1, 2], [3, 4]]), "after", sep="\n")
print("multi\nline", "text")
print([1, 2], (3,), {"k": "v"})
print(None, sep=None, end=None)
print("x", sep="", end="")
print()
print("tab\tseparated", 1, sep="\t")
try:
    print("a", sep=1)
except TypeError as e:
    print(e)
try:
    print("a", end=2)
except TypeError as e:
    print(e)
try:
    print("a", foo=1)
except TypeError as e:
    print(e)
