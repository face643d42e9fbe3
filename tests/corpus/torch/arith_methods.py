# add / sub / mul / div / pow / matmul / abs / neg as methods and torch functions: new tensors.
import torch

a = torch.tensor([[1., -2.], [3., 4.]])
b = torch.tensor([10., 20.])
print(a.add(b), a.add(1), a.add(b, alpha=2), torch.add(a, b), torch.add(a, 2, alpha=3), torch.add(1, a))
print(a.sub(b), a.sub(1.5), a.sub(b, alpha=0.5), torch.sub(a, b), torch.sub(input=a, other=b))
print(a.mul(b), a.mul(3), torch.mul(a, a), torch.mul(2, a), a.multiply(2) if False else a.mul(other=2))
print(a.div(b), a.div(2), torch.div(a, 4), a.div(3, rounding_mode="floor"), torch.div(a, b, rounding_mode="floor"))
print(a.pow(2), a.pow(b), torch.pow(a, 3), torch.pow(2, a), a.pow(exponent=0.5))
print(a.matmul(a), torch.matmul(a, b), a.matmul(b), b.matmul(b), a @ b)
print(a.abs(), torch.abs(a), a.neg(), torch.neg(a), -a)
i = torch.tensor([1, 2, 3])
print(i.add(1), i.add(1.5), i.div(2), i.mul(True), i.add(i, alpha=2), i.pow(2), i.abs(), torch.div(i, 2, rounding_mode="floor"))
print(i.add(torch.tensor(0.5)), i.add(torch.tensor([0.5], dtype=torch.float64)), torch.add(i, 1).dtype)
x = torch.ones(2)
print(x.add(x) is x, x.add(0).data_ptr() == x.data_ptr(), x.abs() is x, x._version)
g = torch.ones(2, requires_grad=True)
print(g.add(1), g.mul(g), torch.sub(g, 1, alpha=2), g.div(2, rounding_mode="floor"))
print(torch.add(a, b, alpha=1), a.add(1, 2), torch.add(a, 2, b))
print(torch.add(1, 2), torch.mul(2, 3.5), torch.div(1, 2), torch.add(True, False), torch.sub(2.5, 1, alpha=2), torch.div(7, 2, rounding_mode="floor"))
try:
    torch.sub(True, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.add("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.add(a, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    a.add()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.add(a)
except TypeError as e:
    print("TypeError:", e)
try:
    a.add(a, a)
except TypeError as e:
    print("TypeError:", e)
try:
    a.add([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    a.add(None)
except TypeError as e:
    print("TypeError:", e)
try:
    i.add(1, alpha=0.5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.add(1, alpha=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.matmul(3)
except TypeError as e:
    print("TypeError:", e)
try:
    a.matmul(torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.pow("x")
except TypeError as e:
    print("TypeError:", e)
try:
    a.div(2, rounding_mode="x")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.mul(torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.abs(1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.abs(1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.matmul(a)
except TypeError as e:
    print("TypeError:", e)
a.sub(torch.ones(3))
