# rand / randn / randint and manual_seed: aliasview's values differ from PyTorch's generator, so this
# prints shapes, dtypes, ranges and reproducibility, never the values themselves.
import torch

g = torch.manual_seed(0)
print(type(g).__name__, g.initial_seed(), torch.initial_seed(), g is torch.default_generator)
a = torch.rand(2, 3)
b = torch.randn(4)
c = torch.randint(5, (3, 3))
d = torch.randint(-3, 3, (100,))
print(a.shape, a.dtype, b.shape, b.dtype, c.shape, c.dtype, d.dtype)
print(bool(((a >= 0) & (a < 1)).all()) if False else ((a >= 0).sum() + (a < 1).sum()).item())
print(((c >= 0).sum() + (c < 5).sum()).item(), ((d >= -3).sum() + (d < 3).sum()).item())
torch.manual_seed(42)
x1 = torch.rand(5)
n1 = torch.randn(2, 2)
torch.manual_seed(42)
x2 = torch.rand(5)
n2 = torch.randn(2, 2)
print("same seed, same values", torch.equal(x1, x2), torch.equal(n1, n2))
print("next draw differs", torch.equal(torch.rand(5), x1))
print(torch.rand(2, dtype=torch.float64).dtype, torch.rand((2, 2)).shape, torch.rand(size=(3,)).shape, torch.rand(()).shape)
print(torch.randn(2, 3, dtype=torch.float16).dtype, torch.rand(0).shape, torch.rand(2, requires_grad=True).requires_grad)
print(torch.randint(0, 10, (2, 2), dtype=torch.float32).dtype, torch.randint(high=3, size=(2,)).shape, torch.randint(3, 4, (2,)).tolist())
print(torch.manual_seed(7.9).initial_seed(), torch.manual_seed(True).initial_seed(), torch.initial_seed())
try:
    torch.manual_seed("a")
except ValueError as e:
    print("ValueError:", e)
try:
    torch.manual_seed()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.manual_seed(None)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.rand(2, 3, dtype=torch.int32)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.randn(2, dtype=torch.int64)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.rand(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.rand("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.rand(2, 3.0)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.randint(5, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.randint(3, 1, (2,))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.randint(5)
except TypeError as e:
    print("TypeError:", e)
torch.randn(2, 2, dtype=torch.bool)
