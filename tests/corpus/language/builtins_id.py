import torch
import numpy as np

a = torch.ones(3)
b = a
c = a.view(3)
print(id(a) == id(b), id(a) == id(c), type(id(a)))
n = np.ones(3)
m = n
print(id(n) == id(m), id(n) == id(n[:]))
lst = [1, 2]
print(id(lst) == id(lst), id(lst) == id(list(lst)))
x = None
print(id(x) == id(None), id(True) == id(True))
print(id(a) > 0, id(a) != id(n))
print(a.data_ptr() == c.data_ptr(), a.data_ptr() == b.data_ptr())
print(n.ctypes.data == n[:].ctypes.data, n.ctypes.data + 8 == n[1:].ctypes.data)
t = torch.from_numpy(n)
print(t.data_ptr() == n.ctypes.data, id(t) == id(n))
print(a.storage().data_ptr() == c.storage().data_ptr())
