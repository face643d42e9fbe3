# np.asarray / np.array of a tensor go through Tensor.__array__ (numpy()); NumPy functions accept tensors
import numpy as np
import torch

t = torch.arange(6.0).reshape(2, 3)
a = np.asarray(t)
print(a, a.dtype, np.shares_memory(a, t.numpy()), a.base is t, type(a.base))
a[0, 1] = 42
print(t)
b = np.array(t)
print(np.shares_memory(b, a), b.flags['OWNDATA'])
b[0, 0] = -5
print(t[0, 0])
c = np.array(t, copy=False)
c[1, 1] = 7
print(t[1, 1])
d = np.asarray(t, dtype=np.float64)
print(d.dtype, np.shares_memory(d, a))
e = np.asarray(t[:, 1])
print(e, e.strides, np.shares_memory(e, a))
print(np.array(torch.tensor(3.5)), repr(np.asarray(torch.tensor(2))), np.array([t[0], t[1]]).shape)
print(np.ascontiguousarray(t.T).flags['C_CONTIGUOUS'], np.shares_memory(np.ascontiguousarray(t), a))
print(np.zeros_like(t), np.ones_like(t).dtype, np.full_like(t, 3))
print(np.add(t, 1), np.multiply(t, t), np.divide(torch.arange(3), 2))
o = np.zeros((2, 3))
print(np.add(t, 1, out=o) is o, o)
print(np.matmul(t, t.T), np.concatenate([t, t]).shape, type(np.concatenate([t, t])), np.stack([t[0], a[0]]).dtype)
r = np.reshape(t, (3, 2))
print(r, type(r))
r[0, 0] = 11
print(t[0, 0])
print(np.transpose(t).shape, np.ravel(t), type(np.ravel(t)), np.squeeze(torch.ones(1, 2)))
print(np.shares_memory(t, a), np.may_share_memory(t, t[1:]))
np.copyto(a, t * 0)
print(t)
g = torch.ones(2, requires_grad=True)
try:
    np.asarray(g)
    print("np.asarray(g) -> no error")
except Exception as ex:
    print("np.asarray(g) ->", type(ex).__name__ + ":", ex)
try:
    np.array(g)
    print("np.array(g) -> no error")
except Exception as ex:
    print("np.array(g) ->", type(ex).__name__ + ":", ex)
try:
    np.add(g, 1)
    print("np.add(g, 1) -> no error")
except Exception as ex:
    print("np.add(g, 1) ->", type(ex).__name__ + ":", ex)
try:
    np.copyto(t, 1)
    print("np.copyto(t, 1) -> no error")
except Exception as ex:
    print("np.copyto(t, 1) ->", type(ex).__name__ + ":", ex)
try:
    np.sum(t)
    print("np.sum(t) -> no error")
except Exception as ex:
    print("np.sum(t) ->", type(ex).__name__ + ":", ex)
try:
    np.max(t, axis=0)
    print("np.max(t, axis=0) -> no error")
except Exception as ex:
    print("np.max(t, axis=0) ->", type(ex).__name__ + ":", ex)
try:
    np.any(t)
except TypeError as e:
    print(str(e).splitlines()[0])
try:
    np.all(t, axis=0, keepdims=True)
except TypeError as e:
    print(e)
try:
    np.min(t, keepdims=True)
except TypeError as e:
    print(e)
with torch.no_grad():
    print(np.asarray(g))
np.mean(t, keepdims=True)
