// sum, mean, max and min of both libraries against real PyTorch 1.13 and NumPy 1.24: result dtypes, shapes
// and layouts, values to the last bit (random non-integer data of many sizes and layouts, so the summation
// order is checked, not just the arithmetic), NaN and signed-zero results, grad_fn, warnings and errors.

#include "engine/reductions.h"

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

ReduceOptions all(bool keep = false)
{
    return {ReduceDims::all(), keep, std::nullopt};
}
ReduceOptions one(std::int64_t dim, bool keep = false)
{
    return {ReduceDims::one(dim), keep, std::nullopt};
}
ReduceOptions several(std::vector<std::int64_t> dims, bool keep = false)
{
    return {ReduceDims::several(std::move(dims)), keep, std::nullopt};
}
ReduceOptions withDtype(ReduceOptions options, DType dtype)
{
    options.dtype = dtype;
    return options;
}

Outcome pairOf(const ValuesIndices& r)
{
    return Outcome::tuple(std::vector<ArrayPtr>{r.values, r.indices});
}

// Python for a ReduceOptions: "1, keepdim=True" style arguments.
QString pyArgs(const ReduceOptions& o, Flavour f)
{
    QStringList parts;
    if (o.dims.list) {
        if (!o.dims.writtenAsTuple && o.dims.list->size() == 1) {
            parts << QString::number((*o.dims.list)[0]);
        } else {
            QString t = "(";
            for (const std::int64_t d : *o.dims.list)
                t += QString::number(d) + ",";
            parts << t + ")";
        }
    }
    if (o.keepdim)
        parts << (f == kTorch ? "keepdim=True" : "keepdims=True");
    if (o.dtype)
        parts << (f == kTorch ? "dtype=torch." : "dtype=np.") + dtypeText(*o.dtype);
    return parts.join(", ");
}

QString optionName(const ReduceOptions& o)
{
    QString name;
    if (!o.dims.list) {
        name = "All";
    } else if (o.dims.list->empty()) {
        name = "EmptyDims";
    } else {
        name = o.dims.writtenAsTuple ? "Tuple" : "Dim";
        for (const std::int64_t d : *o.dims.list)
            name += d < 0 ? "M" + QString::number(-d) : QString::number(d);
    }
    if (o.keepdim)
        name += "Keep";
    return name;
}

using Op = ArrayPtr (*)(const ArrayPtr&, const ReduceOptions&);

// One case per (library, source, op, options): `src` is built by `make` in C++ and by `python` in Python.
struct Source {
    QString name;
    QString torchPython;  // binds x
    QString numpyPython;  // binds x
    std::function<ArrayPtr(Flavour)> make;
};

void addReduction(CaseList& c, const Source& s, Flavour f, const char* op, Op fn, const ReduceOptions& o)
{
    const QString lib = f == kTorch ? "Torch" : "Numpy";
    const QString name = QString(op) + lib + s.name + optionName(o) + (o.dtype ? "As" + dtypeText(*o.dtype) : "");
    const QString python = (f == kTorch ? s.torchPython : s.numpyPython) + "\nr=x." + op + "(" + pyArgs(o, f) + ")";
    c.add(name, python, [make = s.make, f, fn, o] { return Outcome::of(fn(make(f), o)); });
}

// --- sums and means of plain sources ---------------------------------------------------------------------

