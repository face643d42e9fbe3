import torch
x = torch.ones(2)
try:
    x.view(3)
except ValueError:
    print("not a ValueError")
