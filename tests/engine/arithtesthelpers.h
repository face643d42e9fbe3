#pragma once
// What tst_promotion, tst_arithmetic and tst_inplace share: operands described once and built twice (as
// Python text for the real libraries and as engine Values), and a suite of table-generated oracle cases
// that is looked up by name, compares every field, and knows the one place where aliasview refuses on
// purpose (NumPy results of uint16/uint32/uint64, which it does not model).

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/errors.h"
#include "engine/pyformat.h"
#include "tests/support/oracle.h"

#include <QJsonArray>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace av::test::arith {

using namespace av::engine;

constexpr DType kAllDTypes[] = {DType::Bool,  DType::UInt8,   DType::Int8,    DType::Int16,  DType::Int32,
                                DType::Int64, DType::Float16, DType::Float32, DType::Float64};

// T(values, dtype, grad) / N(values, dtype) / S(value, dtype) make arrays by a cast from float64 (or
// int64 with i=True), as the C++ side builds them with convertElement.
inline const char* kPrelude =
    "TD={'bool':torch.bool,'uint8':torch.uint8,'int8':torch.int8,'int16':torch.int16,'int32':torch.int32,"
    "'int64':torch.int64,'float16':torch.float16,'float32':torch.float32,'float64':torch.float64}\n"
    "def T(v,dt='float32',g=False,i=False,s=None):\n"
    "    t=torch.tensor(v,dtype=torch.int64 if i else torch.float64).to(TD[dt])\n"
    "    t=t if s is None else t.reshape(s).clone()\n"
    "    return t.requires_grad_() if g else t\n"
    "def N(v,dt='float64',i=False,s=None):\n"
    "    a=np.array(v,dtype=np.int64 if i else np.float64).astype(dt)\n"
    "    return a if s is None else a.reshape(s).copy()\n"
    "def S(v,dt,i=False):\n"
    "    return N(v,dt,i)[()]\n";

inline std::string pyDType(DType dtype) { return std::string(numpyName(dtype)); }

// A double as Python source text.
inline std::string pyFloat(double v)
{
    if (std::isnan(v))
        return "float('nan')";
    if (std::isinf(v))
        return v > 0 ? "float('inf')" : "float('-inf')";
    return formatPythonFloat(v);
}

inline std::string pyNumber(const Scalar& s)
{
    if (s.isFloat())
        return pyFloat(s.toDouble());
    return s.repr();
}

// Values in C order; integral ones are written and cast through int64 so that large ints stay exact.
struct Values {
    std::vector<double> real;
    std::vector<std::int64_t> integer;
    bool integral = false;

    static Values of(std::vector<double> v) { return {std::move(v), {}, false}; }
    static Values ints(std::vector<std::int64_t> v) { return {{}, std::move(v), true}; }
    std::size_t size() const { return integral ? integer.size() : real.size(); }

    std::string python() const
    {
        std::string out = "[";
        for (std::size_t i = 0; i < size(); ++i) {
            if (i)
                out += ",";
            out += integral ? std::to_string(integer[i]) : pyFloat(real[i]);
        }
        return out + "]";
    }
};

// A fresh C-contiguous array holding `values` (one per element, C order) converted to dtype as the library's cast converts them.
inline ArrayPtr buildArray(Flavour flavour, DType dtype, const Shape& shape, const Values& values)
{
    ArrayPtr array = allocateArray(flavour, dtype, shape);
    const bool numpyRules = flavour == Flavour::Numpy;
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        for (std::int64_t i = 0; i < array->numel(); ++i) {
            const std::size_t k = static_cast<std::size_t>(i);
            const T element = values.integral ? convertElement<T>(values.integer[k], numpyRules)
                                              : convertElement<T>(values.real[k], numpyRules);
            storeElement<T>(array->data() + i * array->itemsize(), element);
        }
    });
    return array;
}

// The number at the heart of a 0-d operand, as Python text.
inline std::string pyFirst(const Values& values)
{
    return values.integral ? std::to_string(values.integer.at(0)) : pyFloat(values.real.at(0));
}

// One operand of a Python expression, described for both sides.
struct OperandSpec {
    std::string label;   // in case names: "int8 tensor", "np.float64(2.5)", "200"
    std::string python;  // an expression
    std::function<Value()> make;
};

inline std::string shapeTuple(const Shape& shape)
{
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
    return out + ")";
}

// Default labels name the shape of every array but a 0-d one: "float32 tensor(2, 3)".
inline std::string shapeSuffix(const Shape& shape)
{
    if (shape.empty())
        return {};
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + (shape.size() == 1 ? ",)" : ")");
}

