# A comment on its own line.
import torch  # a comment after code
import numpy as np

x = 1
del x
try:
    print(x)
except NameError as e:
    print(e)
lst = [0, 1, 2, 3]
del lst[1]
print(lst)
del lst[-1]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError", e)
a, b = 1, 2
del a, b
try:
    a
except NameError as e:
    print(e)
t = torch.arange(3)
v = t[1:]
del t
print(v, v._base)
if True:
    pass
for i in range(2):
    pass
    # comment inside a block
print("pass does nothing")
    # an indented comment does not open a block
total = (1 +
         2 +
         3)
print(total)
values = [
    1,
    2,  # trailing comma next
]
print(values)
call = max(1,
           5,
           3)
print(call)
mapping = {
    "one": 1,
    "two": 2
}
print(mapping)
long = 1 + \
    2
print(long)
x = 5; y = 6; print(x + y)
try:
    del undefined_thing
except NameError as e:
    print(e)
