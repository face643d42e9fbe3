with open:
x = 1
