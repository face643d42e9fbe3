#include "ndarrayformat.h"

#include "dragon4.h"
#include "printedelements.h"

#include "engine/errors.h"

#include <algorithm>
#include <cmath>

namespace av::engine {

namespace {

// np.get_printoptions() defaults.
constexpr int kPrecision = 8;
constexpr std::int64_t kThreshold = 1000;
constexpr std::int64_t kEdgeItems = 3;
constexpr int kLineWidth = 75;

// Dragon4 in the element's own type: the shown values are exact doubles of halves, floats or doubles.
std::string positional(DType dtype, double value, const FloatFormatOptions& options)
{
    switch (dtype) {
    case DType::Float16:
        return formatFloatPositional(Half(static_cast<float>(value)), options);
    case DType::Float32:
        return formatFloatPositional(static_cast<float>(value), options);
    default:
        return formatFloatPositional(value, options);
    }
}

std::string scientific(DType dtype, double value, const FloatFormatOptions& options)
{
    switch (dtype) {
    case DType::Float16:
        return formatFloatScientific(Half(static_cast<float>(value)), options);
    case DType::Float32:
        return formatFloatScientific(static_cast<float>(value), options);
    default:
        return formatFloatScientific(value, options);
    }
}

// max / min as NumPy divides two scalars of the dtype: float32 in float, float16 in float rounded back
// to half. The rounding matters: two halves whose exact ratio is 1000.02 print without exponents.
double ratioInDType(DType dtype, double maxValue, double minValue)
{
    switch (dtype) {
    case DType::Float16:
        return static_cast<float>(Half(static_cast<float>(maxValue) / static_cast<float>(minValue)));
    case DType::Float32:
        return static_cast<float>(maxValue) / static_cast<float>(minValue);
    default:
        return maxValue / minValue;
    }
}

// The formatters of arrayprint.py: FloatingFormat, IntegerFormat and BoolFormat, sized from the shown
// elements.
class ElementFormatter {
public:
    ElementFormatter(const PrintedElements& elements, bool zeroDim)
        : m_elements(elements)
        , m_zeroDim(zeroDim)
    {
        if (isFloating(elements.dtype))
            fillFloatFormat();
        else if (elements.dtype != DType::Bool)
            fillIntegerFormat();
    }

    std::string format(std::size_t i) const
    {
        if (m_elements.dtype == DType::Bool)
            return m_elements.integers[i] ? (m_zeroDim ? "True" : " True") : "False";
        if (!isFloating(m_elements.dtype)) {
            std::string text = std::to_string(m_elements.integers[i]);
            if (static_cast<int>(text.size()) < m_intWidth)
                text.insert(0, static_cast<std::size_t>(m_intWidth) - text.size(), ' ');
            return text;
        }
        const double value = m_elements.floats[i];
        if (!std::isfinite(value)) {
            std::string text = std::isnan(value) ? "nan" : (value < 0 ? "-inf" : "inf");
            const int width = m_padLeft + m_padRight + 1;
            if (static_cast<int>(text.size()) < width)
                text.insert(0, static_cast<std::size_t>(width) - text.size(), ' ');
            return text;
        }
        FloatFormatOptions options;
        options.precision = m_precision;
        options.padLeft = m_padLeft;
        if (m_expFormat) {
            options.minDigits = m_precision;
            options.trim = FloatTrim::Keep;
            options.expDigits = m_expSize;
            return scientific(m_elements.dtype, value, options);
        }
        options.minDigits = 0;
        options.trim = FloatTrim::TrimZeros;
        options.padRight = m_padRight;
        return positional(m_elements.dtype, value, options);
    }

private:
    void fillIntegerFormat()
    {
        const auto [minIt, maxIt] = std::minmax_element(m_elements.integers.begin(), m_elements.integers.end());
        if (minIt != m_elements.integers.end())
            m_intWidth = static_cast<int>(std::max(std::to_string(*minIt).size(), std::to_string(*maxIt).size()));
    }

