# The dtype objects and the questions about them: promote_types, result_type, can_cast, get_default_dtype.
import torch

for d in [torch.float16, torch.float32, torch.float64, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool]:
    print(d, repr(d), type(d).__name__, d.is_floating_point, d.is_signed, torch.zeros(1, dtype=d).dtype is d)
print(torch.float is torch.float32, torch.double is torch.float64, torch.half is torch.float16, torch.int is torch.int32,
      torch.long is torch.int64, torch.short is torch.int16, torch.float32 == torch.float, torch.float32 != torch.int32)
print(type(torch.float32), isinstance(torch.int8, torch.dtype), torch.get_default_dtype())
pairs = [(torch.int32, torch.float16), (torch.uint8, torch.int8), (torch.bool, torch.int16), (torch.int64, torch.float32),
         (torch.float16, torch.float64), (torch.bool, torch.bool), (torch.uint8, torch.bool), (torch.int8, torch.int64)]
for x, y in pairs:
    print(x, y, torch.promote_types(x, y), torch.can_cast(x, y), torch.can_cast(y, x))
i = torch.tensor([1, 2])
f = torch.tensor([1.5])
h = torch.tensor([1.], dtype=torch.float16)
print(torch.result_type(i, f), torch.result_type(i, 2.5), torch.result_type(2, i), torch.result_type(1, 1.5),
      torch.result_type(h, 2.5), torch.result_type(torch.tensor(1.), i), torch.result_type(torch.tensor(1, dtype=torch.int8), 300),
      torch.result_type(True, torch.tensor([True])), torch.result_type(tensor=i, other=h))
print(torch.is_floating_point(f), torch.is_floating_point(i), f.is_floating_point(), h.is_floating_point())
print(torch.zeros(1, dtype=float).dtype, torch.zeros(1, dtype=int).dtype, torch.zeros(1, dtype=bool).dtype, f.to(int).dtype)
try:
    torch.promote_types(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.can_cast(torch.float32, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.result_type("a", 1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.get_default_dtype(1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.is_floating_point(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.float32.foo
except AttributeError as e:
    print("AttributeError:", e)
torch.promote_types(torch.float32)
