// In-place arithmetic and the other in-place writers, judged by real PyTorch 1.13 and NumPy 1.24: x op= y
// and torch's add_/sub_(alpha=)/mul_/div_/floor_divide_/remainder_/pow_ on tensors and views of them, NumPy's
// augmented assignment (np.add(a, b, out=a)) on arrays and views, each library's checks in its own order
// (autograd leaf rules, internal and partial overlap, broadcasting, casting, read-only arrays), the version
// counter, grad_fn of targets and their bases, overlapping operands, Python's fallback to `x = x op y`
// between the libraries, and copy_, fill_/ndarray.fill, zero_, clamp_, np.copyto and ufuncs with out=.
// Every case reports the target after the write AND the source array it is a view of, so that values seen
// through both prove where the write landed; `same_object` and `shares` say whether Python rebound the name.

#include "engine/autograd.h"
#include "engine/indexing.h"
#include "engine/views.h"
#include "tests/engine/arithtesthelpers.h"
#include "tests/support/testmain.h"

#include <map>
#include <random>

using namespace av::engine;
using namespace av::test::arith;
using av::test::Outcome;

namespace {

// The target of an in-place write: python binds `src` and `x` (src itself or a view of it).
struct TargetSpec {
    std::string label;
    std::string python;  // binds src and x
    std::function<std::pair<ArrayPtr, ArrayPtr>()> make;  // (src, x)
};

TargetSpec wholeTarget(const OperandSpec& source)
{
    return {source.label, "src=" + source.python + "\nx=src\n", [make = source.make] {
                const ArrayPtr src = std::get<ArrayPtr>(make());
                return std::make_pair(src, src);
            }};
}

TargetSpec viewTarget(const OperandSpec& source, const std::string& pySuffix, const std::string& labelSuffix,
                      std::function<ArrayPtr(const ArrayPtr&)> view)
{
    return {source.label + labelSuffix, "src=" + source.python + "\nx=src" + pySuffix + "\n",
            [make = source.make, view] {
                const ArrayPtr src = std::get<ArrayPtr>(make());
                return std::make_pair(src, view(src));
            }};
}

std::string pyOperatorStatement(BinaryOp op) { return "x" + pySymbol(op) + "=o"; }

std::string_view torchMethodName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "add_";
    case BinaryOp::Sub: return "sub_";
    case BinaryOp::Mul: return "mul_";
    case BinaryOp::Div: return "div_";
    case BinaryOp::FloorDiv: return "floor_divide_";
    case BinaryOp::Mod: return "remainder_";
    default: return "pow_";
    }
}

constexpr BinaryOp kInplaceOps[] = {BinaryOp::Add, BinaryOp::Sub,  BinaryOp::Mul, BinaryOp::Div,
                                    BinaryOp::FloorDiv, BinaryOp::Mod, BinaryOp::Pow};

struct InplaceOptions {
    InplaceSpelling spelling = InplaceSpelling::Operator;
    std::optional<Scalar> alpha;
    bool noGrad = false;
    bool swallowError = false;  // the case reports x and src after a failed write (versions unchanged)
};

void addInplaceCase(CaseTable& table, BinaryOp op, const TargetSpec& target, const OperandSpec& other,
                    InplaceOptions options = {})
{
    std::string statement;
    if (options.spelling == InplaceSpelling::Operator) {
        statement = pyOperatorStatement(op);
    } else {
        statement = "x." + std::string(torchMethodName(op)) + "(o" +
                    (options.alpha ? ", alpha=" + pyNumber(*options.alpha) : std::string()) + ")";
    }
    std::string name = target.label + (options.spelling == InplaceSpelling::Operator
                                           ? " " + pySymbol(op) + "= "
                                           : "." + std::string(torchMethodName(op)) + "(") +
                       other.label +
                       (options.spelling == InplaceSpelling::Method
                            ? (options.alpha ? ", alpha=" + pyNumber(*options.alpha) : std::string()) + ")"
                            : std::string());
    if (options.noGrad)
        name += " under no_grad";
    if (options.swallowError)
        name += ", then the versions";
    std::string python = target.python + "o=" + other.python + "\n";
    if (options.swallowError)
        statement = "try:\n    " + statement + "\nexcept Exception:\n    pass";
    if (options.noGrad)
        statement = "with torch.no_grad():\n    " + statement;
    python += statement + "\nr=(x,src)\n";
    table.add(QString::fromStdString(name), python, [op, make = target.make, other = other.make, options] {
        const auto [src, x] = make();
        const Value o = other();
        std::optional<NoGradGuard> guard;
        if (options.noGrad)
            guard.emplace();
        Value result = x;
        try {
            result = inplace(op, x, o, options.spelling, options.alpha);
        } catch (const PyError&) {
            if (!options.swallowError)
                throw;
        }
        if (options.spelling == InplaceSpelling::Method)
            result = x;  // a method call does not rebind x
        return Outcome::tuple(std::vector<Value>{result, Value(src)}, src);
    });
}

