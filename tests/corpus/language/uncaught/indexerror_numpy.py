import numpy as np
a = np.zeros((3, 4))
print(a[0, 4])
