#pragma once
// The shape operations that make views: one function per Python-level op, each returning a new Array that
// shares its source's memory with the geometry, autograd record (torch) and base/flags (NumPy) the real
// library gives it; the few that sometimes copy (reshape, flatten, ravel) copy exactly when it does.

#include "array.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace av::engine {

// --- reshaping ---------------------------------------------------------------------------------------

// t.view(*shape): a view or RuntimeError ("view size is not compatible with input tensor's size and
// stride ..."), with torch's -1 inference and its messages. torch only.
ArrayPtr view(const ArrayPtr& self, IntSpan shape);

// t.view(dtype) / a.view(dtype): the same bytes read as another type. torch 1.13 makes a tensor that is
// no autograd view (no _base, requires_grad False) but shares storage and version counter; NumPy makes a
// view whose last axis is rescaled. Where NumPy's resulting byte strides are not whole multiples of the
// new itemsize (a.view on some sliced arrays), aliasview cannot represent the array (its strides are in
// elements) and raises NotImplementedError saying so.
ArrayPtr viewAsDType(const ArrayPtr& self, DType dtype);

// a.view() (NumPy: a new view of the same data) and torch's alias (what t[...] returns).
ArrayPtr alias(const ArrayPtr& self);

// t.reshape(*shape) / a.reshape(shape, order=): a view when ATen's computeStride / NumPy's
// _attempt_nocopy_reshape allow it, else a copy (torch: clone + _unsafe_view; NumPy: a view of a fresh
// copy, so .base is that copy). order is NumPy's; 'K' is refused as NumPy refuses it.
ArrayPtr reshape(const ArrayPtr& self, IntSpan shape, MemoryOrder order = MemoryOrder::C);

// torch.flatten(t, start_dim, end_dim): self for 1-D input or start == end, else reshape. For an ndarray,
// a.flatten(order): always a fresh copy (the dims are ignored).
ArrayPtr flatten(const ArrayPtr& self, std::int64_t startDim = 0, std::int64_t endDim = -1,
                 MemoryOrder order = MemoryOrder::C);

// t.ravel() (contiguous().view(-1)) / a.ravel(order): a view when the data is already in that order.
ArrayPtr ravel(const ArrayPtr& self, MemoryOrder order = MemoryOrder::C);

// --- reordering dims ---------------------------------------------------------------------------------

// t.transpose(d0, d1) / t.swapaxes / np.swapaxes(a, axis1, axis2).
ArrayPtr transpose(const ArrayPtr& self, std::int64_t dim0, std::int64_t dim1);
// t.t(): at most 2-D. torch only.
ArrayPtr t(const ArrayPtr& self);
// .T on both, a.transpose() with no axes: all dims reversed. torch warns (once per process, as
// TORCH_WARN_ONCE does, unless setTorchWarnAlways) for tensors that are neither 0-D nor 2-D.
ArrayPtr reversedDims(const ArrayPtr& self);
// t.permute(*dims) / a.transpose(axes).
ArrayPtr permute(const ArrayPtr& self, IntSpan dims);

// --- picking parts -------------------------------------------------------------------------------------

// t.select(dim, index): torch only (indexing with an int uses it for both libraries).
ArrayPtr select(const ArrayPtr& self, std::int64_t dim, std::int64_t index);
// t.narrow(dim, start, length): torch only.
ArrayPtr narrow(const ArrayPtr& self, std::int64_t dim, std::int64_t start, std::int64_t length);
// t.diagonal(offset, dim1, dim2) / a.diagonal(offset, axis1, axis2) (NumPy's is read-only).
ArrayPtr diagonal(const ArrayPtr& self, std::int64_t offset = 0, std::int64_t dim1 = 0, std::int64_t dim2 = 1);

// t.chunk(chunks, dim), t.split(size, dim), t.split([sizes], dim), t.unbind(dim): torch only.
std::vector<ArrayPtr> chunk(const ArrayPtr& self, std::int64_t chunks, std::int64_t dim = 0);
std::vector<ArrayPtr> split(const ArrayPtr& self, std::int64_t splitSize, std::int64_t dim = 0);
std::vector<ArrayPtr> split(const ArrayPtr& self, IntSpan splitSizes, std::int64_t dim = 0);
std::vector<ArrayPtr> unbind(const ArrayPtr& self, std::int64_t dim = 0);

// --- size-1 dims and broadcasting ------------------------------------------------------------------------

// t.squeeze() / a.squeeze(): every size-1 dim removed. NumPy returns self when there is none.
ArrayPtr squeeze(const ArrayPtr& self);
// t.squeeze(dim) (exactly one dim) / a.squeeze(axis) (one axis or a tuple).
ArrayPtr squeeze(const ArrayPtr& self, IntSpan dims);
// t.unsqueeze(dim): torch only.
ArrayPtr unsqueeze(const ArrayPtr& self, std::int64_t dim);
// np.expand_dims(a, axis) (axis may be a tuple). NumPy only.
ArrayPtr expandDims(const ArrayPtr& self, IntSpan axes);
// t.expand(*sizes) with -1 for "keep": stride-0 dims, torch only.
ArrayPtr expand(const ArrayPtr& self, IntSpan sizes);
ArrayPtr expandAs(const ArrayPtr& self, const ArrayPtr& other);

// torch.set_warn_always(b): TORCH_WARN_ONCE warnings (such as .T's) then warn every time.
void setTorchWarnAlways(bool enabled);
bool torchWarnAlways();

// --- shared with indexing ------------------------------------------------------------------------------

// A view of self with new geometry, its first element `elementDelta` elements after self's; for torch the
// result records gradFn. The common end of every view op.
ArrayPtr deriveView(const ArrayPtr& self, Shape sizes, Strides strides, std::int64_t elementDelta,
                    std::string_view gradFn);

// ATen's computeStride: the strides that let `newShape` view memory laid out as (oldShape, oldStrides),
// or nothing when no such strides exist.
bool computeViewStrides(IntSpan oldShape, IntSpan oldStrides, IntSpan newShape, Strides& out);

// NumPy's PyArray_NewLikeArray(prototype, NPY_KEEPORDER) strides (in elements) for a fresh array shaped
// like a prototype with these strides: C or F when the prototype is, else sorted by |stride|.
Strides numpyKeepOrderStrides(IntSpan sizes, IntSpan strides);

// A fresh NumPy array with given element strides over a new buffer (NumPy gives every freshly allocated
// empty array all-zero strides, which this does too).
ArrayPtr freshNumpyArray(DType dtype, Shape sizes, Strides strides);

// NumPy's convert_shape_to_string: "(2,3)", "(4,)", "(4,newaxis)", with `ending` appended.
std::string numpyShapeString(IntSpan shape, std::string_view ending = "");

}  // namespace av::engine
