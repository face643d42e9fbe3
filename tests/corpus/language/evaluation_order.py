import torch

log = []
print(log.append("left") or 1, log.append("right") or 2, log)
values = [10, 20, 30]
i = 0
i, values[i] = 1, 99
print(i, values)
a = [0, 0]
j = 0
a[j] = j = 1
print(a, j)
x = 5
x = x + 1 if x > 3 else x - 1
print(x)
print(2 ** -1, -2 ** 2, (-2) ** 2, not 1 == 2, 1 + 2 * 3 ** 2)
print(1 if False else 2 if False else 3)
print(1 < 2 == 2 > 1, (1 < 2) == True)
t = torch.tensor([1.0, 2.0])
t[0], t[1] = t[1], t[0]
print(t)
u = torch.tensor([1.0, 2.0])
u[0], u[1] = u[1].item(), u[0].item()
print(u)
p, q = 1, 2
p, q = q, p + q
print(p, q)
