x = 3
if x > 2:
    raise ValueError(f"x is too large: {x}")
print("never")
