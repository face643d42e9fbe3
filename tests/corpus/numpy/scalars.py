# NumPy scalars: construction, repr/str, attributes, and where they come from
import numpy as np

for t in [np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8, np.bool_]:
    s = t(3)
    print(t, repr(s), str(s), type(s), s.dtype, s.shape, s.ndim, s.size, s.itemsize, s.nbytes, s.strides)

x = np.float32(2.5)
print(x, repr(x), x.item(), type(x.item()), x.tolist(), type(x.tolist()))
print(np.float64(0.1), np.float32(0.1), np.float16(0.1), repr(np.float32(0.1)))
print(np.float64(1e20), np.float32(1e-7), np.float64(-0.0), np.float32(1 / 3))
print(np.int8(-5), np.uint8(255), np.int64(2**40), np.bool_(0), np.bool_(5))
print(np.float32(), np.int32(), np.bool_())
print(np.float32(7) + 1, type(np.float32(7) + 1))
print(np.float32(7) * 2.5, type(np.float32(7) * 2.5))
print(np.int64(7) // 2, np.int64(7) / 2, type(np.int64(7) / 2))
print(-np.float32(1.5), abs(np.int16(-4)))
a = np.arange(6, dtype=np.float32).reshape(2, 3)
s = a[1, 2]
print(repr(s), type(s), s.dtype, s.shape)
print(repr(a.sum()), type(a.sum()), repr(a.max()), repr(a.min()), repr(a.mean()))
i = np.arange(4)[2]
print(repr(i), type(i), i + 1, int(i), float(i))
print(repr(np.arange(3, dtype=np.uint8)[1]), repr(np.array([True, False])[0]))
print(float(np.float32(2.5)), int(np.float64(3.9)), bool(np.float32(0.0)))
print(np.float32(2.5) == 2.5, np.int64(3) == 3, np.float32(0.1) == 0.1)
print(isinstance(x, np.float32), isinstance(x, np.ndarray), isinstance(a, np.ndarray))
print(type(x).__name__ if hasattr(type(x), '__name__') else 'no name')
print(f"{np.float32(2.5)} {np.float64(1/3):.3f} {np.int64(42):5d}")
print([np.float32(1.5), np.int8(2)])
print((np.float64(1.0), np.bool_(True)))
print(np.float32(2.5).item() + 1)
