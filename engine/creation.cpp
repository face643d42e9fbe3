#include "creation.h"

#include "arrayfactory.h"
#include "conversion.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "warnings.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace av::engine {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Checks and finishing touches every factory shares
// ---------------------------------------------------------------------------------------------------------

// The Python bindings initialise the device before anything else, so a CUDA request fails first.
void torchInitDevice(const Device& device)
{
    if (device.isCuda())
        throw assertionError("Torch not compiled with CUDA enabled");
}

void checkNumpyOptions(const CreationOptions& options)
{
    AV_INTERNAL_ASSERT(options.device.isCpu() && !options.requiresGrad,
                       "NumPy factories take neither device= nor requires_grad=");
}

void checkSizes(Flavour flavour, IntSpan sizes)
{
    for (const std::int64_t size : sizes) {
        if (size >= 0)
            continue;
        if (flavour == Flavour::Torch)
            throw runtimeError(
                concat("Trying to create tensor with negative dimension ", size, ": ", formatList(sizes)));
        throw valueError("negative dimensions are not allowed");
    }
}

// torch's factories set requires_grad on the finished tensor, which only floating types accept.
ArrayPtr finishTorch(ArrayPtr out, const CreationOptions& options)
{
    AV_CHECK(!options.requiresGrad || isFloating(out->dtype()), runtimeError,
             "Only Tensors of floating point and complex dtype can require gradients");
    out->setRequiresGrad(options.requiresGrad);
    return out;
}

// c10's Scalar::to<T>(): checked_convert, with "value cannot be converted to type int64_t without overflow".
template <typename T>
T torchScalarTo(const Scalar& value)
{
    alignas(8) std::byte element[8];
    storeScalar(element, dtypeOf<T>(), value, Flavour::Torch);
    return loadElement<T>(element);
}

template <typename T>
T wrapToInteger(std::uint64_t value)
{
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(value));
}

// ---------------------------------------------------------------------------------------------------------
// NumPy's conversion of a Python number (or NumPy scalar) stored into an array element: the setitem rules
// ---------------------------------------------------------------------------------------------------------

struct NumpyScalarValue {
    DType dtype;  // the NumPy scalar's type
    const std::byte* data;
};

void warnOutOfBoundPythonInt(std::int64_t value, DType dtype)
{
    warn("DeprecationWarning",
         concat("NumPy will stop allowing conversion of out-of-bound Python integers to integer arrays.  The "
                "conversion of ",
                value, " to ", numpyName(dtype),
                " will fail in the future.\nFor the old behavior, usually:\n    np.array(value).astype(dtype)`\n"
                "will give the desired result (the cast overflows)."));
}

// int(x) of a float, as MyPyLong_AsLong sees it: then C long.
std::int64_t pythonIntOfFloat(double value)
{
    AV_CHECK(!std::isnan(value), valueError, "cannot convert float NaN to integer");
    AV_CHECK(!std::isinf(value), overflowError, "cannot convert float infinity to integer");
    AV_CHECK(value > -9223372036854775809.0 && value < 9223372036854775808.0, overflowError,
             "Python int too large to convert to C long");
    return static_cast<std::int64_t>(value);
}

template <typename T>
void storeNumpyFloat(std::byte* dst, double value)
{
    T converted;
    if constexpr (std::is_same_v<T, Half>)
        converted = Half::fromBits(Half::fromDoubleDirect(value));
    else
        converted = static_cast<T>(value);
    // NumPy 1.24 checks the cast for overflow (a finite value that became infinite).
    if (std::isfinite(value) && std::isinf(static_cast<double>(static_cast<OpMathT<T>>(converted))))
        warn("RuntimeWarning", "overflow encountered in cast");
    storeElement<T>(dst, converted);
}

// @TYPE@_setitem for a Python bool/int/float.
void numpyPackPython(std::byte* dst, DType dtype, const Scalar& value)
{
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_same_v<T, bool>) {
            storeElement<bool>(dst, value.toBool());
        } else if constexpr (kIsFloat<T>) {
            storeNumpyFloat<T>(dst, value.toDouble());
        } else {
            std::int64_t v;
            if (value.isFloat()) {
                // A float goes through int() and wraps silently.
                v = pythonIntOfFloat(value.toDouble());
            } else {
                v = value.toInt();
                const bool fits = v >= static_cast<std::int64_t>(std::numeric_limits<T>::lowest()) &&
                                  (sizeof(T) == 8 || v <= static_cast<std::int64_t>(std::numeric_limits<T>::max()));
                if (!fits)
                    warnOutOfBoundPythonInt(v, dtype);
            }
            storeElement<T>(dst, wrapToInteger<T>(static_cast<std::uint64_t>(v)));
        }
    });
}