// T([...],'int8') / N(3,'float16',i=True) / T([...],'float32',g=True).reshape((2,3)): values are C order and
// as many as the shape holds.
inline std::string pyArrayCall(const char* fn, const Shape& shape, DType dtype, const Values& values, bool grad)
{
    std::string out = std::string(fn) + "(" + (shape.empty() ? pyFirst(values) : values.python()) + ",'" +
                      pyDType(dtype) + "'";
    if (grad)
        out += ",g=True";
    if (values.integral)
        out += ",i=True";
    if (shape.size() > 1 || (shape.size() == 1 && values.size() == 0))
        out += ",s=" + shapeTuple(shape);  // a fresh array of that shape, not a view of the flat one
    return out + ")";
}

inline OperandSpec tensorOperand(DType dtype, Shape shape, Values values, bool grad = false, std::string label = {})
{
    if (label.empty())
        label = std::string(shape.empty() ? "0-d " : "") + pyDType(dtype) + (grad ? " grad" : "") + " tensor" +
                shapeSuffix(shape);
    return {label, pyArrayCall("T", shape, dtype, values, grad), [=] {
                ArrayPtr t = buildArray(Flavour::Torch, dtype, shape, values);
                t->setRequiresGrad(grad);
                return Value(t);
            }};
}

inline OperandSpec ndarrayOperand(DType dtype, Shape shape, Values values, std::string label = {})
{
    if (label.empty())
        label = std::string(shape.empty() ? "0-d " : "") + pyDType(dtype) + " ndarray" + shapeSuffix(shape);
    return {label, pyArrayCall("N", shape, dtype, values, false),
            [=] { return Value(buildArray(Flavour::Numpy, dtype, shape, values)); }};
}

inline ArrayPtr buildNumpyScalar(DType dtype, const Values& value)
{
    ArrayPtr s = buildArray(Flavour::Numpy, dtype, {}, value);
    s->setNumpyScalar(true);
    return s;
}

inline OperandSpec numpyScalarOperand(DType dtype, Values value, std::string label = {})
{
    const std::string v = pyFirst(value);
    if (label.empty())
        label = "np." + pyDType(dtype) + "(" + v + ")";
    return {label, "S(" + v + ",'" + pyDType(dtype) + "'" + (value.integral ? ",i=True" : "") + ")",
            [=] { return Value(buildNumpyScalar(dtype, value)); }};
}

inline OperandSpec numberOperand(const Scalar& number)
{
    const std::string text = pyNumber(number);
    return {text, text, [=] { return Value(number); }};
}

// base seen through a view: python appends pySuffix (".T", "[::2]"), the engine applies view().
inline OperandSpec viewOf(const OperandSpec& base, const std::string& pySuffix, const std::string& labelSuffix,
                          std::function<ArrayPtr(const ArrayPtr&)> view)
{
    return {base.label + labelSuffix, base.python + pySuffix,
            [make = base.make, view] { return Value(view(std::get<ArrayPtr>(make()))); }};
}

// ---- The suite -----------------------------------------------------------------------------------------

inline bool isUnmodelledNumpyDType(const QJsonObject& description)
{
    const QString dtype = description.value("dtype").toString();
    return dtype == "uint16" || dtype == "uint32" || dtype == "uint64";
}

inline QString describeDifferences(const QJsonValue& real, const QJsonValue& engine, const QString& path)
{
    if (real == engine)
        return {};
    if (real.isObject() && engine.isObject()) {
        QString out;
        const QJsonObject r = real.toObject(), e = engine.toObject();
        QStringList keys = r.keys();
        for (const QString& key : e.keys())
            if (!keys.contains(key))
                keys << key;
        for (const QString& key : keys)
            out += describeDifferences(r.value(key), e.value(key), path.isEmpty() ? key : path + "." + key);
        return out;
    }
    if (real.isArray() && engine.isArray() && real.toArray().size() == engine.toArray().size()) {
        QString out;
        const QJsonArray r = real.toArray(), e = engine.toArray();
        for (qsizetype i = 0; i < r.size(); ++i)
            out += describeDifferences(r.at(i), e.at(i), path + "[" + QString::number(i) + "]");
        return out;
    }
    const auto text = [](const QJsonValue& v) {
        if (v.isUndefined())
            return QStringLiteral("(missing)");
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    };
    return QStringLiteral("\n  %1: real %2, engine %3").arg(path, text(real), text(engine));
}

