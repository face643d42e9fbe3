import torch
for i in range(3):
    if i == 2:
        t = torch.ones(2)
        t[5] = 1
    print(i)
