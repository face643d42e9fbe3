#include "dragon4.h"

#include "engine/errors.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

namespace av::engine {

namespace {

// NOTE [ Dragon4 as NumPy runs it ]
// NumPy prints floats with Ryan Juckett's Dragon4 (Steele & White, Burger & Dybvig's free-format
// algorithm) in its own variant: digits are generated in the value's type until the remaining value
// is inside the rounding interval (boundaries included when the mantissa is even, "IEEE unbiased"),
// or until a precision cutoff; the last digit is then rounded by the remainder. A `min_digits` floor can
// force digits past the shortest ones. Shortest-digit libraries (Ryu, std::to_chars) agree with it on
// the shortest digits but not on what a precision cutoff or min_digits does, so the whole algorithm is
// kept here, on exact big integers.

// An unsigned integer in 32-bit blocks, lowest first. A float64 needs about 1100 bits; digits forced past
// the shortest ones (min_digits on a large value) grow the margins further.
class BigNum {
public:
    BigNum() { m_blocks.resize(kInitialBlocks); }

    void set(std::uint64_t value)
    {
        m_blocks[0] = static_cast<std::uint32_t>(value);
        m_blocks[1] = static_cast<std::uint32_t>(value >> 32);
        m_length = m_blocks[1] ? 2 : (m_blocks[0] ? 1 : 0);
    }

    void setPow2(int exponent)
    {
        set(1);
        shiftLeft(exponent);
    }

    bool isZero() const { return m_length == 0; }

    void shiftLeft(int bits)
    {
        if (bits == 0 || m_length == 0)
            return;
        const int blockShift = bits / 32;
        const int bitShift = bits % 32;
        reserveBlocks(m_length + blockShift + 1);
        if (bitShift == 0) {
            for (int i = m_length - 1; i >= 0; --i)
                m_blocks[i + blockShift] = m_blocks[i];
            m_length += blockShift;
        } else {
            m_blocks[m_length + blockShift] = m_blocks[m_length - 1] >> (32 - bitShift);
            for (int i = m_length - 1; i > 0; --i)
                m_blocks[i + blockShift] = (m_blocks[i] << bitShift) | (m_blocks[i - 1] >> (32 - bitShift));
            m_blocks[blockShift] = m_blocks[0] << bitShift;
            m_length += blockShift + 1;
        }
        for (int i = 0; i < blockShift; ++i)
            m_blocks[i] = 0;
        trim();
    }

    void multiply(std::uint32_t factor)
    {
        std::uint64_t carry = 0;
        for (int i = 0; i < m_length; ++i) {
            const std::uint64_t product = static_cast<std::uint64_t>(m_blocks[i]) * factor + carry;
            m_blocks[i] = static_cast<std::uint32_t>(product);
            carry = product >> 32;
        }
        if (carry) {
            reserveBlocks(m_length + 1);
            m_blocks[m_length++] = static_cast<std::uint32_t>(carry);
        }
    }

    void multiplyPow10(int exponent)
    {
        static constexpr std::uint32_t kPow10[]
            = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
        for (; exponent >= 9; exponent -= 9)
            multiply(kPow10[9]);
        if (exponent > 0)
            multiply(kPow10[exponent]);
    }

    static int compare(const BigNum& a, const BigNum& b)
    {
        if (a.m_length != b.m_length)
            return a.m_length < b.m_length ? -1 : 1;
        for (int i = a.m_length - 1; i >= 0; --i)
            if (a.m_blocks[i] != b.m_blocks[i])
                return a.m_blocks[i] < b.m_blocks[i] ? -1 : 1;
        return 0;
    }

    // *this = a + b, reusing this number's blocks.
    void assignSum(const BigNum& a, const BigNum& b)
    {
        const BigNum& longer = a.m_length >= b.m_length ? a : b;
        const BigNum& shorter = a.m_length >= b.m_length ? b : a;
        reserveBlocks(longer.m_length + 1);
        std::uint64_t carry = 0;
        for (int i = 0; i < longer.m_length; ++i) {
            const std::uint64_t s = carry + longer.m_blocks[i] + (i < shorter.m_length ? shorter.m_blocks[i] : 0u);
            m_blocks[i] = static_cast<std::uint32_t>(s);
            carry = s >> 32;
        }
        m_length = longer.m_length;
        if (carry)
            m_blocks[m_length++] = 1;
    }

    // *this -= other; requires *this >= other.
    void subtract(const BigNum& other)
    {
        std::int64_t borrow = 0;
        for (int i = 0; i < m_length; ++i) {
            std::int64_t d = static_cast<std::int64_t>(m_blocks[i]) - borrow
                - (i < other.m_length ? static_cast<std::int64_t>(other.m_blocks[i]) : 0);
            borrow = d < 0 ? 1 : 0;
            m_blocks[i] = static_cast<std::uint32_t>(d + (borrow << 32));
        }
        trim();
    }

