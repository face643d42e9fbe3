// x[index] and x[index] = value on both libraries, judged by real PyTorch 1.13 and NumPy 1.24: which results
// are views and which copies, where the advanced dims land and how the result is laid out, versions and
// grad_fn after writes, NumPy's base/flags and scalars, and every error and warning.

#include "engine/autograd.h"
#include "engine/changes.h"
#include "engine/copykernel.h"
#include "engine/errors.h"
#include "engine/warnings.h"
#include "tests/engine/viewtesthelpers.h"
#include "tests/support/testmain.h"

using namespace av::engine;
using namespace av::test::views;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

using D = DType;
using Items = std::vector<IndexItem>;
using ItemsFn = std::function<Items(Flavour)>;
using ValueFn = std::function<Value(Flavour, const ArrayPtr&)>;

// Index arrays of the indexed object's flavour (A, B, F, ... in the Python prelude below).
IndexItem A(Flavour f, std::vector<std::int64_t> values, Shape shape = {}) { return longs(f, std::move(values), std::move(shape)); }
IndexItem A0(Flavour f, std::int64_t value) { return arrayOf<std::int64_t>(f, {}, {value}); }
IndexItem B(Flavour f, std::vector<bool> values, Shape shape = {}) { return bools(f, std::move(values), std::move(shape)); }
IndexItem B0(Flavour f, bool value)
{
    ArrayPtr array = allocateArray(f, DType::Bool, {});
    storeElement<bool>(array->data(), value);
    return array;
}
// The mask src > threshold for a source of values 0, 1, 2, ...
IndexItem greaterThan(Flavour f, Shape shape, std::int64_t threshold)
{
    std::vector<bool> values;
    for (std::int64_t i = 0; i < numelOf(shape); ++i)
        values.push_back(i > threshold);
    return bools(f, values, std::move(shape));
}

std::string pyFlavourPrelude(Flavour f)
{
    if (f == Flavour::Torch)
        return "A=lambda v: torch.tensor(v, dtype=torch.int64)\nB=lambda v: torch.tensor(v, dtype=torch.bool)\n"
               "F=lambda v: torch.tensor(v, dtype=torch.float64)\nA32=lambda v: torch.tensor(v, dtype=torch.int32)\n"
               "U8=lambda v: torch.tensor(v, dtype=torch.uint8)\nOA=lambda v: np.array(v, dtype=np.int64)\n"
               "OB=lambda v: np.array(v, dtype=bool)\nV=T\nOV=N\n";
    return "A=lambda v: np.array(v, dtype=np.int64)\nB=lambda v: np.array(v, dtype=bool)\n"
           "F=lambda v: np.array(v, dtype=np.float64)\nA32=lambda v: np.array(v, dtype=np.int32)\n"
           "U8=lambda v: np.array(v, dtype=np.uint8)\nOA=lambda v: torch.tensor(v, dtype=torch.int64)\n"
           "OB=lambda v: torch.tensor(v, dtype=torch.bool)\nV=N\nOV=T\n";
}

struct Source {
    const char* shape;  // Python tuple
    Shape sizes;
    const char* dtype = nullptr;  // Python dtype name; default: float32 tensors, float64 ndarrays
    bool grad = false;            // torch only
};

std::optional<DType> dtypeNamed(const char* name)
{
    if (!name)
        return std::nullopt;
    return dtypeFromNumpyName(name);
}

std::string pySource(Flavour f, const Source& s)
{
    std::string code = f == Flavour::Torch ? "src=T(" : "src=N(";
    code += s.shape;
    if (s.dtype)
        code += std::string(",'") + s.dtype + "'";
    if (f == Flavour::Torch && s.grad)
        code += ",grad=True";
    return code + ")\n";
}

ArrayPtr engineSource(Flavour f, const Source& s)
{
    const std::optional<DType> dtype = dtypeNamed(s.dtype);
    if (f == Flavour::Torch)
        return T(s.sizes, dtype.value_or(D::Float32), s.grad);
    return N(s.sizes, dtype.value_or(D::Float64));
}

struct GetSpec {
    const char* name;
    Source source;
    const char* index;  // Python, between the brackets
    ItemsFn items;
    bool tuple = false;
    const char* pyTransform = nullptr;  // Python expression of src that is indexed instead of src
    std::function<ArrayPtr(const ArrayPtr&)> transform = nullptr;
};

struct SetSpec {
    const char* name;
    Source source;
    const char* index;
    ItemsFn items;
    const char* value;  // Python
    ValueFn valueFn;
    bool tuple = false;
};

QString caseName(Flavour f, const char* name) { return QString(f == Flavour::Torch ? "tensor" : "ndarray") + name; }

void addGetCase(std::vector<OracleCase>& out, Flavour f, const GetSpec& spec)
{
    std::string python = pyFlavourPrelude(f) + pySource(f, spec.source);
    python += std::string("x=") + (spec.pyTransform ? spec.pyTransform : "src") + "\nr=x[" + spec.index + "]\n";
    out.push_back(oracleCase(caseName(f, spec.name), QString::fromStdString(python), [f, spec] {
        const ArrayPtr src = engineSource(f, spec.source);
        const ArrayPtr x = spec.transform ? spec.transform(src) : src;
        const Items items = spec.items(f);
        return Outcome::of(getItem(x, items, spec.tuple), src);
    }));
}

void addSetCase(std::vector<OracleCase>& out, Flavour f, const SetSpec& spec)
{
    std::string python = pyFlavourPrelude(f) + pySource(f, spec.source);
    python += std::string("src[") + spec.index + "]=" + spec.value + "\nr=src\n";
    out.push_back(oracleCase(caseName(f, spec.name), QString::fromStdString(python), [f, spec] {
        const ArrayPtr src = engineSource(f, spec.source);
        const Items items = spec.items(f);
        setItem(src, items, spec.valueFn(f, src), spec.tuple);
        return Outcome::of(src, src);
    }));
}

#define IDX(...) [](Flavour f) -> Items { (void)f; return Items{__VA_ARGS__}; }
#define VAL(...) [](Flavour f, const ArrayPtr& src) -> Value { (void)f; (void)src; return __VA_ARGS__; }

ArrayPtr swap02(const ArrayPtr& a) { return transpose(a, 0, 2); }
ArrayPtr swap01(const ArrayPtr& a) { return transpose(a, 0, 1); }

