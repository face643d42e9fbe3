#pragma once
// NumPy's float-to-text: the Dragon4 digit generator behind np.format_float_positional,
// np.format_float_scientific, array printing and the repr of NumPy float scalars. Digits are generated
// in the value's own type, so a float16 prints the shortest digits that identify it among halves.

#include "engine/half.h"

#include <string>

namespace av::engine {

// What happens to trailing zeros and the decimal point; NumPy's trim= letters.
enum class FloatTrim {
    Keep, // 'k': "1.000"
    TrimZeros, // '.': "1."
    LeaveOneZero, // '0': "1.0"
    TrimZerosAndPoint, // '-': "1"
};

// The keyword arguments of np.format_float_positional / np.format_float_scientific with unique=True;
// -1 means "not given" (None).
struct FloatFormatOptions {
    int precision = -1;
    int minDigits = -1;
    FloatTrim trim = FloatTrim::Keep;
    bool sign = false; // '+' in front of positive values
    int padLeft = -1; // characters left of the point (sign included)
    int padRight = -1; // positional only: characters right of the point
    int expDigits = -1; // scientific only: at least this many exponent digits (2 when not given)
    bool fractional = true; // positional only: precision counts digits after the point, not significant ones
};

std::string formatFloatPositional(double value, const FloatFormatOptions& options);
std::string formatFloatPositional(float value, const FloatFormatOptions& options);
std::string formatFloatPositional(Half value, const FloatFormatOptions& options);

std::string formatFloatScientific(double value, const FloatFormatOptions& options);
std::string formatFloatScientific(float value, const FloatFormatOptions& options);
std::string formatFloatScientific(Half value, const FloatFormatOptions& options);

} // namespace av::engine
