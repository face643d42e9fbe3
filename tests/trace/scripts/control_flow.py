import torch
x = torch.zeros(4)
for i in range(3):
    x[i] += i
n = 0
while n < 3:
    n += 1
for v in [1, 2, 3]:
    if v == 2:
        continue
    if v == 3:
        break
    x += v
a = 1; b = 2
if a: c = 3
with torch.no_grad():
    x.add_(1)
for k in range(2):
    with torch.no_grad():
        if k == 1:
            break
        x.mul_(2)
y = torch.full((2,
                4),
               7.0)
total = (x.sum()
         + y.sum())
if (total > 0 and
        n == 3):
    print(total)
else:
    print("no")
y[0] = x
print(x, y)