std::vector<GetSpec> getSpecs()
{
    const Source s34{"(3,4)", {3, 4}};
    const Source s234{"(2,3,4)", {2, 3, 4}};
    const Source s6{"(6,)", {6}};
    const Source scalar{"()", {}};
    return {
        // basic indexing: views
        {"IntegerPicksFirstRow", s234, "0", IDX(at(0))},
        {"NegativeIntegerPicksLastRow", s234, "-1", IDX(at(-1))},
        {"IntegerOutOfRange", s234, "2", IDX(at(2))},
        {"NegativeIntegerOutOfRange", s234, "-3", IDX(at(-3))},
        {"TwoIntegers", s234, "1, 2", IDX(at(1), at(2))},
        {"IntegerPerDimGivesScalar", s234, "1, 2, 3", IDX(at(1), at(2), at(3))},
        {"IntegerPerDimOfFloat32", {"(2,3)", {2, 3}, "float32"}, "1, 2", IDX(at(1), at(2))},
        {"TooManyIntegers", s234, "0,0,0,0", IDX(at(0), at(0), at(0), at(0))},
        {"IntegerOutOfRangeInLaterDim", s234, ":, 3", IDX(all(), at(3))},
        {"IntegerAfterEllipsisOutOfRange", s234, "..., -5", IDX(ellipsis(), at(-5))},
        {"SliceFromOne", s234, "1:", IDX(sl(1))},
        {"SliceWithStep", s6, "::2", IDX(sl({}, {}, 2))},
        {"SliceWithNegativeStep", s6, "::-1", IDX(sl({}, {}, -1))},
        {"SliceWithNegativeStepFromEnd", s6, "4:1:-2", IDX(sl(4, 1, -2))},
        {"SliceWithZeroStep", s6, "::0", IDX(sl({}, {}, 0))},
        {"SliceStartingPastTheEnd", s234, "5:1", IDX(sl(5, 1))},
        {"SliceClampsBounds", s234, "-10:10", IDX(sl(-10, 10))},
        {"SliceToMinusOne", s234, "1:-1", IDX(sl(1, -1))},
        {"SliceSpelledAsFullRange", {"(2,3)", {2, 3}, nullptr, true}, "0:2", IDX(sl(0, 2))},
        {"TupleOfFullRangesIsAnAlias", {"(2,3)", {2, 3}, nullptr, true}, "0:2, 0:3", IDX(sl(0, 2), sl(0, 3))},
        {"OneItemTupleOfFullRange", {"(2,3)", {2, 3}, nullptr, true}, "0:2,", IDX(sl(0, 2)), true},
        {"TupleOfColons", {"(2,3)", {2, 3}, nullptr, true}, ":, :", IDX(all(), all())},
        {"IntegerSliceInteger", {"(2,3,4)", {2, 3, 4}, nullptr, true}, "0, :, -1", IDX(at(0), all(), at(-1))},
        {"NoneAddsLeadingAxis", {"(2,3)", {2, 3}, nullptr, true}, "None", IDX(none())},
        {"NoneBetweenIntegers", s234, "1, None, 2", IDX(at(1), none(), at(2))},
        {"EllipsisAlone", {"(2,3)", {2, 3}, nullptr, true}, "...", IDX(ellipsis())},
        {"EllipsisInTuple", {"(2,3)", {2, 3}, nullptr, true}, "...,", IDX(ellipsis()), true},
        {"EmptyTuple", {"(2,3)", {2, 3}, nullptr, true}, "()", IDX(), true},
        {"EllipsisThenNone", s234, "..., None", IDX(ellipsis(), none())},
        {"EllipsisBetweenIntegers", s234, "0, ..., 1", IDX(at(0), ellipsis(), at(1))},
        {"TwoEllipses", s234, "0, ..., 0, ...", IDX(at(0), ellipsis(), at(0), ellipsis())},
        {"TrueAddsAxisAsCopy", {"(2,3)", {2, 3}, nullptr, true}, "True", IDX(true)},
        {"FalseGivesEmpty", {"(2,3)", {2, 3}}, "False", IDX(false)},
        {"IntegerThenTrue", s234, "0, True", IDX(at(0), true)},
        {"IntegerThenFalse", s234, "0, False", IDX(at(0), false)},
        {"NoneThenTrue", {"(2,3)", {2, 3}}, "None, True", IDX(none(), true)},
        {"Int8Row", {"(3,4)", {3, 4}, "int8"}, "1", IDX(at(1))},
        {"BoolRowSlice", {"(3,4)", {3, 4}, "bool"}, "1:, ::3", IDX(sl(1), sl({}, {}, 3))},
        // on 0-d arrays
        {"ScalarWithEmptyTuple", scalar, "()", IDX(), true},
        {"ScalarWithEllipsis", scalar, "...", IDX(ellipsis())},
        {"ScalarWithNone", scalar, "None", IDX(none())},
        {"ScalarWithTrue", scalar, "True", IDX(true)},
        {"ScalarWithFalse", scalar, "False", IDX(false)},
        {"ScalarWithZero", scalar, "0", IDX(at(0))},
        {"ScalarWithFive", scalar, "5", IDX(at(5))},
        {"ScalarWithColon", scalar, ":", IDX(all())},
        {"ScalarWithIndexArray", scalar, "A([0])", IDX(A(f, {0}))},
        {"ScalarWithEllipsisAndNone", scalar, "..., None", IDX(ellipsis(), none())},
        // advanced indexing: copies
        {"RowsByIndexArray", s34, "A([0,2])", IDX(A(f, {0, 2}))},
        {"RowsByIndexArrayOfFloat16", {"(3,4)", {3, 4}, "float16"}, "A([2,0,2])", IDX(A(f, {2, 0, 2}))},
        {"RowsByIndexArrayWithGrad", {"(3,4)", {3, 4}, nullptr, true}, "A([0,2])", IDX(A(f, {0, 2}))},
        {"ColumnsByIndexArray", s34, ":, A([0,2])", IDX(all(), A(f, {0, 2}))},
        {"IntegerAndColumnArray", s34, "0, A([0,2])", IDX(at(0), A(f, {0, 2}))},
        {"TwoArraysPairUp", s34, "A([0,1]), A([1,2])", IDX(A(f, {0, 1}), A(f, {1, 2}))},
        {"ArraysSeparatedBySliceGoFirst", s234, "A([0,1]), :, A([1,2])", IDX(A(f, {0, 1}), all(), A(f, {1, 2}))},
        {"ArraysSeparatedByIntegerGoFirst", s234, "A([0,1]), 0, A([1,2])", IDX(A(f, {0, 1}), at(0), A(f, {1, 2}))},
        {"SliceThenTwoArrays", s234, ":, A([0,1]), A([1,2])", IDX(all(), A(f, {0, 1}), A(f, {1, 2}))},
        {"SliceIntegerArray", s234, ":, 0, A([0,1])", IDX(all(), at(0), A(f, {0, 1}))},
        {"IntegerSliceArray", s234, "0, :, A([0,1])", IDX(at(0), all(), A(f, {0, 1}))},
        {"ArraysBroadcastTogether", s34, "A([[0],[1]]), A([0,1,2])", IDX(A(f, {0, 1}, {2, 1}), A(f, {0, 1, 2}))},
        {"TwoDimIndexArray", s34, "A([[0,1],[1,0]])", IDX(A(f, {0, 1, 1, 0}, {2, 2}))},
        {"TwoDimIndexArrayOnColumns", s234, ":, :, A([[0,1]])", IDX(all(), all(), A(f, {0, 1}, {1, 2}))},
        {"ColumnsThenNewAxis", s234, ":, A([0,1]), None", IDX(all(), A(f, {0, 1}), none())},
        {"NewAxisThenColumns", s234, "None, :, A([0,1])", IDX(none(), all(), A(f, {0, 1}))},
        {"NewAxisBetweenArrays", {"(2,3)", {2, 3}}, "A([0,1]), None, A([0,1])", IDX(A(f, {0, 1}), none(), A(f, {0, 1}))},
        {"ArrayThenNewAxis", s34, "A([0,1]), None", IDX(A(f, {0, 1}), none())},
        {"SlicedRowsThenColumns", s234, "1:, A([0,1])", IDX(sl(1), A(f, {0, 1}))},
        {"ColumnsAndPartialSlice", s234, ":, A([0,1]), :2", IDX(all(), A(f, {0, 1}), sl({}, 2))},
        {"MaskOfSameShape", s34, "src>3", IDX(greaterThan(f, {3, 4}, 3))},
        {"MaskSelectingNothing", s34, "src>100", IDX(greaterThan(f, {3, 4}, 100))},
        {"MaskOnFirstDim", s34, "B([True,False,True])", IDX(B(f, {true, false, true}))},
        {"MaskOnSecondDim", s34, ":, B([True,False,True,False])", IDX(all(), B(f, {true, false, true, false}))},
        {"MaskOnLastTwoDims", s234, ":, src[0]>5", IDX(all(), greaterThan(f, {3, 4}, 5))},
        {"MaskWithWrongLength", s34, "B([True,False])", IDX(B(f, {true, false}))},
        {"MaskWithWrongShape", s34, "B([[True,False,True]]*3)", IDX(B(f, {true, false, true, true, false, true, true, false, true}, {3, 3}))},
        {"MaskThenSlice", s34, "B([True,False,True]), 1:", IDX(B(f, {true, false, true}), sl(1))},
        {"IndexOutOfRangeInArray", s34, "A([0,5])", IDX(A(f, {0, 5}))},
        {"IndexOutOfRangeInSecondArray", s34, "A([0]), A([9])", IDX(A(f, {0}), A(f, {9}))},
        {"ColumnIndexOutOfRange", s34, ":, A([5])", IDX(all(), A(f, {5}))},
        {"IntegerAndArrayBothOutOfRange", s34, "A([0,5]), 9", IDX(A(f, {0, 5}), at(9))},
        {"NegativeArrayIndices", s34, "A([-1,-3])", IDX(A(f, {-1, -3}))},
        {"NegativeArrayIndexOutOfRange", s34, "A([-4])", IDX(A(f, {-4}))},
        {"ArraysThatDoNotBroadcast", s34, "A([0,1]), A([0,1,2])", IDX(A(f, {0, 1}), A(f, {0, 1, 2}))},
        {"EmptyIndexArray", s34, "A([])", IDX(A(f, {}, {0}))},
        {"EmptyIndexArrayOnColumns", s34, ":, A([])", IDX(all(), A(f, {}, {0}))},
        {"ZeroDimIntegerArray", s34, "A(1)", IDX(A0(f, 1))},
        {"ZeroDimIntegerArrayAndInteger", s34, "A(1), 2", IDX(A0(f, 1), at(2))},
        {"ZeroDimBoolArray", s34, "B(True)", IDX(B0(f, true))},
        {"ZeroDimFalseArrayThenSlice", s34, "B(False), 1:", IDX(B0(f, false), sl(1))},
        {"OtherFlavourIndexArray", s34, "OA([0,2])", IDX(longs(other(f), {0, 2}))},
        {"OtherFlavourMask", s34, "OB([True,False,True])", IDX(bools(other(f), {true, false, true}))},
        {"FloatIndexArray", s34, "F([0.5])", IDX(arrayOf<double>(f, {1}, {0.5}))},
        {"Int32IndexArray", s34, "A32([0,2])", IDX(arrayOf<std::int32_t>(f, {2}, {0, 2}))},
        {"Uint8IndexArray", s34, "U8([1,0,1])", IDX(arrayOf<std::uint8_t>(f, {3}, {1, 0, 1}))},
        {"NegativeStepThenArray", s34, "::-1, A([0])", IDX(sl({}, {}, -1), A(f, {0}))},
        {"ArrayOnEmptyDim", {"(2,0,4)", {2, 0, 4}}, ":, A([0])", IDX(all(), A(f, {0}))},
        {"EmptyArrayOnEmptyDim", {"(2,0,4)", {2, 0, 4}}, ":, A([])", IDX(all(), A(f, {}, {0}))},
        {"TrueAndArray", s234, "True, 0, A([0,1])", IDX(true, at(0), A(f, {0, 1}))},
        {"ArrayThenTrueThenArray", s234, "A([0,1]), True, A([0,1])", IDX(A(f, {0, 1}), true, A(f, {0, 1}))},
        {"ArraySliceTrue", s234, "A([0,1]), :, True", IDX(A(f, {0, 1}), all(), true)},
        {"ArrayThenFalse", s234, "A([0,1]), False", IDX(A(f, {0, 1}), false)},
        // the layout of advanced results over non-contiguous sources
        {"RowsOfSwappedAxes", s234, "A([0,1])", IDX(A(f, {0, 1})), false, "src.swapaxes(0,2)", swap02},
        {"ColumnsOfSwappedAxes", s234, ":, A([0,1])", IDX(all(), A(f, {0, 1})), false, "src.swapaxes(0,2)", swap02},
        {"LastAxisOfSwappedAxes", s234, "..., A([0,1])", IDX(ellipsis(), A(f, {0, 1})), false, "src.swapaxes(0,2)", swap02},
        {"RowsOfTransposedMatrix", s34, "A([0,1])", IDX(A(f, {0, 1})), false, "src.swapaxes(0,1)", swap01},
        {"ColumnsOfTransposedMatrix", s34, ":, A([2,1])", IDX(all(), A(f, {2, 1})), false, "src.swapaxes(0,1)", swap01},
        {"MaskOfTransposedMatrix", s34, "x>2",
         [](Flavour f) -> Items {
             std::vector<bool> values;  // x[i, j] = src[j, i] = 4 j + i
             for (std::int64_t i = 0; i < 4; ++i)
                 for (std::int64_t j = 0; j < 3; ++j)
                     values.push_back(4 * j + i > 2);
             return Items{bools(f, values, {4, 3})};
         },
         false, "src.swapaxes(0,1)", swap01},
        {"VectorByTransposedIndexMatrix", s6, "A([[0,1,2],[3,4,5]]).T", IDX(reversedDims(longs(f, {0, 1, 2, 3, 4, 5}, {2, 3})))},
        {"VectorByReversedIndexMatrix", s6, "A([[0,1],[2,3]])[:, ::-1]",
         IDX(getItem(longs(f, {0, 1, 2, 3}, {2, 2}), Items{all(), sl({}, {}, -1)}))},
        {"SizeOneSubspaceByTransposedIndex", {"(3,1)", {3, 1}}, "A([[0,1,2],[2,1,0]]).T",
         IDX(reversedDims(longs(f, {0, 1, 2, 2, 1, 0}, {2, 3})))},
        {"ColumnSliceOfOneByIndex", {"(3,1)", {3, 1}}, ":, A([0])", IDX(all(), A(f, {0}))},
        {"RowsOfReversedRows", s234, ":, A([0])", IDX(all(), A(f, {0})), false, "src[:, ::-1]",
         [](const ArrayPtr& a) { return getItem(a, Items{all(), sl({}, {}, -1)}); }},
        {"RowsOfPermuted", s234, "A([1,0])", IDX(A(f, {1, 0})), false, "src.permute(1,2,0) if isinstance(src, torch.Tensor) else src.transpose(1,2,0)",
         [](const ArrayPtr& a) { return permute(a, Shape{1, 2, 0}); }},
        {"AdjacentArraysOfPermuted", s234, "A([0,1]), A([1,2])", IDX(A(f, {0, 1}), A(f, {1, 2})), false,
         "src.permute(1,2,0) if isinstance(src, torch.Tensor) else src.transpose(1,2,0)",
         [](const ArrayPtr& a) { return permute(a, Shape{1, 2, 0}); }},
        {"SeparatedArraysOfPermuted", s234, "A([0,1]), :, A([1,0])", IDX(A(f, {0, 1}), all(), A(f, {1, 0})), false,
         "src.permute(1,2,0) if isinstance(src, torch.Tensor) else src.transpose(1,2,0)",
         [](const ArrayPtr& a) { return permute(a, Shape{1, 2, 0}); }},
        {"MaskThenArray", s34, "B([True,False,True]), A([0,3])", IDX(B(f, {true, false, true}), A(f, {0, 3}))},
        {"RowsOfSizeOneMiddle", {"(3,1,4)", {3, 1, 4}}, "A([0,2])", IDX(A(f, {0, 2}))},
        {"MiddleOfSizeOneMiddle", {"(3,1,4)", {3, 1, 4}}, ":, A([0,0])", IDX(all(), A(f, {0, 0}))},
        {"BroadcastIndexAroundSlice", s234, "A([[0],[1]]), :, A([0,1,2])", IDX(A(f, {0, 1}, {2, 1}), all(), A(f, {0, 1, 2}))},
        {"MiddleOfPermuted", s234, ":, A([1,0])", IDX(all(), A(f, {1, 0})), false, "src.permute(1,2,0) if isinstance(src, torch.Tensor) else src.transpose(1,2,0)",
         [](const ArrayPtr& a) { return permute(a, Shape{1, 2, 0}); }},
    };
}