// @TYPE@_setitem for a NumPy scalar of another type: int() or float() of it, never the deprecation.
void numpyPackScalar(std::byte* dst, DType dtype, const NumpyScalarValue& value)
{
    if (value.dtype == dtype) {
        std::memcpy(dst, value.data, static_cast<std::size_t>(itemSize(dtype)));
        return;
    }
    dispatchDType(value.dtype, [&]<typename S>(TypeTag<S>) {
        const S source = loadElement<S>(value.data);
        dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
            if constexpr (std::is_same_v<T, bool>) {
                storeElement<bool>(dst, convertElement<bool>(source));
            } else if constexpr (kIsFloat<T>) {
                storeNumpyFloat<T>(dst, static_cast<double>(static_cast<OpMathT<S>>(source)));
            } else {
                std::int64_t v;
                if constexpr (kIsFloat<S>)
                    v = pythonIntOfFloat(static_cast<double>(static_cast<OpMathT<S>>(source)));
                else
                    v = static_cast<std::int64_t>(source);
                storeElement<T>(dst, wrapToInteger<T>(static_cast<std::uint64_t>(v)));
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------------------
// arange
// ---------------------------------------------------------------------------------------------------------

// NOTE [ Fused and unfused steps ]
// Debian's torch was built with contraction on, so some of its `a + b * c` are one fused rounding and some
// are two; the fills below spell out which with std::fma. Everything else must stay unfused, which ISO
// C++20 mode (CMAKE_CXX_EXTENSIONS OFF, so GCC's -ffp-contract=off) guarantees.

// The fill of torch's arange_kernel, rounding as the AVX2 build does: cpu_serial_kernel_vec computes pairs
// of vectors from a base `start + step * idx` (fused) and `base + k * step`, then the tail one by one. One
// thread (or a range under the 2048-element grain) is assumed: more threads restart vectors at chunk starts.
template <typename T, typename Acc>
void torchArangeFill(T* out, std::int64_t size, Acc start, Acc step)
{
    if constexpr (std::is_integral_v<T>) {
        // Integer accumulation is exact (modulo 2^64); the vector path agrees element for element.
        const auto ustart = static_cast<std::uint64_t>(start), ustep = static_cast<std::uint64_t>(step);
        for (std::int64_t i = 0; i < size; ++i)
            out[i] = wrapToInteger<T>(ustart + ustep * static_cast<std::uint64_t>(i));
    } else {
        constexpr std::int64_t kVector = std::is_same_v<T, Half> ? 16 : 32 / static_cast<std::int64_t>(sizeof(T));
        const auto atIndex = [&](std::int64_t idx) { return std::fma(step, static_cast<Acc>(idx), start); };
        std::int64_t i = 0;
        for (; i + 2 * kVector <= size; i += 2 * kVector) {
            for (std::int64_t first = i; first < i + 2 * kVector; first += kVector) {
                const T base = static_cast<T>(atIndex(first));
                for (std::int64_t k = 0; k < kVector; ++k) {
                    if constexpr (std::is_same_v<T, Half>) {
                        // Vectorized<Half> is the generic one: Half + (k * step) in float, rounded twice.
                        const float product = static_cast<float>(k) * step;
                        out[first + k] = Half(static_cast<float>(base) + product);
                    } else {
                        // Vectorized<float>::arange(base, double step): fused in double.
                        out[first + k] = static_cast<T>(std::fma(static_cast<Acc>(k), step, static_cast<Acc>(base)));
                    }
                }
            }
        }
        for (; i < size; ++i)
            out[i] = static_cast<T>(atIndex(i));
    }
}

template <typename Acc>
std::string formatAcc(Acc value)
{
    return concat(value);
}

ArrayPtr torchArange(const Scalar& start, const Scalar& end, const Scalar& step, const CreationOptions& options)
{
    torchInitDevice(options.device);
    const bool anyFloat = start.isFloat() || end.isFloat() || step.isFloat();
    const DType dtype = options.dtype.value_or(anyFloat ? kTorchDefaultFloat : kDefaultInt);
    AV_CHECK(dtype != DType::Bool, runtimeError, "\"arange_cpu\" not implemented for 'Bool'");
    ArrayPtr out;
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (!std::is_same_v<T, bool>) {
            // at::acc_type<T, /*is_cuda=*/false>: int64 for integers, float for half, double for float.
            using Acc = std::conditional_t<std::is_integral_v<T>, std::int64_t,
                                           std::conditional_t<std::is_same_v<T, Half>, float, double>>;
            const Acc xstart = torchScalarTo<Acc>(start);
            const Acc xend = torchScalarTo<Acc>(end);
            const Acc xstep = torchScalarTo<Acc>(step);
            AV_CHECK(xstep > 0 || xstep < 0, runtimeError, "step must be nonzero");
            AV_CHECK(std::isfinite(static_cast<double>(xstart)) && std::isfinite(static_cast<double>(xend)),
                     runtimeError, "unsupported range: ", formatAcc(xstart), " -> ", formatAcc(xend));
            AV_CHECK((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart), runtimeError,
                     "upper bound and larger bound inconsistent with step sign");
            // The size is computed in double for every type but int64, whose range double cannot hold.
            double sizeD;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                const auto difference =
                    static_cast<std::int64_t>(static_cast<std::uint64_t>(xend) - static_cast<std::uint64_t>(xstart));
                sizeD = std::ceil(static_cast<double>(difference) / static_cast<double>(xstep));
            } else {
                sizeD = std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
            }
            AV_CHECK(sizeD >= 0 && sizeD <= static_cast<double>(std::numeric_limits<std::int64_t>::max()),
                     runtimeError, "invalid size, possible overflow?");
            const auto size = static_cast<std::int64_t>(sizeD);
            out = allocateArray(Flavour::Torch, dtype, {size}, options.device, /*zeroFill=*/false);
            torchArangeFill<T, Acc>(reinterpret_cast<T*>(out->data()), size, xstart, xstep);
        }
    });
    return finishTorch(out, options);
}

// A Python number as an arbitrary-precision-enough value for NumPy's length arithmetic, which Python does
// on the objects themselves: int - int is exact, anything with a float is a double.
// GCC's 128-bit integer holds the exact difference of two int64 values.
__extension__ typedef __int128 Int128;

struct PyNumber {
    bool isFloat = false;
    Int128 integer = 0;
    double real = 0.0;

    static PyNumber of(const Scalar& value)
    {
        PyNumber n;
        n.isFloat = value.isFloat();
        if (n.isFloat)
            n.real = value.toDouble();
        else
            n.integer = value.toInt();
        return n;
    }
    double asDouble() const { return isFloat ? real : static_cast<double>(integer); }
    bool isZero() const { return isFloat ? real == 0.0 : integer == 0; }
};

PyNumber pySubtract(const PyNumber& a, const PyNumber& b)
{
    PyNumber out;
    out.isFloat = a.isFloat || b.isFloat;
    if (out.isFloat)
        out.real = a.asDouble() - b.asDouble();
    else
        out.integer = a.integer - b.integer;
    return out;
}

PyNumber pyAdd(const PyNumber& a, const PyNumber& b)
{
    PyNumber out;
    out.isFloat = a.isFloat || b.isFloat;
    if (out.isFloat)
        out.real = a.asDouble() + b.asDouble();
    else
        out.integer = a.integer + b.integer;
    return out;
}

// Python's true division a / b, correctly rounded for integers as CPython's long division is.
double pyTrueDivide(const PyNumber& a, const PyNumber& b)
{
    if (b.isZero())
        throw zeroDivisionError(a.isFloat || b.isFloat ? "float division by zero" : "division by zero");
    if (a.isFloat || b.isFloat)
        return a.asDouble() / b.asDouble();
    constexpr Int128 kExact = Int128{1} << 53;
    if (a.integer > -kExact && a.integer < kExact && b.integer > -kExact && b.integer < kExact)
        return static_cast<double>(a.integer) / static_cast<double>(b.integer);
    // Beyond 2^53 the operands are rounded first; long double keeps 64 bits, enough for int64 operands.
    return static_cast<double>(static_cast<long double>(a.integer) / static_cast<long double>(b.integer));
}

Scalar scalarOf(const PyNumber& n)
{
    if (n.isFloat)
        return Scalar(n.real);
    AV_CHECK(n.integer >= std::numeric_limits<std::int64_t>::min() && n.integer <= std::numeric_limits<std::int64_t>::max(),
             overflowError, "Python int too large to convert to C long");
    return Scalar(static_cast<std::int64_t>(n.integer));
}

// NumPy's @NAME@_fill: start + i * (x[1] - x[0]), computed in the array's own type (float for half).
template <typename T>
void numpyArangeFill(T* buffer, std::int64_t length)
{
    if constexpr (std::is_same_v<T, Half>) {
        const float start = static_cast<float>(buffer[0]);
        const float delta = static_cast<float>(buffer[1]) - start;
        for (std::int64_t i = 2; i < length; ++i)
            buffer[i] = Half(start + static_cast<float>(i) * delta);
    } else if constexpr (std::is_floating_point_v<T>) {
        const T start = buffer[0];
        const T delta = buffer[1] - start;
        for (std::int64_t i = 2; i < length; ++i)
            buffer[i] = start + static_cast<T>(i) * delta;
    } else {
        const T start = buffer[0];
        const T delta = wrapToInteger<T>(static_cast<std::uint64_t>(buffer[1]) - static_cast<std::uint64_t>(start));
        for (std::int64_t i = 2; i < length; ++i)
            buffer[i] = wrapToInteger<T>(static_cast<std::uint64_t>(static_cast<std::int64_t>(start)) +
                                         static_cast<std::uint64_t>(i) *
                                             static_cast<std::uint64_t>(static_cast<std::int64_t>(delta)));
    }
}

ArrayPtr numpyArange(const Scalar& start, const Scalar& stop, const Scalar& step, const CreationOptions& options)
{
    checkNumpyOptions(options);
    // PyArray_ArangeObj: at least long, promoted with each argument's type.
    const bool anyFloat = start.isFloat() || stop.isFloat() || step.isFloat();
    const DType dtype = options.dtype.value_or(anyFloat ? DType::Float64 : DType::Int64);
    const PyNumber pyStart = PyNumber::of(start), pyStop = PyNumber::of(stop), pyStep = PyNumber::of(step);

    // _calc_length
    const PyNumber difference = pySubtract(pyStop, pyStart);
    const double value = pyTrueDivide(difference, pyStep);
    std::int64_t length;
    if (value == 0.0 && !difference.isZero()) {
        // Underflow or division by infinity: one element when heading the right way.
        length = std::signbit(value) ? 0 : 1;
    } else {
        const double ceiled = std::ceil(value);
        AV_CHECK(!std::isnan(ceiled), valueError, "arange: cannot compute length");
        AV_CHECK(ceiled >= -9223372036854775808.0 && ceiled <= 9223372036854775807.0, valueError,
                 "Maximum allowed size exceeded");
        length = ceiled >= 9223372036854775807.0 ? std::numeric_limits<std::int64_t>::max()
                                                 : static_cast<std::int64_t>(ceiled);
    }
    if (length <= 0)
        return allocateArray(Flavour::Numpy, dtype, {0});
    ArrayPtr out = allocateArray(Flavour::Numpy, dtype, {length}, Device::cpu(), /*zeroFill=*/false);
    AV_CHECK(dtype != DType::Bool || length <= 2, typeError,
             "arange() is only supported for booleans when the result has at most length 2.");
    std::byte* data = out->data();
    numpyPackPython(data, dtype, start);
    if (length == 1)
        return out;
    numpyPackPython(data + out->itemsize(), dtype, scalarOf(pyAdd(pyStart, pyStep)));
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (!std::is_same_v<T, bool>)
            numpyArangeFill<T>(reinterpret_cast<T*>(data), length);
    });
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// linspace
// ---------------------------------------------------------------------------------------------------------

