// The ops whose result is fresh memory: clone / a.copy(), contiguous, np.ascontiguousarray, torch.cat /
// np.concatenate and torch.stack / np.stack, each judged by real PyTorch 1.13 and NumPy 1.24: the
// share-or-copy verdict (and `is` identity), result layout (strides preserved, inferred, C or channels-last),
// dtype promotion, grad_fn and every error.

#include "engine/copies.h"

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

// torch.as_strided(base, sizes, strides) without the op under test.
ArrayPtr strided(const ArrayPtr& base, Shape sizes, Strides strides)
{
    return makeView(base, sizes, strides, base->byteOffset());
}

ArrayPtr numpyScalar(double value)
{
    ArrayPtr s = av::test::ndarrayOf<double>({}, {value});
    s->setNumpyScalar(true);
    return s;
}

ArrayPtr readOnly(ArrayPtr a)
{
    a->setWriteable(false);
    return a;
}

void addCloneCases(CaseList& c)
{
    struct Src {
        QString name;
        QString python;
        std::function<ArrayPtr()> make;
    };
    const std::vector<Src> tensors = {
        {"Contiguous", "src=T((2,3))",
         [] {
             return T({2, 3});
         }},
        {"Transposed", "src=T((2,3)).t()",
         [] {
             return transposed(T({2, 3}));
         }},
        {"Permuted", "src=T((2,3,4)).permute(2,0,1)",
         [] {
             return permuted(T({2, 3, 4}), {2, 0, 1});
         }},
        {"EveryOtherColumn", "src=T((2,3))[:, ::2]",
         [] {
             return sliced(T({2, 3}), 1, 0, 3, 2);
         }},
        {"TransposedEveryOtherColumn", "src=T((4,6)).t()[:, ::2]",
         [] {
             return sliced(transposed(T({4, 6})), 1, 0, 4, 2);
         }},
        {"PermutedSlice", "src=T((4,5,6)).permute(1,2,0)[:, 1:5]",
         [] {
             return sliced(permuted(T({4, 5, 6}), {1, 2, 0}), 1, 1, 5, 1);
         }},
        {"Expanded", "src=T((3,)).expand(2,3)",
         [] {
             return expanded(T({3}), {2, 3});
         }},
        {"ExpandedColumn", "src=T((3,1)).expand(3,4)",
         [] {
             return expanded(T({3, 1}), {3, 4});
         }},
        {"ZeroDim", "src=T(())", [] { return T({}); }},
        {"EmptyTransposed", "src=T((0,3)).t()",
         [] {
             return transposed(T({0, 3}));
         }},
        {"SizeOneDimWithOddStride", "src=torch.as_strided(T((10,)), (3,1), (1,7))",
         [] {
             return strided(T({10}), {3, 1}, {1, 7});
         }},
        {"TransposedSizeOne", "src=T((4,1,3)).transpose(0,1)",
         [] {
             return permuted(T({4, 1, 3}), {1, 0, 2});
         }},
        {"Int64Transposed", "src=T((3,5),'int64').t()",
         [] {
             return transposed(T({3, 5}, D::Int64));
         }},
        {"Bool", "src=T((2,2),'bool')",
         [] {
             return T({2, 2}, D::Bool);
         }},
        {"Half", "src=T((2,3),'float16').t()",
         [] {
             return transposed(T({2, 3}, D::Float16));
         }},
        {"RequiringGrad", "src=T((2,3),grad=True)",
         [] {
             return T({2, 3}, D::Float32, true);
         }},
        {"TransposedRequiringGrad", "src=T((2,3),grad=True).t()",
         [] {
             return transposed(T({2, 3}, D::Float32, true));
         }},
    };
    for (const Src& s : tensors) {
        c.add("cloneOf" + s.name, s.python + "\nr=src.clone()", [s] {
            ArrayPtr src = s.make();
            return Outcome::of(clone(src), src);
        });
        c.add("contiguousOf" + s.name, s.python + "\nr=src.contiguous()", [s] {
            ArrayPtr src = s.make();
            return Outcome::of(contiguous(src), src);
        });
    }
    c.add("cloneUnderNoGradRecordsNothing", "src=T((2,3),grad=True)\nwith torch.no_grad():\n    r=src.clone()", [] {
        ArrayPtr src = T({2, 3}, D::Float32, true);
        NoGradGuard guard;
        return Outcome::of(clone(src), src);
    });
    c.add("contiguousUnderNoGradCopiesWithoutGrad",
          "src=T((2,3),grad=True).t()\nwith torch.no_grad():\n    r=src.contiguous()", [] {
              ArrayPtr src = transposed(T({2, 3}, D::Float32, true));
              NoGradGuard guard;
              return Outcome::of(contiguous(src), src);
          });

    const std::vector<Src> arrays = {
        {"Contiguous", "src=N((2,3))",
         [] {
             return N({2, 3});
         }},
        {"Transposed", "src=N((2,3)).T",
         [] {
             return transposed(N({2, 3}));
         }},
        {"Permuted", "src=N((2,3,4)).transpose(2,0,1)",
         [] {
             return permuted(N({2, 3, 4}), {2, 0, 1});
         }},
        {"Row", "src=N((2,3))[1]",
         [] {
             return makeView(N({2, 3}), {3}, {1}, 3 * 8);
         }},
        {"Column", "src=N((2,3))[:, 1]",
         [] {
             return makeView(N({2, 3}), {2}, {3}, 8);
         }},
        {"Reversed", "src=N((5,))[::-1]", [] { return sliced(N({5}), 0, 4, -1, -1); }},
        {"ZeroDim", "src=N(())", [] { return N({}); }},
        {"Empty", "src=N((0,3))",
         [] {
             return N({0, 3});
         }},
        {"EmptyTransposed", "src=N((3,0)).T",
         [] {
             return transposed(N({3, 0}));
         }},
        {"Int8Transposed", "src=N((3,4),'int8').T",
         [] {
             return transposed(N({3, 4}, D::Int8));
         }},
        {"ReadOnly", "src=N((2,3))\nsrc.flags.writeable=False",
         [] {
             return readOnly(N({2, 3}));
         }},
    };
    for (const Src& s : arrays) {
        c.add("copyOfNdarray" + s.name, s.python + "\nr=src.copy()", [s] {
            ArrayPtr src = s.make();
            return Outcome::of(clone(src), src);
        });
        c.add("ascontiguousarrayOf" + s.name, s.python + "\nr=np.ascontiguousarray(src)", [s] {
            ArrayPtr src = s.make();
            return Outcome::of(ascontiguousarray(src), src);
        });
    }
    for (const Src& s : tensors) {
        if (s.name.contains("Grad"))
            continue;
        c.add("ascontiguousarrayOfTensor" + s.name, s.python + "\nr=np.ascontiguousarray(src)", [s] {
            ArrayPtr src = s.make();
            return Outcome::of(ascontiguousarray(src), src);
        });
    }
    // A NumPy scalar is no ndarray: the oracle compares nothing with it, so it is not bound as src.
    c.add("ascontiguousarrayOfNumpyScalar", "x=np.float64(5.0)\nr=np.ascontiguousarray(x)",
          [] { return Outcome::of(ascontiguousarray(numpyScalar(5.0))); });
    c.add("copyOfNumpyScalar", "x=np.float64(5.0)\nr=x.copy()", [] { return Outcome::of(clone(numpyScalar(5.0))); });
    c.add("ascontiguousarrayOfTensorRequiringGradUnderNoGrad",
          "src=T((2,3),grad=True)\nwith torch.no_grad():\n    r=np.ascontiguousarray(src)", [] {
              ArrayPtr src = T({2, 3}, D::Float32, true);
              NoGradGuard guard;
              return Outcome::of(ascontiguousarray(src), src);
          });
    c.add("ascontiguousarrayOfTensorRequiringGradFails", "src=T((2,3),grad=True)\nr=np.ascontiguousarray(src)", [] {
        ArrayPtr src = T({2, 3}, D::Float32, true);
        return Outcome::of(ascontiguousarray(src), src);
    });
}

