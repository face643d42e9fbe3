import torch
import numpy as np

values = [0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0,
          1e-4, 1e-5, 0.00001234, 123.456, -0.0, 2.5, 1.0, 100.0, 1e100, 1.5e-7,
          3.141592653589793, 2 ** 0.5, 1 / 7, 10 / 3]
for v in values:
    print(v, repr(v), str(v))
print(values)
print(round(2.675, 2), round(0.125, 2), round(1.5), round(2.5), round(-0.5))
print(float(torch.tensor(0.1)), float(np.float32(0.1)))
print(torch.tensor(0.1).item(), np.float32(0.1).item())
print(torch.tensor([0.1], dtype=torch.float64).item())
print(np.float64(0.1), np.float64(1e16), np.float64(1 / 3))
print(np.float32(0.1), np.float32(1 / 3), np.float32(16777217.0))
print(repr(np.float32(2.5)), repr(np.float64(2.5)))
print([np.float64(0.5), np.float32(0.25)])
print(torch.tensor(1 / 3).item() == 1 / 3)
print(float("1e5"), float("  2.5  "), float("-0"))
print(1e22, 1e21, 1e23, 12345678901234567890.0)
