#pragma once
// sum, mean, max and min of both libraries, with their result types, their errors and their values to the
// last bit: each library's own summation order (NumPy's pairwise sum in 8192-element buffers, PyTorch's
// cascade sum over its TensorIterator layout) is reproduced, not approximated. See reductions.cpp.

#include "array.h"

#include <optional>
#include <vector>

namespace av::engine {

// The dimensions a reduction runs over, as the script wrote them.
struct ReduceDims {
    // nullopt: no dim/axis argument, or axis=None (every dimension). torch: an empty list also reduces every
    // dimension (x.sum(()) == x.sum()); NumPy: an empty tuple reduces none (a.sum(()) is a copy).
    std::optional<std::vector<std::int64_t>> list;
    // NumPy accepts axis=0 or -1 on a 0-d array when written as an int (a legacy of sum/prod), not as a tuple.
    bool writtenAsTuple = false;

    static ReduceDims all() { return {}; }
    static ReduceDims one(std::int64_t dim) { return {std::vector<std::int64_t>{dim}, false}; }
    static ReduceDims several(std::vector<std::int64_t> dims) { return {std::move(dims), true}; }
};

struct ReduceOptions {
    ReduceDims dims;
    bool keepdim = false;        // torch keepdim= / NumPy keepdims=
    std::optional<DType> dtype;  // dtype= (sum and mean only)
    // Called as np.mean(a) rather than a.mean(): NumPy's warnings then come from fromnumeric.py.
    bool numpyFunction = false;
};

// t.sum() / torch.sum(t, dim, keepdim, dtype=) and a.sum() / np.sum(a, axis, dtype=, keepdims=).
// torch sums integers and bool as int64; NumPy sums them as int64 (uint8 as uint64, which aliasview cannot
// hold: that raises NotImplementedError naming the limitation). A NumPy result with no dims is a NumPy scalar.
ArrayPtr sum(const ArrayPtr& self, const ReduceOptions& options = {});

// t.mean() / a.mean(): torch refuses integer inputs; NumPy averages them as float64 and warns
// "Mean of empty slice." for empty reductions.
ArrayPtr mean(const ArrayPtr& self, const ReduceOptions& options = {});

// torch.max(t) / t.min() (every element; options.dims must be unset) and np.max(a, axis, keepdims) /
// a.min(...) with any axes. NaN propagates. Empty inputs raise each library's error.
ArrayPtr max(const ArrayPtr& self, const ReduceOptions& options = {});
ArrayPtr min(const ArrayPtr& self, const ReduceOptions& options = {});

// torch.max(t, dim, keepdim) / t.min(dim): torch.return_types.max(values, indices), indices of the first
// occurrence (or of the first NaN).
struct ValuesIndices {
    ArrayPtr values;
    ArrayPtr indices;
};
ValuesIndices maxAlongDim(const ArrayPtr& self, std::int64_t dim, bool keepdim = false);
ValuesIndices minAlongDim(const ArrayPtr& self, std::int64_t dim, bool keepdim = false);

}  // namespace av::engine
