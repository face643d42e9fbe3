# torch.cat / concat / stack: always new memory, with torch's type promotion and shape checks.
import torch

a = torch.arange(6.).reshape(2, 3)
b = torch.zeros(1, 3)
c = torch.cat([a, b])
print(c, c.shape, c.data_ptr() == a.data_ptr(), c._base)
print(torch.cat((a, a), 1).shape, torch.cat([a, a], dim=-1).stride(), torch.cat(tensors=[a], dim=0).shape, torch.concat([a, b]).shape)
print(torch.cat([a.t(), a.t()]).stride(), torch.cat([a.long(), b]).dtype, torch.cat([torch.tensor([1]), torch.tensor([True])]))
print(torch.cat([a, torch.tensor([])]).shape, torch.cat([torch.zeros(0), torch.ones(2)]))
s = torch.stack([a, a])
print(s.shape, s.stride(), torch.stack([a, a], 1).shape, torch.stack((a[0], a[1]), dim=-1), torch.stack([a]).shape)
print(torch.stack([torch.tensor(1), torch.tensor(2)]), torch.stack([a.int(), a.double()]).dtype)
g = torch.ones(2, requires_grad=True)
print(torch.cat([g, g]).grad_fn.name(), torch.stack([g, g]).grad_fn.name())
print(torch.cat([a, a]).tolist() == a.tolist() + a.tolist())
try:
    torch.cat([a, torch.zeros(2)])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.cat([a, torch.zeros(2, 2)])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.cat([])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.cat(a)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.cat([a, 1])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.cat([a, a], 2)
except IndexError as e:
    print("IndexError:", e)
try:
    torch.cat([a, a], "x")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.stack([a, b])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.stack([])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.stack([a, "x"])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.stack([a, a], 3)
except IndexError as e:
    print("IndexError:", e)
torch.cat([a, b], 1)
