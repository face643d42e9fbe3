# stride(), storage_offset() and is_contiguous() through views.
import torch

t = torch.arange(24.).reshape(4, 6)
views = [
    ("t", t),
    ("t.t()", t.t()),
    ("t[1]", t[1]),
    ("t[:, 2]", t[:, 2]),
    ("t[1:3, ::2]", t[1:3, ::2]),
    ("t.transpose(0, 1)[2:]", t.transpose(0, 1)[2:]),
    ("t.view(2, 12)", t.view(2, 12)),
    ("t[None, 1:, :, None]", t[None, 1:, :, None]),
    ("t.narrow(1, 2, 3)", t.narrow(1, 2, 3)),
    ("t.select(1, 5)", t.select(1, 5)),
    ("t.diagonal()", t.diagonal()),
    ("t.diagonal(1)", t.diagonal(1)),
    ("t.unsqueeze(1)", t.unsqueeze(1)),
    ("t[2:2]", t[2:2]),
    ("t[..., -1]", t[..., -1]),
    ("t.permute(1, 0)", t.permute(1, 0)),
    ("t.expand(2, 4, 6)", t.expand(2, 4, 6)),
]
for name, v in views:
    print(f"{name:24} shape={tuple(v.shape)} stride={v.stride()} offset={v.storage_offset()} "
          f"contiguous={v.is_contiguous()}")

print(t.stride(0), t.stride(-1), t.stride(dim=1), t.t().stride(1))
s = torch.tensor(5)
print(s.stride(), s.storage_offset(), s.is_contiguous())
print(t.is_contiguous(memory_format=torch.contiguous_format))
try:
    t.stride(2)
except IndexError as e:
    print("IndexError:", e)
try:
    t.is_contiguous(1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.storage_offset(0)
except TypeError as e:
    print("TypeError:", e)