// torch's linspace_kernel: the first half counts up from start, the second half down from end, each
// element fused (start + step * idx); the vector loop then adds k * step to each vector's first element
// without fusing. Half works in Half throughout, rounding after every operation as c10::Half does.
template <typename T>
void torchLinspaceFill(T* out, std::int64_t steps, const Scalar& startValue, const Scalar& endValue)
{
    const T start = torchScalarTo<T>(startValue);
    const T end = torchScalarTo<T>(endValue);
    const std::int64_t halfway = steps / 2;
    constexpr std::int64_t kVector = std::is_same_v<T, Half> ? 16 : 32 / static_cast<std::int64_t>(sizeof(T));
    if constexpr (std::is_same_v<T, Half>) {
        const auto toHalf = [](std::int64_t v) { return Half(static_cast<float>(v)); };
        const auto mul = [](Half a, Half b) { return Half(static_cast<float>(a) * static_cast<float>(b)); };
        const auto add = [](Half a, Half b) { return Half(static_cast<float>(a) + static_cast<float>(b)); };
        const auto sub = [](Half a, Half b) { return Half(static_cast<float>(a) - static_cast<float>(b)); };
        const Half step = Half(static_cast<float>(sub(end, start)) / static_cast<float>(toHalf(steps - 1)));
        const auto atIndex = [&](std::int64_t idx) {
            return idx < halfway ? add(start, mul(step, toHalf(idx))) : sub(end, mul(step, toHalf(steps - idx - 1)));
        };
        std::int64_t i = 0;
        for (; i + 2 * kVector <= steps; i += 2 * kVector)
            for (std::int64_t first = i; first < i + 2 * kVector; first += kVector) {
                const Half base = atIndex(first);
                for (std::int64_t k = 0; k < kVector; ++k)
                    out[first + k] = add(base, mul(toHalf(k), step));
            }
        for (; i < steps; ++i)
            out[i] = atIndex(i);
    } else {
        // Integer types step in double; floating types in their own type.
        using Step = std::conditional_t<std::is_integral_v<T>, double, T>;
        const auto toT = [](Step v) {
            if constexpr (std::is_integral_v<T>)
                return floatToInteger<T>(v, /*numpyRules=*/true);  // a plain C++ cast: through int32 below 64 bits
            else
                return v;
        };
        const Step step = (static_cast<Step>(end) - static_cast<Step>(start)) / static_cast<Step>(steps - 1);
        const auto atIndex = [&](std::int64_t idx) {
            if (idx < halfway)
                return toT(std::fma(step, static_cast<Step>(idx), static_cast<Step>(start)));
            return toT(std::fma(-step, static_cast<Step>(steps - idx - 1), static_cast<Step>(end)));
        };
        std::int64_t i = 0;
        for (; i + 2 * kVector <= steps; i += 2 * kVector)
            for (std::int64_t first = i; first < i + 2 * kVector; first += kVector) {
                const T base = atIndex(first);
                for (std::int64_t k = 0; k < kVector; ++k) {
                    const Step product = static_cast<Step>(k) * step;
                    out[first + k] = toT(static_cast<Step>(base) + product);
                }
            }
        for (; i < steps; ++i)
            out[i] = atIndex(i);
    }
}

