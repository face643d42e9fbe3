#include "elementtext.h"

#include "engine/dispatch.h"
#include "engine/format/dragon4.h"

#include <cmath>
#include <cstring>

namespace av::engine {

namespace {

// NumPy's floattype repr (numpy/core/arrayprint.py, FloatingFormat for a scalar's repr): positional from 1e-4
// up to 1e16, and for zero and NaN; scientific otherwise, infinities included. Digits are the shortest
// that identify the value in its own type.
template <typename T>
std::string floatText(T value)
{
    const double asDouble = static_cast<double>(value);
    const long double magnitude = std::fabs(static_cast<long double>(asDouble));
    FloatFormatOptions options;
    if (std::isnan(asDouble) || asDouble == 0.0 || (magnitude < 1.e16L && magnitude >= 1.e-4L)) {
        options.trim = FloatTrim::LeaveOneZero;
        return formatFloatPositional(value, options);
    }
    options.trim = FloatTrim::TrimZerosAndPoint;
    return formatFloatScientific(value, options);
}

}  // namespace

std::string elementText(DType dtype, const std::byte* element)
{
    return dispatchDType(dtype, [&](auto tag) -> std::string {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_same_v<T, bool>) {
            std::uint8_t byte = 0;
            std::memcpy(&byte, element, 1);
            return byte ? "True" : "False";
        } else {
            T value;
            std::memcpy(&value, element, sizeof(T));
            if constexpr (kIsFloat<T>)
                return floatText(value);
            else
                return std::to_string(value);
        }
    });
}

std::string elementTextFromBits(DType dtype, std::uint64_t bits)
{
    std::byte bytes[sizeof(bits)];
    std::memcpy(bytes, &bits, sizeof(bits));  // little-endian: the element sits in the low bytes
    return elementText(dtype, bytes);
}

}  // namespace av::engine
