import torch
t = torch.ones(2)
print(t.dtype is torch.float32)
if t.dim() is 1:
    print("one dimension")
