import torch

t = torch.arange(24).reshape(2, 3, 4)
for v in [t[0], t[-1], t[1, 2], t[0, 1:3], t[:, 1], t[..., 0], t[..., 1:3], t[None], t[:, None],
          t[0, :, None], t[::2], t[:, ::2], t[:, :, ::3], t[1, -1, -1], t[(0, 1)], t[0][1][2], t[:, 1:, :2],
          t[1:], t[-1:], t[5:], t[:, 10:]]:
    print(tuple(v.shape), v.stride(), v.storage_offset(), v.storage().data_ptr() == t.storage().data_ptr(), v._base is t)
print(t[1, 2])
print(t[0, :, ::2])
print(t[..., -1])
idx = [t[[0, 1]], t[[1, 0, 1]], t[torch.tensor([1, 0])], t[[0, 1], [2, 0]], t[:, [0, 2]],
       t[0, [True, False, True]], t[t > 20], t[torch.tensor([[0, 1], [1, 0]])]]
for v in idx:
    print(tuple(v.shape), v.is_contiguous(), v._base is None, v.data_ptr() == t.data_ptr())
print(t[t % 5 == 0])
print(t[[0, 1], [2, 0]])
print(t[0, [True, False, True]])
mask = t[0, 0] > 1
print(mask, t[0, 0][mask])
u = torch.zeros(5)
u[1] = 1
u[-1] = 2.5
u[2:4] = torch.tensor([7.0, 8.0])
u[u == 0] = -1
u[[0, 1]] = 9
print(u)
m = torch.zeros(3, 3)
m[1] = torch.tensor([1.0, 2.0, 3.0])
m[:, 0] = 5
m[..., -1] = 6
m[0, 1] = 7
print(m)
row = m[2]
row[1] = 100
print(m)
sel = m[[0, 2]]
sel[0, 0] = -100
print(m[0, 0], sel[0, 0])
try:
    t[2]
except IndexError as e:
    print("IndexError:", e)
try:
    t[0, 0, 0, 0]
except IndexError as e:
    print("IndexError:", e)
try:
    t[1.5]
except IndexError as e:
    print("IndexError:", e)
try:
    t[torch.tensor([5])]
except IndexError as e:
    print("IndexError:", e)
try:
    t[..., ...]
except IndexError as e:
    print("IndexError:", e)