// A generic statement on a target: python runs `statement` after binding src and x; the engine runs `run`.
void addStatementCase(CaseTable& table, const QString& name, const TargetSpec& target, const std::string& statement,
                      std::function<Value(const ArrayPtr& src, const ArrayPtr& x)> run, bool noGrad = false)
{
    std::string python = target.python;
    python += noGrad ? "with torch.no_grad():\n    " + statement + "\n" : statement + "\n";
    python += "r=(x,src)\n";
    table.add(name, python, [make = target.make, run, noGrad] {
        const auto [src, x] = make();
        std::optional<NoGradGuard> guard;
        if (noGrad)
            guard.emplace();
        const Value result = run(src, x);
        return Outcome::tuple(std::vector<Value>{result, Value(src)}, src);
    });
}


OperandSpec arrayOf(Flavour flavour, DType dtype, Shape shape, Values values, std::string label = {})
{
    return flavour == Flavour::Torch ? tensorOperand(dtype, std::move(shape), std::move(values), false, std::move(label))
                                     : ndarrayOperand(dtype, std::move(shape), std::move(values), std::move(label));
}

ArrayPtr sliceView(const ArrayPtr& a, std::optional<std::int64_t> start, std::optional<std::int64_t> stop,
                   std::optional<std::int64_t> step)
{
    const std::array<IndexItem, 1> index{Slice{start, stop, step}};
    return getItem(a, index);
}

// Targets of each flavour: the whole array, a slice, a strided view, the transpose of a 2-D array, and a
// reversed NumPy view (torch has no negative strides).
std::vector<TargetSpec> targetsOf(Flavour flavour, DType dtype)
{
    // Values whose powers with the operands below are exact (NumPy's float power runs SVML on AVX-512).
    const Values six = isFloating(dtype)                        ? Values::of({4.0, -2.0, 0.25, 0.0, -0.5, 16.0})
                       : kindOf(dtype) == DTypeKind::Signed ? Values::ints({4, -2, 1, 0, 16, 2})
                                                            : Values::ints({4, 8, 1, 0, 16, 2});
    const OperandSpec line = arrayOf(flavour, dtype, {6}, six);
    const OperandSpec grid = arrayOf(flavour, dtype, {2, 3}, six);
    std::vector<TargetSpec> out = {
        wholeTarget(line),
        viewTarget(line, "[1:4]", "[1:4]", [](const ArrayPtr& a) { return sliceView(a, 1, 4, std::nullopt); }),
        viewTarget(line, "[::2]", "[::2]", [](const ArrayPtr& a) { return sliceView(a, std::nullopt, std::nullopt, 2); }),
        viewTarget(grid, ".T", ".T", [](const ArrayPtr& a) { return reversedDims(a); }),
    };
    if (flavour == Flavour::Numpy)
        out.push_back(viewTarget(line, "[::-2]", "[::-2]",
                                 [](const ArrayPtr& a) { return sliceView(a, std::nullopt, std::nullopt, -2); }));
    return out;
}

// Operands for targets of 3 elements (the views above have 3 elements: [1:4], [::2], [::-2]) or of shape
// (3, 2) (the transpose): numbers, NumPy scalars, arrays of both flavours and several dtypes.
std::vector<OperandSpec> othersFor(Flavour flavour, const Shape& targetShape)
{
    std::vector<OperandSpec> out = {
        numberOperand(Scalar(std::int64_t{2})), numberOperand(Scalar(-1.5)), numberOperand(Scalar(true)),
        numberOperand(Scalar(std::int64_t{300})), numberOperand(Scalar(std::int64_t{0})),
        numpyScalarOperand(DType::Float64, Values::of({2.5})), numpyScalarOperand(DType::Int8, Values::ints({-3})),
    };
    const bool matrix = targetShape.size() == 2;
    const Shape shape = matrix ? Shape{3, 2} : Shape{3};
    const Values ints = matrix ? Values::ints({2, -1, 3, 1, 4, -2}) : Values::ints({2, -1, 3});
    const Values floats = matrix ? Values::of({0.5, -2.0, 4.0, 1.0, 3.0, -1.0}) : Values::of({0.5, -2.0, 4.0});
    for (const Flavour f : {flavour, flavour == Flavour::Torch ? Flavour::Numpy : Flavour::Torch}) {
        out.push_back(arrayOf(f, DType::Int64, shape, ints));
        out.push_back(arrayOf(f, DType::Float32, shape, floats));
    }
    out.push_back(arrayOf(flavour, DType::Bool, shape, matrix ? Values::ints({1, 0, 1, 1, 0, 0}) : Values::ints({1, 0, 1})));
    out.push_back(arrayOf(flavour, DType::Int8, matrix ? Shape{2} : Shape{}, matrix ? Values::ints({3, -2}) : Values::ints({3})));
    return out;
}

Shape shapeOf(const TargetSpec& target) { return target.make().second->sizes(); }

// ---- Every op on every target with every kind of operand -------------------------------------------------

