x = -1000
print(x is -1000, x is (1, 2))