// --- torch.cat / np.concatenate ---------------------------------------------------------------------------

struct Operands {
    QString name;
    QString python;  // binds xs
    std::function<std::vector<ArrayPtr>()> make;
};

void addJoinCases(CaseList& c, Flavour f)
{
    const bool torch = f == kTorch;
    const auto A = [torch](Shape shape, std::optional<D> dtype = std::nullopt) {
        return torch ? T(shape, dtype.value_or(D::Float32)) : N(shape, dtype.value_or(D::Float64));
    };
    const QString mk = torch ? "T" : "N";
    const QString lib = torch ? "Torch" : "Numpy";
    const QString catName = torch ? "torch.cat" : "np.concatenate";
    const QString stackName = torch ? "torch.stack" : "np.stack";
    const std::vector<Operands> lists = {
        {"TwoMatrices", "xs=[" + mk + "((2,3)), " + mk + "((2,3))]",
         [A] {
             return std::vector{A({2, 3}), A({2, 3})};
         }},
        {"ThreeRaggedRows", "xs=[" + mk + "((1,3)), " + mk + "((2,3)), " + mk + "((4,3))]",
         [A] {
             return std::vector{A({1, 3}), A({2, 3}), A({4, 3})};
         }},
        {"RaggedColumns", "xs=[" + mk + "((2,1)), " + mk + "((2,4))]",
         [A] {
             return std::vector{A({2, 1}), A({2, 4})};
         }},
        {"Single", "xs=[" + mk + "((2,3))]",
         [A] {
             return std::vector{A({2, 3})};
         }},
        {"Transposed", "xs=[" + mk + "((3,2)).T, " + mk + "((3,2)).T]",
         [A] {
             return std::vector{transposed(A({3, 2})), transposed(A({3, 2}))};
         }},
        {"Permuted3d",
         "xs=[" + mk + "((2,3,4))." + (torch ? "permute" : "transpose") + "(2,0,1), " + mk + "((2,3,4))." +
             (torch ? "permute" : "transpose") + "(2,0,1)]",
         [A] {
             return std::vector{permuted(A({2, 3, 4}), {2, 0, 1}), permuted(A({2, 3, 4}), {2, 0, 1})};
         }},
        {"MixedLayouts", "xs=[" + mk + "((3,2)).T, " + mk + "((2,3))]",
         [A] {
             return std::vector{transposed(A({3, 2})), A({2, 3})};
         }},
        {"FloatAndDouble", "xs=[" + mk + "((2,3),'float32'), " + mk + "((2,3),'float64')]",
         [A] {
             return std::vector{A({2, 3}, D::Float32), A({2, 3}, D::Float64)};
         }},
        {"FloatAndLong", "xs=[" + mk + "((2,3),'float32'), " + mk + "((2,3),'int64')]",
         [A] {
             return std::vector{A({2, 3}, D::Float32), A({2, 3}, D::Int64)};
         }},
        {"LongAndBool", "xs=[" + mk + "((2,3),'int64'), " + mk + "((2,3),'bool')]",
         [A] {
             return std::vector{A({2, 3}, D::Int64), A({2, 3}, D::Bool)};
         }},
        {"HalfAndInt8", "xs=[" + mk + "((2,3),'float16'), " + mk + "((2,3),'int8')]",
         [A] {
             return std::vector{A({2, 3}, D::Float16), A({2, 3}, D::Int8)};
         }},
        {"Int16AndHalf", "xs=[" + mk + "((2,3),'int16'), " + mk + "((2,3),'float16')]",
         [A] {
             return std::vector{A({2, 3}, D::Int16), A({2, 3}, D::Float16)};
         }},
        {"Int8AndUint8", "xs=[" + mk + "((2,3),'int8'), " + mk + "((2,3),'uint8')]",
         [A] {
             return std::vector{A({2, 3}, D::Int8), A({2, 3}, D::UInt8)};
         }},
        {"BoolAndUint8", "xs=[" + mk + "((2,3),'bool'), " + mk + "((2,3),'uint8')]",
         [A] {
             return std::vector{A({2, 3}, D::Bool), A({2, 3}, D::UInt8)};
         }},
        {"EmptyRows", "xs=[" + mk + "((0,3)), " + mk + "((2,3))]",
         [A] {
             return std::vector{A({0, 3}), A({2, 3})};
         }},
        {"AllEmpty", "xs=[" + mk + "((0,3)), " + mk + "((0,3))]",
         [A] {
             return std::vector{A({0, 3}), A({0, 3})};
         }},
        {"LegacyEmptyVector", "xs=[" + mk + "((2,3)), " + mk + "((0,))]",
         [A] {
             return std::vector{A({2, 3}), A({0})};
         }},
        {"IntAndLegacyEmptyFloat", "xs=[" + mk + "((2,3),'int64'), " + mk + "((0,),'float32')]",
         [A] {
             return std::vector{A({2, 3}, D::Int64), A({0}, D::Float32)};
         }},
        {"OnlyLegacyEmpties", "xs=[" + mk + "((0,)), " + mk + "((0,))]",
         [A] {
             return std::vector{A({0}), A({0})};
         }},
        {"Vectors", "xs=[" + mk + "((3,)), " + mk + "((2,))]",
         [A] {
             return std::vector{A({3}), A({2})};
         }},
        {"ZeroDims", "xs=[" + mk + "(()), " + mk + "(())]",
         [A] {
             return std::vector{A({}), A({})};
         }},
        {"MatrixThenZeroDim", "xs=[" + mk + "((2,3)), " + mk + "(())]",
         [A] {
             return std::vector{A({2, 3}), A({})};
         }},
        {"DimsDiffer", "xs=[" + mk + "((2,3)), " + mk + "((3,))]",
         [A] {
             return std::vector{A({2, 3}), A({3})};
         }},
        {"ThirdDimsDiffer", "xs=[" + mk + "((2,3)), " + mk + "((2,3)), " + mk + "((2,3,1))]",
         [A] {
             return std::vector{A({2, 3}), A({2, 3}), A({2, 3, 1})};
         }},
        {"ColumnsDiffer", "xs=[" + mk + "((2,3)), " + mk + "((2,4))]",
         [A] {
             return std::vector{A({2, 3}), A({2, 4})};
         }},
        {"RowsDiffer", "xs=[" + mk + "((2,3)), " + mk + "((3,3))]",
         [A] {
             return std::vector{A({2, 3}), A({3, 3})};
         }},
        {"Nothing", "xs=[]", [] { return std::vector<ArrayPtr>{}; }},
        {"ChannelsLast",
         "xs=[" + mk + "((2,4,5,3))." + (torch ? "permute" : "transpose") + "(0,3,1,2), " + mk + "((1,4,5,3))." +
             (torch ? "permute" : "transpose") + "(0,3,1,2)]",
         [A] {
             return std::vector{permuted(A({2, 4, 5, 3}), {0, 3, 1, 2}), permuted(A({1, 4, 5, 3}), {0, 3, 1, 2})};
         }},
        {"ChannelsLastThenContiguous",
         "xs=[" + mk + "((1,4,5,3))." + (torch ? "permute" : "transpose") + "(0,3,1,2), " + mk + "((1,3,4,5))]",
         [A] {
             return std::vector{permuted(A({1, 4, 5, 3}), {0, 3, 1, 2}), A({1, 3, 4, 5})};
         }},
        {"ContiguousThenChannelsLast",
         "xs=[" + mk + "((1,3,4,5)), " + mk + "((1,4,5,3))." + (torch ? "permute" : "transpose") + "(0,3,1,2)]",
         [A] {
             return std::vector{A({1, 3, 4, 5}), permuted(A({1, 4, 5, 3}), {0, 3, 1, 2})};
         }},
    };
    for (const Operands& ops : lists) {
        for (const std::int64_t axis : {0, 1, -1, 2, -3}) {
            if ((axis == 2 || axis == -3) && ops.name != "TwoMatrices" && ops.name != "Permuted3d" &&
                ops.name != "ChannelsLast")
                continue;
            if ((axis == 1 || axis == -1) && (ops.name == "Nothing" || ops.name == "ZeroDims"))
                continue;
            const QString axisName = axis < 0 ? "M" + QString::number(-axis) : QString::number(axis);
            c.add((torch ? "cat" : "concatenate") + lib + ops.name + "Axis" + axisName,
                  ops.python + "\nr=" + catName + "(xs, " + QString::number(axis) + ")",
                  [ops, f, axis] { return Outcome::of(concatenate(f, ops.make(), axis)); });
        }
        if (!torch)
            c.add("concatenateNumpy" + ops.name + "AxisNone", ops.python + "\nr=np.concatenate(xs, axis=None)",
                  [ops] { return Outcome::of(concatenate(kNumpy, ops.make(), std::nullopt)); });
        for (const std::int64_t axis : {0, 2, -1, 3, -4}) {
            if (axis != 0 && ops.name != "TwoMatrices" && ops.name != "Transposed" && ops.name != "ZeroDims" &&
                ops.name != "ChannelsLast")
                continue;
            const QString axisName = axis < 0 ? "M" + QString::number(-axis) : QString::number(axis);
            c.add("stack" + lib + ops.name + "Axis" + axisName,
                  ops.python + "\nr=" + stackName + "(xs, " + QString::number(axis) + ")",
                  [ops, f, axis] { return Outcome::of(stack(f, ops.make(), axis)); });
        }
    }
}

