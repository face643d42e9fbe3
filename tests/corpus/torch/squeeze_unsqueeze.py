# squeeze / unsqueeze: views that drop or add size-1 dims.
import torch

t = torch.arange(6.).reshape(1, 2, 1, 3)
for v in [t.squeeze(), t.squeeze(0), t.squeeze(2), t.squeeze(1), t.squeeze(-2), t.squeeze(dim=0), torch.squeeze(t),
          torch.squeeze(t, 2), t.unsqueeze(0), t.unsqueeze(-1), t.unsqueeze(4), t.unsqueeze(dim=2), torch.unsqueeze(t, 1)]:
    print(tuple(v.shape), v.stride(), v.data_ptr() == t.data_ptr(), v._base is t._base)
s = torch.tensor(3.)
print(s.squeeze().shape, s.unsqueeze(0).shape, s.unsqueeze(-1).shape, s.squeeze(0).shape, s.squeeze(-1).shape)
e = torch.zeros(0, 1, 2)
print(e.squeeze().shape, e.squeeze(1).shape, e.unsqueeze(1).stride())
u = t.squeeze()
u[0, 0] = 10
print(t.flatten().tolist())
print(t.squeeze()._base is t.squeeze(0)._base, t.squeeze().is_contiguous(), t.unsqueeze(1).stride())
try:
    t.unsqueeze(5)
except IndexError as e:
    print("IndexError:", e)
try:
    t.squeeze(4)
except IndexError as e:
    print("IndexError:", e)
try:
    t.unsqueeze()
except TypeError as e:
    print("TypeError:", e)
try:
    t.unsqueeze(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    t.unsqueeze(True)
except TypeError as e:
    print("TypeError:", e)
try:
    t.unsqueeze(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    t.unsqueeze(dim=1, foo=2)
except TypeError as e:
    print("TypeError:", e)
try:
    t.squeeze(0, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.squeeze("d")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.squeeze(t, 1.0)
except TypeError as e:
    print("TypeError:", e)
print(t.unsqueeze(-6))
