# sum / mean / max / min as ndarray methods: axis, keepdims, dtype; full reductions give NumPy scalars
import numpy as np

a = np.arange(12, dtype=np.int32).reshape(3, 4)
s = a.sum()
print(s, repr(s), type(s), s.dtype, s.shape)
print(a.sum(0), a.sum(axis=1), a.sum(-1), a.sum((0, 1)), a.sum(axis=(1,)))
print(a.sum(0, keepdims=True), a.sum(1, keepdims=True).shape, a.sum(keepdims=True), repr(a.sum(keepdims=True)))
print(a.sum(dtype=np.float32), repr(a.sum(dtype=np.float32)), a.sum(0, np.int8).dtype, a.sum(axis=0, dtype='float64'))
print(repr(a.mean()), a.mean(0), a.mean(1, keepdims=True), a.mean(dtype=np.float32).dtype, repr(a.mean(axis=(0, 1))))
print(repr(a.max()), a.max(0), a.max(axis=1, keepdims=True), repr(a.min()), a.min(-1), type(a.max(0)))
f = np.array([[1.5, -2.0], [np.inf, 0.25]], dtype=np.float32)
print(repr(f.sum()), repr(f.max()), repr(f.min()), repr(f.mean()), f.sum(0).dtype)
b = np.array([[True, False], [True, True]])
print(repr(b.sum()), b.sum(0), repr(b.max()), repr(b.min()), repr(b.mean()))
u = np.arange(4, dtype=np.uint8)
print(repr(u.max()), repr(u.min()), repr(u.mean()))
h = np.arange(4, dtype=np.float16)
print(repr(h.sum()), repr(h.mean()), h.sum(0).dtype)
t = a.T
print(t.sum(0), t.max(1), t[:, ::2].sum())
e = np.zeros((0, 3))
print(e.sum(), e.sum(0), e.sum(1), e.max(0))
print(a.sum(()).shape, np.shares_memory(a.sum(()), a))
z = np.array(5.0)
print(repr(z.sum()), repr(z.max()), z.sum(0), z.sum(-1))
print(a.sum(axis=np.int64(1)))
try:
    a.sum(2)
    print("a.sum(2) -> no error")
except Exception as ex:
    print("a.sum(2) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(axis=(0, 0))
    print("a.sum(axis=(0, 0)) -> no error")
except Exception as ex:
    print("a.sum(axis=(0, 0)) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(axis=1.5)
    print("a.sum(axis=1.5) -> no error")
except Exception as ex:
    print("a.sum(axis=1.5) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(axis=[0])
    print("a.sum(axis=[0]) -> no error")
except Exception as ex:
    print("a.sum(axis=[0]) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(axis=True)
    print("a.sum(axis=True) -> no error")
except Exception as ex:
    print("a.sum(axis=True) ->", type(ex).__name__ + ":", ex)
try:
    a.mean(axis=-3)
    print("a.mean(axis=-3) -> no error")
except Exception as ex:
    print("a.mean(axis=-3) ->", type(ex).__name__ + ":", ex)
try:
    a.max(5)
    print("a.max(5) -> no error")
except Exception as ex:
    print("a.max(5) ->", type(ex).__name__ + ":", ex)
try:
    e.max()
    print("e.max() -> no error")
except Exception as ex:
    print("e.max() ->", type(ex).__name__ + ":", ex)
try:
    e.min(1)
    print("e.min(1) -> no error")
except Exception as ex:
    print("e.min(1) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(foo=1)
    print("a.sum(foo=1) -> no error")
except Exception as ex:
    print("a.sum(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.max(foo=1)
    print("a.max(foo=1) -> no error")
except Exception as ex:
    print("a.max(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.mean(1, 2, 3, 4, 5, 6)
    print("a.mean(1, 2, 3, 4, 5, 6) -> no error")
except Exception as ex:
    print("a.mean(1, 2, 3, 4, 5, 6) ->", type(ex).__name__ + ":", ex)
try:
    a.sum(dtype='nosuch')
    print("a.sum(dtype='nosuch') -> no error")
except Exception as ex:
    print("a.sum(dtype='nosuch') ->", type(ex).__name__ + ":", ex)
try:
    z.sum((0,))
    print("z.sum((0,)) -> no error")
except Exception as ex:
    print("z.sum((0,)) ->", type(ex).__name__ + ":", ex)
print(e.mean(0))
np.zeros(0).max()