void addMixedAndGradCases(CaseList& c)
{
    c.add("catTorchRefusesAnNdarray", "r=torch.cat([T((2,3)), N((2,3))])", [] {
        return Outcome::of(concatenate(kTorch, {T({2, 3}), N({2, 3})}, 0));
    });
    c.add("stackTorchRefusesAnNdarray", "r=torch.stack([T((2,3)), N((2,3))])", [] {
        return Outcome::of(stack(kTorch, {T({2, 3}), N({2, 3})}, 0));
    });
    c.add("concatenateNumpyTakesTensors", "r=np.concatenate([N((2,3)), T((2,3))])", [] {
        return Outcome::of(concatenate(kNumpy, {N({2, 3}), T({2, 3})}, 0));
    });
    c.add("stackNumpyTakesTensors", "r=np.stack([T((2,3)), N((2,3),'int8')], 1)", [] {
        return Outcome::of(stack(kNumpy, {T({2, 3}), N({2, 3}, D::Int8)}, 1));
    });
    c.add("concatenateNumpyRefusesTensorRequiringGrad", "r=np.concatenate([N((2,3)), T((2,3),grad=True)])", [] {
        return Outcome::of(concatenate(kNumpy, {N({2, 3}), T({2, 3}, D::Float32, true)}, 0));
    });
    c.add("concatenateNumpyOfScalarsWithAxisNone", "r=np.concatenate([np.float32(1), np.float32(2)], axis=None)", [] {
        ArrayPtr a = av::test::ndarrayOf<float>({}, {1.f}), b = av::test::ndarrayOf<float>({}, {2.f});
        a->setNumpyScalar(true);
        b->setNumpyScalar(true);
        return Outcome::of(concatenate(kNumpy, {a, b}, std::nullopt));
    });
    c.add("stackNumpyOfScalars", "r=np.stack([np.float64(1), np.float64(2)])", [] {
        return Outcome::of(stack(kNumpy, {numpyScalar(1), numpyScalar(2)}, 0));
    });
    c.add("catTorchRecordsCatBackward", "r=torch.cat([T((2,3),grad=True), T((2,3),'float64')])", [] {
        return Outcome::of(concatenate(kTorch, {T({2, 3}, D::Float32, true), T({2, 3}, D::Float64)}, 0));
    });
    c.add("catTorchRecordsCatBackwardForLaterInput", "r=torch.cat([T((2,3)), T((2,3),grad=True)], 1)", [] {
        return Outcome::of(concatenate(kTorch, {T({2, 3}), T({2, 3}, D::Float32, true)}, 1));
    });
    c.add("stackTorchRecordsStackBackward", "r=torch.stack([T((2,3),grad=True), T((2,3))], 1)", [] {
        return Outcome::of(stack(kTorch, {T({2, 3}, D::Float32, true), T({2, 3})}, 1));
    });
    c.add("stackTorchAtLastDimRecordsStackBackward", "r=torch.stack([T((2,3),grad=True), T((2,3))], 2)", [] {
        return Outcome::of(stack(kTorch, {T({2, 3}, D::Float32, true), T({2, 3})}, 2));
    });
    c.add("catTorchUnderNoGradRecordsNothing", "with torch.no_grad():\n    r=torch.cat([T((2,3),grad=True), T((2,3))])",
          [] {
              std::vector<ArrayPtr> xs{T({2, 3}, D::Float32, true), T({2, 3})};
              NoGradGuard guard;
              return Outcome::of(concatenate(kTorch, xs, 0));
          });
    c.add("stackTorchOfPermutedImagesIsAView", "r=torch.stack([T((4,5,3)).permute(2,0,1), T((4,5,3)).permute(2,0,1)])",
          [] {
              return Outcome::of(
                  stack(kTorch, {permuted(T({4, 5, 3}), {2, 0, 1}), permuted(T({4, 5, 3}), {2, 0, 1})}, 0));
          });
    c.add("stackTorchOfPermutedImagesAtEnd", "r=torch.stack([T((4,5,3)).permute(2,0,1), T((4,5,3)).permute(2,0,1)], 3)",
          [] {
              return Outcome::of(
                  stack(kTorch, {permuted(T({4, 5, 3}), {2, 0, 1}), permuted(T({4, 5, 3}), {2, 0, 1})}, 3));
          });
    c.add("stackTorchOfLegacyEmpties", "r=torch.stack([T((0,)), T((0,))])", [] {
        return Outcome::of(stack(kTorch, {T({0}), T({0})}, 0));
    });
    c.add("catTorchKeepsRandomValues", "r=torch.cat([TG((3,4),1), TG((3,4),2,'float64').t()[:3]], 1)", [] {
        return Outcome::of(
            concatenate(kTorch, {TG({3, 4}, 1), sliced(transposed(TG({3, 4}, 2, D::Float64)), 0, 0, 3, 1)}, 1));
    });
    c.add("concatenateNumpyKeepsRandomValues", "r=np.concatenate([NG((3,4),1,'float16'), NG((5,4),2,'float32')[::-2]])",
          [] {
              return Outcome::of(
                  concatenate(kNumpy, {NG({3, 4}, 1, D::Float16), sliced(NG({5, 4}, 2, D::Float32), 0, 4, -1, -2)}, 0));
          });
}

}  // namespace

