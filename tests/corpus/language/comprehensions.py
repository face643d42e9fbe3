import torch
import numpy as np

print([x for x in range(5)])
print([x * y for x in range(3) for y in range(3) if x != y])
print([[i * 3 + j for j in range(3)] for i in range(2)])
print([s.upper() for s in "abc"])
print([row.sum() for row in torch.arange(6).reshape(2, 3)])
print([float(v) for v in np.array([0.5, 1.5])])
print([t.shape for t in [torch.ones(2), torch.zeros(3, 1)]])
x = "outer"
squares = [x * x for x in range(4)]
print(squares, x)
print([(i, c) for i, c in enumerate("ab")])
print([a + b for a, b in zip([1, 2], [10, 20])])
print([v for v in [0, 1, None, 2, "", 3] if v])
print(sum([i for i in range(101)]))
print([i if i % 2 else -i for i in range(5)])
print(len([0 for _ in range(7)]))
views = [torch.arange(4)[i:] for i in range(3)]
print([v.storage_offset() for v in views])
try:
    print([undefined_in_comprehension for i in range(2)])
except NameError as e:
    print(e)
try:
    print([1 / i for i in [1, 0]])
except ZeroDivisionError as e:
    print(e)
