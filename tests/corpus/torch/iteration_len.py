# len(), iteration (rows are views), `in`, and format() of tensors.
import torch

t = torch.arange(6.).reshape(3, 2)
print(len(t), len(t[0]), len(torch.zeros(0, 4)))
rows = []
for row in t:
    rows = rows + [row]
    print(row, row._base is t._base, row.storage_offset())
rows[1].fill_(-1)
print(t)
print([r.tolist() for r in t], list(torch.arange(3)), [x.item() for x in torch.tensor([1, 2])])
a, b, c = t
print(a, c)
print(2. in t, 10 in t, -1 in t, torch.tensor(4.) in t, 5 in torch.arange(6))
s = torch.tensor(3.14159)
print(f"{s:.2f}", f"{s}", format(s, ".3e"), f"{torch.tensor(7):4d}", f"{torch.tensor(True)}", "{:>8.1f}|".format(s) if False else f"{s:>8.1f}|")
print(f"{t}", str(t) == repr(t), f"{t[0]!r}")
try:
    len(torch.tensor(1.))
except TypeError as e:
    print("TypeError:", e)
try:
    for x in torch.tensor(1.):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    f"{t:.2f}"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" in t
except RuntimeError as e:
    print("RuntimeError:", e)
print(t.view(4))
