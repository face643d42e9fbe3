#pragma once
// The elementwise loops behind elementwise.cpp, in their own translation unit: they are most of the engine's
// template instantiations, and the type and protocol logic around them changes far more often.

#include "array.h"
#include "dispatch.h"
#include "elementwise.h"
#include "scalar.h"
#include "writepath.h"

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <type_traits>

namespace av::engine {

// out = a op b over `shape` (a and b broadcast to it), both of dtype `compute`; out has dtype `result`
// (bool for comparisons), the given flavour and element strides `outStrides` (outputlayout.h). Flavour also
// picks the library's float modulo.
ArrayPtr binaryKernel(BinaryOp op, const Array& a, const Array& b, DType compute, DType result, Flavour flavour,
                      const Shape& shape, const Strides& outStrides);
// dst op= y through the write path; y has dst's dtype and broadcasts to dst's shape.
void inplaceKernel(Array& dst, BinaryOp op, const Array& y, const WriteContext& context);
// torch's float32 `tensor ** scalar` for a general exponent (pow_tensor_scalar_optimized_kernel): within a
// contiguous run, cpu_kernel_vec's vector loop takes whole chunks of 16 (two AVX2 vectors) and raises them to
// the exponent rounded to float with Sleef's powf (here glibc's powf, which agrees within an ulp); the rest of
// the run, and every element of a strided run, is raised to the double exponent in double. x is float32.
ArrayPtr torchFloatPowScalarKernel(const Array& x, double exponent, const Strides& outStrides);

// a + alpha * b in alpha's dtype (a 0-d array holding alpha as torch converted it): torch's add_/sub_ with
// alpha. Floats fuse it into one rounding as torch's fmadd does; c10::Half rounds the product and the sum.
ArrayPtr addScaledKernel(const Array& a, const Array& b, const Array& alpha, Flavour flavour, const Shape& shape);

// Stores an opmath result. A finite float that rounds to an infinite half raises FE_OVERFLOW, as NumPy's
// npy_float_to_half does (NumPy then warns "overflow encountered in add"; torch reads no flags).
template <typename Out, typename M>
inline void storeResult(std::byte* p, M value)
{
    if constexpr (std::is_same_v<Out, Half>) {
        const Half h(static_cast<float>(value));
        if ((h.bits & 0x7fffu) == 0x7c00u && std::isfinite(static_cast<float>(value)))
            std::feraiseexcept(FE_OVERFLOW);
        storeElement<Half>(p, h);
    } else {
        storeElement<Out>(p, convertElement<Out>(value));
    }
}

// Integer arithmetic as both libraries do it: wrapping, Python's floor division and modulo, c10's powi.
template <typename T>
T wrapAdd(T a, T b)
{
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
}
template <typename T>
T wrapSub(T a, T b)
{
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
}
template <typename T>
T wrapMul(T a, T b)
{
    using U = std::make_unsigned_t<T>;
    if constexpr (sizeof(T) < sizeof(unsigned))
        return static_cast<T>(static_cast<U>(static_cast<unsigned>(static_cast<U>(a)) * static_cast<unsigned>(static_cast<U>(b))));
    else
        return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
}

// Python's floor division and modulo on integers; b == 0 is handled by the callers (torch raises, NumPy
// gives 0 with a warning) and INT_MIN // -1 wraps instead of trapping.
template <typename T>
T floorDivInt(T a, T b)
{
    if (b == 0)
        return 0;
    if constexpr (std::is_signed_v<T>) {
        if (b == -1)
            return wrapSub<T>(0, a);
        const T quotient = static_cast<T>(a / b);
        const T remainder = static_cast<T>(a % b);
        return (remainder != 0 && ((remainder < 0) != (b < 0))) ? static_cast<T>(quotient - 1) : quotient;
    } else {
        return static_cast<T>(a / b);
    }
}

template <typename T>
T modInt(T a, T b)
{
    if (b == 0)
        return 0;
    if constexpr (std::is_signed_v<T>) {
        if (b == -1)
            return 0;
        const T remainder = static_cast<T>(a % b);
        return (remainder != 0 && ((remainder < 0) != (b < 0))) ? static_cast<T>(remainder + b) : remainder;
    } else {
        return static_cast<T>(a % b);
    }
}

// c10's div_floor_floating, which is also NumPy's npy_floor_divide: floor((a - fmod(a, b)) / b), corrected.
// Comparisons are the quiet ones (std::isless), as NumPy's, so a NaN operand raises no FE_INVALID; a zero
// divisor raises what npy_floor_divide reports (invalid for 0 // 0 and NaN // 0, else divide by zero).
template <typename T>
T floorDivFloat(T a, T b)
{
    if (b == 0) {
        if (a == 0 || std::isnan(a))
            std::feraiseexcept(FE_INVALID);
        else
            std::feraiseexcept(FE_DIVBYZERO);
        return a / b;
    }
    const T mod = std::fmod(a, b);
    T div = (a - mod) / b;
    if (mod != 0 && std::isless(b, T(0)) != std::isless(mod, T(0)))
        div -= T(1);
    T floordiv;
    if (div != 0) {
        floordiv = std::floor(div);
        if (std::isgreater(div - floordiv, T(0.5)))
            floordiv += T(1);
    } else {
        floordiv = std::copysign(T(0), a / b);
    }
    return floordiv;
}

// Python's modulo on floats. NumPy's npy_remainder gives a zero result the divisor's sign; torch's remainder
// kernel keeps fmod's zero, which has the dividend's sign (-6.0 % 3.0 is 0.0 in NumPy, -0.0 in torch).
template <typename T>
T modFloatNumpy(T a, T b)
{
    T mod = std::fmod(a, b);
    if (b == 0)
        return mod;
    if (mod != 0) {
        if (std::isless(b, T(0)) != std::isless(mod, T(0)))
            mod += b;
    } else {
        mod = std::copysign(T(0), b);
    }
    return mod;
}

template <typename T>
T modFloatTorch(T a, T b)
{
    T mod = std::fmod(a, b);
    if (mod != 0 && std::isless(b, T(0)) != std::isless(mod, T(0)))
        mod += b;
    return mod;
}

template <typename T>
T powInt(T base, T exponent)
{
    if constexpr (std::is_signed_v<T>) {
        if (exponent < 0) {  // c10's powi: only 1 and -1 survive a negative exponent
            if (base == 1)
                return 1;
            if (base == -1)
                return (exponent % 2) ? T(-1) : T(1);
            return 0;
        }
    }
    T result = 1;
    while (exponent) {
        if (exponent & 1)
            result = wrapMul<T>(result, base);
        exponent = static_cast<T>(exponent >> 1);
        base = wrapMul<T>(base, base);
    }
    return result;
}


}  // namespace av::engine