    // FloatingFormat.fillFormat: a first pass prints every finite value to learn the widths.
    void fillFloatFormat()
    {
        const DType dtype = m_elements.dtype;
        std::vector<double> finite;
        bool anyNonFinite = false, anyNegativeInf = false;
        for (const double value : m_elements.floats) {
            if (std::isfinite(value)) {
                finite.push_back(value);
            } else {
                anyNonFinite = true;
                anyNegativeInf = anyNegativeInf || (std::isinf(value) && value < 0);
            }
        }
        double maxAbs = 0.0, minAbs = 0.0;
        bool anyNonZero = false;
        for (const double value : finite) {
            if (value == 0.0)
                continue;
            const double a = std::fabs(value);
            maxAbs = anyNonZero ? std::max(maxAbs, a) : a;
            minAbs = anyNonZero ? std::min(minAbs, a) : a;
            anyNonZero = true;
        }
        // The thresholds are Python floats, compared as doubles; the ratio is a scalar of the dtype.
        if (anyNonZero)
            m_expFormat = maxAbs >= 1.0e8 || minAbs < 0.0001 || ratioInDType(dtype, maxAbs, minAbs) > 1000.0;

        if (finite.empty()) {
            m_padLeft = 0;
            m_padRight = 0;
        } else if (m_expFormat) {
            FloatFormatOptions options;
            options.precision = kPrecision;
            options.trim = FloatTrim::TrimZeros;
            int maxExpLength = 0, maxIntLength = 0, maxFracLength = 0;
            for (const double value : finite) {
                const std::string text = scientific(dtype, value, options);
                const std::size_t e = text.find('e');
                const std::size_t point = text.find('.');
                maxExpLength = std::max(maxExpLength, static_cast<int>(text.size() - e - 1));
                maxIntLength = std::max(maxIntLength, static_cast<int>(point));
                maxFracLength = std::max(maxFracLength, static_cast<int>(e - point - 1));
            }
            m_expSize = maxExpLength - 1;
            m_precision = maxFracLength;
            m_padLeft = maxIntLength;
            m_padRight = m_expSize + 2 + m_precision;
        } else {
            FloatFormatOptions options;
            options.precision = kPrecision;
            options.trim = FloatTrim::TrimZeros;
            int maxIntLength = 0, maxFracLength = 0;
            for (const double value : finite) {
                const std::string text = positional(dtype, value, options);
                const std::size_t point = text.find('.');
                maxIntLength = std::max(maxIntLength, static_cast<int>(point));
                maxFracLength = std::max(maxFracLength, static_cast<int>(text.size() - point - 1));
            }
            m_padLeft = maxIntLength;
            m_padRight = maxFracLength;
        }
        if (anyNonFinite) {
            const int offset = m_padRight + 1; // the decimal point
            m_padLeft = std::max({ m_padLeft, 3 - offset, 3 + (anyNegativeInf ? 1 : 0) - offset });
        }
    }

    const PrintedElements& m_elements;
    bool m_zeroDim;
    int m_intWidth = 0;
    bool m_expFormat = false;
    int m_precision = kPrecision;
    int m_padLeft = 0;
    int m_padRight = 0;
    int m_expSize = -1;
};

std::string rstrip(const std::string& text)
{
    const std::size_t end = text.find_last_not_of(' ');
    return end == std::string::npos ? std::string() : text.substr(0, end + 1);
}

// _formatArray's recurser, fed the formatted shown elements in order.
class ArrayLayout {
public:
    ArrayLayout(const PrintedElements& elements, const ElementFormatter& formatter, std::string separator)
        : m_elements(elements)
        , m_formatter(formatter)
        , m_separator(std::move(separator))
    {
    }

    std::string recurse(std::size_t axis, const std::string& hangingIndent, int currentWidth)
    {
        const std::size_t ndim = m_elements.shownSizes.size();
        if (axis == ndim)
            return m_formatter.format(m_next++);
        const std::size_t axesLeft = ndim - axis;
        const std::string nextHangingIndent = hangingIndent + ' ';
        const int nextWidth = currentWidth - 1; // room for the "]"
        const std::int64_t shown = m_elements.shownSizes[axis];
        const bool elided = m_elements.elided[axis];
        std::string s;
        if (axesLeft == 1) {
            const int elementWidth = currentWidth - std::max<int>(static_cast<int>(rstrip(m_separator).size()), 1);
            std::string line = hangingIndent;
            for (std::int64_t i = 0; i < shown; ++i) {
                if (elided && i == kEdgeItems) {
                    extendLine(s, line, "...", elementWidth, hangingIndent);
                    line += m_separator;
                }
                extendLine(s, line, recurse(axis + 1, nextHangingIndent, nextWidth), elementWidth, hangingIndent);
                if (i + 1 < shown)
                    line += m_separator;
            }
            s += line;
        } else {
            const std::string lineSeparator = rstrip(m_separator) + std::string(axesLeft - 1, '\n');
            for (std::int64_t i = 0; i < shown; ++i) {
                if (elided && i == kEdgeItems)
                    s += hangingIndent + "..." + lineSeparator;
                s += hangingIndent + recurse(axis + 1, nextHangingIndent, nextWidth);
                if (i + 1 < shown)
                    s += lineSeparator;
            }
        }
        std::string out;
        out.reserve(s.size() - hangingIndent.size() + 2);
        out += '[';
        out.append(s, hangingIndent.size());
        out += ']';
        return out;
    }

private:
    // _extendLine: wrap before a word that would pass the width, unless the line holds nothing yet.
    static void extendLine(
        std::string& s, std::string& line, const std::string& word, int lineWidth, const std::string& nextLinePrefix)
    {
        bool needsWrap = static_cast<int>(line.size() + word.size()) > lineWidth;
        if (line.size() <= nextLinePrefix.size())
            needsWrap = false;
        if (needsWrap) {
            s += rstrip(line) + "\n";
            line = nextLinePrefix;
        }
        line += word;
    }

