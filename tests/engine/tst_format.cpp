// Printing, judged by the real libraries: repr()/str() of tensors, ndarrays and NumPy scalars for thousands
// of arrays (every dtype; 0-d to 4-d; empty; random magnitudes, integer-valued floats, -0.0, nan/inf; sizes
// around the summarization threshold; line wrapping; transposed and strided views; autograd suffixes),
// every float16 value, and NumPy's Dragon4 (np.format_float_positional/scientific) on its own.
// Both sides build each array from the same element bits, sent to Python as hex.

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/format/dragon4.h"
#include "engine/format/ndarrayformat.h"
#include "engine/format/tensorformat.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace av::engine;

namespace {

constexpr DType kAllDTypes[] = { DType::Bool, DType::UInt8, DType::Int8, DType::Int16, DType::Int32, DType::Int64,
    DType::Float16, DType::Float32, DType::Float64 };

enum class Grad { None, RequiresGrad, MulBackward };

// One Python slice: first index, element count and step (negative steps for NumPy only).
struct SliceSpec {
    std::int64_t start = 0;
    std::int64_t count = 0;
    std::int64_t step = 1;
};

// One array, printed three ways: repr(torch.from_numpy(a)) (unless it has negative strides), repr(a), str(a).
struct ArrayCase {
    QString name;
    DType dtype = DType::Float32;
    Shape baseShape;
    std::vector<std::uint64_t> bits; // the base's elements in C order, as raw bits
    std::vector<int> permutation; // applied before the slices; empty for none
    std::vector<SliceSpec> slices; // one per dim of the permuted base; empty for none
    Grad grad = Grad::None;
    bool numpyOnly = false;
};

QString hexOf(DType dtype, const std::vector<std::uint64_t>& bits)
{
    const int size = static_cast<int>(itemSize(dtype));
    QString out;
    out.reserve(static_cast<qsizetype>(bits.size()) * size * 2);
    static const char* kDigits = "0123456789abcdef";
    for (const std::uint64_t b : bits)
        for (int byte = 0; byte < size; ++byte) {
            const unsigned v = static_cast<unsigned>(b >> (8 * byte)) & 0xffu;
            out += QChar(kDigits[v >> 4]);
            out += QChar(kDigits[v & 15]);
        }
    return out;
}

QString pythonTuple(const std::vector<std::int64_t>& values)
{
    QString out = "(";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += QString::number(values[i]) + (values.size() == 1 || i + 1 < values.size() ? "," : "");
    return out + ")";
}

QString shapeText(const Shape& shape)
{
    return pythonTuple(std::vector<std::int64_t>(shape.begin(), shape.end()));
}

const char* kPythonPrelude = R"(
D = {'bool': np.bool_, 'uint8': np.uint8, 'int8': np.int8, 'int16': np.int16, 'int32': np.int32,
     'int64': np.int64, 'float16': np.float16, 'float32': np.float32, 'float64': np.float64}
def build(dt, hx, shape, perm, sl):
    a = np.frombuffer(bytes.fromhex(hx), dtype=D[dt]).reshape(shape).copy()
    if perm:
        a = a.transpose(perm)
    if sl:
        a = a[tuple(slice(*s) for s in sl)]
    return a
def show(dt, hx, shape, perm, sl, grad, numpy_only):
    a = build(dt, hx, shape, perm, sl)
    out = [None, repr(a), str(a)]
    if not numpy_only:
        t = torch.from_numpy(a)
        if grad:
            t.requires_grad_()
        if grad == 2:
            t = t * 1
        out[0] = repr(t)
    return out
)";

QString pythonCaseText(const ArrayCase& c)
{
    QString perm = "None";
    if (!c.permutation.empty()) {
        std::vector<std::int64_t> p(c.permutation.begin(), c.permutation.end());
        perm = pythonTuple(p);
    }
    QString slices = "None";
    if (!c.slices.empty()) {
        slices = "(";
        for (const SliceSpec& s : c.slices) {
            const std::int64_t stop = s.start + s.count * s.step;
            slices += QString("(%1,%2,%3),")
                          .arg(s.start)
                          .arg(stop < 0 ? QString("None") : QString::number(stop))
                          .arg(s.step);
        }
        slices += ")";
    }
    return QString("('%1','%2',%3,%4,%5,%6,%7)")
        .arg(QString::fromUtf8(numpyName(c.dtype).data()), hexOf(c.dtype, c.bits), shapeText(c.baseShape), perm, slices,
            QString::number(static_cast<int>(c.grad)), c.numpyOnly ? "True" : "False");
}

