# torch.Tensor(...) and the legacy typed constructors (torch.FloatTensor, torch.LongTensor, ...).
import torch
import numpy as np

x = torch.ones(2, 3)
y = torch.Tensor(x)
print(y is x, y.data_ptr() == x.data_ptr(), y._base is x, y.dtype)
print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.Tensor().shape, torch.Tensor((1, 2)).dtype, torch.Tensor(torch.Size([2, 2])).shape)
print(torch.Tensor(np.ones(2)), torch.Tensor([[1, 2], [3, 4]]).stride(), torch.Tensor([True]).dtype, torch.Tensor(range(3)))
i = torch.Tensor(torch.ones(2, dtype=torch.int64))
print(i, i.dtype)
g = torch.ones(2, requires_grad=True)
print(torch.Tensor(g).grad_fn.name(), torch.Tensor(g).requires_grad, torch.Tensor(device="cpu").shape)
print(torch.FloatTensor([1, 2]), torch.LongTensor([1.7, -2.9]), torch.IntTensor(2).shape, torch.DoubleTensor(2).dtype)
print(torch.BoolTensor([1, 0]), torch.ByteTensor([1]).dtype, torch.HalfTensor([1]).dtype, torch.ShortTensor([3]).dtype, torch.CharTensor([-1]).dtype)
print(torch.FloatTensor, torch.LongTensor(torch.ones(2, dtype=torch.int64)))
for args in [("a",), (2.5,), ({},), (None,), ([[1], [2, 3]],), (2, "a"), (-1,)]:
    try:
        torch.Tensor(*args)
    except TypeError as e:
        print("TypeError:", e)
    except ValueError as e:
        print("ValueError:", e)
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    torch.Tensor(x, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.LongTensor(2.5)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.LongTensor(torch.ones(2))
except TypeError as e:
    print("TypeError:", e)
torch.Tensor(1, 2, foo=3)
