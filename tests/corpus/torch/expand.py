# expand / expand_as: stride-0 views; writing through them is refused.
import torch

t = torch.tensor([[1.], [2.], [3.]])
e = t.expand(3, 4)
print(e, e.stride(), e.data_ptr() == t.data_ptr(), e._base is t, e.is_contiguous())
print(t.expand(2, 3, 4).stride(), t.expand(-1, 2).shape, t.expand((3, 5)).shape, t.expand(size=[3, 1]).shape)
print(t.expand(torch.Size([2, 3, 2])).stride(), torch.tensor(7).expand(2, 2).stride())
o = torch.zeros(2, 3, 1)
print(t.expand_as(o).shape, t.expand_as(o).stride(), t.expand_as(other=o).shape)
t[0, 0] = 100
print("the view sees writes to its source", e[0].tolist())
c = e.contiguous()
print(c.stride(), c.data_ptr() == t.data_ptr(), e.clone().stride())
print(e.sum(), e.sum(1), e.mean())
try:
    e.add_(1)
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    e[0, 1] = 5
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    e.fill_(0)
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    t.expand(2, 4)
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    t.expand(4)
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    t.expand(3, -1, 2)
except RuntimeError as e2:
    print("RuntimeError:", e2)
try:
    t.expand(3, 4.0)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.expand("a")
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.expand_as(3)
except TypeError as e2:
    print("TypeError:", e2)
try:
    t.expand(3, 4, foo=1)
except TypeError as e2:
    print("TypeError:", e2)
e.mul_(2)
