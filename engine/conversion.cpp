#include "conversion.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copykernel.h"
#include "creation.h"
#include "dispatch.h"
#include "errors.h"
#include "warnings.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <numeric>

namespace av::engine {

namespace {

std::array<std::atomic<bool>, 2> g_warnedOnce{};

// The Python type name in "expected np.ndarray (got numpy.float64)".
std::string pythonTypeName(const Array& value)
{
    if (value.isTensor())
        return "Tensor";
    if (value.isNumpyScalar())
        return value.dtype() == DType::Bool ? "numpy.bool_" : concat("numpy.", numpyName(value.dtype()));
    return "numpy.ndarray";
}

Strides fortranStrides(const Shape& sizes)
{
    Strides out(sizes.size());
    std::int64_t stride = 1;
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        out[d] = stride;
        stride *= std::max<std::int64_t>(sizes[d], 1);
    }
    return out;
}

// c10's computeStorageNbytes: the bytes from the first element to one past the farthest one.
std::int64_t storageNbytesFor(const Shape& sizes, const Strides& strides, std::int64_t itemsize)
{
    std::int64_t span = 1;
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        if (sizes[d] == 0)
            return 0;
        span += (sizes[d] - 1) * strides[d];
    }
    return span * itemsize;
}

// torch's tensor_from_numpy: the checks, then a tensor on a new storage window over a's memory.
ArrayPtr tensorFromNumpy(const ArrayPtr& ndarray, bool warnIfNotWriteable)
{
    AV_CHECK(ndarray->isNdarray() && !ndarray->isNumpyScalar(), typeError, "expected np.ndarray (got ",
             pythonTypeName(*ndarray), ")");
    if (!ndarray->writeable() && warnIfNotWriteable && takeTorchWarnOnce(kWarnNotWritable))
        warn("UserWarning",
             "The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This "
             "means writing to this tensor will result in undefined behavior. You may want to copy the array to "
             "protect its data or make it writable before converting it to a tensor. This type of warning will "
             "be suppressed for the rest of this program. (Triggered internally at  "
             "./torch/csrc/utils/tensor_numpy.cpp:199.)");
    // torch also refuses byte strides that are not whole elements ("given numpy array strides not a
    // multiple of the element byte size"); the engine keeps strides in elements, so none can arise.
    for (const std::int64_t stride : ndarray->strides())
        AV_CHECK(stride >= 0, valueError,
                 "At least one stride in the given numpy array is negative, and tensors with negative strides are "
                 "not currently supported. (You can probably work around this by making a copy of your array  with "
                 "array.copy().) ");
    // An empty ndarray's data pointer may sit past its (empty) allocation: NumPy moves it for integer
    // indices even when another dim is 0. Its empty window is kept inside the buffer.
    const std::int64_t windowStart = std::min(ndarray->bufferByteOffset(), ndarray->buffer()->nbytes());
    auto storage = std::make_shared<Storage>(ndarray->buffer(), windowStart,
                                             storageNbytesFor(ndarray->sizes(), ndarray->strides(), ndarray->itemsize()));
    return Array::make({Flavour::Torch, ndarray->dtype(), ndarray->sizes(), ndarray->strides(), std::move(storage), 0});
}

// A copy of src as a fresh array of the given flavour, dtype, device and strides.
ArrayPtr copyWithStrides(const Array& src, Flavour flavour, DType dtype, const Strides& strides, Device device)
{
    ArrayPtr out = allocateStrided(flavour, dtype, src.sizes(), strides, device, /*zeroFill=*/false);
    copyIntoFresh(*out, src);
    return out;
}

bool satisfiesOrder(const Array& array, MemoryOrder order)
{
    switch (order) {
    case MemoryOrder::C: return array.isContiguous();
    case MemoryOrder::F: return array.isFContiguous();
    case MemoryOrder::A: return array.isContiguous() || array.isFContiguous();
    case MemoryOrder::K: return true;
    }
    return true;
}