Value vOf(Flavour f, Shape shape, D dtype = D::Float32) { return of(f, std::move(shape), dtype); }

std::vector<SetSpec> setSpecs()
{
    const Source s34{"(3,4)", {3, 4}};
    const Source s234{"(2,3,4)", {2, 3, 4}};
    const Source s6{"(6,)", {6}};
    const Source scalar{"()", {}};
    const Source i8{"(3,4)", {3, 4}, "int8"};
    return {
        {"RowGetsNumber", s34, "0", IDX(at(0)), "5", VAL(Scalar(5))},
        {"ElementGetsNumber", s34, "1, 2", IDX(at(1), at(2)), "-7.5", VAL(Scalar(-7.5))},
        {"SliceGetsBroadcastRow", s34, "1:", IDX(sl(1)), "V((4,))", VAL(vOf(f, {4}))},
        {"EllipsisGetsNumber", s34, "...", IDX(ellipsis()), "7", VAL(Scalar(7))},
        {"EllipsisGetsSameShape", s34, "...", IDX(ellipsis()), "V((3,4))", VAL(vOf(f, {3, 4}))},
        {"FalseWritesNothing", s34, "False", IDX(false), "1", VAL(Scalar(1))},
        {"TrueWritesEverything", s34, "True", IDX(true), "1", VAL(Scalar(1))},
        {"NoneWritesEverything", s34, "None", IDX(none()), "V((4,))", VAL(vOf(f, {4}))},
        {"OneItemTupleWithFalse", s34, "False,", IDX(false), "1", VAL(Scalar(1)), true},
        {"EmptyTupleWritesEverything", s34, "()", IDX(), "2", VAL(Scalar(2)), true},
        {"StridedColumnsGetNumber", s34, ":, ::3", IDX(all(), sl({}, {}, 3)), "9", VAL(Scalar(9))},
        {"NegativeStepRows", s34, "::-1", IDX(sl({}, {}, -1)), "V((4,))", VAL(vOf(f, {4}))},
        {"ValueWithLeadingOnes", s34, ":", IDX(all()), "V((1,1,4))", VAL(vOf(f, {1, 1, 4}))},
        {"ValueWithTooManyDims", s34, ":", IDX(all()), "V((2,1,3,4))", VAL(vOf(f, {2, 1, 3, 4}))},
        {"ValueThatDoesNotBroadcast", s34, ":", IDX(all()), "V((3,))", VAL(vOf(f, {3}))},
        {"IndexOutOfRange", s34, "5", IDX(at(5)), "1", VAL(Scalar(1))},
        {"TooManyIndices", s34, "0,0,0", IDX(at(0), at(0), at(0)), "1", VAL(Scalar(1))},
        {"ColumnsByArrayGetNumber", s34, ":, A([0,2])", IDX(all(), A(f, {0, 2})), "9", VAL(Scalar(9))},
        {"RowsByArrayGetRows", s34, "A([0,2])", IDX(A(f, {0, 2})), "V((2,4))", VAL(vOf(f, {2, 4}))},
        {"RowsByArrayGetBroadcastRow", s34, "A([2,0])", IDX(A(f, {2, 0})), "V((4,))", VAL(vOf(f, {4}))},
        {"PairsGetNumber", s34, "A([0,1]), A([1,2])", IDX(A(f, {0, 1}), A(f, {1, 2})), "5", VAL(Scalar(5))},
        {"DuplicateIndexLastWriteWins", s34, "A([0,0])", IDX(A(f, {0, 0})), "V((2,4))", VAL(vOf(f, {2, 4}))},
        {"ArrayValueShapeMismatch", s34, "A([0])", IDX(A(f, {0})), "V((3,))", VAL(vOf(f, {3}))},
        {"ArrayValueWithLeadingOnes", s34, "A([1])", IDX(A(f, {1})), "V((1,1,1,4))", VAL(vOf(f, {1, 1, 1, 4}))},
        {"ColumnsOfThreeDimsGetBlock", s234, ":, A([0,1])", IDX(all(), A(f, {0, 1})), "V((2,2,4))", VAL(vOf(f, {2, 2, 4}))},
        {"ColumnsOfThreeDimsGetRow", s234, ":, A([0,1])", IDX(all(), A(f, {0, 1})), "V((4,))", VAL(vOf(f, {4}))},
        {"ColumnsOfThreeDimsValueMismatch", s234, ":, A([0,1])", IDX(all(), A(f, {0, 1})), "V((5,4))", VAL(vOf(f, {5, 4}))},
        {"SeparatedArraysGetBlock", s234, "A([0,1]), :, A([0,2])", IDX(A(f, {0, 1}), all(), A(f, {0, 2})), "V((2,3))", VAL(vOf(f, {2, 3}))},
        {"SeparatedArraysValueMismatch", s234, "A([0,1]), :, A([0,2])", IDX(A(f, {0, 1}), all(), A(f, {0, 2})), "V((3,2))", VAL(vOf(f, {3, 2}))},
        {"SeparatedArraysGetBroadcastRow", s234, "A([0,1]), :, A([0,2])", IDX(A(f, {0, 1}), all(), A(f, {0, 2})), "V((3,))", VAL(vOf(f, {3}))},
        {"MaskThenArrayGetsNumber", s34, "B([True,False,True]), A([0,3])", IDX(B(f, {true, false, true}), A(f, {0, 3})), "-1", VAL(Scalar(-1))},
        {"MaskGetsNumber", s34, "src>3", IDX(greaterThan(f, {3, 4}, 3)), "0", VAL(Scalar(0))},
        {"MaskGetsOneValuePerTrue", s34, "src>7", IDX(greaterThan(f, {3, 4}, 7)), "V((4,))", VAL(vOf(f, {4}))},
        {"MaskGetsOneElementArray", s34, "src>7", IDX(greaterThan(f, {3, 4}, 7)), "V((1,))", VAL(vOf(f, {1}))},
        {"MaskValueCountMismatch", s34, "src>7", IDX(greaterThan(f, {3, 4}, 7)), "V((5,))", VAL(vOf(f, {5}))},
        {"MaskValueTwoDims", s34, "src>7", IDX(greaterThan(f, {3, 4}, 7)), "V((2,2))", VAL(vOf(f, {2, 2}))},
        {"MaskOnRowsGetsRow", s34, "B([True,False,True])", IDX(B(f, {true, false, true})), "V((4,))", VAL(vOf(f, {4}))},
        {"MaskAndColumn", s34, "B([True,False,True]), 1", IDX(B(f, {true, false, true}), at(1)), "V((2,))", VAL(vOf(f, {2}))},
        {"AdvancedIndexOutOfRangeWritesPartly", s34, ":, A([0,5,1])", IDX(all(), A(f, {0, 5, 1})), "1", VAL(Scalar(1))},
        {"FirstArrayIndexOutOfRange", {"(4,)", {4}}, "A([0,5,1])", IDX(A(f, {0, 5, 1})), "1", VAL(Scalar(1))},
        {"Int8GetsOverflowingNumber", i8, "0", IDX(at(0)), "300", VAL(Scalar(300))},
        {"Int8ArrayIndexGetsOverflowingNumber", i8, "A([0])", IDX(A(f, {0})), "300", VAL(Scalar(300))},
        {"Int8MaskGetsOverflowingNumber", i8, "src>9", IDX(greaterThan(f, {3, 4}, 9)), "-200", VAL(Scalar(-200))},
        {"Int8GetsFloat", i8, "1", IDX(at(1)), "2.7", VAL(Scalar(2.7))},
        {"Int8GetsNaN", i8, "1", IDX(at(1)), "float('nan')", VAL(Scalar(std::nan("")))},
        {"Uint8GetsMinusOne", {"(3,)", {3}, "uint8"}, "0", IDX(at(0)), "-1", VAL(Scalar(-1))},
        {"Uint8GetsTwoHundredFiftySix", {"(3,)", {3}, "uint8"}, ":", IDX(all()), "256", VAL(Scalar(256))},
        {"BoolGetsTwo", {"(3,)", {3}, "bool"}, "0", IDX(at(0)), "2", VAL(Scalar(2))},
        {"FloatGetsTrue", s6, "1", IDX(at(1)), "True", VAL(Scalar(true))},
        {"Float16GetsHuge", {"(3,)", {3}, "float16"}, "0", IDX(at(0)), "1e10", VAL(Scalar(1e10))},
        {"Int64ArrayIndexGetsFloat", {"(4,)", {4}, "int64"}, "A([1])", IDX(A(f, {1})), "2.5", VAL(Scalar(2.5))},
        {"Int64ArrayIndexGetsFloatArray", {"(4,)", {4}, "int64"}, "A([1,2])", IDX(A(f, {1, 2})), "V((2,),'float64')",
         VAL(vOf(f, {2}, D::Float64))},
        {"FloatArrayIndexGetsInt64Array", s6, "A([1,2])", IDX(A(f, {1, 2})), "V((2,),'int64')", VAL(vOf(f, {2}, D::Int64))},
        {"FloatMaskGetsOneInt64", s6, "src>2", IDX(greaterThan(f, {6}, 2)), "V((1,),'int64')", VAL(vOf(f, {1}, D::Int64))},
        {"FloatRowGetsInt8Row", s34, "0", IDX(at(0)), "V((4,),'int8')", VAL(vOf(f, {4}, D::Int8))},
        {"ValueOfOtherFlavour", s34, "0", IDX(at(0)), "OV((4,))", VAL(of(other(f), {4}))},
        {"ElementGetsOtherFlavourScalar", s34, "0, 0", IDX(at(0), at(0)), "OV(())", VAL(of(other(f), {}))},
        {"OverlappingSliceAssignment", s6, "1:", IDX(sl(1)), "src[:-1]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl({}, -1)});
         }},
        {"OverlappingStridedAssignment", s6, "::2", IDX(sl({}, {}, 2)), "src[1::2]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl(1, {}, 2)});
         }},
        {"SameDataAssignment", s6, "0:3", IDX(sl(0, 3)), "src[0:3]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl(0, 3)});
         }},
        {"WholeSelfAssignment", s6, "...", IDX(ellipsis()), "src", [](Flavour, const ArrayPtr& src) -> Value { return src; }},
        {"ReversedSelfAssignment", s6, ":", IDX(all()), "src[::-1]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl({}, {}, -1)});
         }},
        {"OverlappingAdvancedAssignment", s6, "A([1,2])", IDX(A(f, {1, 2})), "src[0:2]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl(0, 2)});
         }},
        {"AdvancedAssignmentFromAdvancedCopy", s6, "A([1,2])", IDX(A(f, {1, 2})), "src[A([0,1])]", [](Flavour f, const ArrayPtr& src) -> Value {
             return getItem(src, Items{A(f, {0, 1})});
         }},
        {"MaskAssignmentFromOverlappingSlice", s6, "src>0", IDX(greaterThan(f, {6}, 0)), "src[:-1]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl({}, -1)});
         }},
        {"MaskAssignmentFromOneElementOfSelf", s6, "src>2", IDX(greaterThan(f, {6}, 2)), "src[0]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{at(0)});
         }},
        {"AdvancedAssignmentFromElementOfSelf", s6, "A([0])", IDX(A(f, {0})), "src[0]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{at(0)});
         }},
        {"AdvancedAssignmentFromExpandedElement", s6, "A([1,2])", IDX(A(f, {1, 2})), "src[0:1].expand(2) if isinstance(src, torch.Tensor) else src[0:1]",
         [](Flavour f, const ArrayPtr& src) -> Value {
             const ArrayPtr first = getItem(src, Items{sl(0, 1)});
             return f == Flavour::Torch ? expand(first, Shape{2}) : first;
         }},
        {"TwoDimAdvancedSelfOverlap", s34, "A([1,0])", IDX(A(f, {1, 0})), "src[0:2]", [](Flavour, const ArrayPtr& src) -> Value {
             return getItem(src, Items{sl(0, 2)});
         }},
        {"ScalarSourceEmptyTuple", scalar, "()", IDX(), "7", VAL(Scalar(7)), true},
        {"ScalarSourceEllipsis", scalar, "...", IDX(ellipsis()), "7", VAL(Scalar(7))},
        {"ScalarSourceNone", scalar, "None", IDX(none()), "7", VAL(Scalar(7))},
        {"ScalarSourceTrue", scalar, "True", IDX(true), "7", VAL(Scalar(7))},
        {"ScalarSourceFalse", scalar, "False", IDX(false), "7", VAL(Scalar(7))},
        {"ScalarSourceZero", scalar, "0", IDX(at(0)), "7", VAL(Scalar(7))},
        {"ScalarSourceIndexArray", scalar, "A([0])", IDX(A(f, {0})), "7", VAL(Scalar(7))},
        {"EmptyAdvancedIndexWritesNothing", s34, "A([])", IDX(A(f, {}, {0})), "1", VAL(Scalar(1))},
        {"MaskSelectingNothingGetsEmpty", s34, "src>100", IDX(greaterThan(f, {3, 4}, 100)), "V((0,))", VAL(vOf(f, {0}))},
    };
}

