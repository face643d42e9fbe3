# new_zeros / new_ones / new_full / new_tensor take self's dtype and device; type_as converts.
import torch

t = torch.ones(2, 3, dtype=torch.float64)
for name, v in [("new_zeros(2)", t.new_zeros(2)), ("new_zeros((2, 2))", t.new_zeros((2, 2))), ("new_ones(3, 1)", t.new_ones(3, 1)),
                ("new_ones(size=[2])", t.new_ones(size=[2])), ("new_zeros(2, dtype=int32)", t.new_zeros(2, dtype=torch.int32)),
                ("new_full((2,), 7)", t.new_full((2,), 7)), ("new_full([1, 2], 2.5)", t.new_full([1, 2], 2.5)),
                ("new_tensor([1, 2])", t.new_tensor([1, 2])), ("new_tensor(3)", t.new_tensor(3)),
                ("new_tensor([1], dtype=int64)", t.new_tensor([1], dtype=torch.int64)),
                ("type_as(int)", t.type_as(torch.zeros(1, dtype=torch.int16)))]:
    print(f"{name:30} {v.tolist()} {v.dtype} {v.device} shared={v.data_ptr() == t.data_ptr()}")
i = torch.zeros(2, dtype=torch.int8)
print(i.new_ones(3), i.new_full((2,), 5), i.new_tensor([1.7, -2.2]), i.new_zeros(2, requires_grad=False).requires_grad)
print(t.new_zeros(2, requires_grad=True), t.new_ones(0).shape, t.new_zeros(()).shape)
try:
    t.new_zeros("a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.new_full((2,))
except TypeError as e:
    print("TypeError:", e)
try:
    t.new_tensor([1], [2])
except TypeError as e:
    print("TypeError:", e)
try:
    t.new_ones(2, 3.0)
except TypeError as e:
    print("TypeError:", e)
try:
    i.new_zeros(2, requires_grad=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.type_as(t, t)
except TypeError as e:
    print("TypeError:", e)
t.new_full((2,), "x")
