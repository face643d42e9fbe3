# data_ptr() and storage(): which views share memory, as differences rather than raw addresses.
import torch
import numpy as np

t = torch.arange(12, dtype=torch.float32).reshape(3, 4)
base = t.data_ptr()
row = t[1]
col = t[:, 2]
print("row delta", row.data_ptr() - base, "col delta", col.data_ptr() - base)
print("t.t() same ptr", t.t().data_ptr() == base, "clone same ptr", t.clone().data_ptr() == base)
s = t.storage()
print(type(s).__name__, s.size(), s.nbytes(), s.element_size(), len(s))
print("storage ptr is base", s.data_ptr() == base, "row storage ptr is base", row.storage().data_ptr() == base)
print("two storage() calls are new objects", t.storage() is t.storage())
print(s.dtype, s.device, s[5], s[-1], s.tolist()[:4])

d = torch.arange(6, dtype=torch.int64)
print(d.storage().size(), d.storage().nbytes(), d[2:].storage_offset(), d[2:].storage().size())
print("slice ptr delta", d[2:].data_ptr() - d.data_ptr())

a = np.arange(10, dtype=np.float64)
f = torch.from_numpy(a[3:])
print("from_numpy storage starts at slice", f.storage_offset(), f.storage().size(),
      f.data_ptr() == a[3:].ctypes.data, f.storage().data_ptr() == f.data_ptr())

e = torch.zeros(0)
print("empty data_ptr", e.data_ptr(), e.storage().size(), e.storage().nbytes())
h = torch.ones(4, dtype=torch.float16)
print(h.storage().element_size(), h.storage().nbytes(), h.storage().size())
v = t.view(torch.int32)
print("view(dtype) shares", v.data_ptr() == base, v.storage().size(), v.dtype)
try:
    s[12]
except IndexError as e:
    print("IndexError:", e)
try:
    t.data_ptr(1)
except TypeError as e:
    print("TypeError:", e)
try:
    t.storage(1)
except TypeError as e:
    print("TypeError:", e)
