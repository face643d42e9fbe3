# movedim / moveaxis / swapaxes / swapdims (views), view_as / reshape_as, nelement, get_device, and
# methods called through the class (torch.Tensor.add(t, 1)).
import torch

t = torch.arange(24.).reshape(2, 3, 4)
for v in [t.movedim(0, 2), t.movedim((0, 2), (2, 0)), t.moveaxis(-1, 0), torch.movedim(t, 1, 0), torch.moveaxis(t, [0, 1], [1, 0]),
          t.movedim([], []), t.swapaxes(0, 2), t.swapdims(1, 2), torch.swapaxes(t, 0, 1), torch.swapdims(t, -1, 0)]:
    print(tuple(v.shape), v.stride(), v._base is t._base)
print(t.view_as(torch.zeros(4, 6)).shape, t.reshape_as(torch.zeros(24)).shape, t.transpose(0, 2).reshape_as(torch.zeros(24)).is_contiguous())
print(t.nelement(), t.get_device(), torch.Tensor.add(t, 1)[0, 0].tolist(), torch.Tensor.dim(t), torch.Tensor.size(t, 1))
a = torch.ones(2, 3, requires_grad=True)
print(a.view_as(torch.zeros(3, 2)).grad_fn.name(), a.t().reshape_as(torch.zeros(6)).grad_fn.name(), a.swapaxes(0, 1).grad_fn.name(),
      a.movedim(0, 1).grad_fn.name())
for bad in [((0, 1), (0,)), ((0, 0), (1, 2)), ((0, 1), (2, 2))]:
    try:
        t.movedim(*bad)
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    t.movedim(3, 0)
except IndexError as e:
    print("IndexError:", e)
try:
    t.view_as(torch.zeros(5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.Tensor.add()
except TypeError as e:
    print("TypeError:", e)
try:
    torch.Tensor.add(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    t.swapaxes(0)
except TypeError as e:
    print("TypeError:", e)
try:
    t.nelement(1)
except TypeError as e:
    print("TypeError:", e)
t.movedim(0, "a")
