# the numpy module itself: its types, constants and names
import numpy as np
import numpy

print(np is numpy, type(np).__name__ if False else "module")
print(np.ndarray, np.dtype, np.float32, np.int_, np.float_, np.bool_, np.uint8)
print(np.int_ is np.int64, np.float_ is np.float64)
a = np.zeros(3)
print(type(a) is np.ndarray, isinstance(a, np.ndarray), type(a.dtype) is np.dtype, isinstance(a.dtype, np.dtype))
print(np.inf, -np.inf, np.nan, np.pi, np.e, type(np.inf))
print(np.array([np.inf, -np.inf, np.nan]), np.isnan(np.nan) if False else np.nan != np.nan)
print(hasattr(np, 'set_printoptions'), hasattr(np, 'zeros'), hasattr(np, 'nosuch'))
print(np.AxisError, np.TooHardError)
try:
    np.zeros((2, 2)).sum(axis=3)
except np.AxisError as e:
    print("AxisError:", e)
try:
    np.zeros((2, 2)).sum(axis=3)
except IndexError as e:
    print("as IndexError:", e)
try:
    np.zeros((2, 2)).sum(axis=3)
except ValueError as e:
    print("as ValueError:", e, type(e).__name__)
try:
    np.add(np.arange(2), 0.5, out=np.arange(2))
except TypeError as e:
    print("TypeError:", type(e).__name__, e)
try:
    np.nosuch
    print("np.nosuch -> no error")
except Exception as ex:
    print("np.nosuch ->", type(ex).__name__ + ":", ex)
try:
    np.ndarray((2, 2)) if False else np.dtype()
    print("np.ndarray((2, 2)) if False else np.dtype() -> no error")
except Exception as ex:
    print("np.ndarray((2, 2)) if False else np.dtype() ->", type(ex).__name__ + ":", ex)
try:
    np.float32(1, 2)
    print("np.float32(1, 2) -> no error")
except Exception as ex:
    print("np.float32(1, 2) ->", type(ex).__name__ + ":", ex)
np.zeros(2).transpose(0, 1)
