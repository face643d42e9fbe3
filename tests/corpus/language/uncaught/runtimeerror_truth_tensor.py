import torch
if torch.ones(2):
    pass