// The numpy copy every conversion ends in: order's layout, NumPy's cast rules and warnings.
ArrayPtr numpyCopy(const ArrayPtr& src, DType dtype, MemoryOrder order)
{
    warnNumpyCastErrors(*src, dtype);
    ArrayPtr out = copyWithStrides(*src, Flavour::Numpy, dtype, numpyStridesLike(*src, order), Device::cpu());
    // A NumPy scalar's .copy() and .astype() give a scalar again.
    out->setNumpyScalar(src->isNumpyScalar());
    return out;
}

template <typename T>
bool invalidAsInteger(T value, bool to64Bits)
{
    const double v = static_cast<double>(static_cast<OpMathT<T>>(value));
    if (to64Bits)
        return !(v >= -9223372036854775808.0 && v < 9223372036854775808.0);
    return !(v > -2147483649.0 && v < 2147483648.0);
}

}  // namespace

bool takeTorchWarnOnce(int which)
{
    return !g_warnedOnce[static_cast<std::size_t>(which)].exchange(true);
}

void resetTorchWarnOnce()
{
    for (auto& flag : g_warnedOnce)
        flag = false;
}

void warnNumpyCastErrors(const Array& src, DType dtype)
{
    if (src.dtype() == dtype || src.numel() == 0 || dtype == DType::Bool)
        return;
    const bool toInteger = isIntegral(dtype, false);
    const bool fromFloat = isFloating(src.dtype());
    if (toInteger && !fromFloat)
        return;  // integer casts wrap silently
    if (!toInteger && itemSize(dtype) >= itemSize(src.dtype()) && fromFloat)
        return;  // widening float casts are exact
    if (!toInteger && dtype != DType::Float16 && !fromFloat)
        return;  // no int64 reaches float32's range limit
    bool raised = false;
    const Strides byteStrides = src.byteStrides();
    LoopOperands<1> operands{{src.data()}, {byteStrides.data()}};
    dispatchDType(src.dtype(), [&]<typename S>(TypeTag<S>) {
        forEachInMemoryOrder<1>(src.sizes(), operands, [&](const InnerRun<1>& run) {
            for (std::int64_t i = 0; i < run.count && !raised; ++i) {
                const S value = loadElement<S>(run.data[0] + i * run.byteStrides[0]);
                if constexpr (kIsFloat<S>) {
                    if (toInteger) {
                        raised = invalidAsInteger(value, dtype == DType::Int64);
                        continue;
                    }
                }
                if constexpr (!std::is_same_v<S, bool>) {
                    const double v = static_cast<double>(static_cast<OpMathT<S>>(value));
                    if (!std::isfinite(v))
                        continue;
                    if (dtype == DType::Float16)
                        raised = std::isinf(static_cast<float>(Half::fromBits(Half::fromDoubleDirect(v))));
                    else if (dtype == DType::Float32)
                        raised = std::isinf(static_cast<float>(v));
                }
            }
        });
    });
    if (raised)
        warn("RuntimeWarning", toInteger ? "invalid value encountered in cast" : "overflow encountered in cast");
}

Strides torchPreservedStrides(const Array& src)
{
    // The flag c10 caches, which counts every empty tensor as non-overlapping and dense (array.cpp).
    if (src.isNonOverlappingAndDense())
        return src.strides();
    return inferDenseStrides(src.sizes(), src.strides());
}

