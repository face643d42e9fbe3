import torch
t = torch.ones(3)
assert t.shape == (3,)
assert t.sum() == 4, "the sum should be 4"
