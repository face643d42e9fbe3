import torch
import numpy as np

t = torch.tensor([1.0, 2.0, 3.0])
i = torch.tensor([1, 2, 3])
print(t + 1, t - 1, t * 2, t / 2, t // 2, t % 2, t ** 2)
print(1 + t, 10 - t, 2 * t, 6 / t, 2 ** t)
print(i + 1, i * 2, i / 2, i // 2, i % 2, i ** 2, -i)
print(t + i, t * i, i / i)
print(-t, +t, abs(-t), ~torch.tensor([True, False]), ~i)
print(t == 2, t != 2, t < 2, t <= 2, t > 2, t >= 2)
print(t == i, i > t)
m = torch.arange(6.0).reshape(2, 3)
print(m @ torch.ones(3), m @ m.T)
print(m + torch.tensor([10.0, 20.0, 30.0]))
print(m * torch.tensor([[1.0], [2.0]]))
b = torch.tensor([True, False, True])
print(b & torch.tensor([True, True, False]), b | False, b ^ True)
print(i & 2, i | 4, i ^ 1)
a = np.array([1.0, 2.0, 3.0])
k = np.array([1, 2, 3])
print(a + 1, a - 1, a * 2, a / 2, a // 2, a % 2, a ** 2)
print(1 + a, 10 - a, 2 * a, 6 / a, 2 ** a)
print(k + 1, k * 2, k / 2, k // 2, k % 2, k ** 2, -k)
print(-a, +a, abs(-a), ~np.array([True, False]), ~k)
print(a == 2, a != 2, a < 2, a <= 2, a > 2, a >= 2)
n = np.arange(6.0).reshape(2, 3)
print(n @ np.ones(3), n @ n.T)
print(n + np.array([10.0, 20.0, 30.0]))
print(k & 2, k | 4, k ^ 1)
print(a + [1, 1, 1], [1, 1, 1] - a, a * (2, 2, 2))
try:
    t + [1, 1, 1]
except TypeError as e:
    print(e)
try:
    (1, 2, 3) * t
except TypeError as e:
    print(e)
print(type(a * 2), type(t * 2))
print(np.float32(2) * 3, type(np.float32(2) * 3), np.int64(7) // 2, np.float64(1.5) + 1)
print(3 < t.sum() < 10, 1 < 2 < 3, 1 < 3 < 2)
try:
    t + torch.ones(2)
except RuntimeError as e:
    print(e)
try:
    a + np.ones(2)
except ValueError as e:
    print(e)
try:
    m @ torch.ones(2)
except RuntimeError as e:
    print(e)
try:
    n @ np.ones(2)
except ValueError as e:
    print(e)
try:
    t + "a"
except TypeError as e:
    print(e)
