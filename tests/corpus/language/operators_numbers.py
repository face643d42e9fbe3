print(7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 // 2, 7 % 2, 7 ** 2)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 / 2)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 2 ** -1, 2.0 ** 3, 4 ** 0.5)
print(2 ** 10, 10 ** 18, (-2) ** 3, -2 ** 2, 2 ** 3 ** 2)
print(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4)
print(-5, +5, --5, -(-5), ~5, ~-1, -0.0 + 0)
print(True + True, True * 3, False - 1, True / 2)
print(6 & 3, 6 | 3, 6 ^ 3, 1 << 4, 256 >> 3, -16 >> 2)
print(True & False, True | False, True ^ True)
print(3 * 1.5, 1 + 2.0, 10 / 5, 9 // 2.0, 2 ** 0)
print(0.1 * 3, 1.1 + 2.2, 1e308 * 10)
print(divmod(7, 2) if False else (7 // 2, 7 % 2))
print(abs(-3), abs(-3.5), abs(True))
print(5 % 3.0, -5 % 3.0, 5.0 % -3)
print(1 / 3 * 3, 0.5 ** 2)
x = 10
x = x * 2 + 1
print(x, x // 3 * 3 + x % 3 == x)
print(1_000 * 1_000)
print(2 ** 63 - 1 if False else 9223372036854775807)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.0 // 0.0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.5 % 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(0 ** -1)
except ZeroDivisionError as e:
    print(e)
try:
    print(1 + "a")
except TypeError as e:
    print(e)
try:
    print("a" - "b")
except TypeError as e:
    print(e)
try:
    print([1] * 2.0)
except TypeError as e:
    print(e)
try:
    print(None + 1)
except TypeError as e:
    print(e)
try:
    print(-"a")
except TypeError as e:
    print(e)
try:
    print(~1.5)
except TypeError as e:
    print(e)
try:
    print(1 @ 2)
except TypeError as e:
    print(e)
try:
    print([1] + (2,))
except TypeError as e:
    print(e)
try:
    print(1 << -1)
except ValueError as e:
    print(e)