ArrayPtr buildArray(const ArrayCase& c, Flavour flavour)
{
    ArrayPtr base = allocateArray(flavour, c.dtype, c.baseShape);
    const std::int64_t size = itemSize(c.dtype);
    for (std::size_t i = 0; i < c.bits.size(); ++i)
        std::memcpy(base->data() + static_cast<std::int64_t>(i) * size, &c.bits[i], static_cast<std::size_t>(size));
    if (c.permutation.empty() && c.slices.empty())
        return base;
    Shape sizes = base->sizes();
    Strides strides = base->strides();
    if (!c.permutation.empty()) {
        Shape permutedSizes;
        Strides permutedStrides;
        for (const int d : c.permutation) {
            permutedSizes.push_back(sizes[static_cast<std::size_t>(d)]);
            permutedStrides.push_back(strides[static_cast<std::size_t>(d)]);
        }
        sizes = permutedSizes;
        strides = permutedStrides;
    }
    std::int64_t offset = 0;
    for (std::size_t d = 0; d < c.slices.size(); ++d) {
        const SliceSpec& s = c.slices[d];
        offset += s.start * strides[d];
        sizes[d] = s.count;
        strides[d] *= s.step;
    }
    return makeView(base, sizes, strides, base->byteOffset() + offset * size);
}

ArrayPtr buildTensor(const ArrayCase& c)
{
    ArrayPtr t = buildArray(c, Flavour::Torch);
    if (c.grad != Grad::None)
        t->setRequiresGrad(true);
    if (c.grad == Grad::MulBackward)
        t->setGradFn("MulBackward0");
    return t;
}

// The strings of a list the oracle returned: r = ["...", ...] or r = [[...], ...] flattened.
QStringList oracleTexts(const QString& python)
{
    const QJsonObject answer = av::test::askOracleOnce(python);
    QStringList out;
    if (answer.value("kind").toString() != "list") {
        qWarning("the oracle did not answer a list: %s", qPrintable(answer.value("message").toString()));
        return out;
    }
    for (const QJsonValue& item : answer.value("items").toArray()) {
        const QJsonObject o = item.toObject();
        if (o.value("kind").toString() == "list") {
            for (const QJsonValue& inner : o.value("items").toArray())
                out << (inner.toObject().value("kind").toString() == "str" ? inner.toObject().value("value").toString()
                                                                           : QString());
        } else {
            out << o.value("value").toString();
        }
    }
    return out;
}

// Element bits for a value of dtype, converted as NumPy's astype would (once, to nearest).
std::uint64_t bitsOf(DType dtype, double value)
{
    switch (dtype) {
    case DType::Float64:
        return std::bit_cast<std::uint64_t>(value);
    case DType::Float32:
        return std::bit_cast<std::uint32_t>(static_cast<float>(value));
    case DType::Float16:
        return Half::fromDoubleDirect(value);
    case DType::Bool:
        return value != 0.0 ? 1 : 0;
    default:
        break;
    }
    if (!std::isfinite(value))
        value = 0;
    value = std::clamp(value, -9.2e18, 9.2e18);
    const auto integer = static_cast<std::int64_t>(value);
    const std::uint64_t mask
        = itemSize(dtype) == 8 ? ~std::uint64_t { 0 } : ((std::uint64_t { 1 } << (8 * itemSize(dtype))) - 1);
    return static_cast<std::uint64_t>(integer) & mask;
}

