#pragma once
// IEEE 754 binary16, stored as bits. Arithmetic happens in float and rounds back once per operation,
// which is what both PyTorch's c10::Half and NumPy's npy_half do on the CPU.

#include <bit>
#include <cstdint>

namespace av::engine {

struct Half {
    std::uint16_t bits = 0;

    Half() = default;
    explicit Half(float value) : bits(fromFloat(value)) {}
    operator float() const { return toFloat(bits); }  // NOLINT(google-explicit-constructor): as c10::Half

    static std::uint16_t fromFloat(float value)
    {
        // Round to nearest even, with overflow to infinity and NaN kept quiet.
        const std::uint32_t f = std::bit_cast<std::uint32_t>(value);
        const std::uint32_t sign = (f >> 16) & 0x8000u;
        const std::uint32_t absf = f & 0x7fffffffu;
        if (absf > 0x7f800000u)
            return static_cast<std::uint16_t>(sign | 0x7e00u | ((absf >> 13) & 0x3ffu));
        if (absf >= 0x47800000u)  // >= 65536: infinity (65520 and above round there too, handled below)
            return static_cast<std::uint16_t>(sign | 0x7c00u);
        if (absf < 0x38800000u) {  // below the smallest normal half: subnormal or zero
            if (absf < 0x33000000u)  // below half the smallest subnormal: rounds to zero
                return static_cast<std::uint16_t>(sign);
            const std::uint32_t mantissa = (absf & 0x7fffffu) | 0x800000u;
            const int shift = 126 - static_cast<int>(absf >> 23);  // in units of the smallest subnormal, 2^-24
            std::uint32_t half = mantissa >> shift;
            const std::uint32_t rest = mantissa & ((1u << shift) - 1u);
            const std::uint32_t halfway = 1u << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1u)))
                ++half;
            return static_cast<std::uint16_t>(sign | half);
        }
        std::uint32_t half = ((absf - 0x38000000u) >> 13);
        const std::uint32_t rest = absf & 0x1fffu;
        if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
            ++half;  // may carry into the exponent, up to infinity: that is the right answer
        return static_cast<std::uint16_t>(sign | half);
    }

    // Rounds a double straight to half, once. NumPy casts float64 -> float16 this way; PyTorch goes through
    // float, which can round twice (1 + 2^-11 + 2^-40 becomes 1 in torch and 1.00098 in NumPy).
    static std::uint16_t fromDoubleDirect(double value)
    {
        const std::uint64_t d = std::bit_cast<std::uint64_t>(value);
        const std::uint32_t sign = static_cast<std::uint32_t>(d >> 48) & 0x8000u;
        const std::uint64_t absd = d & 0x7fffffffffffffffull;
        if (absd > 0x7ff0000000000000ull)
            return static_cast<std::uint16_t>(sign | 0x7e00u | static_cast<std::uint32_t>((absd >> 42) & 0x3ffu));
        if (absd >= 0x40f0000000000000ull)  // >= 65536
            return static_cast<std::uint16_t>(sign | 0x7c00u);
        if (absd < 0x3f10000000000000ull) {  // below 2^-14: subnormal or zero
            if (absd < 0x3e60000000000000ull)  // below 2^-25
                return static_cast<std::uint16_t>(sign);
            const std::uint64_t mantissa = (absd & 0xfffffffffffffull) | 0x10000000000000ull;
            const int shift = 1051 - static_cast<int>(absd >> 52);
            std::uint64_t half = mantissa >> shift;
            const std::uint64_t rest = mantissa & ((std::uint64_t{1} << shift) - 1u);
            const std::uint64_t halfway = std::uint64_t{1} << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1u)))
                ++half;
            return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(half));
        }
        std::uint64_t half = (absd - (std::uint64_t{1008} << 52)) >> 42;
        const std::uint64_t rest = absd & ((std::uint64_t{1} << 42) - 1u);
        const std::uint64_t halfway = std::uint64_t{1} << 41;
        if (rest > halfway || (rest == halfway && (half & 1u)))
            ++half;
        return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(half));
    }

    static Half fromBits(std::uint16_t bits)
    {
        Half h;
        h.bits = bits;
        return h;
    }

    static float toFloat(std::uint16_t h)
    {
        const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
        const std::uint32_t exponent = (h >> 10) & 0x1fu;
        std::uint32_t mantissa = h & 0x3ffu;
        if (exponent == 0x1f)
            return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
        if (exponent == 0) {
            if (mantissa == 0)
                return std::bit_cast<float>(sign);
            const float magnitude = static_cast<float>(mantissa) * 5.9604644775390625e-08f;  // exact: m * 2^-24
            return sign ? -magnitude : magnitude;
        }
        return std::bit_cast<float>(sign | (exponent + 112) << 23 | mantissa << 13);
    }
};

static_assert(sizeof(Half) == 2);

}  // namespace av::engine