void addBasicCases(CaseList& c)
{
    const Source matrix{"Matrix", "x=T((2,3))", "x=N((2,3))", [](Flavour f) {
                            return f == kTorch ? T({2, 3}) : N({2, 3});
                        }};
    const Source cube{"Cube", "x=T((2,3,4))", "x=N((2,3,4))", [](Flavour f) {
                          return f == kTorch ? T({2, 3, 4}) : N({2, 3, 4});
                      }};
    for (const Flavour f : {kTorch, kNumpy}) {
        for (const auto& [op, fn] : {std::pair<const char*, Op>{"sum", &sum}, {"mean", &mean}}) {
            addReduction(c, matrix, f, op, fn, all());
            addReduction(c, matrix, f, op, fn, one(0));
            addReduction(c, matrix, f, op, fn, one(-1));
            addReduction(c, matrix, f, op, fn, one(1, true));
            addReduction(c, cube, f, op, fn, several({0, 2}));
            addReduction(c, cube, f, op, fn, several({-1, 0}, true));
            addReduction(c, cube, f, op, fn, several({}));
            addReduction(c, cube, f, op, fn, several({2, 1, 0}));
            addReduction(c, matrix, f, op, fn, withDtype(all(), D::Float32));
            addReduction(c, matrix, f, op, fn, withDtype(one(0), D::Float16));
        }
        addReduction(c, matrix, f, "sum", &sum, withDtype(all(), D::Int64));
        addReduction(c, matrix, f, "sum", &sum, withDtype(one(1), D::Int8));
        addReduction(c, cube, f, "max", &max, all());
        addReduction(c, cube, f, "min", &min, all());
    }
    // NumPy's keepdims and multi-axis max/min
    for (const auto& [op, fn] : {std::pair<const char*, Op>{"max", &max}, {"min", &min}}) {
        addReduction(c, cube, kNumpy, op, fn, one(1));
        addReduction(c, cube, kNumpy, op, fn, several({0, 2}, true));
        addReduction(c, cube, kNumpy, op, fn, several({}));
        addReduction(c, matrix, kNumpy, op, fn, one(-1, true));
    }
}

void addDtypeCases(CaseList& c)
{
    for (const D dtype : {D::Bool, D::UInt8, D::Int8, D::Int16, D::Int32, D::Int64, D::Float16, D::Float64}) {
        const QString dt = dtypeText(dtype);
        const Source src{"Of" + dt, "x=T((3,4),'" + dt + "')", "x=N((3,4),'" + dt + "')", [dtype](Flavour f) {
                             return f == kTorch ? T({3, 4}, dtype) : N({3, 4}, dtype);
                         }};
        for (const Flavour f : {kTorch, kNumpy}) {
            if (!(f == kNumpy && dtype == D::UInt8)) {  // NumPy sums uint8 as uint64: see numpySumOfUint8...
                addReduction(c, src, f, "sum", &sum, all());
                addReduction(c, src, f, "sum", &sum, one(0));
            }
            addReduction(c, src, f, "mean", &mean, all());
            addReduction(c, src, f, "mean", &mean, one(1));
            addReduction(c, src, f, "max", &max, all());
            addReduction(c, src, f, "min", &min, all());
        }
        addReduction(c, src, kNumpy, "max", &max, one(0));
    }
    // Wrapping sums in a narrow dtype, and means forced to a dtype.
    const Source bytes{"OfInt8Ramp", "x=T((200,),'int8')", "x=N((200,),'int8')",
                       [](Flavour f) { return f == kTorch ? T({200}, D::Int8) : N({200}, D::Int8); }};
    for (const Flavour f : {kTorch, kNumpy}) {
        addReduction(c, bytes, f, "sum", &sum, withDtype(all(), D::Int8));
        addReduction(c, bytes, f, "sum", &sum, withDtype(all(), D::Int16));
        addReduction(c, bytes, f, "mean", &mean, withDtype(all(), D::Float32));
        addReduction(c, bytes, f, "mean", &mean, withDtype(all(), D::Int32));
    }
    const Source bytesU{"OfUint8Ramp", "x=T((300,),'uint8')", "x=N((300,),'uint8')",
                        [](Flavour f) { return f == kTorch ? T({300}, D::UInt8) : N({300}, D::UInt8); }};
    addReduction(c, bytesU, kNumpy, "sum", &sum, withDtype(all(), D::Int64));
    addReduction(c, bytesU, kNumpy, "sum", &sum, withDtype(all(), D::UInt8));
    addReduction(c, bytesU, kTorch, "sum", &sum, all());
}

// --- values to the last bit ------------------------------------------------------------------------------

