# dtype comparisons across the two libraries, and NumPy scalars in f-strings and str.format
import numpy as np
import torch

print(np.dtype('float32') == torch.float32, torch.float32 == np.dtype('float32'), np.float32 == torch.float32)
print(np.dtype('float32') == np.float32, np.dtype('int64') == int, np.dtype('float64') == float, np.dtype('bool') == bool)
print(np.dtype('float64') == None, np.dtype('f8') == 'nosuch', np.dtype('f8') != 3, np.dtype('i1') == 'b')
t = torch.zeros(2, dtype=torch.float16)
print(t.numpy().dtype == np.float16, torch.from_numpy(np.zeros(1, np.int16)).dtype == torch.int16)
a = np.arange(3, dtype=np.int8)
print(a.dtype == 'int8', a.dtype.name, str(a.dtype), repr(a.dtype), f"{a.dtype}", f"{a.dtype!r}")
print(f'{np.float32(2.5):.2f} {np.int64(5):03d} {np.float64(1/3)!r} {np.bool_(True)} {np.float16(0.1)}')
print(f"{np.float32(0.1)} {np.int8(-3)} {np.bool_(True):5} {np.array(0.1, dtype=np.float32)}", "%s %r" % (np.float64(2.0), np.float32(3.5)))
print(str(np.float32(1e10)), str(np.float64(1e-5)), str(np.float16(65504)), repr(np.float32(-0.0)), str(np.float64(123456789.123)))
print([np.float32(0.1), np.float64(0.1)], {'k': np.int16(4)}, (np.uint8(7),))
s = np.float64(2.5)
print(s == 2.5, s > 2, s < np.float32(3), s + 1 == 3.5, type(s + 1), type(s * np.float32(2)), type(np.float32(2) * 2.0))
print(np.int8(127) + np.int8(1) if False else np.int8(100) + 1, type(np.int32(1) + 1), type(np.uint8(1) + np.int8(1)))
print(int(np.float32(3.7)), float(np.int16(3)), bool(np.float64(0.0)), round(np.float64(2.567), 2), abs(np.float32(-1.5)))