ArrayPtr torchLinspace(const Scalar& start, const Scalar& end, std::int64_t steps, const CreationOptions& options)
{
    torchInitDevice(options.device);
    AV_CHECK(steps >= 0, runtimeError, "number of steps must be non-negative");
    const DType dtype = options.dtype.value_or(kTorchDefaultFloat);
    ArrayPtr out = allocateArray(Flavour::Torch, dtype, {steps}, options.device, /*zeroFill=*/false);
    if (steps == 1) {
        storeScalar(out->data(), dtype, start, Flavour::Torch);  // result.fill_(start)
    } else if (steps > 1) {
        AV_CHECK(dtype != DType::Bool, runtimeError, "\"linspace_cpu\" not implemented for 'Bool'");
        dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
            if constexpr (!std::is_same_v<T, bool>)
                torchLinspaceFill<T>(reinterpret_cast<T*>(out->data()), steps, start, end);
        });
    }
    return finishTorch(out, options);
}

// NumPy's floating-point error state for one ufunc call: the warnings it prints, in NumPy's order.
struct FloatingPointErrors {
    bool overflow = false;
    bool invalid = false;

    void check(double a, double b, double result)
    {
        if (std::isnan(result) && !std::isnan(a) && !std::isnan(b))
            invalid = true;
        if (std::isinf(result) && std::isfinite(a) && std::isfinite(b))
            overflow = true;
    }
    void report(std::string_view op) const
    {
        if (overflow)
            warn("RuntimeWarning", concat("overflow encountered in ", op));
        if (invalid)
            warn("RuntimeWarning", concat("invalid value encountered in ", op));
    }
};

// numpy.linspace, step by step: its float64 arithmetic and the warnings each step raises.
ArrayPtr numpyLinspace(const Scalar& startValue, const Scalar& stopValue, std::int64_t num, bool endpoint,
                       const CreationOptions& options)
{
    checkNumpyOptions(options);
    AV_CHECK(num >= 0, valueError, "Number of samples, ", num, ", must be non-negative.");
    const std::int64_t div = endpoint ? num - 1 : num;
    const double start = startValue.toDouble(), stop = stopValue.toDouble();
    FloatingPointErrors subtractErrors;
    const double delta = stop - start;
    subtractErrors.check(stop, start, delta);
    subtractErrors.report("scalar subtract");

    ArrayPtr y = allocateArray(Flavour::Numpy, DType::Float64, {num}, Device::cpu(), /*zeroFill=*/false);
    double* values = reinterpret_cast<double*>(y->data());
    for (std::int64_t i = 0; i < num; ++i)
        values[i] = static_cast<double>(i);
    const auto multiplyAll = [&](double factor) {
        FloatingPointErrors errors;
        for (std::int64_t i = 0; i < num; ++i) {
            const double product = values[i] * factor;
            errors.check(values[i], factor, product);
            values[i] = product;
        }
        errors.report("multiply");
    };
    if (div > 0) {
        const double step = delta / static_cast<double>(div);
        if (step == 0.0) {
            // Denormal steps: divide first, then scale (gh-5437).
            for (std::int64_t i = 0; i < num; ++i)
                values[i] /= static_cast<double>(div);
            multiplyAll(delta);
        } else {
            multiplyAll(step);
        }
    } else {
        multiplyAll(delta);
    }
    FloatingPointErrors addErrors;
    for (std::int64_t i = 0; i < num; ++i) {
        const double sum = values[i] + start;
        addErrors.check(values[i], start, sum);
        values[i] = sum;
    }
    addErrors.report("add");
    if (endpoint && num > 1)
        values[num - 1] = stop;
    const DType dtype = options.dtype.value_or(DType::Float64);
    if (isIntegral(dtype, false))
        for (std::int64_t i = 0; i < num; ++i)
            values[i] = std::floor(values[i]);
    if (dtype == DType::Float64) {
        // With a step, y was arange(...).reshape(-1) scaled in place: a view of the hidden arange. Without
        // one (num <= 1 with endpoint), `y = y * delta` made a new array that owns its data.
        return div > 0 ? makeView(y, y->sizes(), y->strides(), 0) : y;
    }
    warnNumpyCastErrors(*y, dtype);
    return contiguousCopy(*y, Flavour::Numpy, dtype);
}

// ---------------------------------------------------------------------------------------------------------
// Filling fresh arrays
// ---------------------------------------------------------------------------------------------------------

// np.full's copyto(a, fill_value, casting='unsafe'): the value as a 0-d array of its own dtype, cast.
void numpyFillCast(Array& out, const Scalar& value)
{
    ArrayPtr element = allocateArray(Flavour::Numpy, value.defaultDType(Flavour::Numpy), {});
    storeScalar(element->data(), element->dtype(), value, Flavour::Numpy);
    if (out.numel() > 0)
        warnNumpyCastErrors(*element, out.dtype());
    copyIntoFresh(out, *element);
}