Strides numpyStridesLike(const Array& src, MemoryOrder order)
{
    const Shape& sizes = src.sizes();
    if (src.numel() == 0)
        return Strides(sizes.size(), 0);
    if (order == MemoryOrder::A)
        order = src.isFContiguous() && !src.isContiguous() ? MemoryOrder::F : MemoryOrder::C;
    if (order == MemoryOrder::K) {
        if (src.isContiguous() || src.dim() <= 1)
            order = MemoryOrder::C;
        else if (src.isFContiguous())
            order = MemoryOrder::F;
    }
    if (order == MemoryOrder::C)
        return contiguousStrides(sizes);
    if (order == MemoryOrder::F)
        return fortranStrides(sizes);
    // PyArray_CreateSortedStridePerm: outermost first by descending |stride|, ties in dim order.
    std::vector<std::size_t> perm(sizes.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
        return std::llabs(src.stride(static_cast<std::int64_t>(a))) > std::llabs(src.stride(static_cast<std::int64_t>(b)));
    });
    Strides out(sizes.size());
    std::int64_t stride = 1;
    for (std::size_t i = perm.size(); i-- > 0;) {
        out[perm[i]] = stride;
        stride *= sizes[perm[i]];
    }
    return out;
}

ArrayPtr allocateStrided(Flavour flavour, DType dtype, const Shape& sizes, const Strides& strides, Device device,
                         bool zeroFill)
{
    ArrayPtr fresh = allocateArray(flavour, dtype, sizes, device, zeroFill);
    if (fresh->strides() == strides)
        return fresh;
    ArrayPtr out = Array::make({flavour, dtype, sizes, strides, fresh->storage(), 0});
    out->setOwnsData(fresh->ownsData());
    return out;
}

ArrayPtr detach(const ArrayPtr& tensor)
{
    AV_INTERNAL_ASSERT(tensor->isTensor(), "detach() of an ndarray");
    ArrayPtr out = Array::make(
        {Flavour::Torch, tensor->dtype(), tensor->sizes(), tensor->strides(), tensor->storage(), tensor->byteOffset()});
    // NOTE [ Version Counter Sharing ]: detach() shares the counter, so in-place ops through either are seen
    // by autograd's saved-tensor checks on the other.
    out->setVersionCounter(tensor->versionCounter());
    return out;
}

ArrayPtr tensorData(const ArrayPtr& tensor)
{
    AV_INTERNAL_ASSERT(tensor->isTensor(), ".data of an ndarray");
    // Unlike detach(), .data starts a new version counter: writes through it are invisible to autograd.
    return Array::make(
        {Flavour::Torch, tensor->dtype(), tensor->sizes(), tensor->strides(), tensor->storage(), tensor->byteOffset()});
}

