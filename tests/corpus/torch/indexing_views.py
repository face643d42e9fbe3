# Indexing: ints, slices, None and ... make views; lists, tensors and masks make copies; writes go
# through the view.
import torch

t = torch.arange(24.).reshape(4, 6)
for name, v in [("t[1]", t[1]), ("t[-1, 2:]", t[-1, 2:]), ("t[:, ::2]", t[:, ::2]), ("t[1:3, 1:5:3]", t[1:3, 1:5:3]),
                ("t[None, 0]", t[None, 0]), ("t[..., 1]", t[..., 1]), ("t[2, 3]", t[2, 3]), ("t[[0, 2]]", t[[0, 2]]),
                ("t[:, [1, 1]]", t[:, [1, 1]]), ("t[t > 20]", t[t > 20]), ("t[torch.tensor([3, 0])]", t[torch.tensor([3, 0])]),
                ("t[torch.tensor(1)]", t[torch.tensor(1)]), ("t[[True, False, True, False]]", t[[True, False, True, False]])]:
    print(f"{name:34} shape={tuple(v.shape)} stride={v.stride()} view={v._base is not None} "
          f"offset={v.storage_offset()} delta={v.data_ptr() - t.data_ptr() if v._base is not None else None}")
v = t[1:3, 2:4]
v[0, 0] = -1
v[:, 1] = torch.tensor([-2., -3.])
t[0] = 100
t[:, 5] = torch.arange(4.)
t[t < 0] = 0
t[[3, 3], [0, 1]] = 7
print(t, t._version)
c = t[[0, 1]]
c[0, 0] = 555
print("advanced indexing copied", t[0, 0].item())
t[3][1] = 11
print(t[3].tolist())
s = t[2, 3]
print(s, s.dim(), s.item(), s._base is not None, float(s), int(s))
try:
    t[4]
except IndexError as e:
    print("IndexError:", e)
try:
    t[0, 0, 0]
except IndexError as e:
    print("IndexError:", e)
try:
    t[::-1]
except ValueError as e:
    print("ValueError:", e)
try:
    t[:, [6]]
except IndexError as e:
    print("IndexError:", e)
try:
    t[0] = torch.ones(5)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t["a"]
except IndexError as e:
    print("IndexError:", e)
t[1.5]