CaseTable& operatorTable()
{
    static CaseTable table = [] {
        CaseTable t;
        for (const Flavour flavour : {Flavour::Torch, Flavour::Numpy})
            for (const DType dtype : {DType::Int64, DType::Float32, DType::Int8, DType::Bool, DType::Float16, DType::UInt8}) {
                std::vector<TargetSpec> targets = targetsOf(flavour, dtype);
                if (dtype != DType::Int64 && dtype != DType::Float32)
                    targets.resize(2);  // the layouts are covered by the two main dtypes
                for (const TargetSpec& target : targets) {
                    std::vector<OperandSpec> others = othersFor(flavour, shapeOf(target));
                    if (shapeOf(target) == Shape{6}) {
                        // the whole array (6 elements): operands of its shape
                        others = {numberOperand(Scalar(std::int64_t{2})), numberOperand(Scalar(-1.5)),
                                  numberOperand(Scalar(true)), numberOperand(Scalar(std::int64_t{300})),
                                  numberOperand(Scalar(std::int64_t{0})),
                                  numpyScalarOperand(DType::Float64, Values::of({2.5})),
                                  arrayOf(flavour, DType::Int64, {6}, Values::ints({2, -1, 3, 0, 4, -2})),
                                  arrayOf(flavour, DType::Float32, {6}, Values::of({0.5, -2.0, 4.0, 1.0, 3.0, -1.0})),
                                  arrayOf(flavour == Flavour::Torch ? Flavour::Numpy : Flavour::Torch, DType::Float64,
                                          {6}, Values::of({0.5, -2.0, 4.0, 1.0, 3.0, -1.0})),
                                  arrayOf(flavour, DType::Float32, {2, 6}, Values::of({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})),
                                  arrayOf(flavour, DType::Float32, {4}, Values::of({1, 2, 3, 4}))};
                    }
                    for (const BinaryOp op : kInplaceOps)
                        for (const OperandSpec& other : others) {
                            addInplaceCase(t, op, target, other);
                            if (flavour == Flavour::Torch)
                                addInplaceCase(t, op, target, other, {InplaceSpelling::Method});
                        }
                }
            }
        return t;
    }();
    return table;
}

// ---- add_/sub_ with alpha ---------------------------------------------------------------------------------

CaseTable& alphaTable()
{
    static CaseTable table = [] {
        CaseTable t;
        std::mt19937 rng(17);
        const auto randomFloats = [&](std::size_t n) {
            std::vector<double> v;
            for (std::size_t i = 0; i < n; ++i)
                v.push_back(std::ldexp(static_cast<double>(rng()) / 4294967296.0 - 0.5, static_cast<int>(rng() % 8)));
            return v;
        };
        for (const DType dtype : {DType::Float32, DType::Float64, DType::Float16, DType::Int64, DType::Int8, DType::UInt8,
                                  DType::Bool}) {
            // 40 elements: whole vector chunks and a scalar tail in torch's loop.
            std::vector<double> a = randomFloats(40), b = randomFloats(40);
            Values av = Values::of(a), bv = Values::of(b);
            if (!isFloating(dtype)) {
                std::vector<std::int64_t> ai, bi;
                for (std::size_t i = 0; i < 40; ++i) {
                    ai.push_back(static_cast<std::int64_t>(rng() % 255) - 127);
                    bi.push_back(static_cast<std::int64_t>(rng() % 255) - 127);
                }
                av = Values::ints(ai);
                bv = Values::ints(bi);
            }
            const TargetSpec target = wholeTarget(tensorOperand(dtype, {40}, av));
            const OperandSpec other = tensorOperand(dtype, {40}, bv, false, std::string(numpyName(dtype)) + " tensor b");
            for (const BinaryOp op : {BinaryOp::Add, BinaryOp::Sub})
                for (const Scalar& alpha : {Scalar(std::int64_t{1}), Scalar(std::int64_t{3}), Scalar(std::int64_t{-2}),
                                            Scalar(0.1), Scalar(1.0 / 3.0), Scalar(true), Scalar(false),
                                            Scalar(std::int64_t{300}), Scalar(std::int64_t{70000})}) {
                    addInplaceCase(t, op, target, other, {InplaceSpelling::Method, alpha});
                    addInplaceCase(t, op, target, numberOperand(Scalar(std::int64_t{3})), {InplaceSpelling::Method, alpha});
                }
        }
        return t;
    }();
    return table;
}

// ---- torch's checks, in order, and autograd ----------------------------------------------------------------

