#include "pyformat.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace av::engine {

std::string formatPythonFloat(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    // Shortest round-trip digits in scientific form, e.g. "1.2345e+02"; Python then places the point.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    std::string text(buffer, result.ptr);
    const bool negative = text.front() == '-';
    if (negative)
        text.erase(0, 1);
    const std::size_t e = text.find('e');
    std::string digits = text.substr(0, e);
    const int exponent = std::atoi(text.c_str() + e + 1);
    if (const std::size_t dot = digits.find('.'); dot != std::string::npos)
        digits.erase(dot, 1);
    const int decpt = exponent + 1;  // value = 0.digits * 10^decpt
    std::string out;
    if (decpt <= -4 || decpt > 16) {
        out = digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char exp[16];
        const int absExp = std::abs(exponent);
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', absExp);
        out += exp;
    } else if (decpt <= 0) {
        out = "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
        out = digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
    } else {
        out = digits.substr(0, static_cast<std::size_t>(decpt)) + "." + digits.substr(static_cast<std::size_t>(decpt));
    }
    return negative ? "-" + out : out;
}

}  // namespace av::engine