ArrayPtr requiresGradInplace(const ArrayPtr& tensor, bool requiresGrad)
{
    AV_INTERNAL_ASSERT(tensor->isTensor(), "requires_grad_() of an ndarray");
    AV_CHECK(tensor->isLeaf() || requiresGrad, runtimeError,
             "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in "
             "a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
    AV_CHECK(!requiresGrad || isFloating(tensor->dtype()), runtimeError,
             "only Tensors of floating point dtype can require gradients");
    tensor->setRequiresGrad(requiresGrad);
    return tensor;
}

ArrayPtr toNumpy(const ArrayPtr& tensor, bool force)
{
    AV_INTERNAL_ASSERT(tensor->isTensor(), "numpy() of an ndarray");
    if (!force) {
        AV_CHECK(tensor->device().isCpu(), typeError, "can't convert ", tensor->device().str(),
                 " device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.");
        AV_CHECK(!(GradMode::isEnabled() && tensor->requiresGrad()), runtimeError,
                 "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    }
    // tensor_to_numpy wraps tensor.detach().cpu(): the ndarray's base is that new tensor, not `tensor`.
    ArrayPtr prepared = tensorTo(detach(tensor), std::nullopt, Device::cpu());
    ArrayPtr out;
    if (prepared->numel() == 0) {
        // An empty tensor's data_ptr() is null, and PyArray_New allocates when handed null.
        out = allocateArray(Flavour::Numpy, prepared->dtype(), prepared->sizes());
    } else {
        out = Array::make({Flavour::Numpy, prepared->dtype(), prepared->sizes(), prepared->strides(),
                           prepared->storage(), prepared->byteOffset()});
    }
    out->setBase(prepared);
    return out;
}

ArrayPtr fromNumpy(const ArrayPtr& ndarray) { return tensorFromNumpy(ndarray, /*warnIfNotWriteable=*/true); }

ArrayPtr tensorTo(const ArrayPtr& tensor, std::optional<DType> dtype, std::optional<Device> device, bool copy)
{
    AV_INTERNAL_ASSERT(tensor->isTensor(), "Tensor.to() of an ndarray");
    const DType targetDType = dtype.value_or(tensor->dtype());
    const Device targetDevice = device.value_or(tensor->device());
    if (!copy && targetDType == tensor->dtype() && targetDevice == tensor->device())
        return tensor;
    ArrayPtr out = copyWithStrides(*tensor, Flavour::Torch, targetDType, torchPreservedStrides(*tensor), targetDevice);
    // _to_copy is differentiable only into types that can carry a gradient.
    if (isFloating(targetDType))
        recordOp(*out, "ToCopyBackward0", {tensor.get()});
    return out;
}

ArrayPtr torchTensorFromArray(const ArrayPtr& data, std::optional<DType> dtype, Device device, bool requiresGrad)
{
    ArrayPtr source;
    if (data->isTensor()) {
        warn("UserWarning",
             "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or "
             "sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).");
        source = detach(data);
    } else if (data->isNumpyScalar()) {
        return arrayFromData(Flavour::Torch, NestedList(data), {dtype, device, requiresGrad});
    } else {
        // torch.tensor copies anyway, so it does not warn about a read-only source.
        source = tensorFromNumpy(data, /*warnIfNotWriteable=*/false);
    }
    ArrayPtr out = tensorTo(source, dtype, device, /*copy=*/true);
    AV_CHECK(!requiresGrad || isFloating(out->dtype()), runtimeError,
             "Only Tensors of floating point and complex dtype can require gradients");
    out->setRequiresGrad(requiresGrad);
    return out;
}

ArrayPtr asTensor(const ArrayPtr& data, std::optional<DType> dtype, std::optional<Device> device)
{
    if (data->isTensor())
        return tensorTo(data, dtype, device);
    if (data->isNumpyScalar())
        return arrayFromData(Flavour::Torch, NestedList(data), {dtype, device.value_or(Device::cpu()), false});
    return tensorTo(tensorFromNumpy(data, /*warnIfNotWriteable=*/true), dtype, device);
}

ArrayPtr numpyArrayFromArray(const ArrayPtr& data, std::optional<DType> dtype, bool copy, MemoryOrder order)
{
    if (data->isNumpyScalar())
        return arrayFromData(Flavour::Numpy, NestedList(data), {dtype});
    // A tensor is converted by Tensor.__array__, which is numpy(): same checks, and a view whose base is a
    // detached alias of the tensor.
    const ArrayPtr array = data->isTensor() ? toNumpy(data) : data;
    const DType target = dtype.value_or(array->dtype());
    if (!copy && target == array->dtype() && satisfiesOrder(*array, order))
        return array;
    return numpyCopy(array, target, order);
}

ArrayPtr asarray(const ArrayPtr& data, std::optional<DType> dtype)
{
    return numpyArrayFromArray(data, dtype, /*copy=*/false, MemoryOrder::K);
}

ArrayPtr ndarrayCopy(const ArrayPtr& array, MemoryOrder order)
{
    AV_INTERNAL_ASSERT(array->isNdarray(), "ndarray.copy() of a tensor");
    return numpyCopy(array, array->dtype(), order);
}

ArrayPtr astype(const ArrayPtr& array, DType dtype, bool copy, MemoryOrder order)
{
    AV_INTERNAL_ASSERT(array->isNdarray(), "astype() of a tensor");
    if (!copy && dtype == array->dtype() && satisfiesOrder(*array, order))
        return array;
    return numpyCopy(array, dtype, order);
}

}  // namespace av::engine
