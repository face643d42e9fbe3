import torch

for n in [-5, 0, 3, 12]:
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n < 10:
        print(n, "small")
    else:
        print(n, "large")
if []:
    print("empty list is true?")
else:
    print("empty list is false")
if "text":
    print("non-empty string is true")
if None:
    print("no")
elif 0.0:
    print("no")
else:
    print("None and 0.0 are false")
t = torch.tensor([3.0])
if t > 2:
    print("one-element tensor compares as a bool")
if torch.tensor(0):
    print("no")
else:
    print("zero tensor is false")
x = 5
if x > 3: print("single-line if")
y = "big" if x > 3 else "small"
print(y)
print("yes" if [] else "no")
if x > 1 and x < 10 or x == 100:
    print("combined")
if not x == 6:
    print("not")
