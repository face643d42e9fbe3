import torch

n = 0
while n < 3:
    print(n)
    n += 1
count = 0
while True:
    count += 1
    if count == 2:
        continue
    if count > 4:
        break
    print("count", count)
k = 3
while k:
    k -= 1
else:
    print("while-else runs when the test fails", k)
while False:
    print("never")
else:
    print("else of an empty while")
t = torch.tensor(5)
steps = 0
while t > 0:
    t -= 2
    steps += 1
print(t, steps)
items = [1, 2, 3]
while items:
    print(items.pop())
print(items)
