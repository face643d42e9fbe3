# to() and the dtype shorthands: self when nothing changes, a copy otherwise.
import torch

t = torch.arange(6.).reshape(2, 3)
print("same object:", t.to(torch.float32) is t, t.float() is t, t.to("cpu") is t, t.to(torch.device("cpu")) is t,
      t.cpu() is t, t.to() is t, t.to(t) is t, t.to(dtype=torch.float32) is t, t.to("cpu", torch.float32) is t,
      t.type_as(t) is t, t.to(None) is t)
print("copies:", t.to(torch.float32, copy=True) is t, t.to(torch.float32, False, True) is t)
for name, v in [("double", t.double()), ("half", t.half()), ("int", t.int()), ("long", t.long()), ("short", t.short()),
                ("char", t.char()), ("byte", t.byte()), ("bool", t.bool()), ("to(int32)", t.to(torch.int32)),
                ("to(dtype=float64)", t.to(dtype=torch.float64)), ("to(device, dtype)", t.to("cpu", torch.int16)),
                ("to(other)", t.to(torch.zeros(1, dtype=torch.int8))), ("type_as", t.type_as(torch.zeros(1, dtype=torch.uint8))),
                ("to(2)", t.to(torch.tensor(2))), ("to(True)", t.to(True))]:
    print(f"{name:18} {v.dtype} {v.tolist()} shared={v.data_ptr() == t.data_ptr()}")
tt = t.t()
print("layout kept", tt.double().stride(), tt.to(torch.int64).stride(), t[:, ::2].double().stride())
print(torch.tensor([-1.7, 2.9, 300.0]).to(torch.uint8), torch.tensor([0.0, 0.5, -2.0]).bool())
print(torch.tensor([1.5, 2.5]).to(torch.float16), torch.tensor([70000.0]).half())
g = torch.ones(2, requires_grad=True)
print(g.double().grad_fn.name(), g.long().grad_fn, g.float() is g, g.half().requires_grad)
print(t.type(), t.long().type(), t.type(torch.float64).dtype, t.type("torch.IntTensor").dtype, t.type(torch.float32) is t,
      t.type(dtype=torch.int8).dtype, t.bool().type(), t.half().type(), t.type(torch.LongTensor).dtype, t.type(float).dtype)
try:
    t.type("foo")
except ValueError as e:
    print("ValueError:", e)
try:
    t.type(3)
except TypeError as e:
    print("TypeError:", e)
try:
    t.type(torch.float32, foo=1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.to("float")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.to("cpu", "a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.to(torch.float64, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.float(torch.contiguous_format)
except TypeError as e:
    print("TypeError:", e)
try:
    t.to([1])
except TypeError as e:
    print("TypeError:", e)
try:
    t.int(1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.type_as(1.5)
except TypeError as e:
    print("TypeError:", e)
t.to(dtype="float32")
