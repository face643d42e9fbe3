# transpose, t, T and permute: views with swapped strides.
import torch

t = torch.arange(24.).reshape(2, 3, 4)
for v in [t.transpose(0, 2), t.transpose(-1, 0), torch.transpose(t, 1, 2), t.transpose(dim0=0, dim1=1),
          t.permute(2, 0, 1), t.permute((1, 2, 0)), t.permute([0, 2, 1]), t.permute(dims=(2, 1, 0)),
          torch.permute(t, (1, 0, 2)), t.swapaxes(0, 1) if False else t.transpose(1, 1)]:
    print(tuple(v.shape), v.stride(), v.storage_offset(), v.is_contiguous(), v.data_ptr() == t.data_ptr())
m = torch.arange(6).reshape(2, 3)
print(m.t(), m.t().stride(), torch.t(m).shape, m.T.shape, m.T.stride())
print(torch.arange(3).t().shape, torch.tensor(2).t().shape, torch.arange(3).T.shape)
mt = m.t()
mt[0, 1] = 50
print("write through t()", m)
print(m.t().t().stride(), m.t().t().is_contiguous(), m.t().contiguous().stride())
try:
    t.t()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.transpose(0, 3)
except IndexError as e:
    print("IndexError:", e)
try:
    t.permute(0, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.permute(0, 1, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.permute(0, 1, 5)
except IndexError as e:
    print("IndexError:", e)
try:
    t.transpose(0)
except TypeError as e:
    print("TypeError:", e)
try:
    t.transpose(0, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    t.transpose("a", "b")
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.permute(1, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.transpose(t, 0)
except TypeError as e:
    print("TypeError:", e)
try:
    t.t(0)
except TypeError as e:
    print("TypeError:", e)
print(t.T.shape)
