# en: Views and strides: many tensors can look at one buffer, each through its own shape, strides and offset.
# zh: 视图与步长：多个张量可以看同一块缓冲区，各自带着自己的形状、步长和偏移。
import torch
# en: A holds 0..11 as a 3x4 matrix. Stride (4, 1): the next row is 4 elements further on, the next column 1.
# zh: A 是值为 0..11 的 3x4 矩阵。步长 (4, 1)：下一行在 4 个元素之后，下一列在 1 个元素之后。
A = torch.arange(12).reshape((3, 4))
print(A.stride(), A.storage_offset(), A.is_contiguous())
# en: t() transposes without copying anything: it only swaps the shape and the strides.
# zh: t() 转置时什么都不复制：它只交换形状和步长。
B = A.t()
print(B.shape, B.stride(), B.is_contiguous(), B.data_ptr() == A.data_ptr())
# en: .T is the same transposed view for a 2-D tensor.
# zh: 对二维张量来说，.T 也是同样的转置视图。
print(A.T.stride(), A.T.data_ptr() == A.data_ptr())
# en: Slicing with a step is a view too: every other column, starting at column 1.
# zh: 带步长的切片也是视图：从第 1 列开始，每隔一列取一列。
C = A[:, 1::2]
# en: Stride 2 skips a column; storage offset 1 means C starts at the second element of the buffer.
# zh: 步长 2 表示跳过一列；存储偏移 1 表示 C 从缓冲区的第二个元素开始。
print(C)
print(C.stride(), C.storage_offset(), C.is_contiguous())
# en: select(0, 1) picks row 1 and drops that dim, like A[1]: its storage offset is 4, one row in.
# zh: select(0, 1) 取出第 1 行并去掉这一维，和 A[1] 一样：它的存储偏移是 4，正好跳过一行。
R = A.select(0, 1)
print(R, R.stride(), R.storage_offset())
# en: narrow(1, 1, 2) keeps columns 1 and 2: a 3x2 window onto the same buffer.
# zh: narrow(1, 1, 2) 保留第 1、2 列：同一块缓冲区上的一个 3x2 窗口。
N = A.narrow(1, 1, 2)
print(N.shape, N.stride(), N.storage_offset(), N.is_contiguous())
# en: They are all views, so a write through N changes A, and B, C and R see it as well.
# zh: 它们都是视图，所以通过 N 写入会改变 A，B、C、R 也都能看到。
N[1, 0] = 100
print(A)
print(B[1, 1], C[1, 0], R[1])
# en: expand repeats a row 3 times without copying: stride 0 means every row reads the same 4 elements.
# zh: expand 把一行重复 3 次却不复制：步长 0 表示每一行读的都是同样的 4 个元素。
V = torch.tensor([1, 2, 3, 4])
E = V.expand(3, 4)
print(E)
print(E.stride(), E.data_ptr() == V.data_ptr())
# en: Writing through E in place is refused: several of its elements are one memory cell, so PyTorch raises an error.
# zh: 通过 E 原地写入会被拒绝：它的多个元素其实是同一个内存单元，所以 PyTorch 会报错。
try:
    E += 1
except RuntimeError as err:
    print(err)
# en: clone() copies E into a buffer of its own, with ordinary strides, and that copy can be written.
# zh: clone() 把 E 复制到它自己的缓冲区，步长也变回普通的，这个副本可以写入。
F = E.clone()
F += 1
print(F.stride(), F.data_ptr() == V.data_ptr())
print(V)