void addSizeSweep(CaseList& c)
{
    // Sizes around every boundary of both orders: 8/16/128 (NumPy's unrolling and blocks), the vector width
    // and cascade levels of torch, and NumPy's 8192-element buffer.
    const std::vector<std::int64_t> sizes = {1,    2,    7,    8,    9,    15,    16,    17,    31,    32,    33,
                                             63,   64,   65,   100,  127,  128,   129,   255,   256,   1000,  1023,
                                             1024, 4097, 8191, 8192, 8193, 16385, 32768, 32769, 65537, 100000};
    for (const std::int64_t n : sizes) {
        const QString shape = pyTuple({n});
        const Source src{"Random" + QString::number(n), "x=TG(" + shape + ",3)", "x=NG(" + shape + ",3,'float32')",
                         [n](Flavour f) { return f == kTorch ? TG({n}, 3) : NG({n}, 3, D::Float32); }};
        for (const Flavour f : {kTorch, kNumpy})
            addReduction(c, src, f, "sum", &sum, all());
    }
    for (const std::int64_t n : {5, 33, 129, 1000, 9000, 40000}) {
        const QString shape = pyTuple({n});
        for (const D dtype : {D::Float64, D::Float16}) {
            const QString dt = dtypeText(dtype);
            const Source src{"Random" + dt + QString::number(n), "x=TG(" + shape + ",5,'" + dt + "')",
                             "x=NG(" + shape + ",5,'" + dt + "')",
                             [n, dtype](Flavour f) { return f == kTorch ? TG({n}, 5, dtype) : NG({n}, 5, dtype); }};
            for (const Flavour f : {kTorch, kNumpy}) {
                addReduction(c, src, f, "sum", &sum, all());
                addReduction(c, src, f, "mean", &mean, all());
            }
        }
        const Source f32{"RandomFloat32Mean" + QString::number(n), "x=TG(" + shape + ",7)",
                         "x=NG(" + shape + ",7,'float32')",
                         [n](Flavour f) { return f == kTorch ? TG({n}, 7) : NG({n}, 7, D::Float32); }};
        for (const Flavour f : {kTorch, kNumpy}) {
            addReduction(c, f32, f, "mean", &mean, all());
            addReduction(c, f32, f, "max", &max, all());
        }
        addReduction(c, f32, kTorch, "sum", &sum, withDtype(all(), D::Float64));
        addReduction(c, f32, kNumpy, "sum", &sum, withDtype(all(), D::Float64));
        addReduction(c, f32, kNumpy, "sum", &sum, withDtype(all(), D::Float16));
    }
}

// A view of random data: built from a C-contiguous base by a transform both sides spell.
struct Layout {
    QString name;
    Shape base;
    QString torchTransform;  // Python applied to x
    QString numpyTransform;
    std::function<ArrayPtr(const ArrayPtr&)> apply;
    bool numpyOnly = false;
};

