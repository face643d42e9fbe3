import torch
t = torch.ones(3)
u = torch.ones(4)
print(t + u)
