a = 1
assert a == 2
