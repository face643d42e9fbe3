import torch
t = torch.ones(2)
print(t.foo_bar_baz)