class CaseMaker {
public:
    explicit CaseMaker(std::uint64_t seed)
        : m_random(seed)
    {
    }

    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_random); }
    std::int64_t integer(std::int64_t lo, std::int64_t hi)
    {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_random);
    }
    bool chance(double p) { return uniform(0, 1) < p; }
    std::uint64_t raw() { return m_random(); }
    template <typename T> const T& pick(const std::vector<T>& items)
    {
        return items[static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(items.size()) - 1))];
    }

    // n element bits of dtype in one of the styles that move the printers' decisions; returns the style.
    std::vector<std::uint64_t> values(DType dtype, std::int64_t n, QString* style)
    {
        std::vector<std::uint64_t> out;
        out.reserve(static_cast<std::size_t>(n));
        if (dtype == DType::Bool) {
            const double p = pick<double>({ 0.0, 0.5, 1.0, 0.9 });
            *style = QString("p%1").arg(p);
            for (std::int64_t i = 0; i < n; ++i)
                out.push_back(chance(p) ? 1 : 0);
            return out;
        }
        if (!isFloating(dtype)) {
            const int kind = static_cast<int>(integer(0, 3));
            const double range = pick<double>({ 1, 9, 10, 99, 100, 127, 1000, 99999, 1e9, 1e15 });
            *style = QString("int%1-%2").arg(kind).arg(range);
            for (std::int64_t i = 0; i < n; ++i) {
                switch (kind) {
                case 0:
                    out.push_back(m_random());
                    break; // any bits: the dtype's full range
                case 1:
                    out.push_back(bitsOf(dtype,
                        static_cast<double>(
                            integer(-static_cast<std::int64_t>(range), static_cast<std::int64_t>(range)))));
                    break;
                case 2:
                    out.push_back(bitsOf(dtype, static_cast<double>(integer(0, static_cast<std::int64_t>(range)))));
                    break;
                default: {
                    const std::uint64_t bits = itemSize(dtype) * 8;
                    const std::uint64_t top = std::uint64_t { 1 } << (bits - 1);
                    const std::vector<std::uint64_t> extremes = { top, top - 1, 0, 1, ~std::uint64_t { 0 } };
                    out.push_back(
                        pick(extremes) & (bits == 64 ? ~std::uint64_t { 0 } : (std::uint64_t { 1 } << bits) - 1));
                }
                }
            }
            return out;
        }
        const int kind = static_cast<int>(integer(0, 7));
        const double lo = uniform(-10, 12);
        const double span = pick<double>({ 0.3, 1, 2, 2.9, 3.2, 5, 22 });
        const double hi = std::min(lo + span, 12.5);
        const double intRange = pick<double>({ 1, 9, 10, 999, 1000, 1e5, 99999999, 1e8, 1e9, 1e12 });
        const double negative = pick<double>({ 0.0, 0.5, 1.0 });
        const std::vector<double> specials
            = { 0.0, -0.0, NAN, INFINITY, -INFINITY, 1.0, -1.0, 0.5, 1e-5, 1e10, 123.456 };
        const std::vector<double> thresholds = { 1e-4, std::nextafter(1e-4, 0.0), std::nextafter(1e-4, 1.0), 1e8,
            std::nextafter(1e8, 0.0), std::nextafter(1e8, 1e9), 1000.0, 1.0, 0.001, 1000.0001, 999.9999, 0.1, 0.2, 0.3,
            1e16, 9999999999999998.0, 65504.0, 6.1e-5, 5.96e-8, 0.00011, 1e-4 * 1000.5, 1e100, 1.5e-200, 2e300 };
        *style = QString("f%1").arg(kind);
        const bool sprinkle = kind < 3 && chance(0.3);
        for (std::int64_t i = 0; i < n; ++i) {
            double v = 0;
            switch (kind) {
            case 0:
            case 1:
                v = std::pow(10.0, uniform(lo, hi)) * (chance(negative) ? -1 : 1);
                break;
            case 2:
                v = std::round(uniform(negative == 0.0 ? 0.0 : -intRange, intRange));
                break;
            case 3:
                v = static_cast<double>(integer(-999, 999)) / pick<double>({ 1, 2, 4, 10, 100, 1000, 1e8 });
                break;
            case 4:
                v = pick(specials);
                break;
            case 5:
                v = pick(thresholds) * (chance(negative) ? -1 : 1);
                break;
            case 6:
                v = chance(0.5) ? 0.0 : -0.0;
                break;
            default:
                v = pick<double>({ NAN, INFINITY, -INFINITY });
                break;
            }
            if (sprinkle && chance(0.15))
                v = pick(specials);
            out.push_back(bitsOf(dtype, v));
        }
        return out;
    }

    ArrayCase make(DType dtype, const Shape& shape, const QString& what)
    {
        ArrayCase c;
        c.dtype = dtype;
        c.baseShape = shape;
        std::int64_t n = 1;
        for (const std::int64_t s : shape)
            n *= s;
        QString style;
        c.bits = values(dtype, n, &style);
        c.name = QString("%1 %2 %3 %4 #%5")
                     .arg(QString::fromUtf8(numpyName(dtype).data()), shapeText(shape), what, style)
                     .arg(m_serial++);
        if (isFloating(dtype) && chance(0.25))
            c.grad = chance(0.5) ? Grad::RequiresGrad : Grad::MulBackward;
        return c;
    }

