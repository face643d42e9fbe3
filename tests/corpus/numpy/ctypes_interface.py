# ctypes.data and __array_interface__: addresses compared, never printed
import numpy as np

a = np.arange(12, dtype=np.float32).reshape(3, 4)
base = a.ctypes.data
print(a.__array_interface__['data'][0] == base, a.__array_interface__['data'][1])
print(a[1].ctypes.data - base, a[:, 2].ctypes.data - base, a[2, 3].ctypes.data - base if False else a[2:, 3:].ctypes.data - base)
print(a.T.ctypes.data == base, a[::-1].ctypes.data - base, a[:, ::-1].ctypes.data - base)
print(a.ravel().ctypes.data == base, a.T.ravel().ctypes.data == base, a.copy().ctypes.data == base)
print(type(a.ctypes.data))
ai = a.__array_interface__
print([k for k in ai])
print(ai['shape'], ai['strides'], ai['typestr'], ai['descr'], ai['version'])
t = a.T.__array_interface__
print(t['shape'], t['strides'], t['typestr'])
for dt in [np.float16, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8, np.bool_]:
    x = np.zeros(2, dtype=dt).__array_interface__
    print(x['typestr'], x['descr'], x['strides'])
r = a[1:]
r.flags.writeable = False
print(r.__array_interface__['data'][1], r.__array_interface__['data'][0] - base)
print(np.zeros((0, 3)).__array_interface__['shape'])
print(a[1].__array_interface__['strides'], a[:, 1].__array_interface__['strides'])
a.ctypes.nosuch
