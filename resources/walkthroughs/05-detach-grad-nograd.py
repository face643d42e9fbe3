# en: Autograd and shared memory: detach(), .data, torch.no_grad() and the version counter.
# zh: 自动求导与共享内存：detach()、.data、torch.no_grad() 和版本计数器。
import torch
# en: w requires grad: autograd records every operation on it, so that gradients can be computed later.
# zh: w 需要梯度：自动求导会记录对它的每个操作，以便之后计算梯度。
w = torch.ones(3, requires_grad=True)
print(w.requires_grad, w.is_leaf)
# en: numpy() is refused while the tensor requires grad: NumPy would bypass autograd.
# zh: 张量需要梯度时，numpy() 会被拒绝：NumPy 会绕过自动求导。
try:
    w.numpy()
except RuntimeError as err:
    print(err)
# en: The fix is detach().numpy(): d is a tensor without autograd, and a an ndarray, both over w's buffer.
# zh: 解决办法是 detach().numpy()：d 是不带自动求导的张量，a 是 ndarray，两者都建在 w 的缓冲区上。
d = w.detach()
a = d.numpy()
print(d.requires_grad, d.data_ptr() == w.data_ptr(), a.ctypes.data == w.data_ptr())
# en: y = w * 2 is recorded: the result requires grad and is no longer a leaf.
# zh: y = w * 2 被记录下来：结果需要梯度，也不再是叶子节点。
y = w * 2
print(y.requires_grad, y.is_leaf)
# en: Inside torch.no_grad() nothing is recorded: z does not require grad.
# zh: 在 torch.no_grad() 里不记录任何操作：z 不需要梯度。
with torch.no_grad():
    z = w * 2
print(z.requires_grad)
# en: The version counter counts in-place writes. w has had none yet.
# zh: 版本计数器记录原地写入的次数。w 目前还没有被原地写过。
print(w._version)
# en: w.data also shares the buffer, but has a version counter of its own: w's values change, w's version stays 0, and autograd cannot notice.
# zh: w.data 同样共享缓冲区，但有自己独立的版本计数器：w 的值变了，w 的版本号仍是 0，自动求导察觉不到这次写入。
D = w.data
D.mul_(10)
print(w, w._version, D._version)
# en: An in-place add through d changes w's buffer too, but d shares w's version counter, so w's version goes up.
# zh: 通过 d 原地加 1 同样会改变 w 的缓冲区，但 d 与 w 共用版本计数器，所以 w 的版本号加 1。
d.add_(1)
print(w, w._version, d._version)
# en: The ndarray a shares the buffer too, but a write through NumPy is invisible to the version counter.
# zh: 数组 a 也共享这块缓冲区，但版本计数器看不到通过 NumPy 的写入。
a += 1
print(w, w._version)
# en: Under torch.no_grad() you may write into w itself in place, as an optimizer step does; its version goes up.
# zh: 在 torch.no_grad() 里可以直接原地修改 w，就像优化器更新参数那样；它的版本号随之增加。
with torch.no_grad():
    w -= 1
print(w, w._version)
