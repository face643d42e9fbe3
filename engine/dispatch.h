#pragma once
// Maps a runtime DType to the C++ element type a kernel is instantiated for, and the conversions between
// element types that both libraries use when casting (including float -> int without undefined behaviour).

#include "dtype.h"
#include "errors.h"
#include "half.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace av::engine {

template <typename T>
struct TypeTag {
    using type = T;
};

template <DType D> struct ElementOf;
template <> struct ElementOf<DType::Bool> { using type = bool; };
template <> struct ElementOf<DType::UInt8> { using type = std::uint8_t; };
template <> struct ElementOf<DType::Int8> { using type = std::int8_t; };
template <> struct ElementOf<DType::Int16> { using type = std::int16_t; };
template <> struct ElementOf<DType::Int32> { using type = std::int32_t; };
template <> struct ElementOf<DType::Int64> { using type = std::int64_t; };
template <> struct ElementOf<DType::Float16> { using type = Half; };
template <> struct ElementOf<DType::Float32> { using type = float; };
template <> struct ElementOf<DType::Float64> { using type = double; };

template <typename T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<bool>() { return DType::Bool; }
template <> constexpr DType dtypeOf<std::uint8_t>() { return DType::UInt8; }
template <> constexpr DType dtypeOf<std::int8_t>() { return DType::Int8; }
template <> constexpr DType dtypeOf<std::int16_t>() { return DType::Int16; }
template <> constexpr DType dtypeOf<std::int32_t>() { return DType::Int32; }
template <> constexpr DType dtypeOf<std::int64_t>() { return DType::Int64; }
template <> constexpr DType dtypeOf<Half>() { return DType::Float16; }
template <> constexpr DType dtypeOf<float>() { return DType::Float32; }
template <> constexpr DType dtypeOf<double>() { return DType::Float64; }

// The type arithmetic happens in: float for Half, as c10's opmath_type.
template <typename T> struct OpMath { using type = T; };
template <> struct OpMath<Half> { using type = float; };
template <typename T> using OpMathT = typename OpMath<T>::type;

template <typename T>
inline constexpr bool kIsFloat = std::is_floating_point_v<T> || std::is_same_v<T, Half>;

// Calls f(TypeTag<T>{}) for the element type of dtype.
template <typename F>
decltype(auto) dispatchDType(DType dtype, F&& f)
{
    switch (dtype) {
    case DType::Bool: return f(TypeTag<bool>{});
    case DType::UInt8: return f(TypeTag<std::uint8_t>{});
    case DType::Int8: return f(TypeTag<std::int8_t>{});
    case DType::Int16: return f(TypeTag<std::int16_t>{});
    case DType::Int32: return f(TypeTag<std::int32_t>{});
    case DType::Int64: return f(TypeTag<std::int64_t>{});
    case DType::Float16: return f(TypeTag<Half>{});
    case DType::Float32: return f(TypeTag<float>{});
    case DType::Float64: return f(TypeTag<double>{});
    }
    AV_INTERNAL_ASSERT(false, "unknown dtype ", static_cast<int>(dtype));
    return f(TypeTag<float>{});
}

// NumPy views may start at any byte (a float64 view of a float32 array at its second element); typed
// pointer loops are only used on aligned memory, the rest goes through memcpy loads and stores.
template <typename T>
inline bool isAligned(const void* p)
{
    return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

// Reads an element; bools are read as "any bit set" so that bytes viewed as bool are never UB.
template <typename T>
inline T loadElement(const std::byte* p)
{
    if constexpr (std::is_same_v<T, bool>) {
        return *reinterpret_cast<const std::uint8_t*>(p) != 0;
    } else {
        T value;
        std::memcpy(&value, p, sizeof(T));
        return value;
    }
}

template <typename T>
inline void storeElement(std::byte* p, T value)
{
    std::memcpy(p, &value, sizeof(T));
}

// Float -> integer as x86 builds of PyTorch and NumPy do it (tst_dtypes checks both): truncate toward zero
// through a 32-bit integer, then wrap to the target width; NaN and out-of-range values become that
// integer's INT_MIN, as cvttss2si returns. int64 goes through int64, and so does uint8 in torch, where c10
// casts to uint8 through int64 on purpose (static_cast_with_inter_type) while NumPy's C cast does not.
template <typename To>
inline To floatToInteger(double value, bool numpyRules = false)
{
    if (sizeof(To) == 8 || (std::is_same_v<To, std::uint8_t> && !numpyRules)) {
        if (!(value > -9223372036854775808.0 && value < 9223372036854775808.0))
            return static_cast<To>(std::numeric_limits<std::int64_t>::min());
        return static_cast<To>(static_cast<std::uint64_t>(static_cast<std::int64_t>(value)));
    }
    std::int32_t wide;
    if (!(value > -2147483649.0 && value < 2147483648.0))
        wide = std::numeric_limits<std::int32_t>::min();
    else
        wide = static_cast<std::int32_t>(value);
    return static_cast<To>(static_cast<std::make_unsigned_t<To>>(static_cast<std::uint32_t>(wide)));
}

// The C-style cast both libraries perform between element types. numpyRules selects NumPy's behaviour
// where the two differ: float -> uint8 (see floatToInteger) and float64 -> float16 (rounded once).
template <typename To, typename From>
inline To convertElement(From value, bool numpyRules = false)
{
    if constexpr (std::is_same_v<To, From>) {
        return value;
    } else if constexpr (std::is_same_v<To, bool>) {
        if constexpr (std::is_same_v<From, Half>)
            return static_cast<float>(value) != 0.0f;
        else
            return value != From(0);
    } else if constexpr (std::is_same_v<To, Half>) {
        if constexpr (std::is_same_v<From, double>) {
            if (numpyRules)
                return Half::fromBits(Half::fromDoubleDirect(value));
        }
        return Half(static_cast<float>(value));
    } else if constexpr (std::is_floating_point_v<To>) {
        if constexpr (std::is_same_v<From, Half>)
            return static_cast<To>(static_cast<float>(value));
        else
            return static_cast<To>(value);
    } else {  // integral target
        if constexpr (std::is_same_v<From, bool>)
            return static_cast<To>(value ? 1 : 0);
        else if constexpr (std::is_same_v<From, Half>)
            return floatToInteger<To>(static_cast<float>(value), numpyRules);
        else if constexpr (std::is_floating_point_v<From>)
            return floatToInteger<To>(static_cast<double>(value), numpyRules);
        else
            return static_cast<To>(static_cast<std::make_unsigned_t<To>>(value));  // wraps, as in C
    }
}

}  // namespace av::engine
