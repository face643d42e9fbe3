#pragma once
// Differential testing against the real libraries. A case is a Python snippet run by Debian's PyTorch and
// NumPy (tests/oracle/oracle.py) and the same work done through the engine; both are described as JSON
// (shape, strides, offset, values, flags, sharing with `src`, or the error's class and text) and compared
// field by field. Nothing expected is written by hand: the real libraries answer.

#include "engine/array.h"
#include "engine/scalar.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <map>
#include <vector>

namespace av::test {

// What the engine side of a case produced.
struct Outcome {
    std::vector<engine::Value> results;  // one value, or the items of a tuple
    bool isTuple = false;
    engine::ArrayPtr src;  // compared with for "shares", "ptr_delta", "same_object", "base_is_src"

    static Outcome of(engine::Value value, engine::ArrayPtr src = nullptr);
    static Outcome tuple(std::vector<engine::Value> items, engine::ArrayPtr src = nullptr);
    static Outcome tuple(const std::vector<engine::ArrayPtr>& items, engine::ArrayPtr src = nullptr);
};

struct OracleCase {
    QString name;    // reads as a sentence: "transposeSharesStorage"
    QString python;  // binds r (and src) in real PyTorch/NumPy
    std::function<Outcome()> engine;
};

// The engine's description, in the oracle's JSON shape; a PyError becomes {"kind": "error", ...}.
QJsonObject describeOutcome(const std::function<Outcome()>& run);
QJsonObject describeValue(const engine::Value& value, const engine::ArrayPtr& src);

// Flat row-major values as Python's repr would print each element of tolist().
QStringList flatValueTexts(const engine::Array& array);

class OracleSuite {
public:
    explicit OracleSuite(std::vector<OracleCase> cases);

    // Runs every case in the real libraries in one Python process. Call from initTestCase().
    void askOracle();
    // Data-driven rows, one per case, in a column named "name".
    void addRows() const;
    // Compares the engine with the oracle for the current row.
    void checkCurrentRow() const;

    const QJsonObject& answer(const QString& name) const;

private:
    std::vector<OracleCase> m_cases;
    std::map<QString, QJsonObject> m_answers;
};

// Asks the real libraries directly for one snippet's description (slower; for one-off property checks).
QJsonObject askOracleOnce(const QString& python);

}  // namespace av::test
