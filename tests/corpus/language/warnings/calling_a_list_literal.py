try:
    print([1, 2] (3))
except TypeError as e:
    print(e)