private:
    std::mt19937_64 m_random;
    int m_serial = 0;
};

std::vector<ArrayCase> makeArrayCases()
{
    CaseMaker maker(20240611);
    std::vector<ArrayCase> cases;
    const std::vector<Shape> smallShapes
        = { {}, { 1 }, { 2 }, { 5 }, { 7 }, { 10 }, { 3, 4 }, { 4, 3 }, { 1, 6 }, { 6, 1 }, { 2, 3, 4 }, { 2, 1, 3 },
              { 7, 2 }, { 2, 7 }, { 8, 8 }, { 2, 2, 2, 3 }, { 1, 1, 1, 1 }, { 3, 2, 1, 2 } };
    const std::vector<Shape> emptyShapes = { { 0 }, { 0, 3 }, { 3, 0 }, { 2, 0, 4 }, { 0, 0 }, { 1, 0, 1, 1 } };
    std::vector<Shape> wrapShapes;
    for (std::int64_t n = 11; n <= 41; n += 3)
        wrapShapes.push_back({ n });
    wrapShapes.insert(wrapShapes.end(), { { 2, 17 }, { 3, 25 }, { 2, 2, 19 } });
    const std::vector<Shape> thresholdShapes = { { 999 }, { 1000 }, { 1001 }, { 1500 }, { 10, 100 }, { 10, 101 },
        { 7, 143 }, { 1001, 1 }, { 1, 1001 }, { 10, 10, 10 }, { 10, 10, 11 }, { 7, 7, 21 }, { 2, 3, 7, 25 },
        { 7, 3, 7, 7 }, { 6, 6, 6, 6 }, { 13, 2, 40 } };
    for (const DType dtype : kAllDTypes) {
        for (const Shape& shape : smallShapes)
            for (int k = 0; k < 6; ++k)
                cases.push_back(maker.make(dtype, shape, "small"));
        for (const Shape& shape : emptyShapes)
            cases.push_back(maker.make(dtype, shape, "empty"));
        for (const Shape& shape : wrapShapes)
            for (int k = 0; k < 4; ++k)
                cases.push_back(maker.make(dtype, shape, "wrapping"));
        for (const Shape& shape : thresholdShapes)
            cases.push_back(maker.make(dtype, shape, "threshold"));

        // Suffixes that fit on the last line or wrap to a new one, for every width of that line.
        if (isFloating(dtype)) {
            for (std::int64_t n = 3; n <= 13; ++n)
                for (const Grad grad : { Grad::RequiresGrad, Grad::MulBackward }) {
                    ArrayCase c = maker.make(dtype, { n }, "suffixes");
                    c.grad = grad;
                    cases.push_back(c);
                }
        }

        // Views: printing follows logical order, whatever the strides.
        for (int k = 0; k < 4; ++k) {
            ArrayCase t = maker.make(dtype, { 5, 7 }, "transposed");
            t.permutation = { 1, 0 };
            cases.push_back(t);
            ArrayCase p = maker.make(dtype, { 3, 4, 5 }, "permuted");
            p.permutation = { 2, 0, 1 };
            cases.push_back(p);
            ArrayCase s = maker.make(dtype, { 9, 10 }, "strided");
            s.slices = { { 1, 4, 2 }, { 0, 4, 3 } };
            cases.push_back(s);
            ArrayCase r = maker.make(dtype, { 4, 6 }, "reversed");
            r.slices = { { 3, 4, -1 }, { 5, 3, -2 } };
            r.numpyOnly = true;
            cases.push_back(r);
        }
        ArrayCase big = maker.make(dtype, { 40, 60 }, "transposed summarized");
        big.permutation = { 1, 0 };
        cases.push_back(big);
        ArrayCase everyOther = maker.make(dtype, { 2000 }, "every other");
        everyOther.slices = { { 0, 1000, 2 } };
        cases.push_back(everyOther);
        ArrayCase everyOtherSummarized = maker.make(dtype, { 2002 }, "every other summarized");
        everyOtherSummarized.slices = { { 1, 1001, 2 } };
        cases.push_back(everyOtherSummarized);
        ArrayCase stridedSummarized = maker.make(dtype, { 30, 5, 40 }, "permuted strided summarized");
        stridedSummarized.permutation = { 2, 0, 1 };
        stridedSummarized.slices = { { 0, 20, 2 }, { 0, 15, 2 }, { 0, 5, 1 } };
        cases.push_back(stridedSummarized);
    }
    return cases;
}

