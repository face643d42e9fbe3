import torch
import numpy as np
w = torch.ones(3, requires_grad=True)
h = w * 2
s = h.sum()
d = w.detach()
d[0] = 5
print(w, h, s)
i = torch.arange(5, dtype=torch.int16)
b = i > 2
half = torch.tensor([0.1, 1e-5, 65504.0], dtype=torch.float16)
q = np.array([True, False, True])
u = np.arange(6, dtype=np.uint8).reshape(2, 3)
f64 = np.linspace(0.0, 1.0, 5)
scalar = f64[1]
z = np.float32(0.1)
print(i, b, half, q, u, f64, scalar, z)