    // Returns floor(*this / divisor), which must be below 10, and keeps the remainder.
    std::uint32_t divideSmallQuotient(const BigNum& divisor)
    {
        std::uint32_t quotient = 0;
        while (compare(*this, divisor) >= 0) {
            subtract(divisor);
            ++quotient;
        }
        AV_INTERNAL_ASSERT(quotient < 10, "dragon4 digit out of range");
        return quotient;
    }

private:
    static constexpr int kInitialBlocks = 40;

    void reserveBlocks(int blocks)
    {
        if (static_cast<int>(m_blocks.size()) < blocks)
            m_blocks.resize(static_cast<std::size_t>(blocks) * 2);
    }

    void trim()
    {
        while (m_length > 0 && m_blocks[m_length - 1] == 0)
            --m_length;
    }

    std::vector<std::uint32_t> m_blocks;
    int m_length = 0;
};

// A finite float as mantissa * 2^exponent, with what Dragon4 needs to know about its neighbours.
struct FloatParts {
    enum class Kind { Finite, Infinite, NaN };
    Kind kind = Kind::Finite;
    bool negative = false;
    std::uint64_t mantissa = 0;
    int exponent = 0;
    // The gap to the next value up is twice the gap down: an exact power of two above the smallest normal.
    bool unequalMargins = false;
};

FloatParts decompose(std::uint64_t bits, int mantissaBits, int exponentBits)
{
    const std::uint64_t mantissaMask = (std::uint64_t { 1 } << mantissaBits) - 1;
    const std::uint64_t exponentMask = (std::uint64_t { 1 } << exponentBits) - 1;
    const int bias = static_cast<int>(exponentMask >> 1);
    FloatParts parts;
    parts.negative = (bits >> (mantissaBits + exponentBits)) & 1u;
    const std::uint64_t fraction = bits & mantissaMask;
    const std::uint64_t biased = (bits >> mantissaBits) & exponentMask;
    if (biased == exponentMask) {
        parts.kind = fraction == 0 ? FloatParts::Kind::Infinite : FloatParts::Kind::NaN;
        return parts;
    }
    if (biased != 0) {
        parts.mantissa = fraction | (std::uint64_t { 1 } << mantissaBits);
        parts.exponent = static_cast<int>(biased) - bias - mantissaBits;
        parts.unequalMargins = biased != 1 && fraction == 0;
    } else {
        parts.mantissa = fraction;
        parts.exponent = 1 - bias - mantissaBits;
    }
    return parts;
}

FloatParts decompose(double value)
{
    return decompose(std::bit_cast<std::uint64_t>(value), 52, 11);
}
FloatParts decompose(float value)
{
    return decompose(std::bit_cast<std::uint32_t>(value), 23, 8);
}
FloatParts decompose(Half value)
{
    return decompose(value.bits, 10, 5);
}

struct Digits {
    std::string digits; // no leading zeros unless a fractional cutoff rounded the value away
    int exponent = 0; // power of ten of the first digit
};

// Unique-mode digit generation. cutoffMax / cutoffMin are NumPy's precision and min_digits as passed to
// its Dragon4(): counted from the first digit (totalLength) or from the decimal point; -1 for none.
Digits generateDigits(const FloatParts& parts, bool totalLength, int cutoffMax, int cutoffMin)
{
    Digits out;
    if (parts.mantissa == 0) {
        out.digits = "0";
        return out;
    }
    const bool isEven = (parts.mantissa & 1u) == 0;
    const int e = parts.exponent;

    // value = scaledValue / scale; the margins are half the gaps to the neighbouring floats, on that scale.
    BigNum scale, value, marginLow, marginHigh;
    value.set(parts.mantissa);
    if (parts.unequalMargins) {
        if (e > 0) {
            value.shiftLeft(e + 2);
            scale.set(4);
            marginLow.setPow2(e);
            marginHigh.setPow2(e + 1);
        } else {
            value.shiftLeft(2);
            scale.setPow2(-e + 2);
            marginLow.set(1);
            marginHigh.set(2);
        }
    } else {
        if (e > 0) {
            value.shiftLeft(e + 1);
            scale.set(2);
            marginLow.setPow2(e);
        } else {
            value.shiftLeft(1);
            scale.setPow2(-e + 1);
            marginLow.set(1);
        }
        marginHigh = marginLow;
    }
    const auto refreshHighMargin = [&] {
        if (parts.unequalMargins) {
            marginHigh = marginLow;
            marginHigh.multiply(2);
        } else {
            marginHigh = marginLow;
        }
    };

    // First-digit exponent: an estimate that is right or one too low, corrected below. A fractional
    // cutoff above the value pulls it up, so that the first digit generated is the cutoff digit.
    const int mantissaBit = static_cast<int>(std::bit_width(parts.mantissa)) - 1;
    int digitExponent
        = static_cast<int>(std::ceil(static_cast<double>(mantissaBit + e) * 0.30102999566398119521373889472449 - 0.69));
    if (cutoffMax >= 0 && !totalLength && digitExponent <= -cutoffMax)
        digitExponent = -cutoffMax + 1;
    if (digitExponent > 0) {
        scale.multiplyPow10(digitExponent);
    } else if (digitExponent < 0) {
        value.multiplyPow10(-digitExponent);
        marginLow.multiplyPow10(-digitExponent);
        refreshHighMargin();
    }
    if (BigNum::compare(value, scale) >= 0) {
        ++digitExponent;
    } else {
        value.multiply(10);
        marginLow.multiply(10);
        refreshHighMargin();
    }

    constexpr int kBufferDigits = 4096; // NumPy's buffer bounds the digits of a cutoff-free value
    int cutoffMaxExponent = digitExponent - kBufferDigits;
    if (cutoffMax >= 0)
        cutoffMaxExponent = std::max(cutoffMaxExponent, totalLength ? digitExponent - cutoffMax : -cutoffMax);
    int cutoffMinExponent = digitExponent;
    if (cutoffMin >= 0)
        cutoffMinExponent = std::min(cutoffMinExponent, totalLength ? digitExponent - cutoffMin : -cutoffMin);
    out.exponent = digitExponent - 1;

    bool low = false, high = false;
    std::uint32_t digit = 0;
    BigNum valueHigh;
    while (true) {
        --digitExponent;
        digit = value.divideSmallQuotient(scale);
        valueHigh.assignSum(value, marginHigh);
        const int cmpLow = BigNum::compare(value, marginLow);
        const int cmpHigh = BigNum::compare(valueHigh, scale);
        low = isEven ? cmpLow <= 0 : cmpLow < 0;
        high = isEven ? cmpHigh >= 0 : cmpHigh > 0;
        if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent)
            break;
        out.digits.push_back(static_cast<char>('0' + digit));
        value.multiply(10);
        marginLow.multiply(10);
        refreshHighMargin();
    }

