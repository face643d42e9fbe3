import torch
import numpy as np
a = torch.ones(2, 3)
try:
    a.view(4)
except RuntimeError as e:
    print("caught:", e)
try:
    b = np.zeros(3)
    b.reshape(2, 2)
except ValueError:
    print("numpy refused")
try:
    try:
        a + torch.ones(5)
    except KeyError:
        print("not this one")
except RuntimeError:
    print("outer")
try:
    int("x")
except ValueError:
    try:
        raise TypeError("inner")
    except TypeError as t:
        print(t)
finally:
    print("done")
