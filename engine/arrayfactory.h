#pragma once
// Making arrays: fresh ones on a new buffer (what every copy does) and views that share a source's memory
// with the bookkeeping each library does for a view (torch: storage, version counter and _base;
// NumPy: the collapsed base chain and the WRITEABLE flag).

#include "array.h"
#include "scalar.h"

#include <optional>

namespace av::engine {

// A new C-contiguous array on its own buffer. A refused allocation raises the library's own error:
// torch's DefaultCPUAllocator RuntimeError or NumPy's "Unable to allocate 8.00 TiB for an array with shape
// (...) and data type float64"; a CUDA device raises "Torch not compiled with CUDA enabled" until the CUDA
// backend exists. zeroFill=false is for callers that overwrite every element at once.
ArrayPtr allocateArray(Flavour flavour, DType dtype, Shape sizes, Device device = Device::cpu(), bool zeroFill = true);

// A view of src's memory with new geometry; byteOffset counts from src's storage start. For torch the
// caller records the grad_fn (autograd.h); the view starts with requires_grad=false otherwise.
ArrayPtr makeView(const ArrayPtr& src, Shape sizes, Strides strides, std::int64_t byteOffset,
                  std::optional<DType> dtype = std::nullopt);

// The object NumPy stores as .base for a view of src: src itself, or the first array up src's chain that
// owns its data (NumPy collapses chains of views), stopping at a non-ndarray such as a tensor.
ArrayPtr numpyBaseFor(const ArrayPtr& src);

// numpy.core._exceptions._size_to_string: "29.8 GiB", "1.00 EiB", "12 bytes".
std::string numpySizeString(std::uint64_t nbytes);

// A Python number converted to an element of dtype as the library's fill/setitem path converts it:
// torch raises "value cannot be converted to type int8_t without overflow"; NumPy wraps, with its
// DeprecationWarning for out-of-bound integers.
void storeScalar(std::byte* dst, DType dtype, const Scalar& value, Flavour flavour);

// The C++ type name torch's overflow message uses: "int8_t", "at::Half", "float".
std::string_view torchCheckedConvertName(DType dtype);

}  // namespace av::engine
