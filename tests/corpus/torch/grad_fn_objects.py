# grad_fn is a node object: its type is named after the op, .name() returns that name, and it is the
# same object each time it is read. Leaves have none.
import torch

a = torch.ones(2, 3, requires_grad=True)
print(a.grad_fn, a.is_leaf, a.requires_grad, a.grad)
y = a + 1
g = y.grad_fn
print(type(g).__name__, g.name(), g is y.grad_fn, y.grad_fn == y.grad_fn, y.is_leaf, y.requires_grad)
print(str(g)[:26] == "<AddBackward0 object at 0x", repr(g) == str(g))
ops = [
    ("a * 2", a * 2), ("a - 1", a - 1), ("1 - a", 1 - a), ("a / 2", a / 2), ("a ** 2", a ** 2), ("-a", -a),
    ("a.view(3, 2)", a.view(3, 2)), ("a.t()", a.t()), ("a.T", a.T), ("a[0]", a[0]), ("a[:, 1:]", a[:, 1:]),
    ("a.transpose(0, 1)", a.transpose(0, 1)), ("a.permute(1, 0)", a.permute(1, 0)), ("a.reshape(6)", a.reshape(6)),
    ("a.t().reshape(6)", a.t().reshape(6)), ("a.flatten()", a.flatten()), ("a.unsqueeze(0)", a.unsqueeze(0)),
    ("a.squeeze()", a.squeeze()), ("a.squeeze(0)", a.squeeze(0)), ("a.expand(2, 2, 3)", a.expand(2, 2, 3)),
    ("a.select(0, 1)", a.select(0, 1)), ("a.narrow(1, 0, 2)", a.narrow(1, 0, 2)), ("a.diagonal()", a.diagonal()),
    ("a.clone()", a.clone()), ("a.sum()", a.sum()), ("a.sum(0)", a.sum(0)), ("a.mean()", a.mean()),
    ("a.mean(1)", a.mean(1)), ("a.max()", a.max()), ("a.abs()", a.abs()), ("a.neg()", a.neg()),
    ("a.double()", a.double()), ("a.matmul(a.t())", a.matmul(a.t())), ("a @ a.t()", a @ a.t()),
    ("a.add(a, alpha=2)", a.add(a, alpha=2)), ("a.pow(2)", a.pow(2)), ("a.clamp(0, 1)", a.clamp(0, 1)),
    ("a.contiguous()", a.contiguous()), ("a.t().contiguous()", a.t().contiguous()),
]
for name, r in ops:
    fn = r.grad_fn
    print(f"{name:20} {type(fn).__name__:22} {fn.name():22} leaf={r.is_leaf} requires_grad={r.requires_grad}")
parts = a.chunk(2, 1)
print([p.grad_fn.name() for p in parts], parts[0].grad_fn is parts[1].grad_fn)
print([p.grad_fn.name() for p in a.unbind()], [p.grad_fn.name() for p in a.split(1)])
print(a.long().grad_fn, a.eq(1).grad_fn, a.detach().grad_fn, a.max(0).values.grad_fn.name(), a.max(0).indices.grad_fn)
with torch.no_grad():
    z = a * 2
print("under no_grad", z.grad_fn, z.requires_grad, z.is_leaf)
b = a.clone()
b.add_(1)
print("in-place on a non-leaf", b.grad_fn.name(), b._version)
v = b[0]
v.mul_(2)
print("in-place through a view", v.grad_fn.name(), b.grad_fn.name())
try:
    y.grad_fn = None
except AttributeError as e:
    print("AttributeError:", e)
try:
    g.foo
except AttributeError as e:
    print("AttributeError:", e)
