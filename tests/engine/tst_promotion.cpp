// The result types of Python's binary operators on tensors, ndarrays, NumPy scalars and Python numbers,
// judged by real PyTorch 1.13 and NumPy 1.24: every dtype pair for every kind of operand on both sides
// (dimensioned and 0-d arrays of both libraries, NumPy scalars), and NumPy's value-based casting of scalars
// of many magnitudes. Each case compares the whole result (type, dtype, values, autograd and NumPy flags,
// warnings) or the error's class and text.

#include "tests/engine/arithtesthelpers.h"
#include "tests/support/testmain.h"

using namespace av::engine;
using namespace av::test::arith;
using av::test::Outcome;

namespace {

enum class Kind { Tensor, Tensor0d, Ndarray, Ndarray0d, NumpyScalar };
constexpr Kind kKinds[] = {Kind::Tensor, Kind::Tensor0d, Kind::Ndarray, Kind::Ndarray0d, Kind::NumpyScalar};

OperandSpec operandOf(Kind kind, DType dtype, bool lhs)
{
    // Different values on each side keep results distinct (and divisors non-zero).
    const Values dims = lhs ? Values::ints({3, 2}) : Values::ints({1, 2});
    const Values single = Values::ints({lhs ? 5 : 3});
    switch (kind) {
    case Kind::Tensor: return tensorOperand(dtype, {2}, dims);
    case Kind::Tensor0d: return tensorOperand(dtype, {}, single);
    case Kind::Ndarray: return ndarrayOperand(dtype, {2}, dims);
    case Kind::Ndarray0d: return ndarrayOperand(dtype, {}, single);
    case Kind::NumpyScalar: return numpyScalarOperand(dtype, single);
    }
    return {};
}

// The ops whose result types follow different rules: + (and the protocol's concatenation message), - (bool
// refusals), * (plain), / (integers to float), // and % (bool loops, grad_fn names), ** (bool, shortcuts),
// and the two comparison protocols (< refuses, == falls back to identity).
constexpr BinaryOp kTableOps[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div, BinaryOp::FloorDiv,
                                  BinaryOp::Mod, BinaryOp::Pow, BinaryOp::Lt,  BinaryOp::Eq};

void addBinaryCase(CaseTable& table, BinaryOp op, const OperandSpec& lhs, const OperandSpec& rhs)
{
    const QString name = QString::fromStdString(lhs.label + " " + pySymbol(op) + " " + rhs.label);
    table.add(name, "a=" + lhs.python + "\nb=" + rhs.python + "\nr=a" + pySymbol(op) + "b\n",
              [op, l = lhs.make, r = rhs.make] { return Outcome::of(binary(op, l(), r())); });
}

CaseTable& dtypePairTable()
{
    static CaseTable table = [] {
        CaseTable t;
        for (const Kind left : kKinds)
            for (const Kind right : kKinds)
                for (const DType a : kAllDTypes)
                    for (const DType b : kAllDTypes)
                        for (const BinaryOp op : kTableOps)
                            addBinaryCase(t, op, operandOf(left, a, true), operandOf(right, b, false));
        return t;
    }();
    return table;
}

// Python numbers and NumPy scalars of magnitudes that pick different types in NumPy's value-based casting
// (and only by category in torch).
std::vector<OperandSpec> scalarOperands()
{
    std::vector<OperandSpec> out;
    for (const Scalar& s :
         {Scalar(true), Scalar(false), Scalar(std::int64_t{0}), Scalar(std::int64_t{5}), Scalar(std::int64_t{-1}),
          Scalar(std::int64_t{127}), Scalar(std::int64_t{128}), Scalar(std::int64_t{200}), Scalar(std::int64_t{255}),
          Scalar(std::int64_t{256}), Scalar(std::int64_t{300}), Scalar(std::int64_t{-129}), Scalar(std::int64_t{32767}),
          Scalar(std::int64_t{40000}), Scalar(std::int64_t{-40000}), Scalar(std::int64_t{70000}),
          Scalar(std::int64_t{2147483648}), Scalar(std::int64_t{-2147483649}), Scalar(std::int64_t{1} << 40),
          Scalar(2.5), Scalar(-0.0), Scalar(1000.0), Scalar(65504.0), Scalar(70000.0), Scalar(1e10), Scalar(1e39),
          Scalar(1e300), Scalar(INFINITY), Scalar(NAN)})
        out.push_back(numberOperand(s));
    out.push_back(numpyScalarOperand(DType::Float64, Values::of({2.5})));
    out.push_back(numpyScalarOperand(DType::Float64, Values::of({1e10})));
    out.push_back(numpyScalarOperand(DType::Float32, Values::of({2.5})));
    out.push_back(numpyScalarOperand(DType::Float32, Values::of({1e10})));
    out.push_back(numpyScalarOperand(DType::Float16, Values::of({2.5})));
    out.push_back(numpyScalarOperand(DType::Int64, Values::ints({5})));
    out.push_back(numpyScalarOperand(DType::Int64, Values::ints({200})));
    out.push_back(numpyScalarOperand(DType::Int64, Values::ints({-1})));
    out.push_back(numpyScalarOperand(DType::Int64, Values::ints({70000})));
    out.push_back(numpyScalarOperand(DType::Int8, Values::ints({-3})));
    out.push_back(numpyScalarOperand(DType::UInt8, Values::ints({200})));
    out.push_back(numpyScalarOperand(DType::Int32, Values::ints({70000})));
    out.push_back(numpyScalarOperand(DType::Bool, Values::ints({1})));
    out.push_back(ndarrayOperand(DType::Int64, {}, Values::ints({200}), "np.array(200)"));
    out.push_back(ndarrayOperand(DType::Int64, {}, Values::ints({-1}), "np.array(-1)"));
    out.push_back(ndarrayOperand(DType::Float64, {}, Values::of({1e10}), "np.array(1e10)"));
    out.push_back(ndarrayOperand(DType::Float32, {}, Values::of({2.5}), "np.array(2.5, float32)"));
    out.push_back(tensorOperand(DType::Int64, {}, Values::ints({200}), false, "torch.tensor(200)"));
    out.push_back(tensorOperand(DType::Float64, {}, Values::of({1e10}), false, "torch.tensor(1e10, float64)"));
    return out;
}

constexpr BinaryOp kValueOps[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Div, BinaryOp::FloorDiv, BinaryOp::Pow,
                                  BinaryOp::Lt};

CaseTable& valueBasedTable()
{
    static CaseTable table = [] {
        CaseTable t;
        const std::vector<OperandSpec> scalars = scalarOperands();
        for (const DType dtype : kAllDTypes) {
            const std::vector<OperandSpec> arrays = {
                tensorOperand(dtype, {2}, Values::ints({1, 2})), ndarrayOperand(dtype, {2}, Values::ints({1, 2})),
                tensorOperand(dtype, {}, Values::ints({2})), ndarrayOperand(dtype, {}, Values::ints({2}))};
            for (const OperandSpec& array : arrays)
                for (const OperandSpec& scalar : scalars)
                    for (const BinaryOp op : kValueOps) {
                        // NumPy's float64 power runs SVML on AVX-512 machines, which misses 65504.0 ** 2 and
                        // 70000.0 ** 2 by an ulp; the real libraries agree with powf/pow for the other values
                        // here (tst_arithmetic compares general powers within an ulp).
                        if (op == BinaryOp::Pow && (scalar.label == "65504.0" || scalar.label == "70000.0"))
                            continue;
                        addBinaryCase(t, op, array, scalar);
                        addBinaryCase(t, op, scalar, array);
                    }
        }
        return t;
    }();
    return table;
}

}  // namespace

