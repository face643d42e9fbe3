#pragma once
// Moving data between the two libraries and between dtypes: Tensor.numpy(), torch.from_numpy,
// torch.tensor / torch.as_tensor / np.array / np.asarray of an array, ndarray.copy / astype, Tensor.to
// and its shorthands, detach, .data and requires_grad_. Each shares or copies exactly as the real
// library does, and returns the same object where the real one returns its argument.

#include "array.h"

#include <optional>

namespace av::engine {

// Tensor.numpy(force=False): an ndarray on the tensor's memory whose base is a detached alias of the
// tensor (not the tensor itself, as tensor_to_numpy wraps tensor.detach()). An empty tensor has no data
// pointer, so NumPy allocates: the result owns its (empty) memory but keeps the tensor as base.
ArrayPtr toNumpy(const ArrayPtr& tensor, bool force = false);

// torch.from_numpy(a): shares a's memory through a NEW storage that starts at a's first element
// (storage_offset() 0), with a fresh version counter.
ArrayPtr fromNumpy(const ArrayPtr& ndarray);

// torch.tensor(data) for a tensor or ndarray data: a copy in torch's preserve_format layout; a tensor
// source also raises the "To copy construct from a tensor" UserWarning.
ArrayPtr torchTensorFromArray(const ArrayPtr& data, std::optional<DType> dtype = std::nullopt,
                              Device device = Device::cpu(), bool requiresGrad = false);

// torch.as_tensor(data, dtype=, device=) for an array: the same object for a tensor that needs no
// conversion, a tensor sharing an ndarray's memory when the dtype matches, a copy otherwise.
ArrayPtr asTensor(const ArrayPtr& data, std::optional<DType> dtype = std::nullopt,
                  std::optional<Device> device = std::nullopt);

// np.array(a, dtype=, copy=, order=) for an array (a tensor goes through Tensor.__array__, i.e. numpy()).
ArrayPtr numpyArrayFromArray(const ArrayPtr& data, std::optional<DType> dtype = std::nullopt, bool copy = true,
                             MemoryOrder order = MemoryOrder::K);
// np.asarray(a, dtype=): np.array(a, dtype, copy=False).
ArrayPtr asarray(const ArrayPtr& data, std::optional<DType> dtype = std::nullopt);

// ndarray.copy(order='C').
ArrayPtr ndarrayCopy(const ArrayPtr& array, MemoryOrder order = MemoryOrder::C);
// ndarray.astype(dtype, order='K', copy=True); copy=False returns the array itself when nothing changes.
ArrayPtr astype(const ArrayPtr& array, DType dtype, bool copy = true, MemoryOrder order = MemoryOrder::K);

// Tensor.to(dtype) / .to(device) / .to(dtype, copy=True), and through it .float() .double() .half()
// .int() .long() .bool() .cpu(): self when nothing changes and no copy is asked for; otherwise a copy
// with grad_fn ToCopyBackward0 when self requires grad and the target dtype is a floating one.
ArrayPtr tensorTo(const ArrayPtr& tensor, std::optional<DType> dtype, std::optional<Device> device = std::nullopt,
                  bool copy = false);

// Tensor.detach(): shares storage and version counter; not a view; requires_grad False.
ArrayPtr detach(const ArrayPtr& tensor);
// Tensor.data: shares storage with a NEW version counter; requires_grad False.
ArrayPtr tensorData(const ArrayPtr& tensor);
// Tensor.requires_grad_(value): returns self.
ArrayPtr requiresGradInplace(const ArrayPtr& tensor, bool requiresGrad = true);

// The torch warnings that TORCH_WARN_ONCE prints once per process ("The given NumPy array is not
// writable", "Creating a tensor from a list of numpy.ndarrays is extremely slow"); a session that models
// a fresh Python process resets them.
bool takeTorchWarnOnce(int which);
void resetTorchWarnOnce();
inline constexpr int kWarnNotWritable = 0;
inline constexpr int kWarnListOfNdarrays = 1;

// NumPy's floating-point-error warnings for casting src to dtype: "invalid value encountered in cast"
// (NaN, infinity or out-of-range values to an integer type) and "overflow encountered in cast" (a finite
// value that becomes infinite), once per cast as NumPy 1.24 reports them.
void warnNumpyCastErrors(const Array& src, DType dtype);

// torch's preserve_format layout for a copy of src (empty_like, Tensor.to, clone): src's strides when it
// is non-overlapping and dense, else strides that keep its dims' order (c10's infer_dense_strides).
Strides torchPreservedStrides(const Array& src);
// NumPy's strides for a new array like src in the given order (PyArray_NewLikeArray); zeros for an
// empty result, as NumPy 1.24 gives every new empty array.
Strides numpyStridesLike(const Array& src, MemoryOrder order);

// A fresh array on a new buffer with these (non-overlapping, dense) element strides.
ArrayPtr allocateStrided(Flavour flavour, DType dtype, const Shape& sizes, const Strides& strides,
                         Device device = Device::cpu(), bool zeroFill = true);

}  // namespace av::engine
