try:
    raise ValueError("bad value")
except ValueError as e:
    print(type(e).__name__, e)
try:
    raise TypeError
except TypeError as e:
    print(repr(e), str(e) == "")
try:
    raise KeyError("k")
except KeyError as e:
    print(e, repr(e))
try:
    raise RuntimeError("x", 2)
except RuntimeError as e:
    print(e)
try:
    raise IndexError()
except LookupError as e:
    print("LookupError catches", type(e).__name__)
try:
    raise 5
except TypeError as e:
    print(e)
assert True
assert 1 + 1 == 2, "math"
try:
    assert 1 > 2
except AssertionError as e:
    print("AssertionError", repr(e))
try:
    assert [] , "empty list is false"
except AssertionError as e:
    print("AssertionError:", e)
x = 3
try:
    assert x < 0, f"x should be negative, got {x}"
except AssertionError as e:
    print(e)
e = ValueError("made, not raised")
print(e, type(e))
print(isinstance(e, Exception), isinstance(e, BaseException))