ArrayPtr fillLike(Flavour flavour, const ArrayPtr& like, const std::optional<Scalar>& value,
                  const CreationOptions& options, std::string_view function)
{
    if (flavour == Flavour::Torch) {
        AV_CHECK(like->isTensor(), typeError, function, "(): argument 'input' (position 1) must be Tensor, not ",
                 like->isNumpyScalar() ? concat("numpy.", like->dtype() == DType::Bool ? "bool_" : numpyName(like->dtype()))
                                       : std::string("numpy.ndarray"));
        torchInitDevice(options.device);
        const DType dtype = options.dtype.value_or(like->dtype());
        ArrayPtr out = allocateStrided(Flavour::Torch, dtype, like->sizes(), torchPreservedStrides(*like),
                                       options.device, /*zeroFill=*/true);
        if (value)
            fillFresh(*out, *value);
        return finishTorch(out, options);
    }
    checkNumpyOptions(options);
    // np.empty_like reads a tensor through Tensor.__array__, i.e. numpy().
    const ArrayPtr prototype = like->isTensor() ? toNumpy(like) : like;
    const DType dtype = options.dtype.value_or(prototype->dtype());
    ArrayPtr out = allocateStrided(Flavour::Numpy, dtype, prototype->sizes(),
                                   numpyStridesLike(*prototype, MemoryOrder::K), Device::cpu(), /*zeroFill=*/true);
    if (value)
        numpyFillCast(*out, *value);
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// Nested lists
// ---------------------------------------------------------------------------------------------------------

// One object met while walking the data: a list, a number, or an array indexed down by `depth` dims (an
// ndarray indexed all the way down is a NumPy scalar, as iterating an ndarray yields them).
struct Node {
    enum class Kind : std::uint8_t { List, Number, Tensor, Ndarray, NumpyScalar };

    Kind kind;
    const NestedList* list = nullptr;
    const Array* array = nullptr;
    std::int64_t depth = 0;       // leading dims of array already indexed
    std::int64_t byteOffset = 0;  // of the (sub-)array's first element, from array->data()

    static Node of(const NestedList& data)
    {
        if (data.isList())
            return {Kind::List, &data};
        if (data.isScalar())
            return {Kind::Number, &data};
        const Array* array = data.array().get();
        const Kind kind = array->isTensor() ? Kind::Tensor : array->isNumpyScalar() ? Kind::NumpyScalar : Kind::Ndarray;
        return {kind, nullptr, array};
    }

    const Scalar& number() const { return list->scalar(); }
    std::int64_t rank() const { return array->dim() - depth; }
    std::int64_t length() const { return kind == Kind::List ? static_cast<std::int64_t>(list->items().size()) : array->size(depth); }
    std::int64_t subNumel() const
    {
        std::int64_t n = 1;
        for (std::int64_t d = depth; d < array->dim(); ++d)
            n *= array->size(d);
        return n;
    }
    const std::byte* element() const { return array->data() + byteOffset; }

    // Item i of a list or of an array's leading remaining dim.
    Node child(std::int64_t i) const
    {
        if (kind == Kind::List)
            return of(list->items()[static_cast<std::size_t>(i)]);
        Node out = *this;
        out.depth = depth + 1;
        out.byteOffset = byteOffset + i * array->stride(depth) * array->itemsize();
        if (kind == Kind::Ndarray && out.depth == array->dim())
            out.kind = Kind::NumpyScalar;
        return out;
    }
};

// The element an array node stands for, read as double (Python's float(x)).
double elementAsDouble(const Node& node)
{
    return dispatchDType(node.array->dtype(), [&]<typename T>(TypeTag<T>) {
        return static_cast<double>(static_cast<OpMathT<T>>(loadElement<T>(node.element())));
    });
}

std::int64_t elementAsInt(const Node& node)
{
    return dispatchDType(node.array->dtype(), [&]<typename T>(TypeTag<T>) -> std::int64_t {
        if constexpr (kIsFloat<T>)
            return 0;
        else
            return static_cast<std::int64_t>(loadElement<T>(node.element()));
    });
}

std::string numpyScalarTypeName(DType dtype)
{
    return dtype == DType::Bool ? "numpy.bool_" : concat("numpy.", numpyName(dtype));
}

// --- torch.tensor(list): torch/csrc/utils/tensor_new.cpp ---------------------------------------------------

DType torchInfer(const NestedList& data)
{
    if (data.isScalar())
        return data.scalar().defaultDType(Flavour::Torch);
    if (data.isArray())
        return data.array()->dtype();
    const NestedList::Items& items = data.items();
    if (items.empty())
        return kTorchDefaultFloat;
    DType out = torchInfer(items.front());
    for (std::size_t i = 1; i < items.size(); ++i)
        out = promoteTypesTorch(out, torchInfer(items[i]));
    return out;
}

// compute_sizes: follows the first item down while it is a sequence (lists and ndarrays; a tensor is not one).
Shape torchComputeSizes(const NestedList& data)
{
    Shape sizes;
    Node node = Node::of(data);
    while (node.kind == Node::Kind::List || node.kind == Node::Kind::Ndarray) {
        AV_CHECK(node.kind == Node::Kind::List || node.rank() > 0, typeError, "len() of unsized object");
        const std::int64_t length = node.length();
        sizes.push_back(length);
        if (length == 0)
            break;
        node = node.child(0);
    }
    return sizes;
}

bool isPythonFloat(const Node& node)
{
    // np.float64 subclasses Python's float, so PyFloat_Check accepts it.
    return (node.kind == Node::Kind::Number && node.number().isFloat()) ||
           (node.kind == Node::Kind::NumpyScalar && node.array->dtype() == DType::Float64);
}

// THPUtils_unpackDouble: float(x).
double torchUnpackDouble(const Node& node)
{
    switch (node.kind) {
    case Node::Kind::List: throw typeError("must be real number, not list");
    case Node::Kind::Number: return node.number().toDouble();
    case Node::Kind::NumpyScalar: return elementAsDouble(node);
    case Node::Kind::Tensor:
        AV_CHECK(node.subNumel() == 1, valueError, "only one element tensors can be converted to Python scalars");
        return elementAsDouble(node);
    case Node::Kind::Ndarray:
        AV_CHECK(node.subNumel() == 1, typeError, "only size-1 arrays can be converted to Python scalars");
        return elementAsDouble(node);
    }
    return 0.0;
}

// PyLong_AsLongLong, i.e. operator.index(x).
std::int64_t torchUnpackIndex(const Node& node)
{
    switch (node.kind) {
    case Node::Kind::List: throw typeError("'list' object cannot be interpreted as an integer");
    case Node::Kind::Number:
        AV_CHECK(!node.number().isFloat(), typeError, "'float' object cannot be interpreted as an integer");
        return node.number().toInt();
    case Node::Kind::NumpyScalar: {
        const DType dtype = node.array->dtype();
        AV_CHECK(!isFloating(dtype), typeError, "'", numpyScalarTypeName(dtype),
                 "' object cannot be interpreted as an integer");
        if (dtype == DType::Bool) {
            warn("DeprecationWarning", "In future, it will be an error for 'np.bool_' scalars to be interpreted as an index");
            return elementAsDouble(node) != 0.0 ? 1 : 0;
        }
        return elementAsInt(node);
    }
    case Node::Kind::Tensor:
        AV_CHECK(isIntegral(node.array->dtype(), true) && node.subNumel() == 1, typeError,
                 "only integer tensors of a single element can be converted to an index");
        return node.array->dtype() == DType::Bool ? (elementAsDouble(node) != 0.0 ? 1 : 0) : elementAsInt(node);
    case Node::Kind::Ndarray:
        AV_CHECK(isIntegral(node.array->dtype(), false) && node.rank() == 0, typeError,
                 "only integer scalar arrays can be converted to a scalar index");
        return elementAsInt(node);
    }
    return 0;
}

// c10::checked_convert<T>(value, name), as store_scalar reports it: "int8", not "int8_t".
template <typename T>
T torchCheckedFromDouble(double value, std::string_view name)
{
    using Limits = std::numeric_limits<T>;
    const bool overflows = std::isnan(value) || value < static_cast<double>(Limits::lowest()) ||
                           value > static_cast<double>(Limits::max());
    AV_CHECK(!overflows, runtimeError, "value cannot be converted to type ", name, " without overflow");
    return floatToInteger<T>(value);
}

template <typename T>
T torchCheckedFromInt(std::int64_t value, std::string_view name)
{
    using Limits = std::numeric_limits<T>;
    bool overflows;
    if constexpr (std::is_unsigned_v<T>)  // negative values wrap, down to -max
        overflows = value > static_cast<std::int64_t>(Limits::max()) ||
                    (value < 0 && static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(value) > Limits::max());
    else
        overflows = value < static_cast<std::int64_t>(Limits::lowest()) || value > static_cast<std::int64_t>(Limits::max());
    AV_CHECK(!overflows, runtimeError, "value cannot be converted to type ", name, " without overflow");
    return wrapToInteger<T>(static_cast<std::uint64_t>(value));
}

// store_scalar: each dtype unpacks the object its own way.
void torchStoreElement(std::byte* dst, DType dtype, const Node& node)
{
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_same_v<T, bool>) {
            // THPUtils_unpackNumberAsBool
            storeElement<bool>(dst, isPythonFloat(node) ? torchUnpackDouble(node) != 0.0 : torchUnpackIndex(node) != 0);
        } else if constexpr (kIsFloat<T>) {
            storeElement<T>(dst, convertElement<T>(torchUnpackDouble(node)));
        } else {
            const std::string_view name = numpyName(dtype);
            storeElement<T>(dst, isPythonFloat(node) ? torchCheckedFromDouble<T>(torchUnpackDouble(node), name)
                                                     : torchCheckedFromInt<T>(torchUnpackIndex(node), name));
        }
    });
}

