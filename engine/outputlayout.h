#pragma once
// The memory layout each library gives the new result of an elementwise op: torch's TensorIterator and
// NumPy's nditer both lay the output out in the memory order of the inputs (t.T + 1 is as transposed as
// t.T), each by its own rules for ties and disagreements.

#include "array.h"

#include <span>

namespace av::engine {

// TensorIterator's output strides (in elements) for inputs broadcast to `shape`: the fast setup when every
// input has the result's shape and is contiguous or dense with one layout, else reorder_dimensions (inputs
// in order, broadcast dims ignored, equal strides put the smaller size inside) and compatible strides in
// that order. 0-d inputs and wrapped numbers are passed as nullptr or 0-d arrays; they do not count.
Strides torchIteratorOutputStrides(const Shape& shape, std::span<const Array* const> inputs);

// nditer's allocation order (npyiter_find_best_axis_ordering): axes sorted by |stride| of the inputs,
// where inputs disagree C order wins, broadcast and size-1 axes are ambiguous; contiguous in that order,
// all zeros for an empty result.
Strides numpyIteratorOutputStrides(const Shape& shape, std::span<const Array* const> inputs);

}  // namespace av::engine