CaseTable& torchCheckTable()
{
    static CaseTable table = [] {
        CaseTable t;
        const Values three = Values::of({1.0, 2.0, 3.0});
        const OperandSpec plain = tensorOperand(DType::Float32, {3}, three);
        const OperandSpec leaf = tensorOperand(DType::Float32, {3}, three, true);
        const OperandSpec ints = tensorOperand(DType::Int64, {3}, Values::ints({4, 5, 6}));
        const OperandSpec bools = tensorOperand(DType::Bool, {3}, Values::ints({1, 0, 1}));
        const OperandSpec u = tensorOperand(DType::Float32, {3}, Values::of({0.5, 1.0, 2.0}), false, "float32 tensor u");
        const OperandSpec ug = tensorOperand(DType::Float32, {3}, Values::of({0.5, 1.0, 2.0}), true, "float32 grad tensor u");
        const OperandSpec wide = tensorOperand(DType::Float32, {2, 3}, Values::of({1, 2, 3, 4, 5, 6}));
        const OperandSpec zeroInts = tensorOperand(DType::Int64, {3}, Values::ints({1, 0, 2}), false, "int64 tensor with a zero");
        const OperandSpec column = tensorOperand(DType::Float32, {3, 1}, three);
        const std::vector<TargetSpec> targets = {
            wholeTarget(plain),
            wholeTarget(leaf),
            viewTarget(leaf, "[:2]", "[:2]", [](const ArrayPtr& a) { return sliceView(a, std::nullopt, 2, std::nullopt); }),
            // a non-leaf: y = leaf * 2, and a view of it
            {"leaf * 2", "src=" + leaf.python + "*2\nx=src\n",
             [make = leaf.make] {
                 const ArrayPtr y = std::get<ArrayPtr>(binary(BinaryOp::Mul, make(), Scalar(std::int64_t{2})));
                 return std::make_pair(y, y);
             }},
            {"(leaf * 2)[1:]", "src=" + leaf.python + "*2\nx=src[1:]\n",
             [make = leaf.make] {
                 const ArrayPtr y = std::get<ArrayPtr>(binary(BinaryOp::Mul, make(), Scalar(std::int64_t{2})));
                 return std::make_pair(y, sliceView(y, 1, std::nullopt, std::nullopt));
             }},
            viewTarget(column, ".expand(3,2)", ".expand(3,2)",
                       [](const ArrayPtr& a) {
                           const std::int64_t sizes[] = {3, 2};
                           return expand(a, sizes);
                       }),
            wholeTarget(ints),
            wholeTarget(bools),
        };
        const std::vector<OperandSpec> others = {u,        ug,       wide,     zeroInts, bools,
                                                 numberOperand(Scalar(1.5)), numberOperand(Scalar(true)),
                                                 numberOperand(Scalar(std::int64_t{-1})), numberOperand(Scalar(std::int64_t{0}))};
        for (const TargetSpec& target : targets)
            for (const OperandSpec& other : others)
                for (const BinaryOp op : kInplaceOps) {
                    addInplaceCase(t, op, target, other);
                    addInplaceCase(t, op, target, other, {InplaceSpelling::Operator, std::nullopt, /*noGrad=*/true});
                    addInplaceCase(t, op, target, other, {InplaceSpelling::Operator, std::nullopt, false, /*swallow=*/true});
                }
        // Partial overlap between self and other views of one storage; full overlap (x += x) is allowed.
        const OperandSpec five = tensorOperand(DType::Float32, {5}, Values::of({0, 1, 2, 3, 4}));
        const auto slice = [](std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
            return [a, b](const ArrayPtr& x) { return sliceView(x, a, b, std::nullopt); };
        };
        struct Overlap {
            const char* name;
            const char* python;
            std::function<ArrayPtr(const ArrayPtr&)> target, other;
        };
        const std::vector<Overlap> overlaps = {
            {"src[1:] op= src[:-1]", "x=src[1:]\no=src[:-1]\n", slice(1, {}), slice({}, -1)},
            {"src[:-1] op= src[1:]", "x=src[:-1]\no=src[1:]\n", slice({}, -1), slice(1, {})},
            {"src op= src", "x=src\no=src\n", [](const ArrayPtr& a) { return a; }, [](const ArrayPtr& a) { return a; }},
            {"src[:2] op= src[3:]", "x=src[:2]\no=src[3:]\n", slice({}, 2), slice(3, {})},
        };
        for (const Overlap& overlap : overlaps)
            for (const BinaryOp op : {BinaryOp::Add, BinaryOp::Mul}) {
                const std::string statement = "x" + pySymbol(op) + "=o";
                t.add(QString("%1 with %2").arg(overlap.name, pySymbol(op).c_str()),
                      "src=" + five.python + "\n" + overlap.python + statement + "\nr=(x,src)\n",
                      [op, make = five.make, overlap] {
                          const ArrayPtr src = std::get<ArrayPtr>(make());
                          const ArrayPtr x = overlap.target(src);
                          const Value result = inplace(op, x, overlap.other(src));
                          return Outcome::tuple(std::vector<Value>{result, Value(src)}, src);
                      });
            }
        return t;
    }();
    return table;
}

// ---- NumPy's checks and overlapping operands ---------------------------------------------------------------