struct TorchStore {
    const Shape& sizes;
    const Strides& byteStrides;
    DType dtype;

    void store(const Node& node, std::size_t dim, std::byte* data) const
    {
        if (dim == sizes.size()) {
            torchStoreElement(data, dtype, node);
            return;
        }
        // PySequence_Fast(obj, "not a sequence")
        // (which replaces the TypeError of iter() on a number or a 0-d array with its own message).
        const bool iterable = node.kind == Node::Kind::List ||
                              ((node.kind == Node::Kind::Tensor || node.kind == Node::Kind::Ndarray) && node.rank() > 0);
        AV_CHECK(iterable, typeError, "not a sequence");
        const std::int64_t expected = sizes[dim], length = node.length();
        AV_CHECK(length == expected, valueError, "expected sequence of length ", expected, " at dim ", dim, " (got ",
                 length, ")");
        for (std::int64_t i = 0; i < length; ++i) {
            const Node item = node.child(i);
            if (item.kind == Node::Kind::Ndarray && takeTorchWarnOnce(kWarnListOfNdarrays))
                warn("UserWarning",
                     "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting "
                     "the list to a single numpy.ndarray with numpy.array() before converting to a tensor. "
                     "(Triggered internally at  ./torch/csrc/utils/tensor_new.cpp:230.)");
            store(item, dim + 1, data + i * byteStrides[dim]);
        }
    }
};

ArrayPtr torchFromData(const NestedList& data, const CreationOptions& options)
{
    if (data.isArray() && !data.array()->isNumpyScalar())
        return torchTensorFromArray(data.array(), options.dtype, options.device, options.requiresGrad);
    const DType dtype = options.dtype ? *options.dtype : torchInfer(data);
    const Shape sizes = torchComputeSizes(data);
    ArrayPtr out = allocateArray(Flavour::Torch, dtype, sizes, Device::cpu(), /*zeroFill=*/false);
    if (out->numel() > 0) {
        const Strides byteStrides = out->byteStrides();
        TorchStore{sizes, byteStrides, dtype}.store(Node::of(data), 0, out->data());
    }
    // The list is read on the CPU and only then moved (tensor.to(device)), so CUDA fails last.
    torchInitDevice(options.device);
    return finishTorch(out, options);
}

// --- np.array(list): numpy/core/src/multiarray/array_coercion.c -------------------------------------------

constexpr int kNumpyMaxDims = 32;

struct NumpyDiscovery {
    enum Flag : unsigned { FoundRagged = 1, MaxDimsReached = 2, DescriptorSet = 4 };

    unsigned flags = 0;
    std::int64_t shape[kNumpyMaxDims] = {};
    std::optional<DType> descr;
    // Tensors read through __array__, in walk order; asScalar marks those NumPy 1.24 packs as one element.
    struct Converted {
        ArrayPtr array;
        bool asScalar;
    };
    std::vector<Converted> converted;

    // update_shape: returns false when the data turns out ragged.
    bool updateShape(int currDims, int& maxDims, int newDims, const std::int64_t* newShape, bool sequence)
    {
        bool success = true;
        const bool reached = flags & MaxDimsReached;
        if (currDims + newDims > maxDims) {
            success = false;
            newDims = maxDims - currDims;
        } else if (!sequence && maxDims != currDims + newDims) {
            maxDims = currDims + newDims;
            if (reached)
                success = false;
        }
        for (int i = 0; i < newDims; ++i) {
            const std::int64_t current = shape[currDims + i], next = newShape[i];
            if (!reached) {
                shape[currDims + i] = next;
            } else if (next != current) {
                success = false;
                if (!sequence)
                    maxDims -= newDims - i;
                else
                    maxDims = currDims;
                break;
            }
        }
        if (!sequence)
            flags |= MaxDimsReached;
        return success;
    }

    void promote(DType dtype)
    {
        if (flags & DescriptorSet)
            return;
        descr = descr ? promoteTypesNumpy(*descr, dtype) : dtype;
    }

