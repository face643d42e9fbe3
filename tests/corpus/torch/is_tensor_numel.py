# torch.is_tensor, torch.numel and functions that take the tensor as their first argument.
import torch
import numpy as np

t = torch.arange(6).reshape(2, 3)
print(torch.is_tensor(t), torch.is_tensor(t[0]), torch.is_tensor(np.ones(2)), torch.is_tensor(3), torch.is_tensor([t]))
print(torch.is_tensor(obj=t), isinstance(t, torch.Tensor), type(t).__name__, type(t) is torch.Tensor)
print(torch.numel(t), torch.numel(torch.zeros(0, 5)), torch.numel(torch.tensor(1)), t.numel())
print(torch.t(t).shape, torch.detach(t) is t, torch.clone(t).tolist(), torch.flatten(t, 0, 1).shape, torch.unbind(t)[1].tolist())
print(torch.select(t, 1, 0).tolist(), torch.narrow(t, 1, 1, 2).tolist(), torch.chunk(t, 3, 1)[2].tolist(), torch.diagonal(t).tolist())
print(torch.squeeze(t[None]).shape, torch.unsqueeze(t, 0).shape, torch.permute(t, (1, 0)).stride(), torch.reshape(t, (3, 2)).shape)
print(torch.max(t), torch.min(t, 0).values, torch.sum(t, 1), torch.mean(t.double()), torch.abs(-t).tolist(), torch.neg(t)[0].tolist())
try:
    torch.is_tensor()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.is_tensor(t, t)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.numel(3)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.numel(np.ones(2))
except TypeError as e:
    print("TypeError:", e)
try:
    torch.t(t, 0)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.max(3)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.clone([1])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.flatten(t, 0.5)
except TypeError as e:
    print("TypeError:", e)
torch.transpose(t, 0, 5)
