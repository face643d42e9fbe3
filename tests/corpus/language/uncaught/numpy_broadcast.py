import numpy as np
print(np.ones(3) + np.ones(4))
