import torch
import numpy as np

try:
    x = undefined_name
except NameError:
    print("NameError caught")
try:
    [1, 2][5]
except (KeyError, IndexError) as e:
    print("tuple handler:", type(e).__name__, e)
try:
    {}["missing"]
except IndexError:
    print("not this one")
except KeyError as e:
    print("second handler:", e, repr(e), e.args)
try:
    1 / 0
except:
    print("bare except")
try:
    int("12")
except ValueError:
    print("no")
else:
    print("else runs when nothing was raised")
finally:
    print("finally always runs")
try:
    try:
        raise TypeError("inner")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)
try:
    torch.ones(2, 3) @ torch.ones(2, 3)
except RuntimeError as e:
    print("torch:", e)
try:
    np.ones(3) + np.ones(4)
except ValueError as e:
    print("numpy:", e)
try:
    raise ValueError("a", 1)
except Exception as e:
    print(e, e.args, isinstance(e, ValueError), isinstance(e, Exception))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        print("handling, then re-raising")
        raise
except ArithmeticError as e:
    print("re-raised:", type(e).__name__, e)
try:
    print(e)
except NameError as gone:
    print("the as-name is deleted after its handler:", gone)
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
err = None
try:
    "a" + 1
except TypeError as e:
    err = e
print(type(err), err)
try:
    torch.zeros(2)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    np.zeros(2)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    torch.zeros(2, 3).view(4)
except RuntimeError as e:
    print("RuntimeError:", e)
