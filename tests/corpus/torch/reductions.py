# sum / mean / max / min: dims, keepdim, dtype, and torch.return_types for max/min along a dim.
import torch

t = torch.arange(12.).reshape(3, 4)
print(t.sum(), t.sum(0), t.sum(1), t.sum(-1, keepdim=True), t.sum((0, 1)), t.sum([1]), t.sum(dim=0, keepdim=True))
print(t.sum(dtype=torch.float64), t.sum(0, dtype=torch.int32), t.sum(()), t.sum(None), t.sum(axis=1), t.sum(1, keepdims=True).shape)
print(torch.sum(t), torch.sum(t, 0), torch.sum(t, dim=(0, 1), keepdim=True), torch.sum(input=t, dim=1))
print(t.mean(), t.mean(0), t.mean(1, True), t.mean((0, 1)), torch.mean(t, 1), t.mean(dtype=torch.float64))
i = torch.arange(6, dtype=torch.int32).reshape(2, 3)
print(i.sum(), i.sum(0), i.sum().dtype, torch.tensor([True, True, False]).sum(), torch.ones(3, dtype=torch.uint8).sum().dtype)
m = t.max()
print(m, t.min(), torch.max(t), torch.min(t))
r = t.max(1)
print(type(r).__name__, r)
print(r.values, r.indices, r[0], r[1], len(r))
values, indices = t.min(0, keepdim=True)
print(values, indices, values.shape)
print(torch.max(t, 0), torch.min(t, dim=1, keepdim=True).indices)
print(t.max(dim=-1).values.tolist(), torch.tensor([1., float("nan"), 3.]).max(), torch.tensor([2, 7, 7]).max(0))
e = torch.zeros(0, 3)
print(e.sum(), e.sum(0), e.mean(0), e.max(1) if False else e.sum(1))
g = torch.ones(2, 2, requires_grad=True)
print(g.sum(), g.mean(0), g.max(), g.max(1))
try:
    i.mean()
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    e.max()
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    e.max(0)
except IndexError as e2:
    print("IndexError:", e2)
try:
    t.sum(2)
except IndexError as e2:
    print("IndexError:", e2)
try:
    t.sum((0, 0))
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    t.sum(1, "x")
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.sum(1.5)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.sum(0, 1)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.sum(0, keepdim=1)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.max(1, 2, 3)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.max(1.5)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.max(dim=1.5)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.max("a")
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    torch.sum(3)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.mean(foo=1)
except TypeError as e2:
    print("TypeError:", e2)
try:
    torch.sum(t, 1.5)
except TypeError as e2:
    print("TypeError:", e2)
t.max(5)