// Oracle cases generated from tables. Rows are looked up by name in a hash (tens of thousands of rows).
class CaseTable {
public:
    void add(QString name, std::string python, std::function<Outcome()> engine)
    {
        const QString fullPython = QString::fromUtf8(kPrelude) + QString::fromStdString(python);
        if (m_index.count(name)) {
            m_duplicates << name;
            return;
        }
        m_index.emplace(name, m_cases.size());
        m_cases.push_back({std::move(name), fullPython, std::move(engine)});
    }
    std::size_t size() const { return m_cases.size(); }
    QStringList names() const
    {
        QStringList out;
        for (const OracleCase& c : m_cases)
            out << c.name;
        return out;
    }

    void askOracle()
    {
        QVERIFY2(m_duplicates.isEmpty(), qPrintable("duplicate case names: " + m_duplicates.join(", ")));
        // AV_DUMP_ORACLE=dir writes each table's request, to replay a failing oracle by hand.
        if (const QString dir = qEnvironmentVariable("AV_DUMP_ORACLE"); !dir.isEmpty()) {
            QJsonArray cases;
            for (const OracleCase& c : m_cases)
                cases.append(QJsonObject{{"name", c.name}, {"code", c.python}});
            QFile file(QStringLiteral("%1/oracle-%2.json").arg(dir).arg(reinterpret_cast<quintptr>(this)));
            if (file.open(QIODevice::WriteOnly))
                file.write(QJsonDocument(QJsonObject{{"cases", cases}}).toJson(QJsonDocument::Compact));
        }
        m_suite = std::make_unique<OracleSuite>(m_cases);
        m_suite->askOracle();
    }

    void addRows() const
    {
        QTest::addColumn<QString>("name");
        for (const OracleCase& c : m_cases)
            QTest::newRow(qPrintable(c.name)) << c.name;
    }

    // The oracle's answer for a case, for direct assertions.
    QJsonObject real(const QString& name) const { return m_suite ? m_suite->answer(name) : QJsonObject{}; }
    QJsonObject engine(const QString& name) const { return describeOutcome(m_cases.at(m_index.at(name)).engine); }
    std::size_t countRealWhere(const std::function<bool(const QJsonObject&)>& predicate) const
    {
        std::size_t n = 0;
        for (const OracleCase& c : m_cases)
            n += predicate(real(c.name)) ? 1 : 0;
        return n;
    }

    void checkCurrentRow() const
    {
        QFETCH(QString, name);
        const auto it = m_index.find(name);
        QVERIFY(it != m_index.end());
        const OracleCase& c = m_cases[it->second];
        const QJsonObject real = this->real(name);
        QVERIFY2(!real.isEmpty(), "the oracle gave no answer for this case (did initTestCase fail?)");
        QJsonObject engine;
        try {
            engine = describeOutcome(c.engine);
        } catch (const std::exception& error) {
            QFAIL(qPrintable(QStringLiteral("engine threw a non-Python error: %1\n%2").arg(error.what(), c.python)));
        }
        if (real.value("kind").toString() == "ndarray" || real.value("kind").toString() == "npscalar") {
            if (isUnmodelledNumpyDType(real)) {
                // aliasview models bool, uint8 and int8..float64: it says so instead of guessing.
                QCOMPARE(engine.value("kind").toString(), QStringLiteral("error"));
                QCOMPARE(engine.value("type").toString(), QStringLiteral("NotImplementedError"));
                QVERIFY2(engine.value("message").toString().startsWith(
                             "NumPy would compute this in " + real.value("dtype").toString()),
                         qPrintable(engine.value("message").toString()));
                return;
            }
        }
        const QString differences = describeDifferences(real, engine, {});
        QVERIFY2(differences.isEmpty(),
                 qPrintable(QStringLiteral("engine differs from real PyTorch/NumPy for:\n%1%2")
                                .arg(c.python.mid(static_cast<qsizetype>(std::strlen(kPrelude))), differences)));
    }

private:
    std::vector<OracleCase> m_cases;
    std::unordered_map<QString, std::size_t> m_index;
    QStringList m_duplicates;
    std::unique_ptr<OracleSuite> m_suite;
};

inline BinaryOp kAllBinaryOps[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div, BinaryOp::FloorDiv,
                                   BinaryOp::Mod, BinaryOp::Pow, BinaryOp::Lt,  BinaryOp::Le,  BinaryOp::Gt,
                                   BinaryOp::Ge,  BinaryOp::Eq,  BinaryOp::Ne};

inline std::string pySymbol(BinaryOp op) { return std::string(symbolOf(op)); }

}  // namespace av::test::arith
