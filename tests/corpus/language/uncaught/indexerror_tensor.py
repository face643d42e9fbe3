import torch
t = torch.zeros(3, 4)
print(t[3])
