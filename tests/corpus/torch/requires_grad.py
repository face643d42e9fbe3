# requires_grad as an attribute and through requires_grad_(), with torch's two sets of messages.
import torch

a = torch.ones(3)
print(a.requires_grad, a.is_leaf)
a.requires_grad = True
print(a.requires_grad, a.is_leaf, a)
r = a.requires_grad_(False)
print(r is a, a.requires_grad)
print(a.requires_grad_() is a, a.requires_grad, a.requires_grad_(requires_grad=False).requires_grad)
b = torch.ones(2, requires_grad=True) * 2
print(b.requires_grad, b.is_leaf, b.requires_grad_(True) is b)
i = torch.ones(2, dtype=torch.int64)
i.requires_grad = False
print("int tensor may be set to False", i.requires_grad)
h = torch.zeros(2, dtype=torch.float16, requires_grad=True)
print(h.requires_grad, h.dtype)
d = torch.tensor([1.0, 2.0], requires_grad=True)
print(d, d.detach().requires_grad, d.data.requires_grad, d.clone().requires_grad)

for value in [True, False]:
    try:
        b.requires_grad = value
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    b.requires_grad_(False)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    i.requires_grad = True
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    i.requires_grad_()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.requires_grad = 1
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    a.requires_grad_(1)
except TypeError as e:
    print("TypeError:", e)
try:
    a.requires_grad_(None)
except TypeError as e:
    print("TypeError:", e)
try:
    a.requires_grad_(True, True)
except TypeError as e:
    print("TypeError:", e)
try:
    a.requires_grad_(mode=True)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, dtype=torch.int32, requires_grad=True)
except RuntimeError as e:
    print("RuntimeError:", e)
x = torch.ones(2, requires_grad=True)
x.add_(1)