    int handleScalar(int currDims, int maxDims, std::optional<DType> dtype)
    {
        if (!updateShape(currDims, maxDims, 0, nullptr, false)) {
            flags |= FoundRagged;
            return maxDims;
        }
        if (dtype)
            promote(*dtype);
        return maxDims;
    }

    int discover(const NestedList& data, int currDims, int maxDims)
    {
        if (data.isScalar())
            return handleScalar(currDims, maxDims, data.scalar().defaultDType(Flavour::Numpy));
        if (data.isArray()) {
            const ArrayPtr& value = data.array();
            if (value->isNumpyScalar())
                return handleScalar(currDims, maxDims, value->dtype());
            // An array-like: a tensor is read through Tensor.__array__ (numpy(), which may refuse).
            const ArrayPtr array = value->isTensor() ? toNumpy(value) : value;
            const int ndim = static_cast<int>(array->dim());
            if (value->isTensor()) {
                // A tensor is no Python sequence, so inside a list NumPy 1.24 still treats one with dims as a
                // single element (deprecated since 1.20) and only promotes with its dtype.
                const bool asScalar = currDims > 0 && currDims != maxDims && ndim > 0;
                converted.push_back({array, asScalar});
                if (asScalar) {
                    warn("FutureWarning",
                         "The input object of type 'Tensor' is an array-like implementing one of the corresponding "
                         "protocols (`__array__`, `__array_interface__` or `__array_struct__`); but not a sequence "
                         "(or 0-D). In the future, this object will be coerced as if it was first converted using "
                         "`np.array(obj)`. To retain the old behaviour, you have to either modify the type 'Tensor', "
                         "or assign to an empty array created with `np.empty(correct_shape, dtype=object)`.");
                    if (!updateShape(currDims, maxDims, 0, nullptr, false)) {
                        flags |= FoundRagged;
                        return maxDims;
                    }
                    promote(array->dtype());
                    return maxDims;
                }
            }
            if (currDims == 0) {
                std::copy(array->sizes().begin(), array->sizes().end(), shape);
                maxDims = ndim;
            } else if (!updateShape(currDims, maxDims, ndim, array->sizes().data(), false)) {
                flags |= FoundRagged;
                return maxDims;
            }
            promote(array->dtype());
            return maxDims;
        }
        if (currDims == maxDims) {
            // A sequence where the shape says scalar: ragged (its dtype would be object, never used).
            maxDims = handleScalar(currDims, maxDims, std::nullopt);
            flags |= FoundRagged;
            return maxDims;
        }
        const NestedList::Items& items = data.items();
        const std::int64_t size = static_cast<std::int64_t>(items.size());
        if (!updateShape(currDims, maxDims, 1, &size, true)) {
            flags |= FoundRagged;
            return maxDims;
        }
        if (size == 0) {
            flags |= MaxDimsReached;
            return currDims + 1;
        }
        for (const NestedList& item : items)
            maxDims = discover(item, currDims + 1, maxDims);
        return maxDims;
    }
};

// @TYPE@_setitem of a tensor packed as one element: bool(t), int(t) or float(t), each of which needs a
// single element.
void numpyPackTensor(std::byte* dst, DType dtype, const Array& tensor)
{
    if (tensor.numel() != 1) {
        AV_CHECK(dtype != DType::Bool, runtimeError, "Boolean value of Tensor with more than one value is ambiguous");
        throw valueError("only one element tensors can be converted to Python scalars");
    }
    const Scalar value = dispatchDType(tensor.dtype(), [&]<typename S>(TypeTag<S>) -> Scalar {
        const S element = loadElement<S>(tensor.data());
        if constexpr (std::is_same_v<S, bool>)
            return element;
        else if constexpr (kIsFloat<S>)
            return static_cast<double>(static_cast<OpMathT<S>>(element));
        else
            return static_cast<std::int64_t>(element);
    });
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_same_v<T, bool>)
            storeElement<bool>(dst, value.toBool());
        else if constexpr (kIsFloat<T>)
            storeNumpyFloat<T>(dst, value.toDouble());
        else  // int(t) is not a Python int literal, so it wraps without the deprecation
            storeElement<T>(dst, wrapToInteger<T>(static_cast<std::uint64_t>(
                                     value.isFloat() ? pythonIntOfFloat(value.toDouble()) : value.toInt())));
    });
}

struct NumpyFill {
    Array& out;
    std::size_t convertedIndex = 0;
    const std::vector<NumpyDiscovery::Converted>& converted;

    void fill(const NestedList& data, std::size_t depth, std::int64_t byteOffset)
    {
        std::byte* dst = out.data() + byteOffset;
        if (data.isScalar()) {
            numpyPackPython(dst, out.dtype(), data.scalar());
            return;
        }
        if (data.isList()) {
            const NestedList::Items& items = data.items();
            const std::int64_t stride = out.stride(static_cast<std::int64_t>(depth)) * out.itemsize();
            for (std::size_t i = 0; i < items.size(); ++i)
                fill(items[i], depth + 1, byteOffset + static_cast<std::int64_t>(i) * stride);
            return;
        }
        const ArrayPtr& value = data.array();
        if (value->isNumpyScalar()) {
            numpyPackScalar(dst, out.dtype(), {value->dtype(), value->data()});
            return;
        }
        if (value->isTensor() && converted[convertedIndex].asScalar) {
            numpyPackTensor(dst, out.dtype(), *converted[convertedIndex++].array);
            return;
        }
        // An array fills a block of the result: a cast copy, with the cast's warnings.
        const ArrayPtr& source = value->isTensor() ? converted[convertedIndex++].array : value;
        const Shape blockSizes(out.sizes().begin() + static_cast<std::ptrdiff_t>(depth), out.sizes().end());
        const Strides blockStrides(out.strides().begin() + static_cast<std::ptrdiff_t>(depth), out.strides().end());
        ArrayPtr block = Array::make({Flavour::Numpy, out.dtype(), blockSizes, blockStrides, out.storage(),
                                      out.byteOffset() + byteOffset});
        warnNumpyCastErrors(*source, out.dtype());
        copyIntoFresh(*block, *source);
    }
};

