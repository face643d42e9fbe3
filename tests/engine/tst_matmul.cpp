// `a @ b` judged by real PyTorch 1.13 and NumPy 1.24: every dimensionality (dot, mv, mm, bmm, the folded and
// broadcast paths), result layout and grad_fn, dtype rules (torch's same-dtype requirement, NumPy's
// promotion), integer and bool products, bit-exact float values of random matrices and layouts, NumPy's
// floating-point warnings, tensor/ndarray/number operand mixes, and every error text.

#include "engine/elementwise.h"
#include "engine/matmul.h"

#include "engine/errors.h"
#include "tests/engine/reductiontesthelpers.h"
#include "tests/support/arrays.h"
#include "tests/support/testmain.h"

using namespace av::engine;
using namespace av::test::reductions;
using av::test::Outcome;

namespace {

using D = DType;
constexpr Flavour kTorch = Flavour::Torch;
constexpr Flavour kNumpy = Flavour::Numpy;

// An operand spelled the same way on both sides.
struct Operand {
    QString python;
    std::function<Value()> make;
};

Operand t(Shape shape, D dtype = D::Float32, bool grad = false)
{
    QString py = "T(" + pyTuple(shape) + ",'" + dtypeText(dtype) + "'" + (grad ? ",grad=True" : "") + ")";
    return {py, [shape, dtype, grad]() -> Value { return T(shape, dtype, grad); }};
}

Operand n(Shape shape, D dtype = D::Float64)
{
    return {"N(" + pyTuple(shape) + ",'" + dtypeText(dtype) + "')",
            [shape, dtype]() -> Value { return N(shape, dtype); }};
}

Operand tg(Shape shape, std::uint64_t seed, D dtype = D::Float32, bool grad = false)
{
    QString py = "TG(" + pyTuple(shape) + "," + QString::number(seed) + ",'" + dtypeText(dtype) + "'" +
                 (grad ? ",grad=True" : "") + ")";
    return {py, [shape, seed, dtype, grad]() -> Value { return TG(shape, seed, dtype, grad); }};
}

Operand ng(Shape shape, std::uint64_t seed, D dtype = D::Float64)
{
    return {"NG(" + pyTuple(shape) + "," + QString::number(seed) + ",'" + dtypeText(dtype) + "')",
            [shape, seed, dtype]() -> Value { return NG(shape, seed, dtype); }};
}

// x.T / x.mT for the last two dims: torch spells it transpose(-2,-1), NumPy swapaxes(-2,-1).
Operand tr(const Operand& o)
{
    const bool torch = o.python.startsWith("T");
    return {o.python + (torch ? ".transpose(-2,-1)" : ".swapaxes(-2,-1)"), [o]() -> Value {
                const ArrayPtr a = std::get<ArrayPtr>(o.make());
                std::vector<std::size_t> perm(a->sizes().size());
                std::iota(perm.begin(), perm.end(), std::size_t{0});
                std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
                return permuted(a, perm);
            }};
}

// x[..., ::2] on the last dim.
Operand everyOther(const Operand& o, std::int64_t size)
{
    return {o.python + "[..., ::2]", [o, size]() -> Value {
                const ArrayPtr a = std::get<ArrayPtr>(o.make());
                return sliced(a, a->sizes().size() - 1, 0, size, 2);
            }};
}

Operand number(const char* python, Scalar value)
{
    return {python, [value]() -> Value { return value; }};
}

Operand numpyScalar(const char* python, D dtype, double value)
{
    return {python, [dtype, value]() -> Value {
                ArrayPtr s = filledWith(kNumpy, {}, dtype,
                                        [value]<typename E>(std::int64_t) { return convertElement<E>(value, true); });
                s->setNumpyScalar(true);
                return s;
            }};
}

void add(CaseList& c, const QString& name, const Operand& a, const Operand& b)
{
    c.add(name, "a=" + a.python + "\nb=" + b.python + "\nr=a@b",
          [a, b] { return Outcome::of(matmul(a.make(), b.make())); });
}

// --- shapes and paths ------------------------------------------------------------------------------------

void addShapeCases(CaseList& c)
{
    struct Pair {
        const char* name;
        Shape a;
        Shape b;
    };
    const std::vector<Pair> pairs = {
        {"VectorVector", {3}, {3}},
        {"MatrixVector", {2, 3}, {3}},
        {"VectorMatrix", {3}, {3, 4}},
        {"MatrixMatrix", {2, 3}, {3, 4}},
        {"BatchBatch", {5, 2, 3}, {5, 3, 4}},
        {"BatchMatrix", {5, 2, 3}, {3, 4}},
        {"MatrixBatch", {2, 3}, {5, 3, 4}},
        {"BatchVector", {5, 2, 3}, {3}},
        {"VectorBatch", {3}, {5, 3, 4}},
        {"BroadcastBatches", {2, 1, 2, 3}, {5, 3, 4}},
        {"BroadcastSevenByFive", {7, 1, 2, 3}, {5, 3, 4}},
        {"BroadcastOneBatch", {1, 2, 3}, {5, 3, 4}},
        {"BatchTimesOneBatch", {5, 2, 3}, {1, 3, 4}},
        {"RowTimesColumnBatch", {1, 3}, {5, 3, 1}},
        {"MatrixTimesColumnBatch", {2, 3}, {5, 3, 1}},
        {"RowTimesBatch", {1, 3}, {5, 3, 4}},
        {"ColumnTimesRow", {4, 1}, {1, 4}},
        {"OneByOne", {1, 1}, {1, 1}},
        {"FourDimBatchMatrix", {2, 3, 2, 3}, {3, 4}},
        {"EmptyRows", {0, 3}, {3, 4}},
        {"EmptyContraction", {2, 0}, {0, 4}},
        {"EmptyColumns", {2, 3}, {3, 0}},
        {"EmptyVectors", {0}, {0}},
        {"EmptyBatch", {0, 2, 3}, {3, 4}},
        {"EmptyBatchBatch", {0, 2, 3}, {0, 3, 4}},
        {"MismatchedMatrices", {2, 3}, {2, 3}},
        {"MismatchedVectors", {3}, {4}},
        {"MismatchedMatrixVector", {2, 3}, {2}},
        {"MismatchedVectorMatrix", {3}, {2, 3}},
        {"MismatchedBatches", {5, 2, 3}, {5, 2, 4}},
        {"MismatchedBatchMatrix", {5, 2, 3}, {4, 4}},
        {"MismatchedMatrixBatch", {2, 3}, {5, 4, 4}},
        {"MismatchedVectorBatch", {3}, {5, 4, 4}},
        {"MismatchedBatchVector", {5, 4, 4}, {3}},
        {"UnbroadcastableBatches", {2, 5, 2, 3}, {3, 3, 4}},
        {"UnbroadcastableThreeD", {2, 2, 3}, {3, 3, 2}},
        {"ZeroDimLeft", {}, {2, 3}},
        {"ZeroDimRight", {2, 3}, {}},
    };
    for (const Pair& p : pairs) {
        add(c, QString("matmulTorch") + p.name, t(p.a), t(p.b));
        add(c, QString("matmulNumpy") + p.name, n(p.a), n(p.b));
    }
    // Random non-integer values: the sums must match to the bit.
    int seed = 1;
    for (const Pair& p : pairs) {
        const QString name = p.name;
        if (name.startsWith("Mismatched") || name.startsWith("Unbroadcastable") || name.startsWith("ZeroDim"))
            continue;
        add(c, "matmulTorchRandom" + name, tg(p.a, seed), tg(p.b, seed + 100));
        add(c, "matmulTorchRandomDouble" + name, tg(p.a, seed, D::Float64), tg(p.b, seed + 100, D::Float64));
        add(c, "matmulNumpyRandom" + name, ng(p.a, seed, D::Float32), ng(p.b, seed + 100, D::Float32));
        add(c, "matmulNumpyRandomDouble" + name, ng(p.a, seed), ng(p.b, seed + 100));
        ++seed;
    }
    // Layouts: transposed and strided operands take other BLAS/no-BLAS paths and batch orders.
    add(c, "matmulTorchTransposedLeft", tr(tg({40, 30}, 3)), tg({40, 20}, 4));
    add(c, "matmulTorchTransposedBoth", tr(tg({40, 30}, 3)), tr(tg({20, 40}, 4)));
    add(c, "matmulTorchStridedRight", tg({30, 40}, 5), everyOther(tg({40, 40}, 6), 40));
    add(c, "matmulTorchTransposedBatch", tr(tg({5, 3, 2}, 7)), tg({5, 3, 4}, 8));
    add(c, "matmulTorchPermutedBatchTimesMatrix", tr(tg({5, 3, 2}, 7)), tg({2, 4}, 8));
    add(c, "matmulTorchLarge", tg({64, 300}, 9), tg({300, 50}, 10));
    add(c, "matmulTorchLargeDouble", tg({64, 300}, 9, D::Float64), tr(tg({50, 300}, 10, D::Float64)));
    add(c, "matmulTorchLargeBatch", tg({3, 20, 30}, 11), tg({3, 30, 25}, 12));
    add(c, "matmulTorchLongVector", tg({5000}, 13), tg({5000}, 14));
    add(c, "matmulNumpyTransposedLeft", tr(ng({40, 30}, 3, D::Float32)), ng({40, 20}, 4, D::Float32));
    add(c, "matmulNumpyTransposedBoth", tr(ng({40, 30}, 3)), tr(ng({20, 40}, 4)));
    add(c, "matmulNumpyStridedRight", ng({30, 40}, 5), everyOther(ng({40, 40}, 6), 40));
    add(c, "matmulNumpyTransposedLoopDims",
        {"N((3,4,2,3)).transpose(1,0,2,3)",
         [] {
             return Value{permuted(N({3, 4, 2, 3}), {1, 0, 2, 3})};
         }},
        n({3, 4}));
    add(c, "matmulNumpyTransposedLoopDimsBothSides",
        {"NG((3,4,2,3),2).transpose(1,0,2,3)",
         [] {
             return Value{permuted(NG({3, 4, 2, 3}, 2), {1, 0, 2, 3})};
         }},
        {"NG((3,4,3,5),3).transpose(1,0,2,3)", [] {
             return Value{permuted(NG({3, 4, 3, 5}, 3), {1, 0, 2, 3})};
         }});
    add(c, "matmulNumpyLarge", ng({64, 300}, 9, D::Float32), ng({300, 50}, 10, D::Float32));
    add(c, "matmulNumpyLargeDouble", ng({64, 300}, 9), tr(ng({50, 300}, 10)));
    add(c, "matmulNumpyLongVector", ng({5000}, 13, D::Float32), ng({5000}, 14, D::Float32));
    add(c, "matmulNumpyMatrixTimesTransposedVector", ng({30, 40}, 15, D::Float32),
        everyOther(ng({80}, 16, D::Float32), 80));
}

// --- dtypes ----------------------------------------------------------------------------------------------

void addDtypeCases(CaseList& c)
{
    for (const D dtype : {D::Int64, D::Int32, D::Int16, D::Int8, D::UInt8, D::Bool, D::Float16}) {
        const QString dt = dtypeText(dtype);
        add(c, "matmulTorchMatrix" + dt, t({3, 4}, dtype), t({4, 2}, dtype));
        add(c, "matmulTorchVector" + dt, t({4}, dtype), t({4}, dtype));
        add(c, "matmulTorchMatrixVector" + dt, t({3, 4}, dtype), t({4}, dtype));
        add(c, "matmulTorchSmallBatch" + dt, t({2, 3, 4}, dtype), t({2, 4, 2}, dtype));
        add(c, "matmulTorchLargeBatch" + dt, t({2, 10, 8}, dtype), t({2, 8, 7}, dtype));
        add(c, "matmulTorchEmptyContraction" + dt, t({2, 0}, dtype), t({0, 3}, dtype));
        add(c, "matmulTorchEmptyMatrixVector" + dt, t({2, 0}, dtype), t({0}, dtype));
        add(c, "matmulNumpyMatrix" + dt, n({3, 4}, dtype), n({4, 2}, dtype));
        add(c, "matmulNumpyVector" + dt, n({4}, dtype), n({4}, dtype));
        add(c, "matmulNumpyBatch" + dt, n({2, 3, 4}, dtype), n({4, 2}, dtype));
    }
    // Wrapping integer products.
    add(c, "matmulTorchInt8Wraps", t({4, 40}, D::Int8), t({40, 3}, D::Int8));
    add(c, "matmulNumpyInt8Wraps", n({4, 40}, D::Int8), n({40, 3}, D::Int8));
    add(c, "matmulNumpyRandomHalves", ng({9, 30}, 3, D::Float16), ng({30, 7}, 4, D::Float16));
    // torch needs one dtype; which one it names depends on the kernel.
    const std::vector<std::pair<D, D>> mixes = {{D::Float32, D::Float64}, {D::Float64, D::Float32},
                                                {D::Int64, D::Float32},   {D::Int8, D::Float32},
                                                {D::Bool, D::Float32},    {D::Float32, D::Bool}};
    for (const auto& [x, y] : mixes) {
        const QString name = dtypeText(x) + "And" + dtypeText(y);
        add(c, "matmulTorchMatrix" + name, t({2, 3}, x), t({3, 2}, y));
        add(c, "matmulTorchVector" + name, t({3}, x), t({3}, y));
        add(c, "matmulTorchMatrixVector" + name, t({2, 3}, x), t({3}, y));
        add(c, "matmulTorchSmallBatch" + name, t({2, 2, 3}, x), t({2, 3, 2}, y));
        add(c, "matmulTorchLargeBatch" + name, t({2, 10, 8}, x), t({2, 8, 7}, y));
        add(c, "matmulTorchBatchMatrix" + name, t({2, 2, 3}, x), t({3, 4}, y));
        add(c, "matmulTorchMatrixBatch" + name, t({2, 3}, x), t({5, 3, 4}, y));
        add(c, "matmulNumpyMatrix" + name, n({2, 3}, x), n({3, 2}, y));
        add(c, "matmulNumpyVector" + name, n({3}, x), n({3}, y));
    }
    add(c, "matmulNumpyInt8AndUint8", n({2, 3}, D::Int8), n({3, 2}, D::UInt8));
    add(c, "matmulNumpyBoolAndInt16", n({2, 3}, D::Bool), n({3}, D::Int16));
    add(c, "matmulNumpyInt16AndHalf", n({2, 3}, D::Int16), n({3, 2}, D::Float16));
}

// --- NumPy's A.T @ A, warnings, and the operand mixes ------------------------------------------------------

void addNumpySpecialCases(CaseList& c)
{
    const char* specials = "V=[0.0, float('inf'), 1.0, float('-inf'), float('nan'), 2.0]\n";
    const std::vector<double> values = {0.0, INFINITY, 1.0, -INFINITY, NAN, 2.0};
    // The same array on both sides: NumPy calls ?syrk, which skips zero multipliers for A.T @ A.
    for (int k = 0; k < 6; ++k) {
        const std::int64_t rows = 3 + k % 2, cols = 2 + k % 3;
        QString list = "[";
        std::vector<double> v;
        for (std::int64_t i = 0; i < rows * cols; ++i) {
            const std::size_t pick = static_cast<std::size_t>((i * 7 + k * 3) % 6);
            v.push_back(values[pick]);
            list += "V[" + QString::number(pick) + "],";
        }
        list += "]";
        const QString make = QString(specials) + "a=np.array(" + list + ").reshape(" + QString::number(rows) + "," +
                             QString::number(cols) + ")\n";
        const auto build = [rows, cols, v] { return av::test::ndarrayOf<double>({rows, cols}, v); };
        c.add("matmulNumpyTransposeTimesSelfSkipsZeros" + QString::number(k), make + "r=a.T@a", [build] {
            const ArrayPtr a = build();
            return Outcome::of(matmul(transposed(a), a));
        });
        c.add("matmulNumpySelfTimesTranspose" + QString::number(k), make + "r=a@a.T", [build] {
            const ArrayPtr a = build();
            return Outcome::of(matmul(a, transposed(a)));
        });
        c.add("matmulNumpyTransposeTimesCopy" + QString::number(k), make + "r=a.T@a.copy()", [build] {
            const ArrayPtr a = build();
            return Outcome::of(matmul(transposed(a), build()));
        });
        c.add("matmulTorchTransposeTimesSelf" + QString::number(k), make + "x=torch.from_numpy(a)\nr=x.t()@x", [build] {
            const ArrayPtr a = build();
            ArrayPtr x = Array::make({kTorch, a->dtype(), a->sizes(), a->strides(), a->storage(), 0});
            return Outcome::of(matmul(transposed(x), x));
        });
    }
    c.add("matmulNumpyOverflowWarns", "a=np.full((2,2),3e38,np.float32)\nr=a@a", [] {
        return Outcome::of(matmul(av::test::ndarrayOf<float>({2, 2}, {3e38f, 3e38f, 3e38f, 3e38f}),
                                  av::test::ndarrayOf<float>({2, 2}, {3e38f, 3e38f, 3e38f, 3e38f})));
    });
    c.add("matmulNumpyInfTimesZeroWarns", "a=np.array([[np.inf, 1.0]])\nb=np.array([[0.0],[1.0]])\nr=a@b", [] {
        return Outcome::of(matmul(av::test::ndarrayOf<double>({1, 2}, {INFINITY, 1.0}),
                                  av::test::ndarrayOf<double>({2, 1}, {0.0, 1.0})));
    });
    c.add("matmulTorchInfTimesZeroIsNan", "a=torch.tensor([[float('inf'), 1.0]])\nb=torch.tensor([[0.0],[1.0]])\nr=a@b",
          [] {
              return Outcome::of(matmul(av::test::tensorOf<float>({1, 2}, {INFINITY, 1.0f}),
                                        av::test::tensorOf<float>({2, 1}, {0.0f, 1.0f})));
          });
    c.add("matmulNumpyVectorInfTimesZeroWarns", "a=np.array([np.inf, 0.0])\nb=np.array([0.0, 1.0])\nr=a@b", [] {
        return Outcome::of(
            matmul(av::test::ndarrayOf<double>({2}, {INFINITY, 0.0}), av::test::ndarrayOf<double>({2}, {0.0, 1.0})));
    });
    c.add("matmulNumpyHalfInfTimesZero",
          "a=np.array([[np.inf, 1.0]], np.float16)\nb=np.array([[0.0],[1.0]], np.float16)\nr=a@b", [] {
              return Outcome::of(matmul(av::test::ndarrayOf<Half>({1, 2}, {Half(INFINITY), Half(1.0f)}),
                                        av::test::ndarrayOf<Half>({2, 1}, {Half(0.0f), Half(1.0f)})));
          });

    // Operand mixes: Tensor.__matmul__ gives way to ndarray.__rmatmul__; ndarray.__matmul__ defers to the tensor.
    add(c, "matmulTensorAtNdarrayRunsNumpy", t({2, 3}), n({3, 2}));
    add(c, "matmulTensorAtNdarrayFloat32StaysFloat32", t({2, 3}), n({3, 2}, D::Float32));
    add(c, "matmulTensorAtNdarrayPromotesAsNumpy", t({2, 3}), n({3, 2}, D::Int64));
    add(c, "matmulTensorAtNdarrayOfVectorsIsZeroDimTensor", t({3}), n({3}));
    add(c, "matmulBoolTensorAtNdarrayBecomesUint8", t({2, 3}, D::Bool), n({3, 2}, D::Bool));
    add(c, "matmulTensorAtNdarrayMismatchIsNumpysError", t({2, 3}), n({3, 2, 2}));
    add(c, "matmulTensorAtZeroDimNdarray", t({2, 3}), n({}));
    add(c, "matmulTensorRequiringGradAtNdarray", t({2, 3}, D::Float32, true), n({3, 2}));
    c.add("matmulTensorRequiringGradAtNdarrayUnderNoGrad",
          "a=T((2,3),grad=True)\nb=N((3,2))\nwith torch.no_grad():\n    r=a@b", [] {
              ArrayPtr a = T({2, 3}, D::Float32, true);
              NoGradGuard guard;
              return Outcome::of(matmul(a, N({3, 2})));
          });
    add(c, "matmulTensorAtEmptyNdarray", t({2, 0}), n({0, 3}));
    add(c, "matmulNdarrayAtTensorIsRefused", n({2, 3}), t({3, 2}));
    add(c, "matmulZeroDimNdarrayAtTensorIsRefused", n({}), t({3}));
    add(c, "matmulTensorAtInt", t({2, 3}), number("2", Scalar(2)));
    add(c, "matmulIntAtTensor", number("2", Scalar(2)), t({2, 3}));
    add(c, "matmulFloatAtTensor", number("2.5", Scalar(2.5)), t({3}));
    add(c, "matmulTensorAtBool", t({3}), number("True", Scalar(true)));
    add(c, "matmulNdarrayAtInt", n({2, 3}), number("2", Scalar(2)));
    add(c, "matmulIntAtNdarray", number("2", Scalar(2)), n({2, 3}));
    add(c, "matmulIntAtInt", number("2", Scalar(2)), number("3", Scalar(3)));
    add(c, "matmulNumpyScalarAtNdarray", numpyScalar("np.float64(2.0)", D::Float64, 2.0), n({3}));
    add(c, "matmulNdarrayAtNumpyScalar", n({3}), numpyScalar("np.float32(2.0)", D::Float32, 2.0));
    add(c, "matmulNumpyBoolScalarAtNdarray", numpyScalar("np.bool_(True)", D::Bool, 1.0), n({3}));
    add(c, "matmulNumpyScalarAtTensor", numpyScalar("np.float64(2.0)", D::Float64, 2.0), t({3}));
    add(c, "matmulTensorAtNumpyScalar", t({3}), numpyScalar("np.float64(2.0)", D::Float64, 2.0));
    add(c, "matmulNumpyScalarAtNumpyScalar", numpyScalar("np.float64(2.0)", D::Float64, 2.0),
        numpyScalar("np.float64(3.0)", D::Float64, 3.0));
    add(c, "matmulNumpyScalarAtInt", numpyScalar("np.float64(2.0)", D::Float64, 2.0), number("2", Scalar(2)));
    add(c, "matmulIntAtNumpyScalar", number("2", Scalar(2)), numpyScalar("np.int64(2)", D::Int64, 2.0));
}

void addFunctionCases(CaseList& c)
{
    const auto call = [&c](const QString& name, const Operand& a, const Operand& b) {
        c.add(name, "a=" + a.python + "\nb=" + b.python + "\nr=np.matmul(a, b)",
              [a, b] { return Outcome::of(numpyMatmul(a.make(), b.make())); });
    };
    call("npMatmulOfArrays", n({2, 3}), n({3, 4}));
    call("npMatmulOfVectorsIsNumpyScalar", n({3}), n({3}));
    call("npMatmulOfNdarrayAndTensorIsTensor", n({2, 3}), t({3, 2}));
    call("npMatmulOfTwoTensorsIsTensor", t({3}), t({3}));
    call("npMatmulOfBoolTensorsIsUint8Tensor", t({2, 3}, D::Bool), t({3}, D::Bool));
    call("npMatmulOfTensorRequiringGrad", t({2, 3}, D::Float32, true), n({3}));
    call("npMatmulOfIntAndArray", number("2", Scalar(2)), n({3}));
    call("npMatmulMismatch", n({2, 3}), t({2, 3}));
}

// --- autograd ---------------------------------------------------------------------------------------------

void addGradCases(CaseList& c)
{
    struct Pair {
        const char* name;
        Shape a;
        Shape b;
    };
    const std::vector<Pair> pairs = {{"Mm", {2, 3}, {3, 4}},
                                     {"Mv", {2, 3}, {3}},
                                     {"Dot", {3}, {3}},
                                     {"VectorMatrix", {3}, {3, 4}},
                                     {"Bmm", {5, 2, 3}, {5, 3, 4}},
                                     {"FoldedBatch", {5, 2, 3}, {3, 4}},
                                     {"FoldedTranspose", {2, 3}, {5, 3, 4}},
                                     {"FoldedVector", {5, 2, 3}, {3}},
                                     {"VectorBatch", {3}, {5, 3, 4}},
                                     {"RowTimesColumnBatch", {1, 3}, {5, 3, 1}},
                                     {"MatrixTimesColumnBatch", {2, 3}, {5, 3, 1}},
                                     {"Broadcast", {1, 2, 3}, {5, 3, 4}}};
    for (const Pair& p : pairs) {
        add(c, QString("matmulTorchGradLeft") + p.name, t(p.a, D::Float32, true), t(p.b));
        add(c, QString("matmulTorchGradRight") + p.name, t(p.a), t(p.b, D::Float32, true));
    }
    add(c, "matmulTorchGradPermutedBatch", tr(t({5, 3, 2}, D::Float32, true)), t({2, 4}));
    c.add("matmulTorchUnderNoGradRecordsNothing", "a=T((2,3),grad=True)\nb=T((3,))\nwith torch.no_grad():\n    r=a@b",
          [] {
              ArrayPtr a = T({2, 3}, D::Float32, true);
              NoGradGuard guard;
              return Outcome::of(matmul(a, T({3})));
          });
    c.add("matmulTorchVectorMatrixUnderNoGrad", "a=T((3,),grad=True)\nb=T((3,4))\nwith torch.no_grad():\n    r=a@b",
          [] {
              ArrayPtr a = T({3}, D::Float32, true);
              NoGradGuard guard;
              return Outcome::of(matmul(a, T({3, 4})));
          });
}

}  // namespace

