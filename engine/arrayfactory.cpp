#include "arrayfactory.h"

#include "autograd.h"
#include "dispatch.h"
#include "errors.h"
#include "warnings.h"

#include <cmath>
#include <cstdio>

namespace av::engine {

ArrayPtr allocateArray(Flavour flavour, DType dtype, Shape sizes, Device device, bool zeroFill)
{
    if (device.isCuda()) {
        AV_CHECK(flavour == Flavour::Torch, typeError, "NumPy arrays live in host memory only");
        throw assertionError("Torch not compiled with CUDA enabled");
    }
    // Sizes are checked by the callers; the byte count can still overflow for hostile shapes, and each
    // library refuses that before allocating, in its own words and by its own arithmetic.
    std::int64_t nbytes = 0;
    if (flavour == Flavour::Torch) {
        // c10's computeStorageNbytesContiguous: the product of every size in uint64 (an overflow counts even
        // when a later size is 0), times the itemsize, at most INT64_MAX.
        std::uint64_t product = 1;
        bool overflow = false;
        for (const std::int64_t size : sizes)
            overflow |= __builtin_mul_overflow(product, static_cast<std::uint64_t>(size), &product);
        overflow |= __builtin_mul_overflow(product, static_cast<std::uint64_t>(itemSize(dtype)), &product);
        overflow |= product > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        AV_CHECK(!overflow, runtimeError, "Storage size calculation overflowed with sizes=", formatList(sizes));
        nbytes = static_cast<std::int64_t>(product);
    } else {
        // NumPy's PyArray_NewFromDescr: the itemsize times every non-zero size must fit in intp.
        std::int64_t product = itemSize(dtype);
        bool empty = false;
        for (const std::int64_t size : sizes) {
            if (size == 0) {
                empty = true;
                continue;
            }
            AV_CHECK(!__builtin_mul_overflow(product, size, &product), valueError,
                     "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");
        }
        nbytes = empty ? 0 : product;
    }
    const BufferPtr buffer = Buffer::tryAllocate(
        nbytes, device, flavour == Flavour::Torch ? AllocatorKind::TorchCpu : AllocatorKind::NumpyCpu, zeroFill);
    if (!buffer) {
        if (flavour == Flavour::Torch)
            throw runtimeError(torchAllocationFailureMessage(nbytes));
        throw arrayMemoryError(concat("Unable to allocate ", numpySizeString(static_cast<std::uint64_t>(nbytes)),
                                      " for an array with shape ", formatTuple(sizes), " and data type ",
                                      numpyName(dtype)));
    }
    // NumPy 1.24 gives every new empty array all-zero strides (np.zeros((2, 0)).strides == (0, 0)).
    Strides strides = flavour == Flavour::Numpy && numelOf(sizes) == 0 ? Strides(sizes.size(), 0) : contiguousStrides(sizes);
    ArrayPtr array = Array::make({flavour, dtype, std::move(sizes), std::move(strides), Storage::wholeBuffer(buffer), 0});
    if (flavour == Flavour::Numpy)
        array->setOwnsData(true);
    return array;
}

ArrayPtr numpyBaseFor(const ArrayPtr& src)
{
    ArrayPtr base = src;
    while (base->isNdarray() && !base->ownsData() && base->base() && base->base()->isNdarray())
        base = base->base();
    return base;
}

ArrayPtr makeView(const ArrayPtr& src, Shape sizes, Strides strides, std::int64_t byteOffset, std::optional<DType> dtype)
{
    ArrayPtr view = Array::make(
        {src->flavour(), dtype.value_or(src->dtype()), std::move(sizes), std::move(strides), src->storage(), byteOffset});
    if (src->isTensor()) {
        // NOTE [ Version Counter Sharing ]: a view bumps the same counter as its base.
        view->setVersionCounter(src->versionCounter());
        view->setViewBase(src->isView() ? src->viewBase() : src);
        initViewAutograd(*view, *src);
    } else {
        view->setBase(numpyBaseFor(src));
        view->setWriteable(src->writeable());
    }
    return view;
}

std::string numpySizeString(std::uint64_t nbytes)
{
    static constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    const int bitLength = nbytes == 0 ? 0 : 64 - __builtin_clzll(nbytes);
    int unit = std::max(bitLength - 1, 1) / 10;
    double units = static_cast<double>(nbytes) / std::ldexp(1.0, unit * 10);
    if (std::nearbyint(units) == 1024.0) {  // Python's round() is half-to-even, as nearbyint is
        ++unit;
        units /= 1024.0;
    }
    if (unit > 6) {
        units *= std::ldexp(1.0, (unit - 6) * 10);
        unit = 6;
    }
    char text[64];
    if (unit == 0)
        std::snprintf(text, sizeof text, "%.0f %s", units, kUnits[unit]);
    else if (std::nearbyint(units) < 1000.0)
        std::snprintf(text, sizeof text, "%#.3g %s", units, kUnits[unit]);
    else
        std::snprintf(text, sizeof text, "%#.0f %s", units, kUnits[unit]);
    return text;
}

std::string_view torchCheckedConvertName(DType dtype)
{
    switch (dtype) {
    case DType::Bool: return "bool";
    case DType::UInt8: return "uint8_t";
    case DType::Int8: return "int8_t";
    case DType::Int16: return "int16_t";
    case DType::Int32: return "int";
    case DType::Int64: return "int64_t";
    case DType::Float16: return "at::Half";
    case DType::Float32: return "float";
    case DType::Float64: return "double";
    }
    return "?";
}

namespace {

// c10's overflows<To, From>(): integers may wrap into unsigned types from below (uint8 accepts -1), floats
// may be infinite or NaN when the target has them, and anything else must fit.
template <typename T>
bool torchScalarOverflows(const Scalar& value)
{
    if constexpr (std::is_same_v<T, bool>) {
        return false;
    } else {
        using Limits = std::numeric_limits<std::conditional_t<std::is_same_v<T, Half>, float, T>>;
        const double lowest = std::is_same_v<T, Half> ? -65504.0 : static_cast<double>(Limits::lowest());
        const double highest = std::is_same_v<T, Half> ? 65504.0 : static_cast<double>(Limits::max());
        if (value.isBool())
            return false;
        if (value.isInt()) {
            const std::int64_t v = value.toInt();
            if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>)
                return v > static_cast<std::int64_t>(Limits::max()) ||
                       (v < 0 && static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(v) > Limits::max());
            else if constexpr (std::is_integral_v<T>)
                return v < static_cast<std::int64_t>(Limits::lowest()) || v > static_cast<std::int64_t>(Limits::max());
            else
                return static_cast<double>(v) < lowest || static_cast<double>(v) > highest;
        }
        const double v = value.toDouble();
        if (!kIsFloat<T> && std::isnan(v))
            return true;
        if (kIsFloat<T> && (std::isinf(v) || std::isnan(v)))
            return false;
        return v < lowest || v > highest;
    }
}

template <typename T>
T scalarAsElement(const Scalar& value)
{
    switch (value.kind()) {
    case Scalar::Kind::Bool: return convertElement<T>(value.toBool());
    case Scalar::Kind::Int: return convertElement<T>(value.toInt());
    case Scalar::Kind::Float: return convertElement<T>(value.toDouble());
    }
    return T{};
}

}  // namespace