std::vector<OracleCase> buildCases()
{
    std::vector<OracleCase> cases;
    for (const Flavour f : {Flavour::Torch, Flavour::Numpy}) {
        for (const GetSpec& spec : getSpecs())
            addGetCase(cases, f, spec);
        for (const SetSpec& spec : setSpecs())
            addSetCase(cases, f, spec);
    }

    const auto add = [&](const char* name, const char* python, std::function<Outcome()> engine) {
        cases.push_back(oracleCase(QString::fromUtf8(name), QString::fromUtf8(python), std::move(engine)));
    };
    // --- torch only: autograd, versions, expanded targets, overlap rules ---
    add("tensorLeafRowWriteIsAViewOfALeaf", "src=T((2,3),grad=True)\nsrc[0]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{at(0)}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafEllipsisWriteIsALeaf", "src=T((2,3),grad=True)\nsrc[...]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{ellipsis()}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafFullRangeWriteIsALeaf", "src=T((2,3),grad=True)\nsrc[0:2]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{sl(0, 2)}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafColonWriteIsAViewOfALeaf", "src=T((2,3),grad=True)\nsrc[:]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{all()}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafAdvancedWriteIsALeaf", "src=T((2,3),grad=True)\nsrc[[0]]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{A(Flavour::Torch, {0})}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafFalseWriteIsAllowed", "src=T((2,3),grad=True)\nsrc[False]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{false}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafCheckComesBeforeIndexCheck", "src=T((2,3),grad=True)\nsrc[[5]]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); setItem(s, Items{A(Flavour::Torch, {5})}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorLeafUnderNoGradCanBeWritten", "src=T((2,3),grad=True)\nwith torch.no_grad():\n    src[0]=1\nr=src",
        [] { auto s = T({2, 3}, D::Float32, true); NoGradGuard g; setItem(s, Items{at(0)}, Scalar(1)); return Outcome::of(s, s); });

    // A non-leaf that requires grad, without arithmetic: the copy a reshape makes.
    const char* nonLeaf = "src=T((3,2),grad=True).t().reshape(2,3)\n";
    const auto nonLeafSource = [] { return reshape(t(T({3, 2}, D::Float32, true)), Shape{2, 3}); };
    const auto addNonLeaf = [&](const char* name, const char* statement, std::function<void(const ArrayPtr&)> write) {
        add(name, (std::string(nonLeaf) + statement + "\nr=src").c_str(), [nonLeafSource, write] {
            auto s = nonLeafSource();
            write(s);
            return Outcome::of(s, s);
        });
    };
    addNonLeaf("tensorNonLeafRowWriteRecordsCopySlices", "src[0]=5", [](const ArrayPtr& s) { setItem(s, Items{at(0)}, Scalar(5)); });
    addNonLeaf("tensorNonLeafAdvancedWriteRecordsIndexPut", "src[[0]]=5",
               [](const ArrayPtr& s) { setItem(s, Items{A(Flavour::Torch, {0})}, Scalar(5)); });
    addNonLeaf("tensorNonLeafMaskWriteRecordsIndexPut", "src[src>2]=5",
               [](const ArrayPtr& s) { setItem(s, Items{bools(Flavour::Torch, {false, false, true, false, true, true}, {2, 3})}, Scalar(5)); });
    addNonLeaf("tensorNonLeafEllipsisFillRecordsFill", "src[...]=5", [](const ArrayPtr& s) { setItem(s, Items{ellipsis()}, Scalar(5)); });
    addNonLeaf("tensorNonLeafEllipsisCopyRecordsCopy", "src[...]=T((2,3))",
               [](const ArrayPtr& s) { setItem(s, Items{ellipsis()}, T({2, 3})); });
    addNonLeaf("tensorNonLeafFullRangeRecordsFill", "src[0:2]=5", [](const ArrayPtr& s) { setItem(s, Items{sl(0, 2)}, Scalar(5)); });
    addNonLeaf("tensorNonLeafNoneWriteRecordsCopySlices", "src[None]=5", [](const ArrayPtr& s) { setItem(s, Items{none()}, Scalar(5)); });
    addNonLeaf("tensorNonLeafMaskAndIntegerRecordsCopySlices", "src[torch.tensor([True,False]), 1]=T((1,))",
               [](const ArrayPtr& s) { setItem(s, Items{bools(Flavour::Torch, {true, false}), at(1)}, T({1})); });
    add("tensorWritingAViewRegeneratesItsGradFn", (std::string(nonLeaf) + "r=src[0]\nr[0]=5").c_str(), [nonLeafSource] {
        auto s = nonLeafSource();
        auto row = getItem(s, Items{at(0)});
        setItem(row, Items{at(0)}, Scalar(5));
        return Outcome::of(row, s);
    });
    add("tensorBaseAfterWritingAViewRecordsCopySlices", (std::string(nonLeaf) + "v=src[0]\nv[[1]]=5\nr=src").c_str(), [nonLeafSource] {
        auto s = nonLeafSource();
        auto row = getItem(s, Items{at(0)});
        setItem(row, Items{A(Flavour::Torch, {1})}, Scalar(5));
        return Outcome::of(s, s);
    });
    add("tensorWritingWholeViewRegeneratesItsGradFn", (std::string(nonLeaf) + "r=src.t()\nr[...]=5").c_str(), [nonLeafSource] {
        auto s = nonLeafSource();
        auto v = t(s);
        setItem(v, Items{ellipsis()}, Scalar(5));
        return Outcome::of(v, s);
    });
    add("tensorValueWithGradMakesTargetRequireGrad", "src=T((2,3))\nsrc[0]=T((3,),grad=True)\nr=src",
        [] { auto s = T({2, 3}); setItem(s, Items{at(0)}, T({3}, D::Float32, true)); return Outcome::of(s, s); });
    add("tensorAdvancedValueWithGradMakesTargetRequireGrad", "src=T((2,3))\nsrc[[0]]=T((3,),grad=True)\nr=src",
        [] { auto s = T({2, 3}); setItem(s, Items{A(Flavour::Torch, {0})}, T({3}, D::Float32, true)); return Outcome::of(s, s); });
    add("tensorScalarValueWithGradFills", "src=T((2,3))\nsrc[...]=T((),grad=True)\nr=src",
        [] { auto s = T({2, 3}); setItem(s, Items{ellipsis()}, T({}, D::Float32, true)); return Outcome::of(s, s); });
    add("tensorViewSeesTheWrite", "src=T((2,3))\nr=src.t()\nsrc[0,1]=9",
        [] { auto s = T({2, 3}); auto v = t(s); setItem(s, Items{at(0), at(1)}, Scalar(9)); return Outcome::of(v, s); });
    add("tensorWriteThroughViewBumpsSharedVersion", "src=T((2,3))\nv=src[1]\nv[[0,2]]=4\nr=src",
        [] { auto s = T({2, 3}); auto v = getItem(s, Items{at(1)}); setItem(v, Items{A(Flavour::Torch, {0, 2})}, Scalar(4)); return Outcome::of(s, s); });
    add("tensorExpandedRowGetsNumber", "src=T((3,1)).expand(3,2)\nsrc[0]=1\nr=src",
        [] { auto s = expand(T({3, 1}), Shape{3, 2}); setItem(s, Items{at(0)}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorExpandedRowRefusesArray", "src=T((3,1)).expand(3,2)\nsrc[0]=T((2,))\nr=src",
        [] { auto s = expand(T({3, 1}), Shape{3, 2}); setItem(s, Items{at(0)}, T({2})); return Outcome::of(s, s); });
    add("tensorExpandedAdvancedWriteWarns", "src=T((3,1)).expand(3,2)\nsrc[[0]]=1\nr=src",
        [] { auto s = expand(T({3, 1}), Shape{3, 2}); setItem(s, Items{A(Flavour::Torch, {0})}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorExpandedMaskWriteWarnsTwice", "src=T((3,1)).expand(3,2)\nsrc[torch.tensor([True,False,True])]=1\nr=src",
        [] { auto s = expand(T({3, 1}), Shape{3, 2}); setItem(s, Items{bools(Flavour::Torch, {true, false, true})}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorUint8MaskFillWarns", "src=T((4,))\nsrc[torch.tensor([1,0,1,0],dtype=torch.uint8)]=1\nr=src",
        [] { auto s = T({4}); setItem(s, Items{arrayOf<std::uint8_t>(Flavour::Torch, {4}, {1, 0, 1, 0})}, Scalar(1)); return Outcome::of(s, s); });
    add("tensorUint8MaskIndexPutWarns", "src=T((4,))\nsrc[torch.tensor([1,0,1,0],dtype=torch.uint8)]=T((2,))\nr=src",
        [] { auto s = T({4}); setItem(s, Items{arrayOf<std::uint8_t>(Flavour::Torch, {4}, {1, 0, 1, 0})}, T({2})); return Outcome::of(s, s); });
    add("tensorPartialOverlapCopyIsRefused", "src=T((3,4))\nsrc[0:2]=src[1:3]\nr=src",
        [] { auto s = T({3, 4}); setItem(s, Items{sl(0, 2)}, getItem(s, Items{sl(1, 3)})); return Outcome::of(s, s); });
    add("tensorCopyFromSelfColumnIsFine", "src=T((3,4))\nsrc[:, 0]=src[:, 1]\nr=src",
        [] { auto s = T({3, 4}); setItem(s, Items{all(), at(0)}, getItem(s, Items{all(), at(1)})); return Outcome::of(s, s); });
    add("tensorAdvancedOverlapWithWholeSelfIsRefused", "src=T((6,))\nsrc[[0,1,2,3,4,5]]=src\nr=src",
        [] { auto s = T({6}); setItem(s, Items{A(Flavour::Torch, {0, 1, 2, 3, 4, 5})}, s); return Outcome::of(s, s); });
    add("tensorZeroDimLongIndexSelects", "src=T((3,4),grad=True)\nr=src[torch.tensor(1)]",
        [] { auto s = T({3, 4}, D::Float32, true); return Outcome::of(getItem(s, Items{A0(Flavour::Torch, 1)}), s); });
    add("tensorNumpyIntegerScalarSelects", "src=T((3,4))\nr=src[np.int64(2)]",
        [] {
            auto s = T({3, 4});
            auto index = arrayOf<std::int64_t>(Flavour::Numpy, {}, {2});
            index->setNumpyScalar(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    add("tensorNumpyFloatScalarIsNoIndex", "src=T((3,4))\nr=src[np.float64(2)]",
        [] {
            auto s = T({3, 4});
            auto index = arrayOf<double>(Flavour::Numpy, {}, {2.0});
            index->setNumpyScalar(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    add("tensorGetsNumpyFloat64Value", "src=T((3,))\nsrc[0]=np.float64(2.5)\nr=src",
        [] {
            auto s = T({3});
            auto value = arrayOf<double>(Flavour::Numpy, {}, {2.5});
            value->setNumpyScalar(true);
            setItem(s, Items{at(0)}, value);
            return Outcome::of(s, s);
        });
    add("tensorRefusesNumpyFloat32Value", "src=T((3,))\nsrc[0]=np.float32(2.5)\nr=src",
        [] {
            auto s = T({3});
            auto value = arrayOf<float>(Flavour::Numpy, {}, {2.5f});
            value->setNumpyScalar(true);
            setItem(s, Items{at(0)}, value);
            return Outcome::of(s, s);
        });
    add("tensorRefusesZeroDimNdarrayValue", "src=T((3,))\nsrc[0]=np.array(1.)\nr=src",
        [] { auto s = T({3}); setItem(s, Items{at(0)}, N({})); return Outcome::of(s, s); });
    add("tensorIntegerTensorValueIsCopiedNotFilled", "src=T((3,),'int8')\nsrc[0]=torch.tensor(300)\nr=src",
        [] { auto s = T({3}, D::Int8); setItem(s, Items{at(0)}, arrayOf<std::int64_t>(Flavour::Torch, {}, {300})); return Outcome::of(s, s); });
    add("tensorIntegerTensorValueFillIsChecked", "src=T((3,),'int8')\nsrc[0:2]=torch.tensor(300)\nr=src",
        [] { auto s = T({3}, D::Int8); setItem(s, Items{sl(0, 2)}, arrayOf<std::int64_t>(Flavour::Torch, {}, {300})); return Outcome::of(s, s); });
    add("tensorMaskFillWithTensorIsChecked", "src=T((3,),'int8')\nsrc[src>0]=torch.tensor(300)\nr=src",
        [] { auto s = T({3}, D::Int8); setItem(s, Items{bools(Flavour::Torch, {false, true, true})}, arrayOf<std::int64_t>(Flavour::Torch, {}, {300})); return Outcome::of(s, s); });

    // --- NumPy only: read-only arrays, scalars, values of odd kinds, tensors as indices ---
    add("ndarrayReadOnlyRefusesWrite", "src=N((2,3))\nsrc.flags.writeable=False\nsrc[0]=1\nr=src",
        [] { auto s = N({2, 3}); s->setWriteable(false); setItem(s, Items{at(0)}, Scalar(1)); return Outcome::of(s, s); });
    add("ndarrayReadOnlyRefusesBeforeCheckingIndex", "src=N((2,3))\nsrc.flags.writeable=False\nsrc[9]=1\nr=src",
        [] { auto s = N({2, 3}); s->setWriteable(false); setItem(s, Items{at(9)}, Scalar(1)); return Outcome::of(s, s); });
    add("ndarrayViewOfReadOnlyIsReadOnly", "src=N((2,3))\nsrc.flags.writeable=False\nr=src[0]",
        [] { auto s = N({2, 3}); s->setWriteable(false); return Outcome::of(getItem(s, Items{at(0)}), s); });
    add("ndarrayDiagonalIsReadOnly", "src=N((3,3))\nd=src.diagonal()\nd[0]=1\nr=src",
        [] { auto s = N({3, 3}); setItem(diagonal(s), Items{at(0)}, Scalar(1)); return Outcome::of(s, s); });
    add("ndarrayElementGetsOneElementArray", "src=N((2,3))\nsrc[0,0]=np.array([[7.]])\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{at(0), at(0)}, arrayOf<double>(Flavour::Numpy, {1, 1}, {7.0})); return Outcome::of(s, s); });
    add("ndarrayElementRefusesSequence", "src=N((2,3))\nsrc[0,0]=np.array([1.,2.])\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{at(0), at(0)}, arrayOf<double>(Flavour::Numpy, {2}, {1.0, 2.0})); return Outcome::of(s, s); });
    add("ndarrayElementRefusesLongTensor", "src=N((2,3))\nsrc[0,0]=torch.tensor([1.,2.])\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{at(0), at(0)}, arrayOf<float>(Flavour::Torch, {2}, {1.0f, 2.0f})); return Outcome::of(s, s); });
    add("ndarrayElementTakesTensorThatRequiresGrad", "src=N((2,3))\nsrc[0,0]=T((),grad=True)\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{at(0), at(0)}, T({}, D::Float32, true)); return Outcome::of(s, s); });
    add("ndarrayRowRefusesTensorThatRequiresGrad", "src=N((2,3))\nsrc[0]=T((3,),grad=True)\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{at(0)}, T({3}, D::Float32, true)); return Outcome::of(s, s); });
    add("ndarrayInt8ElementGetsNumpyInt64Quietly", "src=N((3,),'int8')\nsrc[0]=np.int64(300)\nr=src",
        [] {
            auto s = N({3}, D::Int8);
            auto value = arrayOf<std::int64_t>(Flavour::Numpy, {}, {300});
            value->setNumpyScalar(true);
            setItem(s, Items{at(0)}, value);
            return Outcome::of(s, s);
        });
    add("ndarrayEllipsisGetsItself", "src=N((2,3))\nsrc[...]=src\nr=src",
        [] { auto s = N({2, 3}); setItem(s, Items{ellipsis()}, s); return Outcome::of(s, s); });
    add("ndarrayBadIntegerBeatsBadValue", "src=N((3,4))\nsrc[9, [0]]=T((1,),grad=True)\nr=src",
        [] { auto s = N({3, 4}); setItem(s, Items{at(9), longs(Flavour::Numpy, {0})}, T({1}, D::Float32, true)); return Outcome::of(s, s); });
    add("ndarrayBadValueBeatsBadArrayIndex", "src=N((3,4))\nsrc[[9], 0]=T((1,),grad=True)\nr=src",
        [] { auto s = N({3, 4}); setItem(s, Items{longs(Flavour::Numpy, {9}), at(0)}, T({1}, D::Float32, true)); return Outcome::of(s, s); });
    add("ndarrayValueShapeBeatsBadArrayIndex", "src=N((3,4))\nsrc[[[0, 5, 1]], [[0],[1]]]=np.zeros(5)\nr=src",
        [] {
            auto s = N({3, 4});
            setItem(s, Items{longs(Flavour::Numpy, {0, 5, 1}, {1, 3}), longs(Flavour::Numpy, {0, 1}, {2, 1})}, N({5}));
            return Outcome::of(s, s);
        });
    add("ndarrayFullIndexOfFloat32IsAScalar", "src=N((2,3),'float32')\nr=src[1,2]",
        [] { auto s = N({2, 3}, D::Float32); return Outcome::of(getItem(s, Items{at(1), at(2)}), s); });
    add("ndarrayTensorIntegerIndexIsAnInteger", "src=N((3,4))\nr=src[torch.tensor(1)]",
        [] { auto s = N({3, 4}); return Outcome::of(getItem(s, Items{arrayOf<std::int64_t>(Flavour::Torch, {}, {1})}), s); });
    add("ndarrayOneElementTensorIndexIsAnInteger", "src=N((3,4))\nr=src[torch.tensor([2])]",
        [] { auto s = N({3, 4}); return Outcome::of(getItem(s, Items{longs(Flavour::Torch, {2})}), s); });
    add("ndarrayEmptyFloatTensorIndexIsEmptyIndex", "src=N((3,4))\nr=src[torch.tensor([])]",
        [] { auto s = N({3, 4}); return Outcome::of(getItem(s, Items{arrayOf<float>(Flavour::Torch, {0}, {})}), s); });
    add("ndarrayTensorIndexThatRequiresGrad", "src=N((3,4))\nr=src[torch.tensor([0.,1.],requires_grad=True)]",
        [] {
            auto s = N({3, 4});
            auto index = arrayOf<float>(Flavour::Torch, {2}, {0.0f, 1.0f});
            index->setRequiresGrad(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    add("ndarrayBoolTensorScalarIndexIsAnInteger", "src=N((3,4))\nr=src[torch.tensor(True)]",
        [] { auto s = N({3, 4}); return Outcome::of(getItem(s, Items{B0(Flavour::Torch, true)}), s); });
    add("ndarrayOneElementBoolTensorIndexIsAnInteger", "src=N((3,4))\nr=src[torch.tensor([False])]",
        [] { auto s = N({3, 4}); return Outcome::of(getItem(s, Items{bools(Flavour::Torch, {false})}), s); });
    add("ndarrayNumpyBoolScalarAddsAxis", "src=N((3,4))\nr=src[np.bool_(True)]",
        [] {
            auto s = N({3, 4});
            auto index = bools(Flavour::Numpy, {true}, {});
            index = arrayOf<bool>(Flavour::Numpy, {}, {true});
            index->setNumpyScalar(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    add("tensorNumpyBoolScalarSelectsWithWarning", "src=T((3,4))\nr=src[np.bool_(True)]",
        [] {
            auto s = T({3, 4});
            auto index = arrayOf<bool>(Flavour::Numpy, {}, {true});
            index->setNumpyScalar(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    const auto numpyScalar = [](double value, DType dtype) {
        ArrayPtr scalar = allocateArray(Flavour::Numpy, dtype, {});
        fillFresh(*scalar, Scalar(value));
        scalar->setNumpyScalar(true);
        return scalar;
    };
    add("numpyScalarWithEmptyTupleIsAScalar", "r=np.float32(3)[()]",
        [numpyScalar] { return Outcome::of(getItem(numpyScalar(3, D::Float32), Items{}, true)); });
    add("numpyScalarWithEllipsisIsAnArray", "r=np.float64(3)[...]",
        [numpyScalar] { return Outcome::of(getItem(numpyScalar(3, D::Float64), Items{ellipsis()})); });
    add("numpyScalarWithNewAxis", "r=np.int16(3)[None]",
        [numpyScalar] { return Outcome::of(getItem(numpyScalar(3, D::Int16), Items{none()})); });
    add("numpyScalarRefusesInteger", "r=np.float64(3)[0]",
        [numpyScalar] { return Outcome::of(getItem(numpyScalar(3, D::Float64), Items{at(0)})); });
    add("numpyScalarRefusesAssignment", "r=np.float64(3)\nr[()]=1",
        [numpyScalar] { auto s = numpyScalar(3, D::Float64); setItem(s, Items{}, Scalar(1), true); return Outcome::of(s); });
    add("ndarrayNumpyFloatScalarIsNoIndex", "src=N((3,4))\nr=src[np.float64(1)]",
        [] {
            auto s = N({3, 4});
            auto index = arrayOf<double>(Flavour::Numpy, {}, {1.0});
            index->setNumpyScalar(true);
            return Outcome::of(getItem(s, Items{index}), s);
        });
    return cases;
}

}  // namespace

class TestIndexing : public QObject {
    Q_OBJECT

public:
    TestIndexing() : m_suite(buildCases()) {}

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void indexingMatchesRealLibraries_data() { m_suite.addRows(); }
    void indexingMatchesRealLibraries() { m_suite.checkCurrentRow(); }

    // Every setitem store goes through the write path: the recorder sees exactly the selected elements.
    void advancedWriteRecordsOnlySelectedElements()
    {
        for (const Flavour f : {Flavour::Torch, Flavour::Numpy}) {
            auto s = of(f, {3, 4});
            ChangeRecorder recorder;
            {
                RecordingScope scope(recorder);
                setItem(s, Items{all(), A(f, {0, 2})}, Scalar(100));
            }
            QCOMPARE(recorder.records().size(), std::size_t{1});
            const WriteRecord& record = recorder.records().front();
            QCOMPARE(record.op, std::string("setitem"));
            QCOMPARE(record.elementsWritten, std::int64_t{6});
            QCOMPARE(record.elementsChanged, std::int64_t{6});
            const std::int64_t item = s->itemsize();
            for (const std::int64_t row : {0, 1, 2})
                for (const std::int64_t col : {0, 1, 2, 3}) {
                    const std::int64_t begin = s->bufferByteOffset() + (row * 4 + col) * item;
                    QCOMPARE(record.written.contains(begin, begin + item), col == 0 || col == 2);
                }
        }
    }

    // The mask paths (torch's masked_fill_, NumPy's boolean assignment) record exactly the true elements.
    void maskWriteRecordsOnlyTrueElements()
    {
        for (const Flavour f : {Flavour::Torch, Flavour::Numpy}) {
            auto s = of(f, {3, 4});
            ChangeRecorder recorder;
            {
                RecordingScope scope(recorder);
                setItem(s, Items{greaterThan(f, {3, 4}, 5)}, Scalar(0));
            }
            QCOMPARE(recorder.records().size(), std::size_t{1});
            const WriteRecord& record = recorder.records().front();
            QCOMPARE(record.elementsWritten, std::int64_t{6});
            QCOMPARE(record.elementsChanged, std::int64_t{6});
            for (std::int64_t i = 0; i < 12; ++i) {
                const std::int64_t begin = s->bufferByteOffset() + i * s->itemsize();
                QCOMPARE(record.written.contains(begin, begin + s->itemsize()), i > 5);
            }
            QCOMPARE(s->version(), std::int64_t{f == Flavour::Torch ? 1 : 0});
        }
    }

    void basicWriteRecordsTheView()
    {
        auto s = N({3, 4});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            setItem(s, Items{at(1)}, Scalar(5.0));
        }
        QCOMPARE(recorder.records().size(), std::size_t{1});
        QCOMPARE(recorder.records().front().elementsWritten, std::int64_t{4});
        QCOMPARE(recorder.records().front().elementsChanged, std::int64_t{3});  // row 1 already held a 5
    }

    void falseIndexRecordsNothing()
    {
        auto s = T({3});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            setItem(s, Items{false}, Scalar(1));
        }
        QVERIFY(recorder.records().empty());
        QCOMPARE(s->version(), std::int64_t{0});
    }

    // torch writes the elements before a bad index, records them, and leaves the version alone.
    void tensorPartialWriteIsRecordedWithoutVersionBump()
    {
        auto s = T({4});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            QVERIFY_THROWS_EXCEPTION(PyError, setItem(s, Items{A(Flavour::Torch, {1, 5, 2})}, Scalar(9)));
        }
        QCOMPARE(s->version(), std::int64_t{0});
        QCOMPARE(recorder.records().size(), std::size_t{1});
        QCOMPARE(recorder.records().front().elementsChanged, std::int64_t{1});
    }

private:
    OracleSuite m_suite;
};

AV_TEST_MAIN(TestIndexing)
#include "tst_indexing.moc"