void addLayoutSweep(CaseList& c)
{
    const std::vector<Layout> layouts = {
        {"Rows7x9", {7, 9}, "", "", [](const ArrayPtr& a) { return a; }},
        {"Rows100x33", {100, 33}, "", "", [](const ArrayPtr& a) { return a; }},
        {"Wide3x20000", {3, 20000}, "", "", [](const ArrayPtr& a) { return a; }},
        {"Tall20000x3", {20000, 3}, "", "", [](const ArrayPtr& a) { return a; }},
        {"Transposed7x9", {7, 9}, ".t()", ".T", [](const ArrayPtr& a) { return transposed(a); }},
        {"Transposed100x33", {100, 33}, ".t()", ".T", [](const ArrayPtr& a) { return transposed(a); }},
        {"TransposedTall9000x5", {9000, 5}, ".t()", ".T", [](const ArrayPtr& a) { return transposed(a); }},
        {"Permuted4x5x6",
         {4, 5, 6},
         ".permute(2,0,1)",
         ".transpose(2,0,1)",
         [](const ArrayPtr& a) {
             return permuted(a, {2, 0, 1});
         }},
        {"Permuted30x3x40",
         {30, 3, 40},
         ".permute(1,2,0)",
         ".transpose(1,2,0)",
         [](const ArrayPtr& a) {
             return permuted(a, {1, 2, 0});
         }},
        {"EveryOtherColumn", {9, 40}, "[:, ::2]", "[:, ::2]", [](const ArrayPtr& a) { return sliced(a, 1, 0, 40, 2); }},
        {"EveryThirdRow", {30, 17}, "[1::3]", "[1::3]", [](const ArrayPtr& a) { return sliced(a, 0, 1, 30, 3); }},
        {"Reversed", {50, 12}, "", "[::-1]", [](const ArrayPtr& a) { return sliced(a, 0, 49, -1, -1); }, true},
        {"ReversedColumns",
         {12, 50},
         "",
         "[:, ::-2]",
         [](const ArrayPtr& a) { return sliced(a, 1, 49, -1, -2); },
         true},
    };
    const std::vector<ReduceOptions> options = {all(), one(0), one(-1), several({0, 1}, true)};
    for (const Layout& layout : layouts) {
        for (const D dtype : {D::Float32, D::Float16}) {
            const QString dt = dtypeText(dtype);
            const QString shape = pyTuple(layout.base);
            const QString torchPy = "x=TG(" + shape + ",11,'" + dt + "')" + layout.torchTransform;
            const QString numpyPy = "x=NG(" + shape + ",11,'" + dt + "')" + layout.numpyTransform;
            const Source src{
                layout.name + dt, torchPy, numpyPy, [layout, dtype](Flavour f) {
                    return layout.apply(f == kTorch ? TG(layout.base, 11, dtype) : NG(layout.base, 11, dtype));
                }};
            for (const Flavour f : {kTorch, kNumpy}) {
                if (f == kTorch && layout.numpyOnly)
                    continue;
                for (const ReduceOptions& o : options) {
                    if (dtype == D::Float16 && o.dims.list && o.dims.list->size() == 1 && (*o.dims.list)[0] == -1)
                        continue;
                    addReduction(c, src, f, "sum", &sum, o);
                }
                if (dtype == D::Float32) {
                    addReduction(c, src, f, "mean", &mean, one(0));
                    if (f == kNumpy)
                        addReduction(c, src, f, "max", &max, one(-1));
                }
            }
        }
    }
    // Three dims reduced two at a time, where torch's iterator keeps two reduced dims apart.
    const Source cube{"RandomPermutedCube", "x=TG((6,7,8),13).permute(1,2,0)",
                      "x=NG((6,7,8),13,'float32').transpose(1,2,0)", [](Flavour f) {
                          return permuted(f == kTorch ? TG({6, 7, 8}, 13) : NG({6, 7, 8}, 13, D::Float32), {1, 2, 0});
                      }};
    for (const Flavour f : {kTorch, kNumpy})
        for (const auto& dims : std::vector<std::vector<std::int64_t>>{{0, 1}, {0, 2}, {1, 2}, {2, 0}})
            addReduction(c, cube, f, "sum", &sum, several(dims));
}

// --- errors, empties, 0-d, NaN, grad, warnings ------------------------------------------------------------

