# clone() always copies (keeping a dense layout's strides); contiguous() copies only when needed.
import torch

t = torch.arange(12.).reshape(3, 4)
tt = t.t()
for name, v in [("t.clone()", t.clone()), ("tt.clone()", tt.clone()), ("torch.clone(tt)", torch.clone(tt)),
                ("tt.clone(memory_format=torch.contiguous_format)", tt.clone(memory_format=torch.contiguous_format)),
                ("tt.clone(memory_format=torch.preserve_format)", tt.clone(memory_format=torch.preserve_format)),
                ("t[:, ::2].clone()", t[:, ::2].clone()), ("t.expand(2, 3, 4).clone()", t.expand(2, 3, 4).clone()),
                ("t.contiguous()", t.contiguous()), ("tt.contiguous()", tt.contiguous()),
                ("t[:, 1:].contiguous()", t[:, 1:].contiguous()), ("t[1].contiguous()", t[1].contiguous()),
                ("t.unsqueeze(1).contiguous()", t.unsqueeze(1).contiguous())]:
    print(f"{name:50} stride={v.stride()} same_ptr={v.data_ptr() == t.data_ptr()} version={v._version} "
          f"is_view={v._base is not None}")
print("contiguous() of a contiguous tensor is the same object", t.contiguous() is t, tt.contiguous() is tt)
c = t.clone()
c[0, 0] = 50
print(t[0, 0].item(), c[0, 0].item())
print(torch.contiguous_format, torch.preserve_format, torch.channels_last, type(torch.contiguous_format).__name__)
print(t.contiguous(memory_format=torch.contiguous_format) is t)
try:
    t.clone(torch.contiguous_format)
except TypeError as e:
    print("TypeError:", e)
try:
    t.clone(memory_format=1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.contiguous(1)
except TypeError as e:
    print("TypeError:", e)