class TestCopies : public QObject {
    Q_OBJECT

public:
    TestCopies()
        : m_suite([] {
              CaseList c;
              addCloneCases(c);
              addJoinCases(c, kTorch);
              addJoinCases(c, kNumpy);
              addMixedAndGradCases(c);
              return c.take();
          }())
    {
    }

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void copiesMatchTheRealLibraries_data() { m_suite.addRows(); }
    void copiesMatchTheRealLibraries() { m_suite.checkCurrentRow(); }

    // Direct checks the oracle's description cannot state: a clone never shares a buffer with its source,
    // and contiguous() of a contiguous tensor is the very same object.
    void cloneNeverSharesItsSourceBuffer()
    {
        ArrayPtr src = transposed(T({3, 4}));
        ArrayPtr r = clone(src);
        QVERIFY(r->buffer() != src->buffer());
        QCOMPARE(r->strides(), src->strides());
        ArrayPtr same = contiguous(r->isContiguous() ? r : contiguous(r));
        QVERIFY(same->isContiguous());
        ArrayPtr c = T({2, 3});
        QCOMPARE(contiguous(c).get(), c.get());
    }

    void allocateLikeInfersDenseStridesInStrideOrder()
    {
        // (6, 2) with strides (1, 12): dim 0 is innermost, so the dense layout is (1, 6).
        ArrayPtr src = sliced(transposed(T({4, 6})), 1, 0, 4, 2);
        QCOMPARE(src->strides(), (Strides{1, 12}));
        QCOMPARE(allocateLike(*src, D::Float64)->strides(), (Strides{1, 6}));
    }

private:
    av::test::OracleSuite m_suite;
};

AV_TEST_MAIN(TestCopies)
#include "tst_copies.moc"
