from torch import
