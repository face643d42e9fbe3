# en: id() is not the test: what tells you two tensors share memory is where their data lives, not which object they are.
# zh: id() 不能用来判断：两个张量是否共享内存，要看数据存放在哪里，而不是看它们是不是同一个对象。
import torch
# en: A holds 0..5 in a buffer of its own.
# zh: A 存放 0..5，有自己的缓冲区。
A = torch.arange(6, dtype=torch.float32)
# en: C = torch.from_numpy(A.numpy()) is a second tensor object over A's buffer.
# zh: C = torch.from_numpy(A.numpy()) 是建在 A 的缓冲区上的另一个张量对象。
C = torch.from_numpy(A.numpy())
# en: Two objects, so two ids; yet their data pointers are equal.
# zh: 两个对象，所以 id 不同；但它们的数据指针相同。
print(id(A) == id(C), A is C)
print(A.data_ptr() == C.data_ptr())
# en: Their storages start at the same address too: one buffer.
# zh: 它们的存储也从同一个地址开始：同一块缓冲区。
print(A.storage().data_ptr() == C.storage().data_ptr())
# en: The proof: a write through C is seen through A.
# zh: 证据：通过 C 写入，A 也能看到。
C[0] = 100
print(A)
# en: The slice S skips the first two elements: its data pointer differs from A's, but its storage is A's, at offset 2.
# zh: 切片 S 跳过了前两个元素：它的数据指针与 A 的不同，但它的存储就是 A 的存储，偏移为 2。
S = A[2:]
print(S.data_ptr() == A.data_ptr(), S.storage().data_ptr() == A.storage().data_ptr(), S.storage_offset())
# en: The other way round: one name X, and where its data lives. Remember the object and the data pointer.
# zh: 反过来看：同一个名字 X，数据放在哪里？记下对象的 id 和数据指针。
X = torch.ones(3)
obj = id(X)
ptr = X.data_ptr()
# en: X += 1 writes in place: the same object over the same buffer.
# zh: X += 1 是原地写入：同一个对象，同一块缓冲区。
X += 1
print(id(X) == obj, ptr == X.data_ptr())
# en: X = X + 1 puts the sum in a new buffer and rebinds X: the name is the same, the buffer is not.
# zh: X = X + 1 把和放进新的缓冲区，再重新绑定 X：名字没变，缓冲区变了。
X = X + 1
print(id(X) == obj, ptr == X.data_ptr())
print(X)
