# en: Converting between NumPy arrays and PyTorch tensors: which conversions share memory, and which copy?
# zh: NumPy 数组与 PyTorch 张量之间的转换：哪些转换共享内存，哪些会复制？
import torch
import numpy
# en: A is a tensor holding 0..11 as a 3x4 matrix, in a buffer of its own.
# zh: A 是一个 3x4 的张量，值为 0..11，存放在它自己的缓冲区里。
A = torch.arange(12, dtype=torch.float32).reshape((3, 4))
# en: detach() and numpy() make no copy: B is an ndarray over A's very buffer.
# zh: detach() 和 numpy() 都不复制：B 是建在 A 的同一块缓冲区上的 ndarray。
B = A.detach().numpy()
# en: torch.from_numpy shares too: C is a tensor over the same buffer again.
# zh: torch.from_numpy 同样共享：C 又是建在同一块缓冲区上的张量。
C = torch.from_numpy(B)
print(type(A), type(B), type(C))
print(A)
print(B)
print(C)
# en: Writing through B changes the one buffer, so A, B and C all show the new values.
# zh: 通过 B 写入会修改这唯一的缓冲区，所以 A、B、C 都显示新值。
B += 5
print(A)
print(B)
print(C)
# en: torch.tensor always copies: D gets a buffer of its own.
# zh: torch.tensor 总是复制：D 得到自己的缓冲区。
D = torch.tensor(B)
print(B)
print(D)
# en: So writing through B again changes A, B and C, but not D.
# zh: 所以再次通过 B 写入会改变 A、B、C，但不会改变 D。
B += 5
print(B)
print(D)
# en: The data pointers tell the truth: A, B and C start at one address, D at another.
# zh: 数据指针说出真相：A、B、C 从同一个地址开始，D 在另一个地址。
print(A.storage().data_ptr() == B.ctypes.data == C.storage().data_ptr(), D.storage().data_ptr() == A.storage().data_ptr())
# en: id() is not the test: A, B and C are three Python objects with three ids, over one buffer.
# zh: id() 不能用来判断：A、B、C 是三个 Python 对象，有三个不同的 id，却共用一块缓冲区。
print(id(A) == id(B), id(B) == id(C), A.data_ptr() == C.data_ptr())
