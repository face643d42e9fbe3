# Keyword arguments by torch's names and by the NumPy spellings torch also accepts (axis, keepdims, x, a,
# x1, x2), and the messages for unknown or duplicated ones.
import torch

t = torch.arange(6.).reshape(2, 3)
print(t.sum(axis=1), t.sum(dim=1, keepdims=True), t.mean(axis=0), torch.sum(a=t), torch.sum(x=t, dim=0), t.max(axis=1).indices)
print(torch.add(x1=t, x2=t)[0], torch.mul(input=t, other=2)[1], torch.transpose(input=t, dim0=0, dim1=1).shape, torch.squeeze(a=t[None]).shape)
print(t.transpose(dim1=0, dim0=1).shape, t.select(index=1, dim=1), t.narrow(length=1, start=2, dim=1).tolist(), t.unsqueeze(dim=-1).shape)
print(t.view(size=(3, 2)).shape, t.reshape(shape=[6]).shape, t.permute(dims=[1, 0]).shape, t.chunk(chunks=3, dim=1)[0].shape)
print(t.clamp(min=1, max=4), t.allclose(other=t, rtol=0, atol=0), t.to(dtype=torch.int8).dtype, t.expand(size=(2, 2, 3)).shape)
print(torch.cat(tensors=(t, t), dim=1).shape, torch.stack(tensors=[t, t], dim=2).shape, torch.full(size=(1,), fill_value=3))
print(torch.arange(start=0, end=3, step=1), torch.linspace(start=0, end=1, steps=3), torch.eye(n=2, m=1), torch.zeros(size=[2], dtype=torch.int16))
for call in ["sum", "mean", "max", "view", "transpose", "unsqueeze", "clamp", "to", "add"]:
    try:
        getattr(t, call)(bogus=1)
    except TypeError as e:
        print("TypeError:", e)
try:
    t.unsqueeze(0, dim=1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.sum(t, input=t)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.add(t, t, alpha=1, beta=2)
except TypeError as e:
    print("TypeError:", e)
try:
    t.sum(dim=0, axis=1)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.zeros(2, size=3)
except TypeError as e:
    print("TypeError:", e)
try:
    torch.tensor([1], dtyp=torch.float32)
except TypeError as e:
    print("TypeError:", e)
torch.ones(2, 3, dtype=torch.float32, requires_grad="yes")
