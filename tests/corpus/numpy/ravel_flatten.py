# ravel (a view when possible) and flatten (always a copy), as methods and np.ravel
import numpy as np

a = np.arange(6).reshape(2, 3)
r = a.ravel()
print(r, r.base is a.base, np.shares_memory(r, a))
f = a.flatten()
print(f, f.base is None, np.shares_memory(f, a), f.flags['OWNDATA'])
t = a.T
rt = t.ravel()
print(rt, np.shares_memory(rt, a), rt.base is None)
rk = t.ravel('K')
print(rk, np.shares_memory(rk, a))
rf = t.ravel(order='F')
print(rf, np.shares_memory(rf, a))
ra = t.ravel('A')
print(ra, np.shares_memory(ra, a))
print(a.ravel('F'), np.shares_memory(a.ravel('F'), a))
print(a.flatten('F'), a.flatten(order='A'), t.flatten('K'))
s = a[:, ::2]
print(s.ravel(), np.shares_memory(s.ravel(), a))
rev = np.arange(5)[::-1]
print(rev.ravel(), np.shares_memory(rev.ravel(), rev), rev.ravel('K'), np.shares_memory(rev.ravel('K'), rev))
z = np.array(3)
print(z.ravel(), z.ravel().shape, z.flatten().shape, np.shares_memory(z.ravel(), z))
print(np.ravel(a), np.ravel(t, order='K'), np.ravel([[1, 2], [3, 4]]))
print(np.shares_memory(np.ravel(a), a))
r[0] = 99
print(a)
f[1] = -1
print(a)
try:
    a.ravel('X')
    print("a.ravel('X') -> no error")
except Exception as ex:
    print("a.ravel('X') ->", type(ex).__name__ + ":", ex)
try:
    a.flatten('Z')
    print("a.flatten('Z') -> no error")
except Exception as ex:
    print("a.flatten('Z') ->", type(ex).__name__ + ":", ex)
try:
    a.ravel(1, 2)
    print("a.ravel(1, 2) -> no error")
except Exception as ex:
    print("a.ravel(1, 2) ->", type(ex).__name__ + ":", ex)
try:
    a.ravel(foo=1)
    print("a.ravel(foo=1) -> no error")
except Exception as ex:
    print("a.ravel(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.flatten(foo=1)
    print("a.flatten(foo=1) -> no error")
except Exception as ex:
    print("a.flatten(foo=1) ->", type(ex).__name__ + ":", ex)
try:
    a.ravel(order=3)
    print("a.ravel(order=3) -> no error")
except Exception as ex:
    print("a.ravel(order=3) ->", type(ex).__name__ + ":", ex)
