x = 1
assert (x == 2, "x should be 2")
print("the assertion passed: a non-empty tuple is true")
