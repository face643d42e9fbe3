import numpy as np
a = np.arange(6)
b = a.reshape(4, 2)
