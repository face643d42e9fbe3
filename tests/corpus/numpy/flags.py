# ndarray.flags: printing, item access, attributes, and the writeable flag
import numpy as np

a = np.arange(6, dtype=np.float32).reshape(2, 3)
print(a.flags)
print(a.T.flags)
print(a[:, 1].flags)
print(a[:, 1:2].flags['C_CONTIGUOUS'], a[:, 1:2].flags['F_CONTIGUOUS'])
for key in ['C_CONTIGUOUS', 'F_CONTIGUOUS', 'OWNDATA', 'WRITEABLE', 'ALIGNED', 'WRITEBACKIFCOPY', 'C', 'F', 'O', 'W', 'A', 'X', 'CONTIGUOUS', 'FORTRAN']:
    print(key, a.flags[key], a.T.flags[key])
print(a.flags.c_contiguous, a.flags.f_contiguous, a.flags.owndata, a.flags.writeable, a.flags.aligned, a.flags.writebackifcopy, a.flags.contiguous, a.flags.fortran)
print(np.zeros((1, 4)).flags.f_contiguous, np.zeros((4, 1)).flags.c_contiguous, np.zeros(0).flags.f_contiguous)
print(np.array(3.0).flags.c_contiguous, np.array(3.0).flags.f_contiguous)
v = a[0]
v.flags.writeable = False
print(v.flags.writeable, a.flags.writeable)
try:
    v[0] = 5
except ValueError as e:
    print("ValueError:", e)
try:
    v += 1
except ValueError as e:
    print("ValueError:", e)
try:
    v.fill(3)
except ValueError as e:
    print("ValueError:", e)
w = v[1:]
print(w.flags.writeable)
try:
    w.flags.writeable = True
except ValueError as e:
    print("ValueError:", e)
v.flags.writeable = True
print(v.flags.writeable)
v[0] = 42
print(a)
a.flags['WRITEABLE'] = False
print(a.flags['W'])
try:
    a[1, 1] = 0
except ValueError as e:
    print("ValueError:", e)
a.flags['W'] = True
a[1, 1] = 0
print(a)
try:
    a.flags['NOSUCH']
except KeyError as e:
    print("KeyError:", e)
try:
    a.flags.c_contiguous = False
except AttributeError as e:
    print("AttributeError:", e)
d = np.arange(4).reshape(2, 2).diagonal()
print(d.flags.writeable)
d[0] = 1