class TestPromotion : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        dtypePairTable().askOracle();
        valueBasedTable().askOracle();
    }

    void everyDTypePairOfEveryOperandKind_data() { dtypePairTable().addRows(); }
    void everyDTypePairOfEveryOperandKind() { dtypePairTable().checkCurrentRow(); }

    void scalarsCastByValueInNumpyAndByCategoryInTorch_data() { valueBasedTable().addRows(); }
    void scalarsCastByValueInNumpyAndByCategoryInTorch() { valueBasedTable().checkCurrentRow(); }

    // The tables above must reach the types aliasview refuses, or the refusal is untested.
    void unmodelledUnsignedResultsAreReachedAndRefused()
    {
        const auto unsignedWide = [](const QJsonObject& real) {
            const QString kind = real.value("kind").toString();
            return (kind == "ndarray" || kind == "npscalar") && isUnmodelledNumpyDType(real);
        };
        QVERIFY(valueBasedTable().countRealWhere(unsignedWide) >= 20);
        const QString name = "uint8 ndarray(2,) + 300";
        QCOMPARE(valueBasedTable().real(name).value("dtype").toString(), QStringLiteral("uint16"));
        const QJsonObject engine = valueBasedTable().engine(name);
        QCOMPARE(engine.value("type").toString(), QStringLiteral("NotImplementedError"));
    }
};

AV_TEST_MAIN(TestPromotion)
#include "tst_promotion.moc"
