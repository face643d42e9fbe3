import numpy as np
t = np.ones(3)
if t:
    pass