CaseTable& numpyCheckTable()
{
    static CaseTable table = [] {
        CaseTable t;
        const OperandSpec ints = ndarrayOperand(DType::Int64, {3}, Values::ints({4, 5, 6}));
        const OperandSpec uint8s = ndarrayOperand(DType::UInt8, {3}, Values::ints({4, 250, 6}));
        const OperandSpec int8s = ndarrayOperand(DType::Int8, {3}, Values::ints({4, 100, -6}));
        const OperandSpec floats = ndarrayOperand(DType::Float64, {3}, Values::of({1.0, 2.0, 3.0}));
        const OperandSpec halfs = ndarrayOperand(DType::Float16, {3}, Values::of({1.0, 2.0, 30000.0}));
        const OperandSpec bools = ndarrayOperand(DType::Bool, {3}, Values::ints({1, 0, 1}));
        TargetSpec readOnly = wholeTarget(floats);
        readOnly.label = "read-only float64 ndarray";
        readOnly.python += "src.setflags(write=False)\n";
        readOnly.make = [make = floats.make] {
            const ArrayPtr a = std::get<ArrayPtr>(make());
            a->setWriteable(false);
            return std::make_pair(a, a);
        };
        const std::vector<TargetSpec> targets = {wholeTarget(ints), wholeTarget(uint8s), wholeTarget(int8s),
                                                 wholeTarget(floats), wholeTarget(halfs), wholeTarget(bools), readOnly};
        const std::vector<OperandSpec> others = {
            numberOperand(Scalar(1.5)),
            numberOperand(Scalar(std::int64_t{300})),
            numberOperand(Scalar(std::int64_t{-1})),
            numberOperand(Scalar(std::int64_t{0})),
            numberOperand(Scalar(true)),
            numberOperand(Scalar(70000.0)),
            numpyScalarOperand(DType::Int64, Values::ints({3})),
            ndarrayOperand(DType::Float64, {2, 3}, Values::of({1, 2, 3, 4, 5, 6})),
            ndarrayOperand(DType::Float64, {2}, Values::of({1, 2})),
            ndarrayOperand(DType::Int64, {3}, Values::ints({0, -1, 2}), "int64 ndarray with zero and -1"),
            ndarrayOperand(DType::UInt8, {1}, Values::ints({200})),
            tensorOperand(DType::Float32, {3}, Values::of({0.5, 2.0, 4.0})),
        };
        for (const TargetSpec& target : targets)
            for (const OperandSpec& other : others)
                for (const BinaryOp op : kInplaceOps)
                    addInplaceCase(t, op, target, other);
        // Overlapping views of one array: NumPy computes as if the input had been copied first.
        const OperandSpec five = ndarrayOperand(DType::Float64, {5}, Values::of({0, 1, 2, 3, 4}));
        const OperandSpec grid = ndarrayOperand(DType::Float64, {3, 3}, Values::of({1, 2, 3, 4, 5, 6, 7, 8, 9}));
        struct Overlap {
            const char* name;
            const OperandSpec* base;
            const char* python;
            std::function<ArrayPtr(const ArrayPtr&)> target, other;
        };
        const auto slice = [](std::optional<std::int64_t> a, std::optional<std::int64_t> b, std::optional<std::int64_t> s = {}) {
            return [a, b, s](const ArrayPtr& x) { return sliceView(x, a, b, s); };
        };
        const auto identity = [](const ArrayPtr& a) { return a; };
        const std::vector<Overlap> overlaps = {
            {"a[1:] op= a[:-1]", &five, "x=src[1:]\no=src[:-1]\n", slice(1, {}), slice({}, -1)},
            {"a[:-1] op= a[1:]", &five, "x=src[:-1]\no=src[1:]\n", slice({}, -1), slice(1, {})},
            {"a op= a[::-1]", &five, "x=src\no=src[::-1]\n", identity, slice({}, {}, -1)},
            {"a op= a", &five, "x=src\no=src\n", identity, identity},
            {"g op= g.T", &grid, "x=src\no=src.T\n", identity, [](const ArrayPtr& a) { return reversedDims(a); }},
        };
        for (const Overlap& overlap : overlaps)
            for (const BinaryOp op : {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Pow}) {
                t.add(QString("%1 with %2").arg(overlap.name, pySymbol(op).c_str()),
                      "src=" + overlap.base->python + "\n" + overlap.python + "x" + pySymbol(op) + "=o\nr=(x,src)\n",
                      [op, make = overlap.base->make, overlap] {
                          const ArrayPtr src = std::get<ArrayPtr>(make());
                          const Value result = inplace(op, overlap.target(src), overlap.other(src));
                          return Outcome::tuple(std::vector<Value>{result, Value(src)}, src);
                      });
            }
        return t;
    }();
    return table;
}

// ---- copy_, fill_, zero_, clamp_, np.copyto, ufunc(out=) --------------------------------------------------

