# en: Saving memory (d2l): which operations put the result in a new buffer, and which write into the old one?
# zh: 节省内存（d2l）：哪些操作把结果放进新的缓冲区，哪些操作写回原来的缓冲区？
import torch
# en: X holds 0..11 as a 3x4 matrix; Y is a 3x4 matrix of ones. Each has a buffer of its own.
# zh: X 是值为 0..11 的 3x4 矩阵，Y 是全 1 的 3x4 矩阵，两者各有自己的缓冲区。
X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.ones((3, 4))
# en: Remember where X's data starts: its data pointer.
# zh: 记下 X 的数据从哪里开始：它的数据指针。
before = X.data_ptr()
# en: X = X + Y computes the sum in a new buffer, then rebinds the name X to the new tensor.
# zh: X = X + Y 先在新的缓冲区里算出和，再把名字 X 重新绑定到这个新张量上。
X = X + Y
# en: The data pointer moved: X no longer names the old buffer, so the assignment allocated new memory.
# zh: 数据指针变了：X 已不再指向原来的缓冲区，这次赋值分配了新内存。
print(before == X.data_ptr())
# en: Give the tensor that X names now a second name, Z, and remember its data pointer.
# zh: 给 X 现在指向的张量再起一个名字 Z，并记下它的数据指针。
Z = X
before = X.data_ptr()
# en: X += Y is an in-place operation: it writes the sum into X's own buffer.
# zh: X += Y 是原地操作：它把和直接写进 X 自己的缓冲区。
X += Y
# en: Same buffer, same tensor: X and Z are still one object, and Z sees the new values.
# zh: 缓冲区没变，张量也没变：X 和 Z 仍是同一个对象，Z 也看到了新值。
print(before == X.data_ptr(), X is Z)
print(Z)
# en: X[:] = X + Y computes X + Y in a temporary buffer, then copies it into X's buffer through the slice.
# zh: X[:] = X + Y 先在临时缓冲区里算出 X + Y，再通过切片把结果复制进 X 的缓冲区。
X[:] = X + Y
# en: Still the same buffer, so Z follows along again.
# zh: 仍然是同一块缓冲区，所以 Z 又跟着变了。
print(before == X.data_ptr())
print(Z)
# en: d2l's pattern: allocate the result once with zeros_like, then write into it with slice assignment.
# zh: d2l 的做法：先用 zeros_like 分配一次结果张量，再用切片赋值写进去。
R = torch.zeros_like(Y)
before = R.data_ptr()
R[:] = X + Y
# en: R kept its buffer: repeated updates like this need no new memory for the result.
# zh: R 保住了自己的缓冲区：这样反复更新，结果不需要新的内存。
print(before == R.data_ptr())
print(R)
# en: Rebinding once more: X = X + Y gives X a new buffer, and Z stays behind on the old one.
# zh: 再重新绑定一次：X = X + Y 让 X 拿到新的缓冲区，而 Z 留在原来的缓冲区上。
X = X + Y
print(Z.data_ptr() == X.data_ptr(), X is Z)
print(X)
print(Z)