// NumPy scalars: repr() and str() of np.float16/32/64 and the integer and bool scalars.
struct ScalarCase {
    DType dtype;
    std::uint64_t bits;
};

std::vector<ScalarCase> makeScalarCases()
{
    CaseMaker maker(99);
    std::vector<ScalarCase> cases;
    const std::vector<double> edges
        = { 0.0, -0.0, NAN, INFINITY, -INFINITY, 1e16, 9999999999999998.0, 1e-4, std::nextafter(1e-4, 0.0), 0.1, 3.0,
              1e20, 1e-5, 123456789.0, 1e15, 2.5, -1.5e-7, 65504.0, 5.960464477539063e-08, 1e300, 5e-324 };
    for (const DType dtype : kAllDTypes) {
        for (const double v : edges)
            cases.push_back({ dtype, bitsOf(dtype, v) });
        for (int k = 0; k < 400; ++k) {
            QString style;
            cases.push_back({ dtype, maker.values(dtype, 1, &style)[0] });
            if (isFloating(dtype)) // and any bit pattern
                cases.push_back({ dtype,
                    maker.raw()
                        & (itemSize(dtype) == 8 ? ~std::uint64_t { 0 }
                                                : (std::uint64_t { 1 } << (8 * itemSize(dtype))) - 1) });
        }
    }
    return cases;
}

ArrayPtr numpyScalar(DType dtype, std::uint64_t bits)
{
    ArrayPtr a = allocateArray(Flavour::Numpy, dtype, {});
    std::memcpy(a->data(), &bits, static_cast<std::size_t>(itemSize(dtype)));
    a->setNumpyScalar(true);
    return a;
}

const char* trimLetter(FloatTrim trim)
{
    switch (trim) {
    case FloatTrim::Keep:
        return "k";
    case FloatTrim::TrimZeros:
        return ".";
    case FloatTrim::LeaveOneZero:
        return "0";
    case FloatTrim::TrimZerosAndPoint:
        return "-";
    }
    return "k";
}

QString optional(int value)
{
    return value < 0 ? QString("None") : QString::number(value);
}

} // namespace

class TestFormat : public QObject {
    Q_OBJECT

private:
    std::vector<ArrayCase> m_arrays;
    QStringList m_arrayAnswers; // three per array: tensor repr (or empty), ndarray repr, ndarray str

    std::vector<ScalarCase> m_scalars;
    QStringList m_scalarAnswers; // two per scalar: repr, str

    void addArrayRows()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_arrays.size(); ++i)
            QTest::newRow(qPrintable(m_arrays[i].name)) << static_cast<int>(i);
    }

    const ArrayCase& currentArray()
    {
        QFETCH(int, index);
        return m_arrays[static_cast<std::size_t>(index)];
    }

    QString arrayAnswer(int which)
    {
        QFETCH(int, index);
        return m_arrayAnswers.value(index * 3 + which);
    }

