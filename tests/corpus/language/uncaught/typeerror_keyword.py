x = 1
print("a", x, foo=1)