CaseTable& writerTable()
{
    static CaseTable table = [] {
        CaseTable t;
        const Values three = Values::of({1.5, -2.0, 7.0});
        const OperandSpec f32 = tensorOperand(DType::Float32, {3}, three);
        const OperandSpec f16 = tensorOperand(DType::Float16, {3}, three);
        const OperandSpec i8 = tensorOperand(DType::Int8, {3}, Values::ints({1, 5, -3}));
        const OperandSpec i64 = tensorOperand(DType::Int64, {3}, Values::ints({1, 5, -3}));
        const OperandSpec u8 = tensorOperand(DType::UInt8, {3}, Values::ints({0, 5, 200}));
        const OperandSpec b = tensorOperand(DType::Bool, {3}, Values::ints({1, 0, 1}));
        const OperandSpec leaf = tensorOperand(DType::Float32, {3}, three, true);
        const OperandSpec nan = tensorOperand(DType::Float32, {3}, Values::of({1.0, NAN, 3.0}), false, "float32 tensor with nan");
        const OperandSpec column = tensorOperand(DType::Float32, {3, 1}, three);
        const OperandSpec line5 = tensorOperand(DType::Float32, {5}, Values::of({0, 1, 2, 3, 4}));
        const auto expanded = [&]() {
            return viewTarget(column, ".expand(3,2)", ".expand(3,2)", [](const ArrayPtr& a) {
                const std::int64_t sizes[] = {3, 2};
                return expand(a, sizes);
            });
        };
        const auto nonLeafView = TargetSpec{"(leaf * 2)[1:]", "src=" + leaf.python + "*2\nx=src[1:]\n", [make = leaf.make] {
                                                const ArrayPtr y = std::get<ArrayPtr>(binary(BinaryOp::Mul, make(), Scalar(std::int64_t{2})));
                                                return std::make_pair(y, sliceView(y, 1, std::nullopt, std::nullopt));
                                            }};
        const std::vector<TargetSpec> tensorTargets = {
            wholeTarget(f32), wholeTarget(f16), wholeTarget(i8), wholeTarget(i64), wholeTarget(u8), wholeTarget(b),
            wholeTarget(leaf), wholeTarget(nan), expanded(), nonLeafView,
            viewTarget(f32, "[::2]", "[::2]", [](const ArrayPtr& a) { return sliceView(a, std::nullopt, std::nullopt, 2); }),
        };
        // copy_
        const std::vector<OperandSpec> sources = {
            tensorOperand(DType::Float64, {3}, Values::of({0.25, 1e10, -7.5})), tensorOperand(DType::Int64, {}, Values::ints({9})),
            tensorOperand(DType::Float32, {2, 3}, Values::of({1, 2, 3, 4, 5, 6})), tensorOperand(DType::Float32, {2}, Values::of({1, 2})),
            tensorOperand(DType::Float32, {3}, Values::of({4, 5, 6}), true, "float32 grad tensor s"),
            ndarrayOperand(DType::Float64, {3}, Values::of({1, 2, 3})),
            tensorOperand(DType::Bool, {1}, Values::ints({1})),
        };
        for (const TargetSpec& target : tensorTargets)
            for (const OperandSpec& source : sources)
                for (const bool noGrad : {false, true})
                    addStatementCase(t, QString::fromStdString(target.label + ".copy_(" + source.label + ")" + (noGrad ? " under no_grad" : "")),
                                     target, "x.copy_(" + source.python + ")",
                                     [make = source.make](const ArrayPtr&, const ArrayPtr& x) {
                                         return Value(copyInplace(x, std::get<ArrayPtr>(make())));
                                     },
                                     noGrad);
        // self-overlapping copies
        for (const auto& [name, python, target, other] :
             std::vector<std::tuple<std::string, std::string, std::function<ArrayPtr(const ArrayPtr&)>, std::function<ArrayPtr(const ArrayPtr&)>>>{
                 {"t[1:].copy_(t[:-1])", "x=src[1:]\nx.copy_(src[:-1])", [](const ArrayPtr& a) { return sliceView(a, 1, {}, {}); },
                  [](const ArrayPtr& a) { return sliceView(a, {}, -1, {}); }},
                 {"t[:-1].copy_(t[1:])", "x=src[:-1]\nx.copy_(src[1:])", [](const ArrayPtr& a) { return sliceView(a, {}, -1, {}); },
                  [](const ArrayPtr& a) { return sliceView(a, 1, {}, {}); }},
                 {"t.copy_(t)", "x=src\nx.copy_(src)", [](const ArrayPtr& a) { return a; }, [](const ArrayPtr& a) { return a; }}})
            t.add(QString::fromStdString(name), "src=" + line5.python + "\n" + python + "\nr=(x,src)\n",
                  [make = line5.make, target, other] {
                      const ArrayPtr src = std::get<ArrayPtr>(make());
                      const ArrayPtr x = target(src);
                      return Outcome::tuple(std::vector<Value>{Value(copyInplace(x, other(src))), Value(src)}, src);
                  });
        // fill_ and zero_
        const std::vector<OperandSpec> fills = {
            numberOperand(Scalar(2.7)), numberOperand(Scalar(std::int64_t{300})), numberOperand(Scalar(std::int64_t{-1})),
            numberOperand(Scalar(true)), numberOperand(Scalar(NAN)), numberOperand(Scalar(1e10)),
            numpyScalarOperand(DType::Float64, Values::of({2.5})), numpyScalarOperand(DType::Bool, Values::ints({1})),
            tensorOperand(DType::Float32, {}, Values::of({5.0})), tensorOperand(DType::Float32, {2}, Values::of({1, 2})),
            tensorOperand(DType::Float32, {}, Values::of({5.0}), true, "0-d float32 grad tensor v"),
        };
        for (const TargetSpec& target : tensorTargets) {
            for (const OperandSpec& value : fills)
                addStatementCase(t, QString::fromStdString(target.label + ".fill_(" + value.label + ")"), target,
                                 "x.fill_(" + value.python + ")", [make = value.make](const ArrayPtr&, const ArrayPtr& x) {
                                     return Value(fillInplace(x, make()));
                                 });
            addStatementCase(t, QString::fromStdString(target.label + ".zero_()"), target, "x.zero_()",
                             [](const ArrayPtr&, const ArrayPtr& x) { return Value(zeroInplace(x)); });
            addStatementCase(t, QString::fromStdString(target.label + ".zero_() under no_grad"), target, "x.zero_()",
                             [](const ArrayPtr&, const ArrayPtr& x) { return Value(zeroInplace(x)); }, true);
        }
        // clamp_
        using Bound = std::optional<Scalar>;
        const std::vector<std::pair<Bound, Bound>> bounds = {
            {Scalar(std::int64_t{0}), Scalar(std::int64_t{2})}, {Scalar(std::int64_t{-1}), std::nullopt},
            {std::nullopt, Scalar(std::int64_t{-1})},           {Scalar(0.5), std::nullopt},
            {Scalar(std::int64_t{4}), Scalar(std::int64_t{2})}, {Scalar(NAN), std::nullopt},
            {Scalar(0.0), Scalar(NAN)},                         {std::nullopt, std::nullopt},
            {Scalar(std::int64_t{300}), std::nullopt},          {Scalar(true), Scalar(true)},
            {std::nullopt, Scalar(1.5)},                        {Scalar(std::int64_t{-200}), Scalar(std::int64_t{100})},
        };
        for (const TargetSpec& target : tensorTargets)
            for (const auto& [lo, hi] : bounds) {
                std::string args;
                if (lo)
                    args += "min=" + pyNumber(*lo);
                if (hi)
                    args += std::string(lo ? ", " : "") + "max=" + pyNumber(*hi);
                addStatementCase(t, QString::fromStdString(target.label + ".clamp_(" + args + ")"), target,
                                 "x.clamp_(" + args + ")", [lo = lo, hi = hi](const ArrayPtr&, const ArrayPtr& x) {
                                     return Value(clampInplace(x, lo, hi));
                                 });
            }
        // ndarray.fill, np.copyto, ufuncs with out=
        const OperandSpec n64 = ndarrayOperand(DType::Float64, {3}, Values::of({1.5, -2.0, 7.0}));
        const OperandSpec n8 = ndarrayOperand(DType::Int8, {3}, Values::ints({1, 5, -3}));
        const OperandSpec nu8 = ndarrayOperand(DType::UInt8, {3}, Values::ints({0, 5, 200}));
        const OperandSpec ni64 = ndarrayOperand(DType::Int64, {3}, Values::ints({1, 5, -3}));
        const OperandSpec nb = ndarrayOperand(DType::Bool, {3}, Values::ints({1, 0, 1}));
        const OperandSpec nf16 = ndarrayOperand(DType::Float16, {3}, Values::of({1.5, -2.0, 7.0}));
        const OperandSpec n5 = ndarrayOperand(DType::Float64, {5}, Values::of({0, 1, 2, 3, 4}));
        TargetSpec readOnly = wholeTarget(n64);
        readOnly.label = "read-only float64 ndarray";
        readOnly.python += "src.setflags(write=False)\n";
        readOnly.make = [make = n64.make] {
            const ArrayPtr a = std::get<ArrayPtr>(make());
            a->setWriteable(false);
            return std::make_pair(a, a);
        };
        const std::vector<TargetSpec> arrayTargets = {
            wholeTarget(n64), wholeTarget(n8), wholeTarget(nu8), wholeTarget(ni64), wholeTarget(nb), wholeTarget(nf16), readOnly,
            viewTarget(n5, "[::-2]", "[::-2]", [](const ArrayPtr& a) { return sliceView(a, std::nullopt, std::nullopt, -2); }),
        };
        for (const TargetSpec& target : arrayTargets) {
            for (const OperandSpec& value : fills)
                if (value.label.find("grad") == std::string::npos && value.label.find("tensor") == std::string::npos)
                    addStatementCase(t, QString::fromStdString(target.label + ".fill(" + value.label + ")"), target,
                                     "x.fill(" + value.python + ")", [make = value.make](const ArrayPtr&, const ArrayPtr& x) {
                                         return Value(fillInplace(x, make()));
                                     });
            const std::vector<OperandSpec> copySources = {
                numberOperand(Scalar(2.5)), numberOperand(Scalar(std::int64_t{300})), numberOperand(Scalar(std::int64_t{-1})),
                numberOperand(Scalar(true)), numberOperand(Scalar(1e10)), numpyScalarOperand(DType::Int64, Values::ints({-1})),
                numpyScalarOperand(DType::Float64, Values::of({2.5})), ndarrayOperand(DType::Int64, {}, Values::ints({300})),
                ndarrayOperand(DType::Float64, {3}, Values::of({0.5, 2, 3})), ndarrayOperand(DType::Int64, {3}, Values::ints({7, 8, 9})),
                ndarrayOperand(DType::Float64, {2, 3}, Values::of({1, 2, 3, 4, 5, 6})), ndarrayOperand(DType::Int8, {1}, Values::ints({-4})),
                tensorOperand(DType::Float32, {3}, Values::of({4, 5, 6})),
                tensorOperand(DType::Float32, {3}, Values::of({4, 5, 6}), true, "float32 grad tensor s"),
            };
            for (const OperandSpec& source : copySources)
                addStatementCase(t, QString::fromStdString("np.copyto(" + target.label + ", " + source.label + ")"), target,
                                 "np.copyto(x, " + source.python + ")", [make = source.make](const ArrayPtr&, const ArrayPtr& x) {
                                     numpyCopyTo(x, make());
                                     return Value(x);
                                 });
            for (const BinaryOp op : {BinaryOp::Add, BinaryOp::Mul, BinaryOp::Div, BinaryOp::FloorDiv, BinaryOp::Pow}) {
                static const std::map<BinaryOp, std::string> names = {{BinaryOp::Add, "np.add"}, {BinaryOp::Mul, "np.multiply"},
                                                                      {BinaryOp::Div, "np.divide"}, {BinaryOp::FloorDiv, "np.floor_divide"},
                                                                      {BinaryOp::Pow, "np.power"}};
                for (const auto& [lhs, rhs] : std::vector<std::pair<OperandSpec, OperandSpec>>{
                         {ndarrayOperand(DType::Int8, {3}, Values::ints({1, 2, 3})), numberOperand(Scalar(std::int64_t{300}))},
                         {ndarrayOperand(DType::Float64, {3}, Values::of({1, 2, 3})), numberOperand(Scalar(std::int64_t{2}))},
                         {ndarrayOperand(DType::Int64, {2}, Values::ints({1, 2})), numberOperand(Scalar(std::int64_t{0}))},
                         {ndarrayOperand(DType::Int64, {2, 3}, Values::ints({1, 2, 3, 4, 5, 6})), numberOperand(Scalar(std::int64_t{2}))},
                         {tensorOperand(DType::Float32, {3}, Values::of({1, 2, 3})), tensorOperand(DType::Float32, {}, Values::of({2}))},
                         {numberOperand(Scalar(2.0)), numberOperand(Scalar(3.0))},
                         {ndarrayOperand(DType::UInt8, {3}, Values::ints({1, 2, 3})), numberOperand(Scalar(std::int64_t{300}))},
                     }) {
                    const std::string call = names.at(op) + "(" + lhs.python + ", " + rhs.python + ", out=x)";
                    addStatementCase(t, QString::fromStdString(names.at(op) + "(" + lhs.label + ", " + rhs.label + ", out=" + target.label + ")"),
                                     target, "x=" + call, [op, l = lhs.make, r = rhs.make](const ArrayPtr&, const ArrayPtr& x) {
                                         return Value(ufuncInto(op, l(), r(), x));
                                     });
                }
                // the output overlapping an input
                addStatementCase(t, QString::fromStdString(names.at(op) + "(x[::-1], 1, out=" + target.label + ")"), target,
                                 "x=" + names.at(op) + "(x[::-1], 1, out=x)", [op](const ArrayPtr&, const ArrayPtr& x) {
                                     return Value(ufuncInto(op, Value(sliceView(x, std::nullopt, std::nullopt, -1)),
                                                            Scalar(std::int64_t{1}), x));
                                 });
            }
        }
        // A tensor as the output of a ufunc or np.copyto: refused.
        const TargetSpec tensorTarget = wholeTarget(f32);
        addStatementCase(t, "np.add(ndarray, 1, out=tensor)", tensorTarget, "np.add(np.ones(3), 1, out=x)",
                         [](const ArrayPtr&, const ArrayPtr& x) {
                             return Value(ufuncInto(BinaryOp::Add, Value(buildArray(Flavour::Numpy, DType::Float64, {3}, Values::of({1, 1, 1}))),
                                                    Scalar(std::int64_t{1}), x));
                         });
        addStatementCase(t, "np.copyto(tensor, ndarray)", tensorTarget, "np.copyto(x, np.ones(3))", [](const ArrayPtr&, const ArrayPtr& x) {
            numpyCopyTo(x, Value(buildArray(Flavour::Numpy, DType::Float64, {3}, Values::of({1, 1, 1}))));
            return Value(x);
        });
        return t;
    }();
    return table;
}

}  // namespace

