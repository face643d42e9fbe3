# torch.tensor / as_tensor / from_numpy and the factories: dtypes, shapes, and who shares memory.
import torch
import numpy as np

print(torch.tensor(3), torch.tensor(2.5), torch.tensor(True), torch.tensor([1, 2]), torch.tensor([[1., 2], [3, 4]]))
print(torch.tensor([1, 2], dtype=torch.float64), torch.tensor([1.5], dtype=torch.int32), torch.tensor([], dtype=torch.int8))
print(torch.tensor([0.1, 0.2], dtype=torch.float16), torch.tensor([[True], [False]]).shape, torch.tensor([1, 2.5, True]))
print(torch.tensor([1.], requires_grad=True), torch.tensor(5, device="cpu").device, torch.tensor(1, dtype=float).dtype)
n = np.arange(4.)
f = torch.from_numpy(n)
print(f, f.dtype, f.data_ptr() == n.ctypes.data)
n[0] = 9
print("from_numpy shares", f[0].item())
c = torch.tensor(n)
n[1] = 8
print("tensor() copies", c[1].item())
at = torch.as_tensor(n)
print("as_tensor of a matching ndarray shares", at.data_ptr() == n.ctypes.data)
at2 = torch.as_tensor(n, dtype=torch.float32)
print("as_tensor with another dtype copies", at2.data_ptr() == n.ctypes.data, at2.dtype)
x = torch.ones(2)
print("as_tensor of a tensor is it", torch.as_tensor(x) is x, torch.as_tensor(x, dtype=torch.float64) is x)
print(torch.as_tensor([1, 2]), torch.as_tensor(3.5), torch.as_tensor([1, 2], dtype=torch.float32, device="cpu"))
print(torch.from_numpy(np.array([1, 2], dtype=np.int32)).dtype, torch.from_numpy(np.zeros((2, 3))[:, 1]).stride())
print(torch.arange(5), torch.arange(1, 4), torch.arange(0, 1, 0.25), torch.arange(5.), torch.arange(3, dtype=torch.float64))
print(torch.arange(start=2, end=6, step=2), torch.arange(end=3), torch.arange(10, 0, -3), torch.arange(0, 5, 2, requires_grad=False))
print(torch.zeros(2, 3), torch.zeros((2, 1)), torch.zeros([3]), torch.zeros(size=(1, 2)), torch.zeros(2, dtype=torch.int64))
print(torch.ones(3), torch.ones(2, 2, dtype=torch.bool), torch.zeros(()), torch.ones(0, 2).shape, torch.zeros(torch.Size([2])))
print(torch.full((2, 2), 7), torch.full((2,), 1.5), torch.full([3], True), torch.full((1,), 2, dtype=torch.float16))
print(torch.eye(2), torch.eye(2, 3), torch.eye(3, dtype=torch.int64), torch.eye(n=1, m=2))
print(torch.linspace(0, 1, 5), torch.linspace(-1, 1, steps=3), torch.linspace(0, 10, 1), torch.linspace(2, 3, 4, dtype=torch.float64))
print(torch.empty(2, 3).shape, torch.empty((4,), dtype=torch.int8).dtype, torch.empty(0).shape)
r = torch.zeros(2, 2, requires_grad=True)
print(r.requires_grad, r.is_leaf, torch.ones(2, requires_grad=True))
try:
    torch.tensor([[1, 2], [3]])
except ValueError as e:
    print("ValueError:", e)
try:
    torch.tensor("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.tensor([1, 2], dtype=3)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.tensor([1], [2])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.from_numpy([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.from_numpy(np.arange(4)[::-1])
except ValueError as e:
    print("ValueError:", e)
try:
    torch.from_numpy(n, n)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.from_numpy(ndarray=n)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.as_tensor([1], torch.float64)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.arange("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.arange(0, 5, 0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.zeros(2, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.zeros("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.zeros(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, dtype="float32")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.full((2,), "a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.full(2, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.eye("a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.eye(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.linspace(0, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.linspace(0, 1, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.zeros()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.zeros((2,), 3)
except TypeError as e:
    print("TypeError:", e)
torch.tensor([1, 2], dtype=torch.float32, foo=1)
