#pragma once
// The elementwise loops behind elementwise.cpp, in their own translation unit: they are most of the engine's
// template instantiations, and the type and protocol logic around them changes far more often.

#include "array.h"
#include "elementwise.h"
#include "scalar.h"
#include "writepath.h"

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace av::engine {

// out = a op b over `shape` (a and b broadcast to it), both of dtype `compute`; out has dtype `result`
// (bool for comparisons) and the given flavour.
ArrayPtr binaryKernel(BinaryOp op, const Array& a, const Array& b, DType compute, DType result, Flavour flavour,
                      const Shape& shape);
// dst op= y through the write path; y has dst's dtype and broadcasts to dst's shape.
void inplaceKernel(Array& dst, BinaryOp op, const Array& y, const WriteContext& context);
// a + sign * alpha * b: torch's add_/sub_ with alpha, fused into one rounding as its vector kernel (fmadd) does.
ArrayPtr addScaledKernel(const Array& a, const Array& b, double sign, const Scalar& alpha, DType compute,
                         Flavour flavour, const Shape& shape);

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

// c10's div_floor_floating, which is also NumPy's npy_divmod: floor((a - fmod(a, b)) / b), corrected.
template <typename T>
T floorDivFloat(T a, T b)
{
    if (b == 0)
        return a / b;
    const T mod = std::fmod(a, b);
    T div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0)))
        div -= T(1);
    T floordiv;
    if (div != 0) {
        floordiv = std::floor(div);
        if (div - floordiv > T(0.5))
            floordiv += T(1);
    } else {
        floordiv = std::copysign(T(0), a / b);
    }
    return floordiv;
}

template <typename T>
T modFloat(T a, T b)
{
    T mod = std::fmod(a, b);
    if (mod != 0 && ((b < 0) != (mod < 0)))
        mod += b;
    else if (mod == 0)
        mod = std::copysign(T(0), b);
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