void addEdgeCases(CaseList& c)
{
    const Source matrix{"Matrix", "x=T((2,3))", "x=N((2,3))", [](Flavour f) {
                            return f == kTorch ? T({2, 3}) : N({2, 3});
                        }};
    const Source scalar{"ZeroDim", "x=T(())", "x=N(())", [](Flavour f) { return f == kTorch ? T({}) : N({}); }};
    const Source empty{"Empty", "x=T((0,))", "x=N((0,))", [](Flavour f) { return f == kTorch ? T({0}) : N({0}); }};
    const Source emptyRows{"EmptyRows", "x=T((0,3))", "x=N((0,3))", [](Flavour f) {
                               return f == kTorch ? T({0, 3}) : N({0, 3});
                           }};
    const Source emptyCols{"EmptyCols", "x=T((3,0))", "x=N((3,0))", [](Flavour f) {
                               return f == kTorch ? T({3, 0}) : N({3, 0});
                           }};
    for (const Flavour f : {kTorch, kNumpy}) {
        for (const auto& [op, fn] :
             {std::pair<const char*, Op>{"sum", &sum}, {"mean", &mean}, {"max", &max}, {"min", &min}}) {
            const bool torchExtremum = f == kTorch && (fn == &max || fn == &min);
            addReduction(c, scalar, f, op, fn, all());
            addReduction(c, empty, f, op, fn, all());
            if (!torchExtremum) {
                addReduction(c, matrix, f, op, fn, one(2));
                addReduction(c, matrix, f, op, fn, one(-3));
                addReduction(c, matrix, f, op, fn, several({0, 0}));
                addReduction(c, matrix, f, op, fn, several({1, -1}));
                addReduction(c, matrix, f, op, fn, several({0, 5}));
                addReduction(c, scalar, f, op, fn, one(0));
                addReduction(c, scalar, f, op, fn, one(-1));
                addReduction(c, scalar, f, op, fn, several({0}));
                addReduction(c, scalar, f, op, fn, one(1));
                addReduction(c, emptyRows, f, op, fn, one(0));
                addReduction(c, emptyRows, f, op, fn, one(1));
                addReduction(c, emptyCols, f, op, fn, one(0));
                addReduction(c, emptyCols, f, op, fn, one(1, true));
            }
        }
    }
    // NaN and infinities, with NumPy's floating-point warnings.
    const auto valuesSource = [](QString name, QString list, std::vector<double> values) {
        return Source{name, "x=torch.tensor(" + list + ", dtype=torch.float32)",
                      "x=np.array(" + list + ", dtype=np.float32)", [values](Flavour f) {
                          std::vector<float> v(values.begin(), values.end());
                          return av::test::arrayOf<float>(f, {static_cast<std::int64_t>(v.size())}, v);
                      }};
    };
    const Source withNan = valuesSource("WithNan", "[1.0, float('nan'), 3.0, float('nan')]", {1.0, NAN, 3.0, NAN});
    const Source infinities =
        valuesSource("OppositeInfinities", "[float('inf'), 1.0, float('-inf')]", {INFINITY, 1.0, -INFINITY});
    const Source huge = valuesSource("Huge", "[3e38, 3e38, -1.0]", {3e38, 3e38, -1.0});
    const Source zeros = valuesSource("SignedZeros", "[-0.0, 0.0, -0.0]", {-0.0, 0.0, -0.0});
    for (const Flavour f : {kTorch, kNumpy}) {
        for (const Source* s : {&withNan, &infinities, &huge, &zeros}) {
            addReduction(c, *s, f, "sum", &sum, all());
            addReduction(c, *s, f, "mean", &mean, all());
            addReduction(c, *s, f, "max", &max, all());
            addReduction(c, *s, f, "min", &min, all());
        }
        addReduction(c, zeros, f, "sum", &sum, several({0}, true));
    }
    addReduction(c, zeros, kNumpy, "sum", &sum, several({}));

    // grad_fn: SumBackward0 without dims, SumBackward1 with them (even an empty list); no_grad records nothing.
    const Source leaf{"LeafRequiringGrad", "x=T((2,3),grad=True)", "", [](Flavour) {
                          return T({2, 3}, D::Float32, true);
                      }};
    for (const auto& [op, fn] : {std::pair<const char*, Op>{"sum", &sum}, {"mean", &mean}}) {
        addReduction(c, leaf, kTorch, op, fn, all());
        addReduction(c, leaf, kTorch, op, fn, one(1));
        addReduction(c, leaf, kTorch, op, fn, several({}));
        addReduction(c, leaf, kTorch, op, fn, withDtype(all(), D::Float64));
        addReduction(c, leaf, kTorch, op, fn, withDtype(one(0), D::Int64));
    }
    addReduction(c, leaf, kTorch, "sum", &sum, withDtype(all(), D::Bool));
    addReduction(c, leaf, kTorch, "max", &max, all());
    addReduction(c, leaf, kTorch, "min", &min, all());
    c.add("sumTorchUnderNoGradRecordsNothing", "x=T((2,3),grad=True)\nwith torch.no_grad():\n    r=x.sum(0)", [] {
        NoGradGuard guard;
        return Outcome::of(sum(T({2, 3}, D::Float32, true), one(0)));
    });
    c.add("sumTorchToIntegerUnderNoGradIsFine",
          "x=T((2,3),grad=True)\nwith torch.no_grad():\n    r=x.sum(dtype=torch.int64)", [] {
              NoGradGuard guard;
              return Outcome::of(sum(T({2, 3}, D::Float32, true), withDtype(all(), D::Int64)));
          });
    c.add("meanNumpyOfEmptyFloat32WarnsTwice", "x=np.zeros(0, np.float32)\nr=x.mean()",
          [] { return Outcome::of(mean(N({0}, D::Float32), all())); });
    c.add("meanNumpyOfEmptyFloat16WarnsTwice", "x=np.zeros(0, np.float16)\nr=x.mean()",
          [] { return Outcome::of(mean(N({0}, D::Float16), all())); });
    c.add("meanNumpyOfEmptyIntsDividesInScalarMath", "x=np.zeros(0, np.int8)\nr=x.mean()",
          [] { return Outcome::of(mean(N({0}, D::Int8), all())); });
    c.add("meanNumpyOfEmptyByEmptyOnlyWarnsEmptySlice", "x=N((0,0))\nr=x.mean(0)", [] {
        return Outcome::of(mean(N({0, 0}), one(0)));
    });
    c.add("meanNumpyOfFloat16KeepsItsLayoutInFloat16", "x=NG((2,3,4),2,'float16').transpose(2,0,1)\nr=x.mean(1)", [] {
        return Outcome::of(mean(permuted(NG({2, 3, 4}, 2, D::Float16), {2, 0, 1}), one(1)));
    });
    c.add("meanNumpyOfFloat16KeepdimsIsCContiguous", "x=NG((3,31),2,'float16').T\nr=x.mean(0, keepdims=True)", [] {
        return Outcome::of(mean(transposed(NG({3, 31}, 2, D::Float16)), one(0, true)));
    });
    c.add("sumNumpyKeepdimsFollowsInputLayout", "x=N((2,3,4)).transpose(2,0,1)\nr=x.sum(1, keepdims=True)", [] {
        return Outcome::of(sum(permuted(N({2, 3, 4}), {2, 0, 1}), one(1, true)));
    });
    c.add("sumTorchOfPermutedIsCContiguous", "x=T((2,3,4)).permute(2,0,1)\nr=x.sum(1, keepdim=True)", [] {
        return Outcome::of(sum(permuted(T({2, 3, 4}), {2, 0, 1}), one(1, true)));
    });
}