class TestMatmul : public QObject {
    Q_OBJECT

public:
    TestMatmul()
        : m_suite([] {
              CaseList c;
              addShapeCases(c);
              addDtypeCases(c);
              addNumpySpecialCases(c);
              addGradCases(c);
              addFunctionCases(c);
              return c.take();
          }())
    {
    }

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void matmulMatchesTheRealLibraries_data() { m_suite.addRows(); }
    void matmulMatchesTheRealLibraries() { m_suite.checkCurrentRow(); }

    // The product of a vector with a matrix comes out of an in-place squeeze: version 1, not a view.
    void vectorTimesMatrixBumpsTheVersionOnce()
    {
        const ArrayPtr r = matmul(T({3}), T({3, 4}));
        QCOMPARE(r->version(), std::int64_t{1});
        QVERIFY(!r->isView());
        QCOMPARE(r->sizes(), (Shape{4}));
    }

    // Results are fresh: no operand's buffer is reused.
    void resultsNeverShareOperandMemory()
    {
        const ArrayPtr a = T({2, 3}), b = T({3, 4});
        const ArrayPtr r = matmul(a, b);
        QVERIFY(r->buffer() != a->buffer() && r->buffer() != b->buffer());
    }

private:
    av::test::OracleSuite m_suite;
};

AV_TEST_MAIN(TestMatmul)
#include "tst_matmul.moc"
