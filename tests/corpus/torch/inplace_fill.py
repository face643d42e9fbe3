# zero_, fill_, copy_ and clamp_: writes into existing memory, seen by every view.
import torch
import numpy as np

t = torch.arange(12.).reshape(3, 4)
col = t[:, 1]
print(col.zero_() is col, t.tolist(), t._version)
print(t[0].fill_(7).tolist(), t[1].fill_(torch.tensor(2.5)).tolist(), t.tolist())
t.fill_(-1)
print(t.sum().item(), col.tolist())
t.copy_(torch.arange(4.))
print("copy_ broadcasts", t.tolist())
t.copy_(torch.arange(12, dtype=torch.int64).reshape(3, 4))
print("copy_ converts", t.tolist(), t.dtype)
t.t().copy_(torch.zeros(4, 3))
print(t.tolist())
t.copy_(torch.from_numpy(np.full((3, 4), 9.0)))
print(t[0].tolist())
t.copy_(3)
print("copy_ of a number", t[0].tolist())
t.copy_(torch.tensor(True))
print(t[0].tolist())
c = torch.arange(-3., 4.)
print(c.clamp_(-1, 2).tolist(), c.clamp_(min=0).tolist(), c.clamp_(max=1.5).tolist(), c.clamp_(None, 0.5).tolist())
ci = torch.arange(-3, 4)
print(ci.clamp_(-2, 2).tolist(), ci.clamp_(torch.tensor(0)).tolist(), ci.dtype)
b = torch.zeros(3, dtype=torch.bool)
b.fill_(1)
print(b)
u = torch.zeros(2, dtype=torch.uint8)
u.fill_(255)
print(u, u.zero_())
print(c._version, ci._version)
try:
    u.fill_(256)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.clamp_()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.fill_("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.fill_(torch.ones(2))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.copy_(torch.ones(5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.copy_("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.copy_(src=t)
except TypeError as e:
    print("TypeError:", e)
try:
    t.zero_(1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.clamp_("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.copy_(np.ones(4))
except TypeError as e:
    print("TypeError:", e)
g = torch.zeros(2, requires_grad=True)
g.zero_()
