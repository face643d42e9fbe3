import torch
x = torch.arange(6)
y = x.view(2, 3)
print(y)
z = y.t().view(6)
print("never")
