#pragma once
// np.matmul(x1, x2) called as a function; the `@` operator of both libraries is matmul() in elementwise.h.

#include "scalar.h"

namespace av::engine {

// Tensors among the operands are converted as np.asarray converts them, and then make the result a tensor
// again (Tensor.__array_wrap__: torch.from_numpy of the result, bool results as uint8).
ArrayPtr numpyMatmul(const Value& x1, const Value& x2);

}  // namespace av::engine
