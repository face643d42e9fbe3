try:
    x = (1, 2) (3, 4)
except TypeError as e:
    print(e)
