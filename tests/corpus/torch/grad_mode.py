# torch.no_grad / enable_grad / set_grad_enabled / is_grad_enabled.
import torch

a = torch.ones(2, requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    b = a * 2
    a.add_(1)
    with torch.enable_grad():
        c = a * 2
        print(torch.is_grad_enabled(), c.grad_fn.name())
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled(), b.requires_grad, b.grad_fn, a._version, a)
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (a * 2).requires_grad)
torch.set_grad_enabled(True)
print(torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    print(torch.is_grad_enabled(), (a + 1).grad_fn)
print(torch.is_grad_enabled(), (a + 1).grad_fn.name())
with torch.set_grad_enabled(True):
    print((a + 1).grad_fn.name())
ng = torch.no_grad()
print(type(ng).__name__, torch.is_grad_enabled())
with ng:
    print(torch.is_grad_enabled())
with ng:
    print("again", torch.is_grad_enabled())
print(torch.is_grad_enabled())
try:
    with torch.no_grad():
        raise ValueError("inside")
except ValueError as e:
    print("ValueError:", e, torch.is_grad_enabled())
with torch.no_grad():
    print(a.numpy(), a.detach().requires_grad)
try:
    torch.no_grad(1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.set_grad_enabled()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.is_grad_enabled(1)
except TypeError as e:
    print("TypeError:", e)
a.add_(1)
