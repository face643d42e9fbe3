#include "tensorformat.h"

#include "printedelements.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace av::engine {

namespace {

// torch's PRINT_OPTS after set_printoptions(profile="default").
constexpr int kPrecision = 4;
constexpr std::int64_t kThreshold = 1000;
constexpr std::int64_t kEdgeItems = 3;
constexpr int kLineWidth = 80;

// Python's "{:.{p}f}" and "{:.{p}e}" of a float: correctly rounded, "e+05" exponents, and "nan" without a
// sign even for the negative NaN that 0/0 makes on x86.
std::string pythonNonFinite(double value)
{
    if (std::isnan(value))
        return "nan";
    return value < 0 ? "-inf" : "inf";
}

std::string pythonFixed(double value, int precision)
{
    if (!std::isfinite(value))
        return pythonNonFinite(value);
    char buffer[400];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, precision);
    return std::string(buffer, result.ptr);
}

std::string pythonExponent(double value, int precision)
{
    if (!std::isfinite(value))
        return pythonNonFinite(value);
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, precision);
    return std::string(buffer, result.ptr);
}

std::string padLeft(std::string text, int width)
{
    if (static_cast<int>(text.size()) < width)
        text.insert(0, static_cast<std::size_t>(width) - text.size(), ' ');
    return text;
}

// torch._tensor_str._Formatter: one column width and one notation for every shown element.
class TensorFormatter {
public:
    explicit TensorFormatter(const PrintedElements& elements)
        : m_elements(elements)
    {
        if (!isFloating(elements.dtype)) {
            for (const std::int64_t value : elements.integers)
                m_maxWidth = std::max(m_maxWidth, static_cast<int>(integerText(value).size()));
            return;
        }
        std::vector<double> nonzeroFinite;
        for (const double value : elements.floats)
            if (std::isfinite(value) && value != 0.0)
                nonzeroFinite.push_back(value);
        if (nonzeroFinite.empty())
            return;
        double minAbs = std::fabs(nonzeroFinite[0]);
        double maxAbs = minAbs;
        for (const double value : nonzeroFinite) {
            minAbs = std::min(minAbs, std::fabs(value));
            maxAbs = std::max(maxAbs, std::fabs(value));
            if (m_intMode && value != std::ceil(value))
                m_intMode = false;
        }
        // Both bounds are doubles in torch too (tensor_totype), so the ratio rounds as it does here.
        const bool wideRange = maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8;
        m_sciMode = m_intMode ? wideRange : (wideRange || minAbs < 1.0e-4);
        for (const double value : nonzeroFinite) {
            int width;
            if (m_sciMode)
                width = static_cast<int>(pythonExponent(value, kPrecision).size());
            else if (m_intMode)
                width = static_cast<int>(pythonFixed(value, 0).size()) + 1; // room for the "."
            else
                width = static_cast<int>(pythonFixed(value, kPrecision).size());
            m_maxWidth = std::max(m_maxWidth, width);
        }
    }

    int width() const { return m_maxWidth; }

    // The text of shown element i, padded on the left to the column width.
    std::string format(std::size_t i) const
    {
        if (!isFloating(m_elements.dtype))
            return padLeft(integerText(m_elements.integers[i]), m_maxWidth);
        const double value = m_elements.floats[i];
        std::string text;
        if (m_sciMode) {
            text = pythonExponent(value, kPrecision);
        } else if (m_intMode) {
            text = pythonFixed(value, 0);
            if (std::isfinite(value))
                text += '.';
        } else {
            text = pythonFixed(value, kPrecision);
        }
        return padLeft(std::move(text), m_maxWidth);
    }

private:
    std::string integerText(std::int64_t value) const
    {
        if (m_elements.dtype == DType::Bool)
            return value ? "True" : "False";
        return std::to_string(value);
    }

    const PrintedElements& m_elements;
    bool m_intMode = true;
    bool m_sciMode = false;
    int m_maxWidth = 1;
};

// _tensor_str_with_formatter over the shown elements, which are consumed in order through `next`.
class TensorLayout {
public:
    TensorLayout(const PrintedElements& elements, const TensorFormatter& formatter)
        : m_elements(elements)
        , m_formatter(formatter)
    {
    }

