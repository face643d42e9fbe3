# Every way a tutorial imports the two libraries.
import torch
import numpy
import numpy as np
import torch as T
print(T is torch)
print(np is numpy)
print(type(torch).__name__ if hasattr(type(torch), "__name__") else "module")
x = np.arange(3)
print(numpy.ndarray is np.ndarray)
try:
    import nosuchmodule_for_aliasview
except ImportError as e:
    print(type(e).__name__, e)
try:
    import another_missing_module as m
except ModuleNotFoundError as e:
    print("not found:", e)
print("done")
