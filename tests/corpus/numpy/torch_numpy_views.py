# t.numpy() and torch.from_numpy share memory: writes through one are visible in the other
import numpy as np
import torch

t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
a = t.numpy()
print(a, a.dtype, a.shape, a.strides, a.flags['OWNDATA'], a.flags['WRITEABLE'])
print(type(a.base), a.base is t, np.shares_memory(a, t.numpy()))
print(a.ctypes.data == t.data_ptr())
a[0, 0] = 100
print(t)
t[1, 2] = -1
print(a)
t.add_(1)
print(a)
a += 1
print(t, t._version)
b = np.arange(12, dtype=np.int64).reshape(3, 4)
u = torch.from_numpy(b)
print(u, u.dtype, u.stride(), u.storage_offset(), u.data_ptr() == b.ctypes.data)
u[0, 0] = 50
print(b[0])
b[2] *= 2
print(u[2])
s = torch.from_numpy(b[1:, 1:])
print(s.shape, s.stride(), s.storage_offset(), s.data_ptr() - b.ctypes.data, s.storage().data_ptr() == s.data_ptr())
s.zero_()
print(b)
tt = torch.from_numpy(b.T)
print(tt.shape, tt.stride(), tt.is_contiguous())
v = t[:, 1].numpy()
print(v, v.strides, v.ctypes.data - t.data_ptr())
w = t.T.numpy()
print(w.strides, w.flags['F_CONTIGUOUS'])
h = torch.ones(3, dtype=torch.float16).numpy()
print(h.dtype, torch.ones(2, dtype=torch.bool).numpy().dtype, torch.ones(2, dtype=torch.uint8).numpy().dtype, torch.zeros(2, dtype=torch.int8).numpy())
print(torch.from_numpy(np.zeros(3, dtype=np.float16)).dtype, torch.from_numpy(np.array([True])).dtype, torch.from_numpy(np.array(5)).shape)
x = torch.ones(2, requires_grad=True)
try:
    x.numpy()
    print("x.numpy() -> no error")
except Exception as ex:
    print("x.numpy() ->", type(ex).__name__ + ":", ex)
print(x.detach().numpy(), x.numpy(force=True) if False else x.detach().numpy().flags['WRITEABLE'])
try:
    torch.from_numpy(b[:, ::-1])
    print("torch.from_numpy(b[:, ::-1]) -> no error")
except Exception as ex:
    print("torch.from_numpy(b[:, ::-1]) ->", type(ex).__name__ + ":", ex)
try:
    torch.from_numpy([1, 2])
    print("torch.from_numpy([1, 2]) -> no error")
except Exception as ex:
    print("torch.from_numpy([1, 2]) ->", type(ex).__name__ + ":", ex)
r = np.arange(3.0)
r.flags.writeable = False
q = torch.from_numpy(r)
print(q)
torch.from_numpy(np.arange(4)[::-2])
