import numpy as np
a = np.ones(2)
a.shape()
