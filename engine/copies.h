#pragma once
// Ops whose result is always fresh memory holding the inputs' values: clone, contiguous, concatenation and
// stacking (torch.cat / np.concatenate, torch.stack / np.stack) and np.ascontiguousarray, each with its
// library's result layout, type promotion and errors.

#include "array.h"

#include <optional>
#include <vector>

namespace av::engine {

// torch's empty_like(src, memory_format=torch.preserve_format), also what clone() and .to() allocate: src's
// strides when src is non-overlapping and dense (a transposed tensor stays transposed), else dense strides
// in src's stride order (infer_dense_strides). Not zero-filled.
ArrayPtr allocateLike(const Array& src, DType dtype);

// t.clone(): preserves the layout as allocateLike does; grad_fn CloneBackward0.
// a.copy() (NumPy's default order='C'): always C-contiguous.
ArrayPtr clone(const ArrayPtr& self);

// t.contiguous(): self when already contiguous, else a C-contiguous clone.
ArrayPtr contiguous(const ArrayPtr& self);

// np.ascontiguousarray(a): a itself when C-contiguous and at least 1-d; a 0-d array becomes a 1-element
// view of it; otherwise a C-contiguous copy. A tensor argument is converted as np.asarray converts it.
ArrayPtr ascontiguousarray(const ArrayPtr& a);

// torch.cat(tensors, dim) (library Torch; every item must be a tensor) and np.concatenate(arrays, axis)
// (library Numpy; tensors are converted as np.asarray converts them). axis nullopt is NumPy's axis=None:
// every array is flattened first. Inputs are promoted to a common dtype.
ArrayPtr concatenate(Flavour library, const std::vector<ArrayPtr>& arrays, std::optional<std::int64_t> axis = 0);

// torch.stack / np.stack: the inputs, all of one shape, joined along a new dimension.
ArrayPtr stack(Flavour library, const std::vector<ArrayPtr>& arrays, std::int64_t axis = 0);

// How np.asarray(t) sees a tensor operand of a NumPy function: an ndarray view of its memory (base: the
// tensor); raises torch's error for tensors that require grad. NumPy arrays come back unchanged.
ArrayPtr asNumpyOperand(const ArrayPtr& value);

}  // namespace av::engine
