# copy and astype: new memory, except astype(copy=False) when nothing changes
import numpy as np

a = np.arange(6, dtype=np.int32).reshape(2, 3)
c = a.copy()
print(c, c.base is None, c.flags['OWNDATA'], np.shares_memory(c, a), c.strides)
cf = a.copy(order='F')
print(cf.strides, cf.flags['F_CONTIGUOUS'], a.copy('K').strides, a.T.copy('K').strides, a.T.copy().strides, a.T.copy('A').strides)
c[0, 0] = 99
print(a[0, 0])
f = a.astype(np.float32)
print(f, f.dtype, f.base is None, np.shares_memory(f, a))
print(a.astype(np.int32) is a, a.astype(np.int32, copy=False) is a, a.astype('int32', copy=False) is a)
print(a.astype(np.int64, copy=False) is a, a.astype(float).dtype, a.astype(int).dtype, a.astype(bool))
print(a.T.astype(np.float64).strides, a.T.astype(np.float64, order='C').strides)
x = np.array([1.7, -2.3, 300.5, np.nan if False else 0.5])
print(x.astype(np.int8), x.astype(np.uint8), x.astype(np.int32), x.astype(np.float16), x.astype(bool))
print(np.array([True, False]).astype(np.float32), np.array([0, 5]).astype(np.bool_))
print(a.astype(np.int8, casting='same_kind').dtype, a.astype(np.float64, casting='safe').dtype)
try:
    a.astype(np.int8, casting='safe')
    print("a.astype(np.int8, casting='safe') -> no error")
except Exception as ex:
    print("a.astype(np.int8, casting='safe') ->", type(ex).__name__ + ":", ex)
try:
    a.astype(np.float32, casting='no')
    print("a.astype(np.float32, casting='no') -> no error")
except Exception as ex:
    print("a.astype(np.float32, casting='no') ->", type(ex).__name__ + ":", ex)
try:
    a.astype(np.int8, casting='bogus')
    print("a.astype(np.int8, casting='bogus') -> no error")
except Exception as ex:
    print("a.astype(np.int8, casting='bogus') ->", type(ex).__name__ + ":", ex)
try:
    a.astype()
    print("a.astype() -> no error")
except Exception as ex:
    print("a.astype() ->", type(ex).__name__ + ":", ex)
try:
    a.astype('nosuch')
    print("a.astype('nosuch') -> no error")
except Exception as ex:
    print("a.astype('nosuch') ->", type(ex).__name__ + ":", ex)
try:
    a.astype(np.int8, foo=1)
    print("a.astype(np.int8, foo=1) -> no error")
except Exception as ex:
    print("a.astype(np.int8, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.copy('X')
    print("a.copy('X') -> no error")
except Exception as ex:
    print("a.copy('X') ->", type(ex).__name__ + ":", ex)
try:
    a.copy(1, 2)
    print("a.copy(1, 2) -> no error")
except Exception as ex:
    print("a.copy(1, 2) ->", type(ex).__name__ + ":", ex)
try:
    a.copy(foo=1)
    print("a.copy(foo=1) -> no error")
except Exception as ex:
    print("a.copy(foo=1) ->", type(ex).__name__ + ":", ex)
print(np.float32(2.5).astype(np.int8), type(np.float32(2.5).astype(np.int8)))
a.astype(np.float32, casting='safe').astype(np.int16, casting='same_kind')