ArrayPtr numpyFromData(const NestedList& data, const CreationOptions& options)
{
    checkNumpyOptions(options);
    if (data.isArray() && !data.array()->isNumpyScalar())
        return numpyArrayFromArray(data.array(), options.dtype, /*copy=*/true);
    NumpyDiscovery discovery;
    if (options.dtype) {
        discovery.descr = options.dtype;
        discovery.flags |= NumpyDiscovery::DescriptorSet;
    }
    const int ndim = discovery.discover(data, 0, kNumpyMaxDims);
    if (discovery.flags & NumpyDiscovery::FoundRagged) {
        AV_CHECK(ndim == kNumpyMaxDims, valueError,
                 "setting an array element with a sequence. The requested array has an inhomogeneous shape after ",
                 ndim, " dimensions. The detected shape was ",
                 formatTuple(IntSpan(discovery.shape, static_cast<std::size_t>(ndim))), " + inhomogeneous part.");
        throw valueError(concat("setting an array element with a sequence. The requested array would exceed the "
                                "maximum number of dimension of ",
                                kNumpyMaxDims, "."));
    }
    const DType dtype = discovery.descr.value_or(DType::Float64);
    const Shape sizes(discovery.shape, discovery.shape + ndim);
    ArrayPtr out = allocateArray(Flavour::Numpy, dtype, sizes, Device::cpu(), /*zeroFill=*/true);
    if (out->numel() > 0)
        NumpyFill{*out, 0, discovery.converted}.fill(data, 0, 0);
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// The public factories
// ---------------------------------------------------------------------------------------------------------

ArrayPtr arange(Flavour flavour, const Scalar& end, const CreationOptions& options)
{
    return arange(flavour, Scalar(std::int64_t{0}), end, Scalar(std::int64_t{1}), options);
}

ArrayPtr arange(Flavour flavour, const Scalar& start, const Scalar& end, const Scalar& step,
                const CreationOptions& options)
{
    return flavour == Flavour::Torch ? torchArange(start, end, step, options) : numpyArange(start, end, step, options);
}

ArrayPtr zeros(Flavour flavour, IntSpan sizes, const CreationOptions& options)
{
    if (flavour == Flavour::Torch) {
        torchInitDevice(options.device);
        checkSizes(flavour, sizes);
        return finishTorch(allocateArray(flavour, options.dtype.value_or(kTorchDefaultFloat),
                                         Shape(sizes.begin(), sizes.end()), options.device),
                           options);
    }
    checkNumpyOptions(options);
    checkSizes(flavour, sizes);
    return allocateArray(flavour, options.dtype.value_or(DType::Float64), Shape(sizes.begin(), sizes.end()));
}

ArrayPtr ones(Flavour flavour, IntSpan sizes, const CreationOptions& options)
{
    return full(flavour, sizes, Scalar(std::int64_t{1}),
                {options.dtype.value_or(flavour == Flavour::Torch ? kTorchDefaultFloat : DType::Float64), options.device,
                 options.requiresGrad});
}

ArrayPtr full(Flavour flavour, IntSpan sizes, const Scalar& fillValue, const CreationOptions& options)
{
    const DType dtype = options.dtype.value_or(fillValue.defaultDType(flavour));
    if (flavour == Flavour::Torch) {
        torchInitDevice(options.device);
        checkSizes(flavour, sizes);
        ArrayPtr out = allocateArray(flavour, dtype, Shape(sizes.begin(), sizes.end()), options.device, false);
        fillFresh(*out, fillValue);
        return finishTorch(out, options);
    }
    checkNumpyOptions(options);
    checkSizes(flavour, sizes);
    ArrayPtr out = allocateArray(flavour, dtype, Shape(sizes.begin(), sizes.end()), Device::cpu(), false);
    numpyFillCast(*out, fillValue);
    return out;
}

ArrayPtr eye(Flavour flavour, std::int64_t n, std::optional<std::int64_t> m, const CreationOptions& options,
             std::int64_t k)
{
    const std::int64_t columns = m.value_or(n);
    ArrayPtr out;
    if (flavour == Flavour::Torch) {
        AV_INTERNAL_ASSERT(k == 0, "torch.eye has no diagonal offset");
        torchInitDevice(options.device);
        AV_CHECK(n >= 0, runtimeError, "n must be greater or equal to 0, got ", n);
        AV_CHECK(columns >= 0, runtimeError, "m must be greater or equal to 0, got ", columns);
        out = allocateArray(flavour, options.dtype.value_or(kTorchDefaultFloat), {n, columns}, options.device);
    } else {
        checkNumpyOptions(options);
        const std::int64_t shape[] = {n, columns};
        checkSizes(flavour, shape);
        out = allocateArray(flavour, options.dtype.value_or(DType::Float64), {n, columns});
    }
    // m[:M-k].flat[i::M+1] = 1: row r holds its one in column r + k.
    dispatchDType(out->dtype(), [&]<typename T>(TypeTag<T>) {
        const T one = convertElement<T>(true);
        std::byte* data = out->data();
        for (std::int64_t row = std::max<std::int64_t>(0, -k); row < n && row + k < columns; ++row)
            storeElement<T>(data + (row * out->stride(0) + (row + k) * out->stride(1)) * out->itemsize(), one);
    });
    return flavour == Flavour::Torch ? finishTorch(out, options) : out;
}

ArrayPtr linspace(Flavour flavour, const Scalar& start, const Scalar& end, std::int64_t steps,
                  const CreationOptions& options, bool endpoint)
{
    if (flavour == Flavour::Torch) {
        AV_INTERNAL_ASSERT(endpoint, "torch.linspace always includes its end");
        return torchLinspace(start, end, steps, options);
    }
    return numpyLinspace(start, end, steps, endpoint, options);
}

ArrayPtr zerosLike(Flavour flavour, const ArrayPtr& like, const CreationOptions& options)
{
    return fillLike(flavour, like, std::nullopt, options, "zeros_like");
}

ArrayPtr onesLike(Flavour flavour, const ArrayPtr& like, const CreationOptions& options)
{
    return fillLike(flavour, like, Scalar(std::int64_t{1}), options, "ones_like");
}

ArrayPtr fullLike(Flavour flavour, const ArrayPtr& like, const Scalar& fillValue, const CreationOptions& options)
{
    return fillLike(flavour, like, fillValue, options, "full_like");
}

ArrayPtr arrayFromData(Flavour flavour, const NestedList& data, const CreationOptions& options)
{
    return flavour == Flavour::Torch ? torchFromData(data, options) : numpyFromData(data, options);
}

DType inferDType(Flavour flavour, const NestedList& data)
{
    if (flavour == Flavour::Torch)
        return torchInfer(data);
    NumpyDiscovery discovery;
    discovery.discover(data, 0, kNumpyMaxDims);
    return discovery.descr.value_or(DType::Float64);
}

}  // namespace av::engine