    const PrintedElements& m_elements;
    const ElementFormatter& m_formatter;
    std::string m_separator;
    std::size_t m_next = 0;
};

// array2string for a non-empty array (an empty one prints "[]").
std::string arrayToString(const Array& array, int lineWidth, const std::string& separator, const std::string& prefix)
{
    if (array.numel() == 0)
        return "[]";
    const PrintedElements elements = gatherPrintedElements(array, array.numel() > kThreshold, kEdgeItems);
    const ElementFormatter formatter(elements, array.dim() == 0);
    ArrayLayout layout(elements, formatter, separator);
    return layout.recurse(0, std::string(1 + prefix.size(), ' '), lineWidth);
}

std::string pythonTuple(const Shape& sizes)
{
    std::string out = "(";
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i)
            out += ", ";
        out += std::to_string(sizes[i]);
    }
    if (sizes.size() == 1)
        out += ",";
    return out + ")";
}

// The dtypes whose values imply them (int_, float_, bool_): their arrays print no dtype=.
bool dtypeIsImplied(DType dtype)
{
    return dtype == DType::Int64 || dtype == DType::Float64 || dtype == DType::Bool;
}

std::string scalarText(const Array& scalar)
{
    AV_INTERNAL_ASSERT(scalar.numel() == 1, "a NumPy scalar holds one element, not ", scalar.numel());
    const PrintedElements element = gatherPrintedElements(scalar, false, kEdgeItems);
    if (scalar.dtype() == DType::Bool)
        return element.integers[0] ? "True" : "False";
    if (!isFloating(scalar.dtype()))
        return std::to_string(element.integers[0]);
    // NumPy's floattype repr: positional from 1e-4 up to 1e16 (compared as long doubles), and for zero and
    // NaN; scientific otherwise, infinities included.
    const double value = element.floats[0];
    const long double magnitude = std::fabs(static_cast<long double>(value));
    const bool usePositional = std::isnan(value) || value == 0.0 || (magnitude < 1.e16L && magnitude >= 1.e-4L);
    FloatFormatOptions options;
    if (usePositional) {
        options.trim = FloatTrim::LeaveOneZero;
        return positional(scalar.dtype(), value, options);
    }
    options.trim = FloatTrim::TrimZerosAndPoint;
    return scientific(scalar.dtype(), value, options);
}

} // namespace

std::string ndarrayRepr(const Array& array)
{
    const std::string prefix = "array(";
    const bool skipDtype = dtypeIsImplied(array.dtype()) && array.numel() > 0;
    const std::string suffix = skipDtype ? ")" : ",";
    std::string list;
    if (array.numel() > 0 || (array.dim() == 1 && array.size(0) == 0))
        list = arrayToString(array, kLineWidth - static_cast<int>(suffix.size()), ", ", prefix);
    else
        list = "[], shape=" + pythonTuple(array.sizes());
    const std::string arrayText = prefix + list + suffix;
    if (skipDtype)
        return arrayText;
    const std::string dtypeText = "dtype=" + std::string(numpyName(array.dtype())) + ")";
    const std::size_t lastNewline = arrayText.rfind('\n');
    const std::size_t lastLineLength = arrayText.size() - (lastNewline == std::string::npos ? 0 : lastNewline + 1);
    const bool wrap = static_cast<int>(lastLineLength + dtypeText.size()) + 1 > kLineWidth;
    std::string out = arrayText;
    if (wrap) {
        out += '\n';
        out.append(prefix.size(), ' ');
    } else {
        out += ' ';
    }
    return out + dtypeText;
}

std::string ndarrayStr(const Array& array)
{
    if (array.dim() == 0)
        return scalarText(array);
    return arrayToString(array, kLineWidth, " ", "");
}

std::string numpyScalarRepr(const Array& scalar)
{
    return scalarText(scalar);
}

std::string numpyScalarStr(const Array& scalar)
{
    return scalarText(scalar);
}

} // namespace av::engine
