name = "abc"
print(name is not "abc")
