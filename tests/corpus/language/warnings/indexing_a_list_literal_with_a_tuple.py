try:
    x = [1, 2] [0, 1]
except TypeError as e:
    print(e)
