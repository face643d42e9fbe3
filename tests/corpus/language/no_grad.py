import torch

x = torch.ones(2, requires_grad=True)
y = x * 2
print(y.requires_grad, y.grad_fn is not None)
with torch.no_grad():
    z = x * 2
    print(z.requires_grad, z.grad_fn)
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled())
w = x + 1
print(w.requires_grad)
with torch.no_grad():
    x += 1
print(x)
print(x.is_leaf, x.requires_grad)
with torch.no_grad():
    with torch.no_grad():
        inner = x * 3
    after = x * 3
print(inner.requires_grad, after.requires_grad)
try:
    with torch.no_grad():
        raise ValueError("inside")
except ValueError as e:
    print("caught", e, torch.is_grad_enabled())