    // Round the last digit: down when only rounding down stays inside the interval, up when only rounding
    // up does, else to the nearer one, ties to an even digit.
    bool roundDown = low;
    if (low == high) {
        value.multiply(2);
        const int cmp = BigNum::compare(value, scale);
        roundDown = cmp < 0 || (cmp == 0 && (digit & 1u) == 0);
    }
    if (roundDown) {
        out.digits.push_back(static_cast<char>('0' + digit));
    } else if (digit < 9) {
        out.digits.push_back(static_cast<char>('0' + digit + 1));
    } else {
        while (!out.digits.empty() && out.digits.back() == '9')
            out.digits.pop_back();
        if (out.digits.empty()) {
            out.digits = "1";
            ++out.exponent;
        } else {
            ++out.digits.back();
        }
    }
    return out;
}

std::string infNanText(const FloatParts& parts, bool sign)
{
    if (parts.kind == FloatParts::Kind::NaN)
        return "nan"; // NumPy never prints the sign of a NaN
    return std::string(parts.negative ? "-" : (sign ? "+" : "")) + "inf";
}

std::string positional(const FloatParts& parts, const FloatFormatOptions& o)
{
    if (parts.kind != FloatParts::Kind::Finite)
        return infNanText(parts, o.sign);
    std::string out;
    const bool hasSign = parts.negative || o.sign;
    if (hasSign)
        out.push_back(parts.negative ? '-' : '+');
    const Digits d = generateDigits(parts, !o.fractional, o.precision, o.minDigits);
    const int numDigits = static_cast<int>(d.digits.size());
    int numWholeDigits = 0;
    int numFractionDigits = 0;
    if (d.exponent >= 0) {
        numWholeDigits = d.exponent + 1;
        if (numDigits <= numWholeDigits) {
            out += d.digits;
            out.append(static_cast<std::size_t>(numWholeDigits - numDigits), '0');
        } else {
            out.append(d.digits, 0, static_cast<std::size_t>(numWholeDigits));
            out.push_back('.');
            out.append(d.digits, static_cast<std::size_t>(numWholeDigits));
            numFractionDigits = numDigits - numWholeDigits;
        }
    } else {
        const int leadingZeros = -(d.exponent + 1);
        out += "0.";
        out.append(static_cast<std::size_t>(leadingZeros), '0');
        out += d.digits;
        numFractionDigits = numDigits + leadingZeros;
        numWholeDigits = 1;
    }
    if (o.trim != FloatTrim::TrimZerosAndPoint && numFractionDigits == 0)
        out.push_back('.');

    int desiredFractionDigits = std::max(o.minDigits, 0);
    if (!o.fractional)
        desiredFractionDigits = o.minDigits - numWholeDigits;
    if (o.trim == FloatTrim::LeaveOneZero) {
        if (numFractionDigits == 0) {
            out.push_back('0');
            ++numFractionDigits;
        }
    } else if (o.trim == FloatTrim::Keep && desiredFractionDigits > numFractionDigits) {
        out.append(static_cast<std::size_t>(desiredFractionDigits - numFractionDigits), '0');
        numFractionDigits = desiredFractionDigits;
    }
    // Rounding at a cutoff can leave trailing zeros; the trim modes drop them.
    if (o.trim != FloatTrim::Keep && numFractionDigits > 0) {
        while (out.back() == '0') {
            out.pop_back();
            --numFractionDigits;
        }
        if (out.back() == '.') {
            if (o.trim == FloatTrim::LeaveOneZero) {
                out.push_back('0');
                ++numFractionDigits;
            } else if (o.trim == FloatTrim::TrimZerosAndPoint) {
                out.pop_back();
            }
        }
    }
    if (o.padRight >= numFractionDigits) {
        if (o.trim == FloatTrim::TrimZerosAndPoint && numFractionDigits == 0)
            out.push_back(' ');
        out.append(static_cast<std::size_t>(o.padRight - numFractionDigits), ' ');
    }
    const int leftChars = numWholeDigits + (hasSign ? 1 : 0);
    if (o.padLeft > leftChars)
        out.insert(0, static_cast<std::size_t>(o.padLeft - leftChars), ' ');
    return out;
}

std::string scientific(const FloatParts& parts, const FloatFormatOptions& o)
{
    if (parts.kind != FloatParts::Kind::Finite)
        return infNanText(parts, o.sign);
    std::string out;
    const bool hasSign = parts.negative || o.sign;
    const int leftChars = 1 + (hasSign ? 1 : 0);
    if (o.padLeft > leftChars)
        out.append(static_cast<std::size_t>(o.padLeft - leftChars), ' ');
    if (hasSign)
        out.push_back(parts.negative ? '-' : '+');
    const Digits d
        = generateDigits(parts, true, o.precision < 0 ? -1 : o.precision + 1, o.minDigits < 0 ? -1 : o.minDigits + 1);
    out.push_back(d.digits[0]);
    int numFractionDigits = static_cast<int>(d.digits.size()) - 1;
    if (numFractionDigits > 0) {
        out.push_back('.');
        out.append(d.digits, 1);
    }
    if (o.trim != FloatTrim::TrimZerosAndPoint && numFractionDigits == 0)
        out.push_back('.');
    const int addDigits = std::max(o.minDigits, 0);
    if (o.trim == FloatTrim::LeaveOneZero) {
        if (numFractionDigits == 0) {
            out.push_back('0');
            ++numFractionDigits;
        }
    } else if (o.trim == FloatTrim::Keep && addDigits > numFractionDigits) {
        out.append(static_cast<std::size_t>(addDigits - numFractionDigits), '0');
        numFractionDigits = addDigits;
    }
    // Unlike the positional form, NumPy keeps a bare point here even in the '-' mode.
    if (o.trim != FloatTrim::Keep && numFractionDigits > 0) {
        while (out.back() == '0')
            out.pop_back();
        if (o.trim == FloatTrim::LeaveOneZero && out.back() == '.')
            out.push_back('0');
    }
    int exponent = d.exponent;
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    exponent = std::abs(exponent);
    const int minExpDigits = o.expDigits < 0 ? 2 : std::min(o.expDigits, 5);
    std::string expText = exponent == 0 ? std::string() : std::to_string(exponent); // exp_digits=0 prints "e+"
    if (static_cast<int>(expText.size()) < minExpDigits)
        expText.insert(0, static_cast<std::size_t>(minExpDigits) - expText.size(), '0');
    return out + expText;
}

} // namespace

std::string formatFloatPositional(double value, const FloatFormatOptions& options)
{
    return positional(decompose(value), options);
}

std::string formatFloatPositional(float value, const FloatFormatOptions& options)
{
    return positional(decompose(value), options);
}

std::string formatFloatPositional(Half value, const FloatFormatOptions& options)
{
    return positional(decompose(value), options);
}

std::string formatFloatScientific(double value, const FloatFormatOptions& options)
{
    return scientific(decompose(value), options);
}

std::string formatFloatScientific(float value, const FloatFormatOptions& options)
{
    return scientific(decompose(value), options);
}

std::string formatFloatScientific(Half value, const FloatFormatOptions& options)
{
    return scientific(decompose(value), options);
}

} // namespace av::engine
