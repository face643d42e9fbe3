x = 1000
y = 1000
print(x is y, x == y)
small = 5
print(small is 5)
