#include "oracle.h"

#include "engine/dispatch.h"
#include "engine/errors.h"
#include "engine/pyformat.h"
#include "engine/warnings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <set>

namespace av::test {

using namespace av::engine;

Outcome Outcome::of(Value value, ArrayPtr src)
{
    Outcome out;
    out.results.push_back(std::move(value));
    out.src = std::move(src);
    return out;
}

Outcome Outcome::tuple(std::vector<Value> items, ArrayPtr src)
{
    Outcome out;
    out.results = std::move(items);
    out.isTuple = true;
    out.src = std::move(src);
    return out;
}

Outcome Outcome::tuple(const std::vector<ArrayPtr>& items, ArrayPtr src)
{
    std::vector<Value> values(items.begin(), items.end());
    return tuple(std::move(values), std::move(src));
}

namespace {

QString elementText(const Array& array, const std::byte* p)
{
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> QString {
        const T value = loadElement<T>(p);
        if constexpr (std::is_same_v<T, bool>)
            return value ? QStringLiteral("True") : QStringLiteral("False");
        else if constexpr (kIsFloat<T>)
            return QString::fromStdString(formatPythonFloat(static_cast<double>(static_cast<OpMathT<T>>(value))));
        else
            return QString::number(static_cast<qlonglong>(value));
    });
}

// Every byte range [begin, end) of the buffer that a view's elements occupy; brute force on purpose, so the
// test does not rely on the engine's own alias queries.
std::set<std::int64_t> occupiedBytes(const Array& array)
{
    std::set<std::int64_t> bytes;
    const std::int64_t n = array.numel();
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    for (std::int64_t flat = 0; flat < n; ++flat) {
        const std::int64_t offset = array.bufferByteOffsetOf(index);
        for (std::int64_t b = 0; b < array.itemsize(); ++b)
            bytes.insert(offset + b);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < array.sizes()[d])
                break;
            index[d] = 0;
        }
    }
    return bytes;
}

bool bruteForceShares(const Array& a, const Array& b)
{
    if (a.buffer() != b.buffer() || a.numel() == 0 || b.numel() == 0)
        return false;
    const std::set<std::int64_t> left = occupiedBytes(a);
    for (const std::int64_t byte : occupiedBytes(b))
        if (left.count(byte))
            return true;
    return false;
}

QJsonArray intArray(const std::vector<std::int64_t>& values)
{
    QJsonArray out;
    for (const std::int64_t v : values)
        out.append(static_cast<qint64>(v));
    return out;
}

QJsonObject describeArray(const ArrayPtr& x, const ArrayPtr& src)
{
    QJsonObject d;
    if (x->isNumpyScalar()) {
        d["kind"] = "npscalar";
        d["dtype"] = QString::fromUtf8(numpyName(x->dtype()).data(), static_cast<int>(numpyName(x->dtype()).size()));
        d["value"] = flatValueTexts(*x).value(0);
        return d;
    }
    const QString dtype = QString::fromUtf8(numpyName(x->dtype()).data(), static_cast<int>(numpyName(x->dtype()).size()));
    if (x->isTensor()) {
        d["kind"] = "Tensor";
        d["dtype"] = dtype;
        d["shape"] = intArray(x->sizes());
        d["strides"] = intArray(x->strides());
        d["offset"] = static_cast<qint64>(x->storageOffset());
        d["contiguous"] = x->isContiguous();
        d["requires_grad"] = x->requiresGrad();
        d["is_leaf"] = x->isLeaf();
        d["grad_fn"] = x->gradFn().empty() ? QJsonValue() : QJsonValue(QString::fromStdString(x->gradFn()));
        d["version"] = static_cast<qint64>(x->version());
        d["is_view"] = x->isView();
        d["storage_nbytes"] = static_cast<qint64>(x->storage()->nbytes());
        d["device"] = QString::fromStdString(x->device().str());
    } else {
        d["kind"] = "ndarray";
        d["dtype"] = dtype;
        d["shape"] = intArray(x->sizes());
        d["byte_strides"] = intArray(x->byteStrides());
        d["owndata"] = x->ownsData();
        d["writeable"] = x->writeable();
        d["c_contiguous"] = x->isContiguous();
        d["f_contiguous"] = x->isFContiguous();
        d["base"] = !x->base() ? QJsonValue() : QJsonValue(x->base()->isTensor() ? "Tensor" : "ndarray");
        if (src)
            d["base_is_src"] = x->base() == src;
    }
    d["values"] = QJsonArray::fromStringList(flatValueTexts(*x));
    if (src) {
        d["same_object"] = x == src;
        const bool shares = bruteForceShares(*x, *src);
        d["shares"] = shares;
        d["ptr_delta"] = shares ? QJsonValue(static_cast<qint64>(x->dataPtr() - src->dataPtr())) : QJsonValue();
    }
    return d;
}

}  // namespace

QStringList flatValueTexts(const Array& array)
{
    QStringList out;
    const std::int64_t n = array.numel();
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    const std::byte* bufferStart = array.buffer()->data();
    for (std::int64_t flat = 0; flat < n; ++flat) {
        out << elementText(array, bufferStart + array.bufferByteOffsetOf(index));
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < array.sizes()[d])
                break;
            index[d] = 0;
        }
    }
    return out;
}

