import torch
t = torch.arange(6).reshape(2, 3).t()
v = t.view(6)
