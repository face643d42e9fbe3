# chunk / split / unbind: tuples of views.
import torch

t = torch.arange(10.).reshape(5, 2)
for parts in [t.chunk(2), t.chunk(3), t.chunk(5), t.chunk(7), t.chunk(2, 1), t.chunk(chunks=2, dim=-1), torch.chunk(t, 2),
              t.split(2), t.split(3), t.split([1, 4]), t.split((2, 2, 1)), t.split(1, 1), t.split(split_size=4),
              torch.split(t, 2), torch.split(t, [3, 2]), torch.split(t, 1, dim=1), t.split(torch.tensor(2)),
              t.unbind(), t.unbind(1), torch.unbind(t, dim=1)]:
    print(type(parts).__name__, len(parts), [tuple(p.shape) for p in parts],
          [p.storage_offset() for p in parts], all([p._base is t._base for p in parts]))
a, b = t.chunk(2)
a[0, 0] = 99
print(t[0].tolist(), a.is_contiguous(), t.chunk(2, 1)[1].is_contiguous(), t.chunk(2, 1)[1].stride())
for row in t.unbind():
    row.mul_(2)
print(t.tolist())
print(torch.zeros(0, 3).chunk(2), torch.zeros(4).split(0) if False else torch.zeros(0).split(2))
try:
    t.chunk(0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.split([1, 1])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.split(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.split()
except TypeError as e:
    print("TypeError:", e)
try:
    t.split(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    t.split("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.split([1, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    torch.split(t)
except TypeError as e:
    print("TypeError:", e)
try:
    t.chunk()
except TypeError as e:
    print("TypeError:", e)
try:
    t.chunk("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.unbind(2)
except IndexError as e:
    print("IndexError:", e)
try:
    t.unbind("x")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.tensor(1.).unbind()
except IndexError as e:
    print("IndexError:", e)
t.chunk(2, 2)
