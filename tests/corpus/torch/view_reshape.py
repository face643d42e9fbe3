# view() never copies (or refuses); reshape() views when it can and copies when it must.
import torch

t = torch.arange(12.)
m = t.view(3, 4)
print(m.shape, m.data_ptr() == t.data_ptr(), m.view(-1, 2).shape, m.view((2, 6)).shape, m.view([4, 3]).stride())
print(m.view(size=(6, 2)).shape, m.view(torch.Size([12])).shape, t.view(1, 1, 12).stride())
m[0, 0] = 100
print("write through the view", t[0].item())
r = m.reshape(6, 2)
print("reshape of contiguous is a view", r.data_ptr() == t.data_ptr(), r._base is t)
tt = m.t()
c = tt.reshape(12)
print("reshape of transposed copies", c.data_ptr() == t.data_ptr(), c.is_contiguous(), c.tolist())
c[0] = -1
print("the copy is independent", t[0].item())
print(m.reshape(-1).shape, m.reshape(2, -1).shape, torch.reshape(m, (4, 3)).shape, m.reshape(shape=(2, 6)).shape)
s = m[:, 1:3]
print("reshape of a slice", s.reshape(6).data_ptr() == s.data_ptr(), s.reshape(3, 2, 1).data_ptr() == s.data_ptr())
print(torch.tensor(5.).view(1).shape, torch.tensor(5.).reshape(()).shape, torch.zeros(0, 4).view(-1, 2).shape)
iv = m.view(torch.int32)
print(iv.dtype, iv.shape, iv[0, 1].item(), iv._base is None, iv.data_ptr() == t.data_ptr())
hv = m.view(torch.float16)
print(hv.shape, hv.stride())
bv = torch.zeros(4, dtype=torch.int8).view(torch.uint8)
print(bv.dtype, bv.tolist())
m.view(torch.int32)[0, 0] = 0
print("int view wrote", t[0].item())
try:
    tt.view(12)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.view(5, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.view(-1, -1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.reshape(7)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.view(2.0, 6)
except TypeError as e:
    print("TypeError:", e)
try:
    m.view(2, 6.0)
except TypeError as e:
    print("TypeError:", e)
try:
    m.view("a")
except TypeError as e:
    print("TypeError:", e)
try:
    m.view(shape=(2, 6))
except TypeError as e:
    print("TypeError:", e)
try:
    m.reshape((3, "a"))
except TypeError as e:
    print("TypeError:", e)
try:
    torch.reshape(m, 3, 4)
except TypeError as e:
    print("TypeError:", e)
try:
    m.t().view(torch.int16)
except RuntimeError as e:
    print("RuntimeError:", e)
tt.view(3, 4)