QJsonObject describeValue(const Value& value, const ArrayPtr& src)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value)) {
        if (!*array)
            return {{"kind", "other"}, {"type", "NoneType"}, {"repr", "None"}};
        return describeArray(*array, src);
    }
    const Scalar& scalar = std::get<Scalar>(value);
    const char* type = scalar.isBool() ? "bool" : scalar.isInt() ? "int" : "float";
    return {{"kind", "scalar"}, {"type", type}, {"value", QString::fromStdString(scalar.repr())}};
}

QJsonObject describeOutcome(const std::function<Outcome()>& run)
{
    QJsonArray warnings;
    WarningScope scope([&](const EngineWarning& w) {
        warnings.append(QJsonObject{{"category", QString::fromStdString(w.category)},
                                    {"message", QString::fromStdString(w.message)}});
    });
    QJsonObject out;
    try {
        const Outcome outcome = run();
        if (outcome.isTuple) {
            QJsonArray items;
            for (const Value& item : outcome.results)
                items.append(describeValue(item, outcome.src));
            out = {{"kind", "tuple"}, {"items", items}};
        } else {
            out = describeValue(outcome.results.at(0), outcome.src);
        }
    } catch (const PyError& error) {
        return {{"kind", "error"},
                {"type", QString::fromStdString(error.typeName())},
                {"message", QString::fromStdString(error.message())}};
    }
    if (!warnings.isEmpty())
        out["warnings"] = warnings;
    return out;
}

namespace {

QJsonObject runOracle(const QJsonArray& cases, QString* failure)
{
    QProcess python;
    python.start(QStringLiteral(AV_REAL_PYTHON), {QStringLiteral(AV_ORACLE_SCRIPT)});
    if (!python.waitForStarted(30000)) {
        *failure = QStringLiteral("cannot start %1; run scripts/deps to install Debian's python3-torch").arg(AV_REAL_PYTHON);
        return {};
    }
    python.write(QJsonDocument(QJsonObject{{"cases", cases}}).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    if (!python.waitForFinished(600000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        *failure = QStringLiteral("the oracle failed (is python3-torch installed? run scripts/deps):\n%1")
                       .arg(QString::fromUtf8(python.readAllStandardError()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(python.readAllStandardOutput(), &error);
    if (error.error != QJsonParseError::NoError) {
        *failure = QStringLiteral("the oracle's answer is not JSON: %1").arg(error.errorString());
        return {};
    }
    return doc.object();
}

QString diff(const QJsonValue& real, const QJsonValue& engine, const QString& path)
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
            out += diff(r.value(key), e.value(key), path.isEmpty() ? key : path + "." + key);
        return out;
    }
    const auto text = [](const QJsonValue& v) {
        if (v.isUndefined())
            return QStringLiteral("(missing)");
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    };
    return QStringLiteral("\n  %1: real %2, engine %3").arg(path, text(real), text(engine));
}

}  // namespace

OracleSuite::OracleSuite(std::vector<OracleCase> cases) : m_cases(std::move(cases)) {}

void OracleSuite::askOracle()
{
    QJsonArray cases;
    std::set<QString> names;
    for (const OracleCase& c : m_cases) {
        QVERIFY2(names.insert(c.name).second, qPrintable("duplicate case name " + c.name));
        cases.append(QJsonObject{{"name", c.name}, {"code", c.python}});
    }
    QString failure;
    const QJsonObject reply = runOracle(cases, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QJsonObject answers = reply.value("answers").toObject();
    for (auto it = answers.begin(); it != answers.end(); ++it)
        m_answers[it.key()] = it.value().toObject();
    QCOMPARE(static_cast<qsizetype>(m_answers.size()), static_cast<qsizetype>(m_cases.size()));
}

void OracleSuite::addRows() const
{
    QTest::addColumn<QString>("name");
    for (const OracleCase& c : m_cases)
        QTest::newRow(qPrintable(c.name)) << c.name;
}

const QJsonObject& OracleSuite::answer(const QString& name) const
{
    static const QJsonObject kNone;
    const auto it = m_answers.find(name);
    return it == m_answers.end() ? kNone : it->second;
}

void OracleSuite::checkCurrentRow() const
{
    QFETCH(QString, name);
    const auto it = std::find_if(m_cases.begin(), m_cases.end(), [&](const OracleCase& c) { return c.name == name; });
    QVERIFY(it != m_cases.end());
    const QJsonObject& real = answer(name);
    QVERIFY2(!real.isEmpty(), "the oracle gave no answer for this case (did initTestCase fail?)");
    QJsonObject engine;
    try {
        engine = describeOutcome(it->engine);
    } catch (const std::exception& error) {
        QFAIL(qPrintable(QStringLiteral("engine threw a non-Python error: %1").arg(error.what())));
    }
    const QString differences = diff(real, engine, {});
    QVERIFY2(differences.isEmpty(),
             qPrintable(QStringLiteral("engine differs from real PyTorch/NumPy for:\n%1%2").arg(it->python, differences)));
}

QJsonObject askOracleOnce(const QString& python)
{
    QString failure;
    const QJsonObject reply = runOracle(QJsonArray{QJsonObject{{"name", "once"}, {"code", python}}}, &failure);
    if (!failure.isEmpty())
        return {{"kind", "oracle-failure"}, {"message", failure}};
    return reply.value("answers").toObject().value("once").toObject();
}

}  // namespace av::test