private slots:
    void initTestCase()
    {
        m_arrays = makeArrayCases();
        QString python = QString("import numpy as np, torch\n") + kPythonPrelude + "C=[\n";
        for (const ArrayCase& c : m_arrays)
            python += pythonCaseText(c) + ",\n";
        python += "]\nr=[show(*c) for c in C]\n";
        m_arrayAnswers = oracleTexts(python);
        QCOMPARE(m_arrayAnswers.size(), static_cast<qsizetype>(m_arrays.size() * 3));

        m_scalars = makeScalarCases();
        python = QString("import numpy as np\n") + kPythonPrelude + "C=[\n";
        for (const ScalarCase& s : m_scalars)
            python += QString("('%1','%2'),")
                          .arg(QString::fromUtf8(numpyName(s.dtype).data()), hexOf(s.dtype, { s.bits }));
        python += "]\nr=[]\nfor dt, hx in C:\n    x = np.frombuffer(bytes.fromhex(hx), dtype=D[dt])[0]\n"
                  "    r.append(repr(x)); r.append(str(x))\n";
        m_scalarAnswers = oracleTexts(python);
        QCOMPARE(m_scalarAnswers.size(), static_cast<qsizetype>(m_scalars.size() * 2));
    }

    void tensorReprMatchesTorch_data() { addArrayRows(); }
    void tensorReprMatchesTorch()
    {
        const ArrayCase& c = currentArray();
        if (c.numpyOnly)
            QSKIP("negative strides are NumPy's only");
        QCOMPARE(QString::fromStdString(tensorRepr(*buildTensor(c))), arrayAnswer(0));
    }

    void ndarrayReprMatchesNumpy_data() { addArrayRows(); }
    void ndarrayReprMatchesNumpy()
    {
        const ArrayCase& c = currentArray();
        QCOMPARE(QString::fromStdString(ndarrayRepr(*buildArray(c, Flavour::Numpy))), arrayAnswer(1));
    }

    void ndarrayStrMatchesNumpy_data() { addArrayRows(); }
    void ndarrayStrMatchesNumpy()
    {
        const ArrayCase& c = currentArray();
        QCOMPARE(QString::fromStdString(ndarrayStr(*buildArray(c, Flavour::Numpy))), arrayAnswer(2));
    }

    void numpyScalarsPrintAsNumpyDoes()
    {
        int mismatches = 0;
        QString report;
        for (std::size_t i = 0; i < m_scalars.size(); ++i) {
            const ArrayPtr s = numpyScalar(m_scalars[i].dtype, m_scalars[i].bits);
            const QString repr = QString::fromStdString(numpyScalarRepr(*s));
            const QString str = QString::fromStdString(numpyScalarStr(*s));
            if (repr != m_scalarAnswers.value(static_cast<qsizetype>(i) * 2)
                || str != m_scalarAnswers.value(static_cast<qsizetype>(i) * 2 + 1)) {
                if (++mismatches <= 20)
                    report += QString("\n  %1 bits %2: numpy %3 / %4, engine %5 / %6")
                                  .arg(QString::fromUtf8(numpyName(m_scalars[i].dtype).data()))
                                  .arg(m_scalars[i].bits)
                                  .arg(m_scalarAnswers.value(static_cast<qsizetype>(i) * 2),
                                      m_scalarAnswers.value(static_cast<qsizetype>(i) * 2 + 1), repr, str);
            }
        }
        QVERIFY2(mismatches == 0,
            qPrintable(QString("%1 of %2 scalars differ:%3").arg(mismatches).arg(m_scalars.size()).arg(report)));
    }

    // Every float16 bit pattern: the scalar's repr (shortest digits among halves), a one-element array's repr
    // (Dragon4 under array options), and torch, which prints halves through float32.
    void everyHalfPrintsAsBothLibrariesDo()
    {
        const QStringList real = oracleTexts("h = np.arange(65536, dtype=np.uint16).view(np.float16)\n"
                                             "r = [repr(x) for x in h] + [repr(h[i:i+1]) for i in range(65536)]"
                                             " + [repr(torch.from_numpy(h[i:i+16])) for i in range(0, 65536, 16)]");
        QCOMPARE(real.size(), 65536 * 2 + 4096);
        int mismatches = 0;
        QString report;
        const auto check = [&](const QString& engine, const QString& numpy, int bits) {
            if (engine != numpy && ++mismatches <= 20)
                report += QString("\n  bits %1: real %2, engine %3").arg(bits).arg(numpy, engine);
        };
        for (int bits = 0; bits < 65536; ++bits) {
            const ArrayPtr scalar = numpyScalar(DType::Float16, static_cast<std::uint64_t>(bits));
            check(QString::fromStdString(numpyScalarRepr(*scalar)), real[bits], bits);
            ArrayPtr one = allocateArray(Flavour::Numpy, DType::Float16, { 1 });
            std::memcpy(one->data(), &bits, 2);
            check(QString::fromStdString(ndarrayRepr(*one)), real[65536 + bits], bits);
        }
        for (int start = 0; start < 65536; start += 16) {
            ArrayPtr t = allocateArray(Flavour::Torch, DType::Float16, { 16 });
            for (int k = 0; k < 16; ++k) {
                const std::uint16_t b = static_cast<std::uint16_t>(start + k);
                std::memcpy(t->data() + 2 * k, &b, 2);
            }
            check(QString::fromStdString(tensorRepr(*t)), real[2 * 65536 + start / 16], start);
        }
        QVERIFY2(mismatches == 0, qPrintable(QString("%1 differ:%2").arg(mismatches).arg(report)));
    }

    // np.format_float_positional / np.format_float_scientific with random options, in each float type.
    void dragon4MatchesFormatFloat()
    {
        std::mt19937_64 random(4242);
        const auto rnd
            = [&](int lo, int hi) { return static_cast<int>(std::uniform_int_distribution<int>(lo, hi)(random)); };
        const std::vector<int> precisions = { -1, -1, 0, 1, 2, 3, 4, 5, 8, 10, 17 };
        const std::vector<int> minDigitChoices = { -1, -1, -1, 0, 1, 2, 4, 8 };
        QString python = "T = {'float16': (np.uint16, np.float16), 'float32': (np.uint32, np.float32), 'float64': "
                         "(np.uint64, np.float64)}\n"
                         "def f(t, b, sci, p, m, trim, sign, pl, pr, ed, frac):\n"
                         "    x = np.array([b], dtype=T[t][0]).view(T[t][1])[0]\n"
                         "    if sci:\n"
                         "        return np.format_float_scientific(x, precision=p, unique=True, trim=trim, sign=sign, "
                         "pad_left=pl, exp_digits=ed, min_digits=m)\n"
                         "    return np.format_float_positional(x, precision=p, unique=True, fractional=frac, "
                         "trim=trim, sign=sign, pad_left=pl, pad_right=pr, min_digits=m)\n"
                         "r = [f(*c) for c in [\n";
        QStringList engine;
        for (int i = 0; i < 6000; ++i) {
            const DType dtype = kAllDTypes[6 + rnd(0, 2)];
            std::uint64_t bits = random();
            if (rnd(0, 1)) { // a value of moderate size rather than any bit pattern
                const double v
                    = std::pow(10.0, std::uniform_real_distribution<double>(-12, 14)(random)) * (rnd(0, 1) ? -1 : 1);
                bits = bitsOf(dtype, v);
            }
            bits &= itemSize(dtype) == 8 ? ~std::uint64_t { 0 } : (std::uint64_t { 1 } << (8 * itemSize(dtype))) - 1;
            FloatFormatOptions o;
            const bool sci = rnd(0, 1);
            o.precision = precisions[static_cast<std::size_t>(rnd(0, static_cast<int>(precisions.size()) - 1))];
            o.minDigits
                = minDigitChoices[static_cast<std::size_t>(rnd(0, static_cast<int>(minDigitChoices.size()) - 1))];
            if (o.precision >= 0 && o.minDigits > o.precision)
                o.minDigits = o.precision;
            o.trim = static_cast<FloatTrim>(rnd(0, 3));
            o.sign = rnd(0, 1);
            o.padLeft = std::vector<int> { -1, -1, 0, 1, 3, 6 }[static_cast<std::size_t>(rnd(0, 5))];
            o.padRight = std::vector<int> { -1, -1, 0, 2, 5 }[static_cast<std::size_t>(rnd(0, 4))];
            o.expDigits = std::vector<int> { -1, -1, 0, 1, 3 }[static_cast<std::size_t>(rnd(0, 4))];
            o.fractional = rnd(0, 3) != 0;
            if (!o.fractional && o.precision == 0)
                o.precision = 1;
            python += QString("('%1',%2,%3,%4,%5,'%6',%7,%8,%9,%10,%11),\n")
                          .arg(QString::fromUtf8(numpyName(dtype).data()))
                          .arg(static_cast<qulonglong>(bits))
                          .arg(sci ? "True" : "False", optional(o.precision), optional(o.minDigits), trimLetter(o.trim),
                              o.sign ? "True" : "False", optional(o.padLeft), optional(o.padRight),
                              optional(o.expDigits), o.fractional ? "True" : "False");
            std::string text;
            dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
                if constexpr (kIsFloat<T>) {
                    const T value = loadElement<T>(reinterpret_cast<const std::byte*>(&bits));
                    text = sci ? formatFloatScientific(value, o) : formatFloatPositional(value, o);
                }
            });
            engine << QString::fromStdString(text);
        }
        python += "]]\n";
        const QStringList real = oracleTexts(python);
        QCOMPARE(real.size(), engine.size());
        for (qsizetype i = 0; i < real.size(); ++i)
            QCOMPARE(engine[i], real[i]);
    }

    // Torch names the device when it is not the default (CPU) one, first among the suffixes. The oracle has
    // no GPU, so the real _tensor_str and _add_suffixes are called with the suffixes _str_intern would pass.
    void tensorOnAnotherDeviceNamesIt()
    {
        ArrayPtr small = allocateArray(Flavour::Torch, DType::Float32, { 2 });
        reinterpret_cast<float*>(small->data())[0] = 1.0f;
        reinterpret_cast<float*>(small->data())[1] = 2.0f;
        QCOMPARE(
            QString::fromStdString(tensorRepr(*small, Device::cuda(0))), QString("tensor([1., 2.], device='cuda:0')"));
        small->setRequiresGrad(true);
        QCOMPARE(QString::fromStdString(tensorRepr(*small, Device::cuda(1))),
            QString("tensor([1., 2.], device='cuda:1', requires_grad=True)"));

        ArrayPtr wide = allocateArray(Flavour::Torch, DType::Float64, { 3, 7 });
        for (int i = 0; i < 21; ++i)
            reinterpret_cast<double*>(wide->data())[i] = i * 1234.5678;
        wide->setGradFn("AddBackward0");
        wide->setRequiresGrad(true);
        const QStringList real = oracleTexts("from torch._tensor_str import _tensor_str, _add_suffixes\n"
                                             "t = torch.arange(21, dtype=torch.float64).reshape(3, 7) * 1234.5678\n"
                                             "r = [_add_suffixes('tensor(' + _tensor_str(t, 7), [\"device='cuda:0'\", "
                                             "'dtype=torch.float64', 'grad_fn=<AddBackward0>'], 7, False),"
                                             " _add_suffixes('tensor(' + _tensor_str(t[:1, :3], 7), "
                                             "[\"device='cuda:0'\", 'dtype=torch.float64'], 7, False)]");
        QCOMPARE(real.size(), 2);
        QCOMPARE(QString::fromStdString(tensorRepr(*wide, Device::cuda(0))), real[0]);
        wide->setGradFn("");
        wide->setRequiresGrad(false);
        const ArrayPtr corner = makeView(wide, { 1, 3 }, { 7, 1 }, 0);
        QCOMPARE(QString::fromStdString(tensorRepr(*corner, Device::cuda(0))), real[1]);
    }

    // Summarization formats only the edge items, so a million elements print as fast as a hundred.
    void millionElementArraysPrintSummarizedAndFast()
    {
        ArrayPtr t = allocateArray(Flavour::Torch, DType::Float32, { 1000, 1000 });
        ArrayPtr a = allocateArray(Flavour::Numpy, DType::Float64, { 1000, 1000 });
        for (int i = 0; i < 1000000; ++i) {
            reinterpret_cast<float*>(t->data())[i] = static_cast<float>(i) / 8.0f;
            reinterpret_cast<double*>(a->data())[i] = static_cast<double>(i) / 7.0;
        }
        QElapsedTimer timer;
        timer.start();
        const std::string tensorText = tensorRepr(*t);
        const std::string arrayText = ndarrayRepr(*a);
        const std::string arrayStrText = ndarrayStr(*a);
        const qint64 elapsed = timer.elapsed();
        const QStringList real = oracleTexts("t = torch.arange(1000000, dtype=torch.float32).reshape(1000, 1000) / 8\n"
                                             "a = np.arange(1000000, dtype=np.float64).reshape(1000, 1000) / 7\n"
                                             "r = [repr(t), repr(a), str(a)]");
        QCOMPARE(real.size(), 3);
        QCOMPARE(QString::fromStdString(tensorText), real[0]);
        QCOMPARE(QString::fromStdString(arrayText), real[1]);
        QCOMPARE(QString::fromStdString(arrayStrText), real[2]);
        QVERIFY2(elapsed < 200, qPrintable(QString("printing took %1 ms").arg(elapsed)));
    }

    // A few texts worth reading at a glance, from the brief; the oracle rows above are the real judge.
    void familiarTextsReadAsExpected()
    {
        ArrayPtr a = allocateArray(Flavour::Numpy, DType::Float32, { 2, 2 });
        for (int i = 0; i < 4; ++i)
            reinterpret_cast<float*>(a->data())[i] = static_cast<float>(i);
        QCOMPARE(
            QString::fromStdString(ndarrayRepr(*a)), QString("array([[0., 1.],\n       [2., 3.]], dtype=float32)"));
        QCOMPARE(QString::fromStdString(ndarrayStr(*a)), QString("[[0. 1.]\n [2. 3.]]"));
        const ArrayPtr tenth = numpyScalar(DType::Float32, std::bit_cast<std::uint32_t>(0.1f));
        QCOMPARE(QString::fromStdString(numpyScalarRepr(*tenth)), QString("0.1"));
        const ArrayPtr empty = allocateArray(Flavour::Torch, DType::Float32, { 0, 3 });
        QCOMPARE(QString::fromStdString(tensorRepr(*empty)), QString("tensor([], size=(0, 3))"));
    }
};

AV_TEST_MAIN(TestFormat)
#include "tst_format.moc"