class TestInplace : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (CaseTable* table : {&operatorTable(), &alphaTable(), &torchCheckTable(), &numpyCheckTable(), &writerTable()})
            table->askOracle();
    }

    void augmentedAssignmentOnEveryTargetAndOperand_data() { operatorTable().addRows(); }
    void augmentedAssignmentOnEveryTargetAndOperand() { operatorTable().checkCurrentRow(); }

    void addAndSubWithAlphaRoundLikeTorchsKernel_data() { alphaTable().addRows(); }
    void addAndSubWithAlphaRoundLikeTorchsKernel() { alphaTable().checkCurrentRow(); }

    void torchChecksAutogradOverlapShapeAndCastInOrder_data() { torchCheckTable().addRows(); }
    void torchChecksAutogradOverlapShapeAndCastInOrder() { torchCheckTable().checkCurrentRow(); }

    void numpyChecksCastingReadOnlyAndBroadcastAndBuffersOverlap_data() { numpyCheckTable().addRows(); }
    void numpyChecksCastingReadOnlyAndBroadcastAndBuffersOverlap() { numpyCheckTable().checkCurrentRow(); }

    void copyFillZeroClampCopytoAndUfuncOut_data() { writerTable().addRows(); }
    void copyFillZeroClampCopytoAndUfuncOut() { writerTable().checkCurrentRow(); }

    // Direct assertions the oracle cannot make: the result object identity and the write path's record.
    void inplaceReturnsTheSameObjectAndRebindsOnlyAcrossLibraries()
    {
        const ArrayPtr t = buildArray(Flavour::Torch, DType::Float32, {3}, Values::of({1, 2, 3}));
        const ArrayPtr a = buildArray(Flavour::Numpy, DType::Float64, {3}, Values::of({1, 2, 3}));
        QVERIFY(std::get<ArrayPtr>(inplace(BinaryOp::Add, t, Scalar(std::int64_t{1}))) == t);
        QVERIFY(std::get<ArrayPtr>(inplace(BinaryOp::Add, a, Scalar(std::int64_t{1}))) == a);
        const ArrayPtr rebound = std::get<ArrayPtr>(inplace(BinaryOp::Add, t, Value(a)));
        QVERIFY(rebound != t);
        QVERIFY(rebound->isTensor());
        QCOMPARE(rebound->dtype(), DType::Float64);
        const ArrayPtr divided = std::get<ArrayPtr>(inplace(BinaryOp::Div, a, Value(t)));
        QVERIFY(divided->isTensor());
        QCOMPARE(t->version(), 1);
    }
};

AV_TEST_MAIN(TestInplace)
#include "tst_inplace.moc"