    std::string body(std::size_t dim, int indent)
    {
        const std::size_t ndim = m_elements.shownSizes.size();
        if (dim == ndim)
            return m_formatter.format(m_next++);
        const std::int64_t shown = m_elements.shownSizes[dim];
        const bool elided = m_elements.elided[dim];
        if (dim + 1 == ndim)
            return vector(shown, elided, indent);
        std::vector<std::string> slices;
        for (std::int64_t i = 0; i < shown; ++i) {
            if (elided && i == kEdgeItems)
                slices.emplace_back("...");
            slices.push_back(body(dim + 1, indent + 1));
        }
        std::string separator(1, ',');
        separator.append(ndim - dim - 1, '\n');
        separator.append(static_cast<std::size_t>(indent + 1), ' ');
        return bracketed(join(slices, separator));
    }

private:
    std::string vector(std::int64_t shown, bool elided, int indent)
    {
        const int elementLength = m_formatter.width() + 2;
        const int perLine
            = std::max(1, static_cast<int>(std::floor(static_cast<double>(kLineWidth - indent) / elementLength)));
        std::vector<std::string> data;
        for (std::int64_t i = 0; i < shown; ++i) {
            if (elided && i == kEdgeItems)
                data.emplace_back(" ...");
            data.push_back(m_formatter.format(m_next++));
        }
        std::vector<std::string> lines;
        for (std::size_t start = 0; start < data.size(); start += static_cast<std::size_t>(perLine)) {
            const std::size_t end = std::min(data.size(), start + static_cast<std::size_t>(perLine));
            lines.push_back(join(
                { data.begin() + static_cast<std::ptrdiff_t>(start), data.begin() + static_cast<std::ptrdiff_t>(end) },
                ", "));
        }
        std::string separator = ",\n";
        separator.append(static_cast<std::size_t>(indent + 1), ' ');
        return bracketed(join(lines, separator));
    }

    static std::string bracketed(const std::string& inner)
    {
        std::string out;
        out.reserve(inner.size() + 2);
        out += '[';
        out += inner;
        out += ']';
        return out;
    }

    static std::string join(const std::vector<std::string>& parts, const std::string& separator)
    {
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i)
                out += separator;
            out += parts[i];
        }
        return out;
    }

    const PrintedElements& m_elements;
    const TensorFormatter& m_formatter;
    std::size_t m_next = 0;
};

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

// _add_suffixes, including its measure of the last line, which counts two more characters than the
// line has.
std::string addSuffixes(const std::string& text, const std::vector<std::string>& suffixes, int indent)
{
    std::string out = text;
    const std::size_t lastNewline = text.rfind('\n');
    std::int64_t lastLineLength = static_cast<std::int64_t>(text.size())
        - (lastNewline == std::string::npos ? -1 : static_cast<std::int64_t>(lastNewline)) + 1;
    for (const std::string& suffix : suffixes) {
        const auto suffixLength = static_cast<std::int64_t>(suffix.size());
        if (lastLineLength + suffixLength + 2 > kLineWidth) {
            out += ",\n" + std::string(static_cast<std::size_t>(indent), ' ') + suffix;
            lastLineLength = indent + suffixLength;
        } else {
            out += ", " + suffix;
            lastLineLength += suffixLength + 2;
        }
    }
    return out + ")";
}

} // namespace

std::string tensorRepr(const Array& tensor)
{
    return tensorRepr(tensor, tensor.device());
}

std::string tensorRepr(const Array& hostValues, Device shownDevice)
{
    const std::string prefix = "tensor(";
    const int indent = static_cast<int>(prefix.size());
    std::vector<std::string> suffixes;
    // The default device is the CPU, so any other device is named.
    if (!shownDevice.isCpu())
        suffixes.push_back("device='" + shownDevice.str() + "'");

    const DType dtype = hostValues.dtype();
    std::string body;
    if (hostValues.numel() == 0) {
        // As NumPy: the shape is shown unless it is (0,), and the dtype unless it is the default float.
        if (hostValues.dim() != 1)
            suffixes.push_back("size=" + pythonTuple(hostValues.sizes()));
        if (dtype != kTorchDefaultFloat)
            suffixes.push_back("dtype=" + std::string(torchName(dtype)));
        body = "[]";
    } else {
        if (dtype != kTorchDefaultFloat && dtype != DType::Int64 && dtype != DType::Bool)
            suffixes.push_back("dtype=" + std::string(torchName(dtype)));
        const bool summarize = hostValues.numel() > kThreshold;
        // float16 is printed through float32 (self.float()), which the double values here already are.
        const PrintedElements elements = gatherPrintedElements(hostValues, summarize, kEdgeItems);
        const TensorFormatter formatter(elements);
        TensorLayout layout(elements, formatter);
        body = layout.body(0, indent);
    }

    if (!hostValues.gradFn().empty())
        suffixes.push_back("grad_fn=<" + hostValues.gradFn() + ">");
    else if (hostValues.requiresGrad())
        suffixes.push_back("requires_grad=True");
    return addSuffixes(prefix + body, suffixes, indent);
}

} // namespace av::engine
