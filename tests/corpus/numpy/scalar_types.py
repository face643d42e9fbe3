# NumPy scalar classes: the hierarchy, methods that go through a 0-d array, immutability
import numpy as np

x = np.float32(2.5)
print(isinstance(x, np.floating), isinstance(x, np.number), isinstance(x, np.generic), isinstance(x, np.integer), isinstance(x, np.ndarray))
i = np.int16(-3)
print(isinstance(i, np.signedinteger), isinstance(i, np.integer), isinstance(i, np.unsignedinteger), isinstance(np.uint8(1), np.unsignedinteger))
print(isinstance(np.bool_(True), np.number), isinstance(np.bool_(True), np.generic), isinstance(np.float64(1), float) if False else True)
print(np.generic, np.number, np.integer, np.signedinteger, np.unsignedinteger, np.inexact, np.floating)
print(type(x), type(x).__name__, np.float32.__name__, np.ndarray.__name__, np.dtype.__name__)
print(x.dtype, x.shape, x.ndim, x.size, x.itemsize, x.nbytes, x.strides, x.base, x.T is x, repr(x.T))
print(x.flags['WRITEABLE'], x.flags['OWNDATA'], x.flags['C_CONTIGUOUS'], x.flags.writeable)
print(repr(x.reshape(1)), repr(x.reshape(())), repr(x.reshape(1, 1)), repr(x.ravel()), repr(x.flatten()))
print(repr(x.astype(np.int8)), repr(x.astype(np.float64)), x.astype(np.float32, copy=False) is x, repr(x.copy()), x.copy() is x)
print(repr(x.sum()), repr(x.mean()), repr(x.max()), repr(x.min()), repr(x.sum(keepdims=True)), repr(x.mean(dtype=np.float64)))
print(repr(x.squeeze()), x.squeeze() is x, repr(x.transpose()), repr(x.view()), repr(x.view(np.int32)), x.view(np.float32) is x)
print(x.item(), x.tolist(), type(x.tolist()), repr(i.item()), type(i.item()))
ai = x.__array_interface__
print([k for k in ai], ai['shape'], ai['typestr'], ai['strides'], ai['data'][1])
x.fill(7)
print(x)
print(repr(x[()]), repr(x[...]), x[...].shape, x[...].flags['OWNDATA'])
print(repr(np.float64(1.5) + np.float32(1)), repr(np.int8(3) * np.int8(4)), repr(np.uint8(200) + 1), repr(-np.int8(5)))
print(repr(np.float32(3)), repr(np.float32('1.25')), repr(np.int8('12')), repr(np.bool_('')), repr(np.bool_('x')))
print(repr(np.float32([1, 2])), repr(np.int8(np.arange(3))), repr(np.float64(np.float32(0.1))))
print(repr(np.int64(7)), repr(np.int32(2**31 - 1)), repr(np.uint8(-1)) if False else repr(np.uint8(255)))
try:
    x.ctypes
    print("x.ctypes -> no error")
except Exception as ex:
    print("x.ctypes ->", type(ex).__name__ + ":", ex)
try:
    x.flags.writeable = True
    print("x.flags.writeable = True -> no error")
except Exception as ex:
    print("x.flags.writeable = True ->", type(ex).__name__ + ":", ex)
try:
    x[0]
    print("x[0] -> no error")
except Exception as ex:
    print("x[0] ->", type(ex).__name__ + ":", ex)
try:
    x[0] = 1
    print("x[0] = 1 -> no error")
except Exception as ex:
    print("x[0] = 1 ->", type(ex).__name__ + ":", ex)
try:
    np.int8('x')
    print("np.int8('x') -> no error")
except Exception as ex:
    print("np.int8('x') ->", type(ex).__name__ + ":", ex)
try:
    np.float32('y')
    print("np.float32('y') -> no error")
except Exception as ex:
    print("np.float32('y') ->", type(ex).__name__ + ":", ex)
try:
    np.float32(None)
    print("np.float32(None) -> no error")
except Exception as ex:
    print("np.float32(None) ->", type(ex).__name__ + ":", ex)
try:
    x.reshape(2)
    print("x.reshape(2) -> no error")
except Exception as ex:
    print("x.reshape(2) ->", type(ex).__name__ + ":", ex)
np.int16(1.5).nosuch
