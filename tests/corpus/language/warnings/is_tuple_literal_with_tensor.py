import torch
t = torch.ones(2)
print(t.shape is (2,), t is None, None is None)
