import torch
t = torch.ones(2)
t(3)
