try:
    x = 5 [0]
except TypeError as e:
    print(e)
