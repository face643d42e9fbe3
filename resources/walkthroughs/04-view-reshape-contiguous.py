# en: view, reshape and contiguous: which of them may copy, and when?
# zh: view、reshape 和 contiguous：它们中哪些可能复制，又在什么时候复制？
import torch
# en: A holds 0..5 as a 2x3 matrix, contiguous in row-major order.
# zh: A 是值为 0..5 的 2x3 矩阵，按行优先顺序连续存放。
A = torch.arange(6).reshape((2, 3))
# en: On a contiguous tensor, view(3, 2) only reads the same buffer with a new shape: no copy.
# zh: 对连续的张量，view(3, 2) 只是换个形状读同一块缓冲区：不复制。
V = A.view(3, 2)
print(V)
print(V.data_ptr() == A.data_ptr(), V.stride())
# en: reshape does the same here: when the strides allow a view, reshape returns a view.
# zh: 这里 reshape 也一样：只要步长允许视图，reshape 就返回视图。
S = A.reshape(3, 2)
print(S.data_ptr() == A.data_ptr())
# en: The transpose T is a view with strides (1, 3): it is not contiguous.
# zh: 转置 T 是一个步长为 (1, 3) 的视图：它不是连续的。
T = A.t()
print(T.stride(), T.is_contiguous())
# en: view(6) on T is refused: no single stride can walk T's elements in order through the buffer.
# zh: 对 T 调用 view(6) 会被拒绝：没有哪个单一步长能按顺序在缓冲区里走遍 T 的元素。
try:
    T.view(6)
except RuntimeError as err:
    print(err)
# en: reshape(6) succeeds because it quietly copies when a view is impossible.
# zh: reshape(6) 能成功，因为在无法建立视图时它会悄悄复制。
F = T.reshape(6)
print(F)
# en: F has a storage of its own: neither its data pointer nor its storage is A's.
# zh: F 有自己的存储：它的数据指针和存储都不是 A 的。
print(F.data_ptr() == A.data_ptr(), F.storage().data_ptr() == A.storage().data_ptr())
# en: So writing into F leaves A untouched.
# zh: 所以写入 F 不会影响 A。
F[0] = 100
print(A)
# en: contiguous() on a tensor that is already contiguous returns the very same object.
# zh: 对本来就连续的张量调用 contiguous()，返回的就是同一个对象。
print(A.contiguous() is A)
# en: On T it has to copy: C gets a new buffer with T's values in row-major order.
# zh: 对 T 则必须复制：C 得到新的缓冲区，按行优先顺序存放 T 的值。
C = T.contiguous()
print(C is T, C.data_ptr() == T.data_ptr(), C.stride(), C.is_contiguous())
# en: Now view works: C.view(6) is a view of C's new buffer.
# zh: 现在 view 就可以用了：C.view(6) 是 C 的新缓冲区上的视图。
W = C.view(6)
print(W, W.data_ptr() == C.data_ptr())
