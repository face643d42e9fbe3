# np.zeros / ones / full / eye: new arrays; shape, dtype and order
import numpy as np

z = np.zeros((2, 3))
print(z, z.dtype, z.strides, z.flags['C_CONTIGUOUS'], z.flags['OWNDATA'], z.base is None)
print(np.zeros(3), np.zeros([2, 2], dtype=np.int32), np.zeros((2, 3), 'i4').dtype, np.zeros(2, dtype=bool), np.zeros((), dtype=np.uint8))
print(np.zeros((2, 3), order='F').strides, np.zeros((2, 3), order='c').strides, np.zeros(np.int64(2)), np.zeros(np.array([2, 1])).shape)
print(np.zeros([]).shape, np.zeros(()).shape, np.zeros((0, 2)).shape, np.zeros((2, 0)).strides)
print(np.ones(3), np.ones((2, 2), dtype=np.int8), np.ones(3, int), np.ones((1, 2), np.bool_), np.ones((2, 2), order='F').strides)
print(np.full(3, 7), np.full((2, 2), 1.5, dtype=np.float32), np.full((2,), True), np.full(2, 7.0).dtype, np.full((2, 2), np.int8(3)).dtype)
print(np.full((2, 3), [1, 2, 3]), np.full((2, 2), 0, order='F').strides)
print(np.eye(2), np.eye(2, 3), np.eye(3, k=1), np.eye(3, k=-1, dtype=int), np.eye(2, 3, 1), np.eye(0).shape, np.eye(2, order='F').strides)
try:
    np.zeros(2, 3)
    print("np.zeros(2, 3) -> no error")
except Exception as ex:
    print("np.zeros(2, 3) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(-1)
    print("np.zeros(-1) -> no error")
except Exception as ex:
    print("np.zeros(-1) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros((2, -1))
    print("np.zeros((2, -1)) -> no error")
except Exception as ex:
    print("np.zeros((2, -1)) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros('x')
    print("np.zeros('x') -> no error")
except Exception as ex:
    print("np.zeros('x') ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(2.5)
    print("np.zeros(2.5) -> no error")
except Exception as ex:
    print("np.zeros(2.5) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros([2, 2.0])
    print("np.zeros([2, 2.0]) -> no error")
except Exception as ex:
    print("np.zeros([2, 2.0]) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros((2, 'x'))
    print("np.zeros((2, 'x')) -> no error")
except Exception as ex:
    print("np.zeros((2, 'x')) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(3, order='X')
    print("np.zeros(3, order='X') -> no error")
except Exception as ex:
    print("np.zeros(3, order='X') ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(3, order=1)
    print("np.zeros(3, order=1) -> no error")
except Exception as ex:
    print("np.zeros(3, order=1) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(True)
    print("np.zeros(True) -> no error")
except Exception as ex:
    print("np.zeros(True) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(3, foo=1)
    print("np.zeros(3, foo=1) -> no error")
except Exception as ex:
    print("np.zeros(3, foo=1) ->", type(ex).__name__ + ":", ex)
try:
    np.ones()
    print("np.ones() -> no error")
except Exception as ex:
    print("np.ones() ->", type(ex).__name__ + ":", ex)
try:
    np.full(3)
    print("np.full(3) -> no error")
except Exception as ex:
    print("np.full(3) ->", type(ex).__name__ + ":", ex)
try:
    np.full(2, 3, 4, 5, 6, 7)
    print("np.full(2, 3, 4, 5, 6, 7) -> no error")
except Exception as ex:
    print("np.full(2, 3, 4, 5, 6, 7) ->", type(ex).__name__ + ":", ex)
try:
    np.eye(2.5)
    print("np.eye(2.5) -> no error")
except Exception as ex:
    print("np.eye(2.5) ->", type(ex).__name__ + ":", ex)
try:
    np.eye(-1)
    print("np.eye(-1) -> no error")
except Exception as ex:
    print("np.eye(-1) ->", type(ex).__name__ + ":", ex)
try:
    np.zeros(np.float64(3))
    print("np.zeros(np.float64(3)) -> no error")
except Exception as ex:
    print("np.zeros(np.float64(3)) ->", type(ex).__name__ + ":", ex)
np.zeros((2, 3), dtype='i4', order='Q')
