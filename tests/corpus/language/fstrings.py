import torch
import numpy as np

x = 42
y = 3.14159265
name = "torch"
print(f"{x}")
print(f"x = {x}, y = {y}")
print(f"{name!r} {name!s} {name}")
print(f"{x:5d}|{x:<5d}|{x:^5d}|{x:>5}|")
print(f"{x:05d} {x:+d} {-x:+d} {x: d}")
print(f"{y:.2f} {y:10.3f} {y:<10.1f}| {y:e} {y:.3E} {y:g}")
print(f"{y:%} {0.25:.1%}")
print(f"{1234567:,} {1234567:_} {1234567.891:,.2f}")
print(f"{x:x} {x:X} {x:#x} {x:o} {x:#o} {x:b} {x:#b} {x:08b}")
print(f"{name:>10}|{name:<10}|{name:^10}|{name:*^11}|")
print(f"{name:.3}")
width, precision = 12, 4
print(f"{y:{width}.{precision}f}|")
print(f"{x=} {y=:.2f} {name=!r}")
print(f"{{literal braces}} {x}")
print(f"{x + 1} {x * 2:>6} {[1, 2][1]} {'nested'}")
print(f"{True} {None} {[1, 'a']} {(1,)} {{'k': 1}}")
t = torch.tensor([1.5, 2.0])
print(f"{t}")
print(f"{t!r}")
print(f"{t.shape} {t.dtype} {t.device}")
print(f"{t.sum():.3f} {t[0].item():.4f} {t[1]}")
a = np.array([1, 2, 3])
print(f"{a} {a.dtype} {a.shape}")
print(f"{a.sum()} {a.mean():.2f} {np.float32(0.5):.3f}")
print(f"{x:>{width}}|")
print(f"{'a' 'b'}")
print(f"{3.0:.0f} {2.5:.0f} {0.5:.0f} {1e20:.2e} {12.0:g} {1e-7:g}")
print(f"{-0.0:.1f} {float('nan'):f} {float('inf'):.2f}")
print("%d items, %.2f each, %s, %r, %5.1f%%" % (3, 1.5, "ok", "ok", 99.5))
print("{} and {}".format(1, "two") if hasattr("", "format") else "1 and two")
