# torch.Size (a tuple) and torch.device.
import torch

s = torch.Size([2, 3, 4])
print(s, repr(s), str(s), type(s).__name__, len(s), s[0], s[-1], s[1:], s.numel(), list(s), tuple(s))
print(s == (2, 3, 4), s == torch.Size([2, 3, 4]), s == [2, 3, 4], isinstance(s, tuple), 3 in s, s.index(4) if False else s[2])
print(torch.Size(), torch.Size([]), torch.Size((5,)), torch.Size(range(3)), torch.Size(s), torch.zeros(s).shape)
print(s + (5,), (1,) + s, s * 1 if False else s, torch.Size([0, 2]).numel(), torch.Size([]).numel())
a, b, c = s
print(a, b, c, max(s), min(s), sum(s) if False else s[0] + s[1])
t = torch.zeros(2, 3)
print(t.shape == t.size(), t.size() == torch.Size([2, 3]), t.shape is t.shape, t[None].shape, f"{t.shape}")
d = torch.device("cpu")
print(d, repr(d), d.type, d.index, d == torch.device("cpu"), d == "cpu", t.device == d, type(d).__name__)
print(torch.device("cuda"), torch.device("cuda:1"), torch.device("cuda", 0), repr(torch.device("cuda:2")), torch.device("cuda:1").index)
print(torch.device(d), torch.device("cpu").type, str(torch.device("cuda", 3)))
try:
    torch.Size(1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.Size([1, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.Size([1, 2.0])
except TypeError as e:
    print("TypeError:", e)
try:
    s[3]
except IndexError as e:
    print("IndexError:", e)
try:
    s.foo
except AttributeError as e:
    print("AttributeError:", e)
try:
    torch.device("gpu")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.device("cuda", "a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.device()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.device("cuda:-1")
except RuntimeError as e:
    print("RuntimeError:", e)
torch.zeros(2, device="tpu")
