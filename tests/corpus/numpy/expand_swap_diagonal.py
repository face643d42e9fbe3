# np.expand_dims, np.swapaxes and diagonal(): views
import numpy as np
import torch

a = np.arange(6).reshape(2, 3)
e = np.expand_dims(a, 0)
print(e.shape, e.strides, e.base is a.base, np.shares_memory(e, a))
print(np.expand_dims(a, (0, 2)).shape, np.expand_dims(a, -1).strides, np.expand_dims([1, 2], 1), np.expand_dims(a, [1]).shape)
print(np.expand_dims(torch.ones(2), 0), type(np.expand_dims(torch.ones(2), 0)))
s = np.swapaxes(a, 0, 1)
print(s.shape, s.strides, np.shares_memory(s, a))
t = torch.arange(6.0).reshape(2, 3)
st = np.swapaxes(t, 0, 1)
print(st, type(st), st.stride(), st._base is t)
d = a.diagonal()
print(d, d.strides, d.flags['WRITEABLE'], d.flags['OWNDATA'], d.base is a.base)
print(a.diagonal(1), a.diagonal(offset=-1), np.arange(24).reshape(2, 3, 4).diagonal(0, 1, 2), np.arange(24).reshape(2, 3, 4).diagonal(axis1=0, axis2=2).shape)
e[0, 1, 1] = 40
print(a)
try:
    np.expand_dims(a, 3)
    print("np.expand_dims(a, 3) -> no error")
except Exception as ex:
    print("np.expand_dims(a, 3) ->", type(ex).__name__ + ":", ex)
try:
    np.expand_dims(a, (0, 0))
    print("np.expand_dims(a, (0, 0)) -> no error")
except Exception as ex:
    print("np.expand_dims(a, (0, 0)) ->", type(ex).__name__ + ":", ex)
try:
    np.expand_dims(a, 1.5)
    print("np.expand_dims(a, 1.5) -> no error")
except Exception as ex:
    print("np.expand_dims(a, 1.5) ->", type(ex).__name__ + ":", ex)
try:
    np.swapaxes(a, 0, 2)
    print("np.swapaxes(a, 0, 2) -> no error")
except Exception as ex:
    print("np.swapaxes(a, 0, 2) ->", type(ex).__name__ + ":", ex)
try:
    a.diagonal(0, 0, 0)
    print("a.diagonal(0, 0, 0) -> no error")
except Exception as ex:
    print("a.diagonal(0, 0, 0) ->", type(ex).__name__ + ":", ex)
try:
    np.arange(3).diagonal()
    print("np.arange(3).diagonal() -> no error")
except Exception as ex:
    print("np.arange(3).diagonal() ->", type(ex).__name__ + ":", ex)
d[0] = 1