void storeScalar(std::byte* dst, DType dtype, const Scalar& value, Flavour flavour)
{
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if (flavour == Flavour::Torch) {
            AV_CHECK(!torchScalarOverflows<T>(value), runtimeError, "value cannot be converted to type ",
                     torchCheckedConvertName(dtype), " without overflow");
            storeElement<T>(dst, scalarAsElement<T>(value));
            return;
        }
        Scalar converted = value;
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            // NumPy converts a Python float for an integer array with int(), so NaN and infinity fail as
            // they do in Python, and then treats the result like any Python int.
            if (value.isFloat()) {
                const double v = value.toDouble();
                AV_CHECK(!std::isnan(v), valueError, "cannot convert float NaN to integer");
                AV_CHECK(!std::isinf(v), overflowError, "cannot convert float infinity to integer");
                AV_CHECK(v > -9223372036854775809.0 && v < 9223372036854775808.0, overflowError,
                         "Python int too large to convert to C long");
                converted = Scalar(static_cast<std::int64_t>(v));
            }
            if (value.isInt()) {  // a float converted by int() is cast without the warning
                const std::int64_t v = converted.toInt();
                const bool fits = v >= static_cast<std::int64_t>(std::numeric_limits<T>::lowest()) &&
                                  (sizeof(T) == 8 || v <= static_cast<std::int64_t>(std::numeric_limits<T>::max()));
                if (!fits)
                    warn("DeprecationWarning",
                         concat("NumPy will stop allowing conversion of out-of-bound Python integers to integer "
                                "arrays.  The conversion of ",
                                v, " to ", numpyName(dtype),
                                " will fail in the future.\nFor the old behavior, usually:\n    "
                                "np.array(value).astype(dtype)`\nwill give the desired result (the cast overflows)."));
            }
        }
        if constexpr (std::is_same_v<T, Half>) {
            if (converted.isFloat())
                storeElement<Half>(dst, Half::fromBits(Half::fromDoubleDirect(converted.toDouble())));
            else
                storeElement<T>(dst, scalarAsElement<T>(converted));
        } else {
            storeElement<T>(dst, scalarAsElement<T>(converted));
        }
        if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, float>) {
            // A finite number that becomes infinite in the narrower float: NumPy's cast warns.
            if (std::isfinite(converted.toDouble()) && std::isinf(static_cast<float>(loadElement<T>(dst))))
                warn("RuntimeWarning", "overflow encountered in cast");
        }
    });
}

}  // namespace av::engine
