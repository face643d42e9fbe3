# eq / ne / lt / le / gt / ge (new bool tensors), torch.equal and torch.allclose (Python bools).
import torch

a = torch.tensor([1., 2., 3.])
b = torch.tensor([3., 2., 1.])
print(a.eq(b), a.ne(b), a.lt(b), a.le(2), a.gt(b), a.ge(2.5))
print(torch.eq(a, b), torch.lt(a, 2), torch.ge(input=a, other=b), a.eq(other=2))
print(a == b, a != 2, a < b, a <= b, a > 1, a >= b, 2 < a)
print(a.eq(a).dtype, a.eq(torch.tensor([[1.], [3.]])))
print(torch.equal(a, a.clone()), torch.equal(a, b), a.equal(torch.tensor([1., 2., 3.])), torch.equal(a, a[:2]))
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1., 2.])), torch.equal(torch.zeros(2, 1), torch.zeros(2)))
print(torch.allclose(a, a + 1e-9), torch.allclose(a, a + 1e-3), torch.allclose(a, a + 1e-3, atol=1e-2),
      torch.allclose(a, b), a.allclose(a * (1 + 1e-6)), torch.allclose(a, a * 1.01, rtol=0.02))
n = torch.tensor([float("nan"), 1.])
print(torch.allclose(n, n), torch.allclose(n, n, equal_nan=True), n.eq(n), torch.equal(n, n))
print(torch.allclose(torch.ones(2, 3), torch.ones(3)), torch.allclose(torch.tensor([1, 2]), torch.tensor([1, 2])))
print(torch.allclose(torch.tensor([float("inf")]), torch.tensor([float("inf")])))
try:
    torch.allclose(torch.tensor([1]), torch.tensor([1.]))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.allclose(a, torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.allclose(a, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.equal(a, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    a.eq("x")
except TypeError as e:
    print("TypeError:", e)
try:
    a.lt(torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.allclose(a, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    a.equal()
except TypeError as e:
    print("TypeError:", e)
torch.allclose(a, a.double())
