# en: The NumPy side: which calls copy, which share, and how an array tells you where its memory comes from.
# zh: NumPy 这一侧：哪些调用会复制，哪些会共享，数组又如何告诉你它的内存从哪里来。
import numpy as np
# en: a holds 0..5 in a buffer it owns: its base is None and its OWNDATA flag is True.
# zh: a 存放 0..5，缓冲区归它自己所有：它的 base 是 None，OWNDATA 标志为 True。
a = np.arange(6)
print(a.base is None, a.flags['OWNDATA'])
# en: np.array copies by default: b owns a new buffer and shares no memory with a.
# zh: np.array 默认会复制：b 拥有一块新的缓冲区，与 a 不共享内存。
b = np.array(a)
print(b.flags['OWNDATA'], np.shares_memory(a, b))
# en: np.asarray copies only when it must: here it hands back a itself.
# zh: np.asarray 只在必要时才复制：这里它直接返回 a 本身。
c = np.asarray(a)
print(c is a)
# en: A slice is a view: its base is a, it owns nothing, and it shares a's memory.
# zh: 切片是视图：它的 base 是 a，它不拥有数据，并与 a 共享内存。
v = a[1:5]
print(v.base is a, v.flags['OWNDATA'], np.shares_memory(a, v))
# en: A view of a view still names the array that owns the memory as its base.
# zh: 视图的视图，其 base 仍然是真正拥有内存的那个数组。
w = v[::2]
print(w, w.base is a)
# en: reshape of a contiguous array is a view as well.
# zh: 对连续数组做 reshape 同样得到视图。
r = a.reshape((2, 3))
print(r.base is a)
# en: So a write through r shows up in a, v and w, but not in the copy b.
# zh: 所以通过 r 写入，a、v、w 都会看到，副本 b 却不会。
r[0, 1] = 100
print(a, v, w)
print(b)
# en: The even and the odd elements: two views that interleave within the same bounds.
# zh: 偶数位和奇数位元素：两个在同一范围内交错的视图。
e = a[::2]
o = a[1::2]
# en: may_share_memory only compares the bounds and says True; shares_memory checks exactly: no byte is shared.
# zh: may_share_memory 只比较内存范围，所以回答 True；shares_memory 做精确检查：没有任何字节是共享的。
print(np.may_share_memory(e, o), np.shares_memory(e, o))
# en: asarray with a different dtype cannot reuse the buffer, so it copies.
# zh: 如果 asarray 指定了不同的 dtype，就无法复用原缓冲区，只能复制。
f = np.asarray(a, dtype=np.float64)
print(f is a, f.flags['OWNDATA'], np.shares_memory(a, f))