// --- max / min along a dim (torch.return_types) and signed-zero ties --------------------------------------

void addAlongDimCases(CaseList& c)
{
    struct Src {
        QString name;
        QString python;
        std::function<ArrayPtr()> make;
    };
    const std::vector<Src> sources = {
        {"Ramp", "x=T((2,3))",
         [] {
             return T({2, 3});
         }},
        {"Ties", "x=torch.tensor([[1,5,5],[7,7,2]])",
         [] {
             return av::test::tensorOf<std::int64_t>({2, 3}, {1, 5, 5, 7, 7, 2});
         }},
        {"NaNs", "x=torch.tensor([[1.,float('nan'),3.,float('nan')],[4.,2.,2.,0.]])",
         [] {
             return av::test::tensorOf<float>({2, 4}, {1.f, NAN, 3.f, NAN, 4.f, 2.f, 2.f, 0.f});
         }},
        {"SignedZeros", "x=torch.tensor([[-0.,0.,-0.],[0.,-0.,0.]])",
         [] {
             return av::test::tensorOf<float>({2, 3}, {-0.f, 0.f, -0.f, 0.f, -0.f, 0.f});
         }},
        {"Bools", "x=torch.tensor([[True,False],[False,False]])",
         [] {
             return av::test::tensorOf<bool>({2, 2}, {true, false, false, false});
         }},
        {"Halves", "x=TG((4,5),3,'float16')",
         [] {
             return TG({4, 5}, 3, D::Float16);
         }},
        {"Int8s", "x=T((3,4),'int8')",
         [] {
             return T({3, 4}, D::Int8);
         }},
        {"Transposed", "x=TG((5,6),4).t()",
         [] {
             return transposed(TG({5, 6}, 4));
         }},
        {"Cube", "x=TG((3,4,5),6)",
         [] {
             return TG({3, 4, 5}, 6);
         }},
    };
    for (const Src& s : sources) {
        for (const std::int64_t dim : {0, -1}) {
            for (const bool keep : {false, true}) {
                const QString args = QString::number(dim) + (keep ? ", keepdim=True" : "");
                const QString suffix = s.name + "Dim" + (dim < 0 ? "M1" : "0") + (keep ? "Keep" : "");
                c.add("maxAlongDim" + suffix, s.python + "\nr=x.max(" + args + ")",
                      [s, dim, keep] { return pairOf(maxAlongDim(s.make(), dim, keep)); });
                if (!keep)
                    c.add("minAlongDim" + suffix, s.python + "\nr=x.min(" + args + ")",
                          [s, dim] { return pairOf(minAlongDim(s.make(), dim, false)); });
            }
        }
    }
    c.add("maxAlongDimOfCubeMiddle", "x=TG((3,4,5),6)\nr=x.max(1)", [] {
        return pairOf(maxAlongDim(TG({3, 4, 5}, 6), 1));
    });
    c.add("maxAlongDimOfZeroDimTensor", "x=T(())\nr=x.max(0)", [] { return pairOf(maxAlongDim(T({}), 0)); });
    c.add("maxAlongDimOfZeroDimTensorMinusOne", "x=T(())\nr=x.max(-1, keepdim=True)",
          [] { return pairOf(maxAlongDim(T({}), -1, true)); });
    c.add("maxAlongDimOutOfRange", "x=T((2,3))\nr=x.max(2)", [] { return pairOf(maxAlongDim(T({2, 3}), 2)); });
    c.add("maxAlongEmptyDimFails", "x=T((0,3))\nr=x.max(0)", [] { return pairOf(maxAlongDim(T({0, 3}), 0)); });
    c.add("minAlongEmptyDimNamesWrappedDim", "x=T((0,3))\nr=x.min(-2, keepdim=True)", [] {
        return pairOf(minAlongDim(T({0, 3}), -2, true));
    });
    c.add("maxAlongFullDimOfEmptyTensor", "x=T((0,3))\nr=x.max(1)", [] { return pairOf(maxAlongDim(T({0, 3}), 1)); });
    c.add("maxAlongDimRecordsMaxBackward0", "x=T((2,3),grad=True)\nr=x.max(1)", [] {
        return pairOf(maxAlongDim(T({2, 3}, D::Float32, true), 1));
    });
    c.add("minAlongDimRecordsMinBackward0", "x=T((2,3),grad=True)\nr=x.min(0, keepdim=True)", [] {
        return pairOf(minAlongDim(T({2, 3}, D::Float32, true), 0, true));
    });

    // Which of several equal zeros survives depends on each library's reduction tree.
    const std::vector<std::vector<double>> patterns = {
        {-0.0, 0.0},
        {0.0, -0.0},
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.0, 0.0},
        {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, 0.0, -0.0, -0.0, -0.0, -0.0},
        {0.0,  -0.0, 0.0, 0.0,  -0.0, 0.0, -0.0, -0.0, 0.0, 0.0,  0.0, 0.0, -0.0, 0.0,  0.0,  -0.0, 0.0,
         -0.0, -0.0, 0.0, -0.0, 0.0,  0.0, 0.0,  -0.0, 0.0, -0.0, 0.0, 0.0, 0.0,  -0.0, -0.0, 0.0}};
    int index = 0;
    for (const auto& pattern : patterns) {
        QString list = "[";
        for (const double v : pattern)
            list += std::signbit(v) ? "-0.0," : "0.0,";
        list += "]";
        for (const D dtype : {D::Float32, D::Float64, D::Float16}) {
            const QString dt = dtypeText(dtype);
            for (const Flavour f : {kTorch, kNumpy}) {
                const QString lib = f == kTorch ? "Torch" : "Numpy";
                const QString make = f == kTorch ? "x=torch.tensor(" + list + ", dtype=torch." + dt + ")"
                                                 : "x=np.array(" + list + ", dtype=np." + dt + ")";
                const auto build = [pattern, dtype, f] {
                    return filledWith(f, {static_cast<std::int64_t>(pattern.size())}, dtype,
                                      [&]<typename E>(std::int64_t i) {
                                          return convertElement<E>(pattern[static_cast<std::size_t>(i)], true);
                                      });
                };
                c.add("maxZeroTies" + lib + dt + QString::number(index), make + "\nr=x.max()",
                      [build] { return Outcome::of(max(build(), all())); });
                c.add("minZeroTies" + lib + dt + QString::number(index), make + "\nr=x.min()",
                      [build] { return Outcome::of(min(build(), all())); });
            }
        }
        ++index;
    }
    // NumPy strided (non-contiguous) ties take its scalar path.
    c.add("maxNumpyZeroTiesStrided", "x=np.array([0.0,-0.0]*20)[::2][::-1]\nr=x.max()", [] {
        std::vector<double> v;
        for (int i = 0; i < 20; ++i) {
            v.push_back(0.0);
            v.push_back(-0.0);
        }
        ArrayPtr a = av::test::ndarrayOf<double>({40}, v);
        return Outcome::of(max(sliced(sliced(a, 0, 0, 40, 2), 0, 19, -1, -1), all()));
    });
}

}  // namespace

