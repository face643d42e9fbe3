#pragma once
// Python's subscript on tensors and ndarrays: x[index] and x[index] = value, with each library's rules for
// what is a view (ints, slices, None, ...) and what is a copy (integer and boolean arrays), where the
// advanced dims go in the result, and the exact errors.

#include "array.h"
#include "scalar.h"

#include <cstdint>
#include <optional>
#include <span>
#include <variant>

namespace av::engine {

// A Python slice object: x[start:stop:step], each part optional.
struct Slice {
    std::optional<std::int64_t> start, stop, step;
};
struct IndexNone {};      // None / np.newaxis
struct IndexEllipsis {};  // ...

// One item of an index tuple. An ArrayPtr is an advanced index: an integer or boolean array of either
// flavour (a NumPy scalar such as np.int64(1), or for NumPy a one-element integer tensor, counts as an
// integer where the library says so). What the caller decides before calling:
//  - a Python list becomes an int64 or bool array of the indexed object's flavour ([] is int64); a list of
//    anything else is refused the way the library refuses it (NumPy: "only integers, slices (`:`),
//    ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices");
//  - torch 1.13 still reads a list holding sequences, slices, None, ... or tensors as a tuple
//    (t[[[0, 1], [1, 2]]] is t[[0, 1], [1, 2]]); NumPy 1.24 no longer does (it is one 2-D index array);
//  - a Python float index is refused before the call (torch: "only integers, slices (`:`), ellipsis
//    (`...`), None and long or byte Variables are valid indices (got float)").
using IndexItem = std::variant<std::int64_t, Slice, IndexNone, IndexEllipsis, bool, ArrayPtr>;

// self[index]. A one-item span is the bare x[i]; tupleIndex says the script spelled a tuple (x[i,]), which
// torch treats slightly differently (x[0:2,] may return an alias where x[0:2] slices).
ArrayPtr getItem(const ArrayPtr& self, std::span<const IndexItem> index, bool tupleIndex = false);

// self[index] = value. Basic indices write through the view (copy_/fill_ for torch, NumPy's array
// assignment), advanced ones write only the selected elements (torch's index_put_ or masked_fill_, NumPy's
// mapiter), all through the write path with op "setitem"; torch bumps the version once (not at all for
// x[False] = v, nor when index_put_ stops at a bad index after writing the elements before it). value is
// a Python number, a tensor or an ndarray. Known difference: when a torch copy_ source overlaps its
// destination in a way c10 calls "too hard" to check, aliasview copies each contiguous run as if
// buffered, where ATen's result depends on its vector width.
void setItem(const ArrayPtr& self, std::span<const IndexItem> index, const Value& value, bool tupleIndex = false);

}  // namespace av::engine
