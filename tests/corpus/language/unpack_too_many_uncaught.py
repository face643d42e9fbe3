import torch
rows, cols = torch.zeros(2, 3, 4).shape
