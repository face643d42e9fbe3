# select and narrow (and the indexing they stand behind): views into the same storage.
import torch

t = torch.arange(20).reshape(4, 5)
s = t.select(0, 2)
print(s, s.stride(), s.storage_offset(), s._base is t._base, s.data_ptr() - t.data_ptr())
c = torch.select(t, 1, -1)
print(c, c.stride(), c.storage_offset())
print(t.select(dim=1, index=0).tolist(), t.select(1, 4).tolist())
n = t.narrow(1, 1, 3)
print(n, n.shape, n.stride(), n.storage_offset(), n.is_contiguous())
print(torch.narrow(t, 0, 1, 2).tolist(), t.narrow(-1, 0, 0).shape, t.narrow(0, torch.tensor(2), 2).tolist())
print(t.narrow(dim=0, start=3, length=1).tolist(), t.narrow(0, -2, 2).tolist())
n[0, 0] = -7
s[4] = -9
print(t)
print(t.select(0, 1).select(0, 1).shape, t.select(0, 1).select(0, 1).item())
try:
    t.select(0, 4)
except IndexError as e:
    print("IndexError:", e)
try:
    t.select(2, 0)
except IndexError as e:
    print("IndexError:", e)
try:
    t.select(0)
except TypeError as e:
    print("TypeError:", e)
try:
    t.narrow(0, 3, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.narrow(0, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.narrow(0, 5, 0)
except IndexError as e:
    print("IndexError:", e)
try:
    t.narrow(0, 1, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.narrow(0, torch.tensor([1]), 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.select(t, 0, 1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    t.select(0, 10)
except IndexError as e:
    print("IndexError:", e)
