# fill (in place), item and tolist (Python numbers)
import numpy as np

a = np.zeros((2, 3))
v = a[:, 1]
v.fill(7)
print(a)
a.fill(1.5)
print(a)
i = np.arange(6).reshape(2, 3)
i.fill(2.9)
print(i)
i.fill(True)
print(i)
i.fill('4')
print(i)
f = np.zeros(2, dtype=np.float32)
f.fill('2.5')
print(f)
b = np.zeros(3, dtype=bool)
b.fill(2)
print(b)
n = np.arange(6).reshape(2, 3)
print(n.item(4), n.item(-1), n.item(1, 2), n.item((0, 1)), type(n.item(0)))
print(np.array([2.5]).item(), type(np.array([2.5]).item()), np.array([[True]]).item(), np.float32(1.25).item())
print(np.array(3, dtype=np.uint8).item(), type(np.array(3, dtype=np.int8).item()))
print(n.tolist(), type(n.tolist()), type(n.tolist()[0][0]))
print(np.array(2.5).tolist(), np.zeros((2, 0)).tolist(), np.array([True, False]).tolist())
print(np.arange(3, dtype=np.float32).tolist(), np.array([0.1], dtype=np.float32).tolist())
print(n.T.tolist(), n[:, ::-1].tolist())
try:
    n.item()
    print("n.item() -> no error")
except Exception as ex:
    print("n.item() ->", type(ex).__name__ + ":", ex)
try:
    n.item(6)
    print("n.item(6) -> no error")
except Exception as ex:
    print("n.item(6) ->", type(ex).__name__ + ":", ex)
try:
    n.item(2, 0)
    print("n.item(2, 0) -> no error")
except Exception as ex:
    print("n.item(2, 0) ->", type(ex).__name__ + ":", ex)
try:
    n.item(0, 3)
    print("n.item(0, 3) -> no error")
except Exception as ex:
    print("n.item(0, 3) ->", type(ex).__name__ + ":", ex)
try:
    n.item(0, 1, 2)
    print("n.item(0, 1, 2) -> no error")
except Exception as ex:
    print("n.item(0, 1, 2) ->", type(ex).__name__ + ":", ex)
try:
    n.item(x=1)
    print("n.item(x=1) -> no error")
except Exception as ex:
    print("n.item(x=1) ->", type(ex).__name__ + ":", ex)
try:
    n.item(1.5)
    print("n.item(1.5) -> no error")
except Exception as ex:
    print("n.item(1.5) ->", type(ex).__name__ + ":", ex)
try:
    n.tolist(1)
    print("n.tolist(1) -> no error")
except Exception as ex:
    print("n.tolist(1) ->", type(ex).__name__ + ":", ex)
try:
    n.tolist(x=1)
    print("n.tolist(x=1) -> no error")
except Exception as ex:
    print("n.tolist(x=1) ->", type(ex).__name__ + ":", ex)
try:
    n.fill()
    print("n.fill() -> no error")
except Exception as ex:
    print("n.fill() ->", type(ex).__name__ + ":", ex)
try:
    n.fill(1, 2)
    print("n.fill(1, 2) -> no error")
except Exception as ex:
    print("n.fill(1, 2) ->", type(ex).__name__ + ":", ex)
try:
    n.fill(value=1)
    print("n.fill(value=1) -> no error")
except Exception as ex:
    print("n.fill(value=1) ->", type(ex).__name__ + ":", ex)
try:
    n.fill('x')
    print("n.fill('x') -> no error")
except Exception as ex:
    print("n.fill('x') ->", type(ex).__name__ + ":", ex)
try:
    f.fill('y')
    print("f.fill('y') -> no error")
except Exception as ex:
    print("f.fill('y') ->", type(ex).__name__ + ":", ex)
r = np.arange(3)
r.flags.writeable = False
try:
    r.fill(0)
    print("r.fill(0) -> no error")
except Exception as ex:
    print("r.fill(0) ->", type(ex).__name__ + ":", ex)
n.fill(None)
