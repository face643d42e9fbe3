# _base: every view's _base is the tensor that owns the memory, never a view; copies have none.
import torch

t = torch.arange(12.).reshape(3, 4)
print("reshape of a fresh tensor is a view", t._base is not None)
root = t._base
print(root._base, root.shape)
views = [
    ("t[1]", t[1]),
    ("t[:, 1:]", t[:, 1:]),
    ("t.t()", t.t()),
    ("t.T", t.T),
    ("t.view(4, 3)", t.view(4, 3)),
    ("t.transpose(0, 1)", t.transpose(0, 1)),
    ("t.permute(1, 0)", t.permute(1, 0)),
    ("t.select(1, 0)", t.select(1, 0)),
    ("t.narrow(0, 1, 2)", t.narrow(0, 1, 2)),
    ("t.squeeze()", t.squeeze()),
    ("t.unsqueeze(0)", t.unsqueeze(0)),
    ("t.expand(2, 3, 4)", t.expand(2, 3, 4)),
    ("t.diagonal()", t.diagonal()),
    ("t.flatten()", t.flatten()),
    ("t.view(torch.int32)", t.view(torch.int32)),
    ("t.detach()", t.detach()),
    ("t.data", t.data),
    ("t.reshape(12)", t.reshape(12)),
    ("t.t().reshape(12)", t.t().reshape(12)),
    ("t.ravel()", t.ravel()),
    ("t.t().ravel()", t.t().ravel()),
    ("t.clone()", t.clone()),
    ("t.contiguous()", t.contiguous()),
    ("t.t().contiguous()", t.t().contiguous()),
    ("t.float()", t.float()),
    ("t.double()", t.double()),
    ("t[[0, 2]]", t[[0, 2]]),
    ("t[t > 3]", t[t > 3]),
    ("t[...]", t[...]),
    ("t[None]", t[None]),
]
for name, v in views:
    print(f"{name:22} is_view={v._base is not None} base_is_root={v._base is root} "
          f"same_ptr={v.data_ptr() == t.data_ptr()} same_object={v is t}")
print([p._base is root for p in t.chunk(2)], [p._base is root for p in t.split(2, 1)], [p._base is root for p in t.unbind(1)])
z = torch.zeros(4)
print("fresh", z._base, z[1:]._base is z, z[1:][1:]._base is z)
