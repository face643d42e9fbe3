import torch
x = torch.zeros(2)
print(x)
import nosuchmodule_for_aliasview
print("never printed")
