lst = list(range(10))
print(lst[0], lst[-1], lst[-10], lst[3])
print(lst[2:5], lst[:3], lst[7:], lst[:], lst[-3:])
print(lst[::2], lst[1::3], lst[::-1], lst[8:2:-2], lst[-1:-4:-1])
print(lst[5:2], lst[100:], lst[-100:2], lst[2:100:4])
print(lst[slice(1, 4)], lst[slice(None, None, -3)])
tup = tuple(lst)
print(tup[1:4], tup[::-2], tup[-2])
s = "abcdefg"
print(s[2], s[-2], s[1:6:2], s[::-1])
r = range(0, 20, 2)
print(r[3], r[-1], r[2:5], r[::-1], len(r[1:]))
nested = [[1, 2, 3], [4, 5, 6]]
print(nested[1][2], nested[-1][::-1], nested[0][1:])
i = 2
print(lst[i], lst[i:i + 2], lst[i * 2])
try:
    lst[10]
except IndexError as e:
    print("IndexError:", e)
try:
    tup[-11]
except IndexError as e:
    print("IndexError:", e)
try:
    s[20]
except IndexError as e:
    print("IndexError:", e)
try:
    lst["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    lst[1.0]
except TypeError as e:
    print("TypeError:", e)
try:
    lst[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    lst[10] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print("TypeError:", e)
number = 5
nothing = None
try:
    number[0]
except TypeError as e:
    print("TypeError:", e)
try:
    nothing[0]
except TypeError as e:
    print("TypeError:", e)