class TestReductions : public QObject {
    Q_OBJECT

public:
    TestReductions()
        : m_suite([] {
              CaseList c;
              addBasicCases(c);
              addDtypeCases(c);
              addSizeSweep(c);
              addLayoutSweep(c);
              addEdgeCases(c);
              addAlongDimCases(c);
              return c.take();
          }())
    {
    }

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void reductionsMatchTheRealLibraries_data() { m_suite.addRows(); }
    void reductionsMatchTheRealLibraries() { m_suite.checkCurrentRow(); }

    // NumPy sums uint8 as uint64, a dtype aliasview does not have: the engine says so instead of guessing.
    void numpySumOfUint8NamesTheMissingDtype()
    {
        try {
            sum(N({3}, D::UInt8), all());
            QFAIL("np.sum of a uint8 array must not succeed without uint64");
        } catch (const PyError& error) {
            QCOMPARE(QString::fromStdString(error.typeName()), QString("NotImplementedError"));
            QVERIFY(QString::fromStdString(error.message()).contains("uint64"));
        }
        // With an explicit dtype it is an ordinary sum.
        ArrayPtr r = sum(N({3}, D::UInt8), withDtype(all(), D::Int64));
        QVERIFY(r->isNumpyScalar());
        QCOMPARE(r->dtype(), D::Int64);
        QCOMPARE(loadElement<std::int64_t>(r->data()), std::int64_t{3});
    }

    // The summation order matters: a naive left-to-right float sum of this data differs from both libraries'.
    void summationOrderIsNotNaive()
    {
        ArrayPtr x = TG({100000}, 3);
        float naive = 0.0f;
        for (std::int64_t i = 0; i < x->numel(); ++i)
            naive += loadElement<float>(x->data() + i * 4);
        const float torchSum = loadElement<float>(sum(x, all())->data());
        const float numpySum = loadElement<float>(sum(NG({100000}, 3, D::Float32), all())->data());
        QVERIFY(naive != torchSum || naive != numpySum);
        QVERIFY(std::isfinite(torchSum) && std::isfinite(numpySum));
    }

    void torchMaxWithDimsIsAnInternalMisuse() { QVERIFY_THROWS_EXCEPTION(InternalError, max(T({2, 3}), one(0))); }

private:
    av::test::OracleSuite m_suite;
};

AV_TEST_MAIN(TestReductions)
#include "tst_reductions.moc"
