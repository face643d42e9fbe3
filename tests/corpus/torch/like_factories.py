# zeros_like / ones_like / full_like / empty_like / rand_like: new memory shaped (and strided) like input.
import torch

t = torch.arange(6.).reshape(2, 3)
tt = t.t()
for name, v in [("zeros_like(t)", torch.zeros_like(t)), ("ones_like(tt)", torch.ones_like(tt)),
                ("full_like(t, 7)", torch.full_like(t, 7)), ("full_like(tt, 2.5)", torch.full_like(tt, 2.5)),
                ("zeros_like(t[:, ::2])", torch.zeros_like(t[:, ::2])), ("ones_like(expand)", torch.ones_like(t[0].expand(2, 3))),
                ("zeros_like(int, float64)", torch.zeros_like(t.long(), dtype=torch.float64)),
                ("ones_like(input=t)", torch.ones_like(input=t)), ("empty_like(tt)", torch.empty_like(tt)),
                ("rand_like(tt)", torch.rand_like(tt)), ("randn_like(t)", torch.randn_like(t))]:
    print(f"{name:26} {tuple(v.shape)} {v.stride()} {v.dtype} shared={v.data_ptr() == t.data_ptr()} "
          f"requires_grad={v.requires_grad}")
print(torch.zeros_like(t), torch.ones_like(torch.tensor(3)), torch.full_like(torch.zeros(2, dtype=torch.int32), 4.7))
print(torch.zeros_like(t, requires_grad=True), torch.ones_like(t, memory_format=torch.contiguous_format).stride())
g = torch.ones(2, requires_grad=True)
print(torch.zeros_like(g).requires_grad, torch.full_like(g, 3).requires_grad)
try:
    torch.zeros_like([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.full_like(t)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.full_like(t, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.ones_like(t, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.zeros_like(t.long(), requires_grad=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.randn_like(t.long())
except RuntimeError as e:
    print("RuntimeError:", e)
torch.rand_like(t, dtype=torch.int32)
