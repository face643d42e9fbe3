a = [1, 2]
a.append(a)
print(a)
print(len(a), a[2] is a)
d = {"self": None}
d["self"] = d
print(d)
nested = [[[[[[[[[[1]]]]]]]]]]
print(nested)
t = (1, [2, (3, {"four": [5]})])
print(t, repr(t), str(t))
