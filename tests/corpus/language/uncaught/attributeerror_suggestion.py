import torch
t = torch.ones(2)
print(t.shap)
