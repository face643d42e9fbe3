import torch
print(torch.tensorr([1]))
