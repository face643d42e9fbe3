// The factories against real PyTorch 1.13 and NumPy 1.24: arange, linspace, zeros, ones, full, eye, the
// *_like functions and torch.tensor / np.array from nested lists. Values are compared bit for bit (as
// Python's repr of each element), including the rounding of float32 and float16 ranges.

#include "engine/arrayfactory.h"
#include "engine/conversion.h"
#include "engine/creation.h"
#include "engine/dispatch.h"
#include "engine/pyformat.h"
#include "engine/warnings.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <random>

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

constexpr Flavour T = Flavour::Torch;
constexpr Flavour N = Flavour::Numpy;

QString py(std::int64_t value) { return QString::number(static_cast<qlonglong>(value)); }
QString py(const Scalar& value) { return QString::fromStdString(value.repr()); }

QString torchDType(DType dtype) { return QString::fromUtf8(torchName(dtype).data(), static_cast<int>(torchName(dtype).size())); }
QString numpyDType(DType dtype)
{
    return dtype == DType::Bool ? QStringLiteral("np.bool_") : "np." + QString::fromUtf8(numpyName(dtype).data());
}

CreationOptions withDType(DType dtype) { return {dtype, Device::cpu(), false}; }
CreationOptions withGrad(std::optional<DType> dtype = std::nullopt) { return {dtype, Device::cpu(), true}; }
CreationOptions onCuda(std::optional<DType> dtype = std::nullopt) { return {dtype, Device::cuda(0), false}; }

// A NumPy scalar such as np.float32(1.5), and a 0-d tensor, without the ops under test.
ArrayPtr numpyScalar(DType dtype, const Scalar& value)
{
    ArrayPtr out = allocateArray(N, dtype, {});
    storeScalar(out->data(), dtype, value, N);
    out->setNumpyScalar(true);
    return out;
}

ArrayPtr tensor0(DType dtype, const Scalar& value)
{
    ArrayPtr out = allocateArray(T, dtype, {});
    storeScalar(out->data(), dtype, value, T);
    return out;
}

template <typename E>
ArrayPtr strided(const ArrayPtr& base, Shape sizes, Strides strides, std::int64_t offset = 0)
{
    return makeView(base, std::move(sizes), std::move(strides), offset * static_cast<std::int64_t>(sizeof(E)));
}

// ---------------------------------------------------------------------------------------------------------
// Random sweeps: many parameter sets in one case, returned as a tuple of arrays
// ---------------------------------------------------------------------------------------------------------

struct RangeParams {
    Scalar start, end, step;
};

std::vector<RangeParams> randomRanges(unsigned seed, int count, bool integers, double maxCount)
{
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<RangeParams> out;
    const double steps[] = {0.1, 0.3, 1.0 / 3.0, 0.7, 0.25, 1e-3, 2.5};
    while (static_cast<int>(out.size()) < count) {
        if (integers) {
            const std::int64_t start = static_cast<std::int64_t>(random() % 2001) - 1000;
            std::int64_t step = static_cast<std::int64_t>(random() % 19) - 9;
            if (step == 0)
                step = 7;
            const std::int64_t n = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(maxCount));
            out.push_back({start, start + step * n - (step > 0 ? 1 : -1) * static_cast<std::int64_t>(random() % 2), step});
            continue;
        }
        double start;
        switch (random() % 4) {
        case 0: start = 0.0; break;
        case 1: start = static_cast<double>(static_cast<std::int64_t>(random() % 11) - 5); break;
        case 2: start = unit(random) * 20.0 - 10.0; break;
        default: start = unit(random) * 2000.0 - 1000.0; break;
        }
        double step = random() % 3 == 0 ? unit(random) * 3.0 + 1e-3 : steps[random() % 7];
        if (random() % 3 == 0)
            step = -step;
        const double n = 1.0 + static_cast<double>(random() % static_cast<std::uint64_t>(maxCount));
        const double end = start + step * n - step * unit(random);
        Scalar first = start;
        if (random() % 5 == 0)  // integer start: arange(int, float, float)
            first = static_cast<std::int64_t>(std::trunc(start));
        out.push_back({first, end, step});
    }
    return out;
}

OracleCase arangeSweep(const QString& name, Flavour flavour, DType dtype, const std::vector<RangeParams>& params)
{
    QString python = "r = tuple(";
    python += flavour == T ? "torch.arange(a, b, c, dtype=" + torchDType(dtype) + ")"
                           : "np.arange(a, b, c, dtype=" + numpyDType(dtype) + ")";
    python += " for a, b, c in [";
    for (const RangeParams& p : params)
        python += "(" + py(p.start) + ", " + py(p.end) + ", " + py(p.step) + "), ";
    python += "])";
    return {name, python, [flavour, dtype, params] {
                std::vector<ArrayPtr> items;
                for (const RangeParams& p : params)
                    items.push_back(arange(flavour, p.start, p.end, p.step, withDType(dtype)));
                return Outcome::tuple(items);
            }};
}

struct LinspaceParams {
    Scalar start, end;
    std::int64_t steps;
    bool endpoint = true;
};

std::vector<LinspaceParams> randomLinspaces(unsigned seed, int count, bool integers, std::int64_t maxSteps,
                                            bool endpoints = false)
{
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<LinspaceParams> out;
    while (static_cast<int>(out.size()) < count) {
        const auto pick = [&]() -> Scalar {
            if (integers)
                return static_cast<std::int64_t>(random() % 201) - 100;
            switch (random() % 4) {
            case 0: return static_cast<std::int64_t>(random() % 21) - 10;
            case 1: return unit(random) * 20.0 - 10.0;
            case 2: return unit(random) * 2000.0 - 1000.0;
            default: return unit(random);
            }
        };
        const Scalar start = pick(), end = pick();
        const std::int64_t steps = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(maxSteps + 1));
        out.push_back({start, end, steps, endpoints ? random() % 2 == 0 : true});
    }
    return out;
}

OracleCase linspaceSweep(const QString& name, Flavour flavour, DType dtype, const std::vector<LinspaceParams>& params)
{
    QString python = "r = tuple(";
    python += flavour == T ? "torch.linspace(a, b, n, dtype=" + torchDType(dtype) + ")"
                           : "np.linspace(a, b, n, endpoint=e, dtype=" + numpyDType(dtype) + ")";
    python += " for a, b, n, e in [";
    for (const LinspaceParams& p : params)
        python += "(" + py(p.start) + ", " + py(p.end) + ", " + py(p.steps) + ", " + (p.endpoint ? "True" : "False") + "), ";
    python += "])";
    return {name, python, [flavour, dtype, params] {
                std::vector<ArrayPtr> items;
                for (const LinspaceParams& p : params)
                    items.push_back(linspace(flavour, p.start, p.end, p.steps, withDType(dtype), p.endpoint));
                return Outcome::tuple(items);
            }};
}

// Ranges long enough to cross many vector blocks, including the last partial pair.
std::vector<RangeParams> longRanges()
{
    return {{0.0, 1000.0, 0.1},   {-3.0, 3.0, 1.0 / 3.0}, {1.0, 2.0, 1e-4},    {0.5, -700.0, -0.7},
            {std::int64_t{-1}, 100.0, 1.0 / 3.0}, {100.0, 5000.0, 1.1}, {0.0, 2049.0, 1.0}, {-1e3, 1e3, 0.37}};
}

// ---------------------------------------------------------------------------------------------------------
// arange
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> arangeCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const auto range = [](Flavour f, Scalar a, Scalar b, Scalar s, CreationOptions o = {}) {
        return [=] { return Outcome::of(arange(f, a, b, s, o)); };
    };
    using I = std::int64_t;

    // torch
    add("torchArangeOfAnIntIsInt64", "r = torch.arange(5)", [] { return Outcome::of(arange(T, I{5})); });
    add("torchArangeOfAFloatIsFloat32", "r = torch.arange(5.)", [] { return Outcome::of(arange(T, 5.0)); });
    add("torchArangeOfTrueCountsToOne", "r = torch.arange(True)", [] { return Outcome::of(arange(T, true)); });
    add("torchArangeFractionalStep", "r = torch.arange(0, 5, 1.5)", range(T, I{0}, I{5}, 1.5));
    add("torchArangeNegativeStep", "r = torch.arange(5, 0, -1.5)", range(T, I{5}, I{0}, -1.5));
    add("torchArangeTenthsRoundAsFloat32", "r = torch.arange(1, 2, 0.1)", range(T, I{1}, I{2}, 0.1));
    add("torchArangeEmpty", "r = torch.arange(0)", [] { return Outcome::of(arange(T, I{0})); });
    add("torchArangeFloat64", "r = torch.arange(0, 1, 0.1, dtype=torch.float64)",
        range(T, I{0}, I{1}, 0.1, withDType(DType::Float64)));
    add("torchArangeInt64SizeUsesTruncatedBounds", "r = torch.arange(0.5, 5.5, 1.5, dtype=torch.int64)",
        range(T, 0.5, 5.5, 1.5, withDType(DType::Int64)));
    add("torchArangeInt32SizeUsesDoubleBounds", "r = torch.arange(0.5, 5.5, 1.5, dtype=torch.int32)",
        range(T, 0.5, 5.5, 1.5, withDType(DType::Int32)));
    add("torchArangeFractionalEndForInt64", "r = torch.arange(3.7, dtype=torch.int64)",
        [] { return Outcome::of(arange(T, 3.7, withDType(DType::Int64))); });
    add("torchArangeInt32WrapsLargeStarts", "r = torch.arange(2**40, 2**40 + 5, dtype=torch.int32)",
        range(T, I{1} << 40, (I{1} << 40) + 5, I{1}, withDType(DType::Int32)));
    add("torchArangeUint8", "r = torch.arange(0, 300, 50, dtype=torch.uint8)",
        range(T, I{0}, I{300}, I{50}, withDType(DType::UInt8)));
    add("torchArangeInt8Wraps", "r = torch.arange(0, 1000, 100, dtype=torch.int8)",
        range(T, I{0}, I{1000}, I{100}, withDType(DType::Int8)));
    add("torchArangeInt8ManyElementsWrap", "r = torch.arange(0, 300, dtype=torch.int8)",
        range(T, I{0}, I{300}, I{1}, withDType(DType::Int8)));
    add("torchArangeHalfSaturates", "r = torch.arange(65504, 65600, 8, dtype=torch.float16)",
        range(T, I{65504}, I{65600}, I{8}, withDType(DType::Float16)));
    add("torchArangeHalfPastItsRange", "r = torch.arange(0, 70000, 997, dtype=torch.float16)",
        range(T, I{0}, I{70000}, I{997}, withDType(DType::Float16)));
    add("torchArangeRequiresGrad", "r = torch.arange(1., 4, requires_grad=True)", range(T, 1.0, I{4}, I{1}, withGrad()));
    add("torchArangeHalfRequiresGrad", "r = torch.arange(5, dtype=torch.float16, requires_grad=True)",
        [] { return Outcome::of(arange(T, I{5}, withGrad(DType::Float16))); });
    add("torchArangeTinyDenormalSteps", "r = torch.arange(0, 1e-320, 1e-323)", range(T, I{0}, 1e-320, 1e-323));
    add("torchArangeZeroStepFails", "r = torch.arange(0, 5, 0)", range(T, I{0}, I{5}, I{0}));
    add("torchArangeStepTruncatedToZeroFails", "r = torch.arange(0, 5, 0.5, dtype=torch.int64)",
        range(T, I{0}, I{5}, 0.5, withDType(DType::Int64)));
    add("torchArangeWrongSignFails", "r = torch.arange(0, 5, -1)", range(T, I{0}, I{5}, I{-1}));
    add("torchArangeNegativeEndFails", "r = torch.arange(-5)", [] { return Outcome::of(arange(T, I{-5})); });
    add("torchArangeInfiniteEndFails", "r = torch.arange(0, float('inf'))", range(T, I{0}, INFINITY, I{1}));
    add("torchArangeNanEndFails", "r = torch.arange(float('nan'))", [] { return Outcome::of(arange(T, NAN)); });
    add("torchArangeFractionalBoundsInMessage", "r = torch.arange(0.5, float('-inf'), -1)",
        range(T, 0.5, -INFINITY, I{-1}));
    add("torchArangeBoolIsNotImplemented", "r = torch.arange(5, dtype=torch.bool)",
        [] { return Outcome::of(arange(T, I{5}, withDType(DType::Bool))); });
    add("torchArangeIntRequiresGradFails", "r = torch.arange(1, 4, requires_grad=True)", range(T, I{1}, I{4}, I{1}, withGrad()));
    add("torchArangeOnCudaFails", "r = torch.arange(3, device='cuda')",
        [] { return Outcome::of(arange(T, I{3}, onCuda())); });
    add("torchArangeInt64EndOverflows", "r = torch.arange(0, 1e30, dtype=torch.int64)",
        range(T, I{0}, 1e30, I{1}, withDType(DType::Int64)));
    add("torchArangeHalfBoundOverflowsFloat", "r = torch.arange(0, 1e39, 1e38, dtype=torch.float16)",
        range(T, I{0}, 1e39, 1e38, withDType(DType::Float16)));
    add("torchArangeHugeSizeIsInvalid", "r = torch.arange(0, 1e20, 1e-5)", range(T, I{0}, 1e20, 1e-5));
    add("torchArangeTooLargeToAllocate", "r = torch.arange(1e10, dtype=torch.int32)",
        [] { return Outcome::of(arange(T, 1e10, withDType(DType::Int32))); });

    // numpy
    add("numpyArangeOfAnIntIsInt64", "r = np.arange(5)", [] { return Outcome::of(arange(N, I{5})); });
    add("numpyArangeOfAFloatIsFloat64", "r = np.arange(5.)", [] { return Outcome::of(arange(N, 5.0)); });
    add("numpyArangeOfTrue", "r = np.arange(True)", [] { return Outcome::of(arange(N, true)); });
    add("numpyArangeFromTrue", "r = np.arange(True, 5)", range(N, true, I{5}, I{1}));
    add("numpyArangeTenthsAccumulate", "r = np.arange(1, 2, 0.1)", range(N, I{1}, I{2}, 0.1));
    add("numpyArangeTenthsInFloat32", "r = np.arange(1, 2, 0.1, dtype=np.float32)",
        range(N, I{1}, I{2}, 0.1, withDType(DType::Float32)));
    add("numpyArangeNegativeStep", "r = np.arange(5, 0, -1.5)", range(N, I{5}, I{0}, -1.5));
    add("numpyArangeIntDTypeFromFloatBounds", "r = np.arange(0.5, 5.5, 1.5, dtype=np.int64)",
        range(N, 0.5, 5.5, 1.5, withDType(DType::Int64)));
    add("numpyArangeIntDTypeFromFractionalStepIsFlat", "r = np.arange(0, 5, 0.5, dtype=np.int8)",
        range(N, I{0}, I{5}, 0.5, withDType(DType::Int8)));
    add("numpyArangeUint8Wraps", "r = np.arange(250, 260, dtype=np.uint8)", range(N, I{250}, I{260}, I{1}, withDType(DType::UInt8)));
    add("numpyArangeNegativeStartForUint8Warns", "r = np.arange(-1, 3, dtype=np.uint8)",
        range(N, I{-1}, I{3}, I{1}, withDType(DType::UInt8)));
    add("numpyArangeInt32OutOfBoundsWarns", "r = np.arange(0, 2**40, 2**39, dtype=np.int32)",
        range(N, I{0}, I{1} << 40, I{1} << 39, withDType(DType::Int32)));
    add("numpyArangeUint8FromFractionalStep", "r = np.arange(-5, 5, 2.5, dtype=np.uint8)",
        range(N, I{-5}, I{5}, 2.5, withDType(DType::UInt8)));
    add("numpyArangeInt8Wraps", "r = np.arange(0, 1000, 100, dtype=np.int8)",
        range(N, I{0}, I{1000}, I{100}, withDType(DType::Int8)));
    add("numpyArangeHalfSaturates", "r = np.arange(65504, 65600, 8, dtype=np.float16)",
        range(N, I{65504}, I{65600}, I{8}, withDType(DType::Float16)));
    add("numpyArangeHalfOverflowWarnsPerElementSet", "r = np.arange(70000, 70010, 5, dtype=np.float16)",
        range(N, I{70000}, I{70010}, I{5}, withDType(DType::Float16)));
    add("numpyArangeFloat32OverflowWarnsOnce", "r = np.arange(0, 1e300, 1e299, dtype=np.float32)",
        range(N, I{0}, 1e300, 1e299, withDType(DType::Float32)));
    add("numpyArangeInfiniteStepGivesOneElement", "r = np.arange(0, 5, float('inf'))", range(N, I{0}, I{5}, INFINITY));
    add("numpyArangeWrongWayIsEmpty", "r = np.arange(0, 5, -1)", range(N, I{0}, I{5}, I{-1}));
    add("numpyArangeNegativeStopIsEmpty", "r = np.arange(-5)", [] { return Outcome::of(arange(N, I{-5})); });
    add("numpyArangeBoolOfTwo", "r = np.arange(2, dtype=np.bool_)", [] { return Outcome::of(arange(N, I{2}, withDType(DType::Bool))); });
    add("numpyArangeBoolOfThreeFails", "r = np.arange(0, 3, dtype=np.bool_)",
        range(N, I{0}, I{3}, I{1}, withDType(DType::Bool)));
    add("numpyArangeIntegerZeroStepFails", "r = np.arange(0, 5, 0)", range(N, I{0}, I{5}, I{0}));
    add("numpyArangeFloatZeroStepFails", "r = np.arange(0, 5, 0.)", range(N, I{0}, I{5}, 0.0));
    add("numpyArangeFloatStartZeroStepFails", "r = np.arange(0., 5, 0)", range(N, 0.0, I{5}, I{0}));
    add("numpyArangeInfiniteStopFails", "r = np.arange(0, float('inf'))", range(N, I{0}, INFINITY, I{1}));
    add("numpyArangeNanFails", "r = np.arange(float('nan'))", [] { return Outcome::of(arange(N, NAN)); });
    add("numpyArangeTooManyElementsFails", "r = np.arange(0, 1, 1e-20)", range(N, I{0}, I{1}, 1e-20));
    add("numpyArangeHugeFloats", "r = np.arange(1e300, 1e301, 1e299)", range(N, 1e300, 1e301, 1e299));

    // Bit-exact sweeps over many (start, end, step).
    c.push_back(arangeSweep("torchArangeFloat32ValuesSweep", T, DType::Float32, randomRanges(1, 150, false, 300)));
    c.push_back(arangeSweep("torchArangeFloat64ValuesSweep", T, DType::Float64, randomRanges(2, 150, false, 300)));
    c.push_back(arangeSweep("torchArangeFloat16ValuesSweep", T, DType::Float16, randomRanges(3, 150, false, 300)));
    c.push_back(arangeSweep("torchArangeFloat32LongRanges", T, DType::Float32, longRanges()));
    c.push_back(arangeSweep("torchArangeFloat16LongRanges", T, DType::Float16, longRanges()));
    c.push_back(arangeSweep("torchArangeInt64Sweep", T, DType::Int64, randomRanges(4, 80, true, 100)));
    c.push_back(arangeSweep("torchArangeInt16Sweep", T, DType::Int16, randomRanges(5, 80, true, 100)));
    c.push_back(arangeSweep("torchArangeInt32FromFloatBoundsSweep", T, DType::Int32,
                            {{0.5, 10.7, 1.9}, {-3.2, 7.0, 2.5}, {9.9, -9.9, -1.5}, {0.0, 1e4, 3.3}}));
    c.push_back(arangeSweep("numpyArangeFloat32ValuesSweep", N, DType::Float32, randomRanges(6, 150, false, 300)));
    c.push_back(arangeSweep("numpyArangeFloat64ValuesSweep", N, DType::Float64, randomRanges(7, 150, false, 300)));
    c.push_back(arangeSweep("numpyArangeFloat16ValuesSweep", N, DType::Float16, randomRanges(8, 150, false, 300)));
    c.push_back(arangeSweep("numpyArangeFloat32LongRanges", N, DType::Float32, longRanges()));
    c.push_back(arangeSweep("numpyArangeInt64Sweep", N, DType::Int64, randomRanges(9, 80, true, 100)));
    c.push_back(arangeSweep("numpyArangeInt8FromFloatsSweep", N, DType::Int8,
                            {{0.5, 10.7, 1.9}, {-3.2, 7.0, 2.5}, {9.9, -9.9, -1.5}, {-100.0, 100.0, 7.7}}));
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// linspace
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> linspaceCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const auto space = [](Flavour f, Scalar a, Scalar b, std::int64_t n, CreationOptions o = {}, bool endpoint = true) {
        return [=] { return Outcome::of(linspace(f, a, b, n, o, endpoint)); };
    };
    using I = std::int64_t;

    add("torchLinspaceIsFloat32EvenForInts", "r = torch.linspace(0, 10, 5)", space(T, I{0}, I{10}, 5));
    add("torchLinspaceInt64", "r = torch.linspace(0, 10, 5, dtype=torch.int64)", space(T, I{0}, I{10}, 5, withDType(DType::Int64)));
    add("torchLinspaceTruncatesFloatBoundsForInts", "r = torch.linspace(0.5, 10.7, 5, dtype=torch.int64)",
        space(T, 0.5, 10.7, 5, withDType(DType::Int64)));
    add("torchLinspaceNoSteps", "r = torch.linspace(0, 10, 0)", space(T, I{0}, I{10}, 0));
    add("torchLinspaceOneStepIsStart", "r = torch.linspace(0, 10, 1)", space(T, I{0}, I{10}, 1));
    add("torchLinspaceNegativeStepsFail", "r = torch.linspace(0, 10, -1)", space(T, I{0}, I{10}, -1));
    add("torchLinspaceBoolIsNotImplemented", "r = torch.linspace(0, 10, 5, dtype=torch.bool)",
        space(T, I{0}, I{10}, 5, withDType(DType::Bool)));
    add("torchLinspaceBoolOfOneStepFills", "r = torch.linspace(0, 300, 1, dtype=torch.bool)",
        space(T, I{0}, I{300}, 1, withDType(DType::Bool)));
    add("torchLinspaceUint8StartOverflows", "r = torch.linspace(300, 0, 2, dtype=torch.uint8)",
        space(T, I{300}, I{0}, 2, withDType(DType::UInt8)));
    add("torchLinspaceUint8EndOverflows", "r = torch.linspace(0, 300, 5, dtype=torch.uint8)",
        space(T, I{0}, I{300}, 5, withDType(DType::UInt8)));
    add("torchLinspaceOneStepChecksOnlyStart", "r = torch.linspace(0, 300, 1, dtype=torch.uint8)",
        space(T, I{0}, I{300}, 1, withDType(DType::UInt8)));
    add("torchLinspaceUint8WrapsMinusOne", "r = torch.linspace(-1, 1, 2, dtype=torch.uint8)",
        space(T, I{-1}, I{1}, 2, withDType(DType::UInt8)));
    add("torchLinspaceRequiresGrad", "r = torch.linspace(0, 10, 5, requires_grad=True)", space(T, I{0}, I{10}, 5, withGrad()));
    add("torchLinspaceIntRequiresGradFails", "r = torch.linspace(0, 10, 5, dtype=torch.int32, requires_grad=True)",
        space(T, I{0}, I{10}, 5, withGrad(DType::Int32)));
    add("torchLinspaceToInfinity", "r = torch.linspace(0, float('inf'), 5)", space(T, I{0}, INFINITY, 5));
    add("torchLinspaceToNan", "r = torch.linspace(0, float('nan'), 3)", space(T, I{0}, NAN, 3));
    add("torchLinspaceFromBools", "r = torch.linspace(True, False, 3)", space(T, true, false, 3));
    add("torchLinspaceOnCudaFails", "r = torch.linspace(0, 1, 4, device='cuda')", space(T, I{0}, I{1}, 4, onCuda()));
    add("torchLinspaceHalfLong", "r = torch.linspace(0, -0.37796365171519675, 4134, dtype=torch.float16)",
        space(T, I{0}, -0.37796365171519675, 4134, withDType(DType::Float16)));

    add("numpyLinspaceIsFloat64", "r = np.linspace(0, 10, 5)", space(N, I{0}, I{10}, 5));
    add("numpyLinspaceNegativeNumFails", "r = np.linspace(0, 10, -1)", space(N, I{0}, I{10}, -1));
    add("numpyLinspaceNoSamples", "r = np.linspace(0, 10, 0)", space(N, I{0}, I{10}, 0));
    add("numpyLinspaceOneSample", "r = np.linspace(0, 10, 1)", space(N, I{0}, I{10}, 1));
    add("numpyLinspaceInt64Floors", "r = np.linspace(0, 10, 5, dtype=np.int64)", space(N, I{0}, I{10}, 5, withDType(DType::Int64)));
    add("numpyLinspaceInt8Floors", "r = np.linspace(0, 1, 3, dtype=np.int8)", space(N, I{0}, I{1}, 3, withDType(DType::Int8)));
    add("numpyLinspaceBool", "r = np.linspace(0, 10, 5, dtype=np.bool_)", space(N, I{0}, I{10}, 5, withDType(DType::Bool)));
    add("numpyLinspaceWithoutEndpoint", "r = np.linspace(0, 1, 5, endpoint=False)", space(N, I{0}, I{1}, 5, {}, false));
    add("numpyLinspaceOneSampleWithoutEndpoint", "r = np.linspace(0, 1, 1, endpoint=False)", space(N, I{0}, I{1}, 1, {}, false));
    add("numpyLinspaceToInfinityWarns", "r = np.linspace(0, float('inf'), 3)", space(N, I{0}, INFINITY, 3));
    add("numpyLinspaceOneSampleToInfinityWarns", "r = np.linspace(0, float('inf'), 1)", space(N, I{0}, INFINITY, 1));
    add("numpyLinspaceFromInfinityWarnsTwice", "r = np.linspace(float('inf'), 0, 3)", space(N, INFINITY, I{0}, 3));
    add("numpyLinspaceInfiniteDeltaWarns", "r = np.linspace(float('inf'), float('inf'), 3)", space(N, INFINITY, INFINITY, 3));
    add("numpyLinspaceOverflowingDeltaWarns", "r = np.linspace(-1e308, 1e308, 3)", space(N, -1e308, 1e308, 3));
    add("numpyLinspaceToInfinityAsIntWarnsTwice", "r = np.linspace(0, float('inf'), 3, dtype=np.int64)",
        space(N, I{0}, INFINITY, 3, withDType(DType::Int64)));
    add("numpyLinspaceFloat32CastOverflowWarns", "r = np.linspace(0, 1e300, 3, dtype=np.float32)",
        space(N, I{0}, 1e300, 3, withDType(DType::Float32)));
    add("numpyLinspaceDenormalStep", "r = np.linspace(1e-320, 2e-320, 4)", space(N, 1e-320, 2e-320, 4));
    add("numpyLinspaceFromBools", "r = np.linspace(True, False, 3)", space(N, true, false, 3));
    add("numpyLinspaceDownToUint8Wraps", "r = np.linspace(0, -3.5, 4, dtype=np.uint8)",
        space(N, I{0}, -3.5, 4, withDType(DType::UInt8)));

    c.push_back(linspaceSweep("torchLinspaceFloat32Sweep", T, DType::Float32, randomLinspaces(11, 150, false, 120)));
    c.push_back(linspaceSweep("torchLinspaceFloat64Sweep", T, DType::Float64, randomLinspaces(12, 150, false, 120)));
    c.push_back(linspaceSweep("torchLinspaceFloat16Sweep", T, DType::Float16, randomLinspaces(13, 150, false, 120)));
    c.push_back(linspaceSweep("torchLinspaceFloat16LongSweep", T, DType::Float16, randomLinspaces(14, 20, false, 5000)));
    c.push_back(linspaceSweep("torchLinspaceInt64Sweep", T, DType::Int64, randomLinspaces(15, 100, true, 200)));
    c.push_back(linspaceSweep("torchLinspaceInt8Sweep", T, DType::Int8, randomLinspaces(16, 100, true, 200)));
    c.push_back(linspaceSweep("torchLinspaceInt16Sweep", T, DType::Int16, randomLinspaces(17, 100, true, 200)));
    c.push_back(linspaceSweep("numpyLinspaceFloat64Sweep", N, DType::Float64, randomLinspaces(18, 150, false, 120, true)));
    c.push_back(linspaceSweep("numpyLinspaceFloat32Sweep", N, DType::Float32, randomLinspaces(19, 150, false, 120, true)));
    c.push_back(linspaceSweep("numpyLinspaceFloat16Sweep", N, DType::Float16, randomLinspaces(20, 100, false, 120, true)));
    c.push_back(linspaceSweep("numpyLinspaceInt32Sweep", N, DType::Int32, randomLinspaces(21, 100, false, 120, true)));
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// zeros, ones, full, eye, *_like
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> filledCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    using I = std::int64_t;
    const auto zerosOf = [](Flavour f, Shape s, CreationOptions o = {}) { return [=] { return Outcome::of(zeros(f, s, o)); }; };
    const auto onesOf = [](Flavour f, Shape s, CreationOptions o = {}) { return [=] { return Outcome::of(ones(f, s, o)); }; };
    const auto fullOf = [](Flavour f, Shape s, Scalar v, CreationOptions o = {}) {
        return [=] { return Outcome::of(full(f, s, v, o)); };
    };

    add("torchZeros", "r = torch.zeros(2, 3)", zerosOf(T, {2, 3}));
    add("torchZerosZeroDim", "r = torch.zeros(())", zerosOf(T, {}));
    add("torchZerosEmpty", "r = torch.zeros(0, 3)", zerosOf(T, {0, 3}));
    add("torchZerosInt8", "r = torch.zeros(4, dtype=torch.int8)", zerosOf(T, {4}, withDType(DType::Int8)));
    add("torchZerosNegativeLastDimFails", "r = torch.zeros(2, -1)", zerosOf(T, {2, -1}));
    add("torchZerosNegativeFirstDimFails", "r = torch.zeros(-1, 2)", zerosOf(T, {-1, 2}));
    add("torchZerosReportsFirstNegativeDim", "r = torch.zeros((2, -3, -4), dtype=torch.int8)",
        zerosOf(T, {2, -3, -4}, withDType(DType::Int8)));
    add("torchZerosRequiresGrad", "r = torch.zeros(2, requires_grad=True)", zerosOf(T, {2}, withGrad()));
    add("torchZerosBoolRequiresGradFails", "r = torch.zeros(2, dtype=torch.bool, requires_grad=True)",
        zerosOf(T, {2}, withGrad(DType::Bool)));
    add("torchZerosNegativeBeatsRequiresGrad", "r = torch.zeros(-1, dtype=torch.int64, requires_grad=True)",
        zerosOf(T, {-1}, withGrad(DType::Int64)));
    add("torchZerosOnCudaFails", "r = torch.zeros(2, device='cuda')", zerosOf(T, {2}, onCuda()));
    add("torchOnesCudaBeatsNegativeDim", "r = torch.ones(2, -1, device='cuda')", onesOf(T, {2, -1}, onCuda()));
    add("torchOnesHalf", "r = torch.ones(2, 3, dtype=torch.float16)", onesOf(T, {2, 3}, withDType(DType::Float16)));
    add("torchOnesBool", "r = torch.ones(3, dtype=torch.bool)", onesOf(T, {3}, withDType(DType::Bool)));
    add("torchOnesEmpty", "r = torch.ones(0, 3)", onesOf(T, {0, 3}));
    add("torchOnesTooLargeFails", "r = torch.ones(10**6, 10**6)", onesOf(T, {1000000, 1000000}));
    add("numpyZeros", "r = np.zeros((2, 3))", zerosOf(N, {2, 3}));
    add("numpyZerosInt8", "r = np.zeros(5, dtype=np.int8)", zerosOf(N, {5}, withDType(DType::Int8)));
    add("numpyZerosZeroDim", "r = np.zeros(())", zerosOf(N, {}));
    add("numpyZerosEmptyHasZeroStrides", "r = np.zeros((2, 0, 3))", zerosOf(N, {2, 0, 3}));
    add("numpyZerosEmptyVector", "r = np.zeros(0)", zerosOf(N, {0}));
    add("numpyZerosNegativeFails", "r = np.zeros((2, -1))", zerosOf(N, {2, -1}));
    add("numpyOnesEmpty", "r = np.ones((2, 0))", onesOf(N, {2, 0}));
    add("numpyOnesInt8", "r = np.ones(3, dtype=np.int8)", onesOf(N, {3}, withDType(DType::Int8)));
    add("numpyOnesNegativeFails", "r = np.ones((2, -3))", onesOf(N, {2, -3}));
    add("numpyOnesTooLargeFails", "r = np.ones((10**6, 10**6))", onesOf(N, {1000000, 1000000}));

    add("torchFullInfersInt64", "r = torch.full((2, 2), 3)", fullOf(T, {2, 2}, I{3}));
    add("torchFullInfersFloat32", "r = torch.full((2, 2), 3.)", fullOf(T, {2, 2}, 3.0));
    add("torchFullInfersBool", "r = torch.full((2, 2), True)", fullOf(T, {2, 2}, true));
    add("torchFullExplicitFloat", "r = torch.full((2, 2), 3, dtype=torch.float32)", fullOf(T, {2, 2}, I{3}, withDType(DType::Float32)));
    add("torchFullInt8OverflowFails", "r = torch.full((2, 2), 300, dtype=torch.int8)",
        fullOf(T, {2, 2}, I{300}, withDType(DType::Int8)));
    add("torchFullUint8AcceptsMinusOne", "r = torch.full((2, 2), -1, dtype=torch.uint8)",
        fullOf(T, {2, 2}, I{-1}, withDType(DType::UInt8)));
    add("torchFullTruncatesFloatForInt", "r = torch.full((2, 2), 3.7, dtype=torch.int64)",
        fullOf(T, {2, 2}, 3.7, withDType(DType::Int64)));
    add("torchFullNanForIntFails", "r = torch.full((2, 2), float('nan'), dtype=torch.int64)",
        fullOf(T, {2, 2}, NAN, withDType(DType::Int64)));
    add("torchFullFloatOverflowFails", "r = torch.full((2, 2), 1e300)", fullOf(T, {2, 2}, 1e300));
    add("torchFullHalfOverflowFails", "r = torch.full((2, 2), 70000, dtype=torch.float16)",
        fullOf(T, {2, 2}, I{70000}, withDType(DType::Float16)));
    add("torchFullBoolFromInt", "r = torch.full((2,), 300, dtype=torch.bool)", fullOf(T, {2}, I{300}, withDType(DType::Bool)));
    add("torchFullNegativeDimFails", "r = torch.full((2, -2), 1)", fullOf(T, {2, -2}, I{1}));
    add("torchFullRequiresGrad", "r = torch.full((2,), 1.5, requires_grad=True)", fullOf(T, {2}, 1.5, withGrad()));
    add("torchFullIntRequiresGradFails", "r = torch.full((2,), 2, requires_grad=True)", fullOf(T, {2}, I{2}, withGrad()));
    add("torchFullZeroDim", "r = torch.full([], 7)", fullOf(T, {}, I{7}));
    add("numpyFullInfersInt64", "r = np.full((2, 2), 3)", fullOf(N, {2, 2}, I{3}));
    add("numpyFullInfersFloat64", "r = np.full((2, 2), 3.)", fullOf(N, {2, 2}, 3.0));
    add("numpyFullInfersBool", "r = np.full((2, 2), True)", fullOf(N, {2, 2}, true));
    add("numpyFullInt8WrapsSilently", "r = np.full((2, 2), 300, dtype=np.int8)", fullOf(N, {2, 2}, I{300}, withDType(DType::Int8)));
    add("numpyFullUint8MinusOne", "r = np.full(3, -1, dtype=np.uint8)", fullOf(N, {3}, I{-1}, withDType(DType::UInt8)));
    add("numpyFullTruncatesFloat", "r = np.full((2, 2), 3.7, dtype=np.int64)", fullOf(N, {2, 2}, 3.7, withDType(DType::Int64)));
    add("numpyFullNanForIntWarns", "r = np.full((2, 2), float('nan'), dtype=np.int64)",
        fullOf(N, {2, 2}, NAN, withDType(DType::Int64)));
    add("numpyFullOutOfInt32RangeWarns", "r = np.full(3, 3e9, dtype=np.int32)", fullOf(N, {3}, 3e9, withDType(DType::Int32)));
    add("numpyFullFloat32OverflowWarns", "r = np.full(3, 1e300, dtype=np.float32)", fullOf(N, {3}, 1e300, withDType(DType::Float32)));
    add("numpyFullHalfOverflowWarns", "r = np.full((2,), 70000, dtype=np.float16)", fullOf(N, {2}, I{70000}, withDType(DType::Float16)));
    add("numpyFullEmptyDoesNotWarn", "r = np.full((0,), float('nan'), dtype=np.int64)", fullOf(N, {0}, NAN, withDType(DType::Int64)));
    add("numpyFullNegativeFails", "r = np.full((2, -2), 1)", fullOf(N, {2, -2}, I{1}));
    add("numpyFullZeroDim", "r = np.full((), 7)", fullOf(N, {}, I{7}));

    const auto eyeOf = [](Flavour f, I n, std::optional<I> m, CreationOptions o = {}, I k = 0) {
        return [=] { return Outcome::of(eye(f, n, m, o, k)); };
    };
    add("torchEye", "r = torch.eye(3)", eyeOf(T, 3, std::nullopt));
    add("torchEyeWide", "r = torch.eye(2, 3)", eyeOf(T, 2, 3));
    add("torchEyeTallInt64", "r = torch.eye(3, 2, dtype=torch.int64)", eyeOf(T, 3, 2, withDType(DType::Int64)));
    add("torchEyeEmpty", "r = torch.eye(0)", eyeOf(T, 0, std::nullopt));
    add("torchEyeNegativeNFails", "r = torch.eye(-1)", eyeOf(T, -1, std::nullopt));
    add("torchEyeNegativeMFails", "r = torch.eye(2, -1)", eyeOf(T, 2, -1));
    add("torchEyeBool", "r = torch.eye(3, dtype=torch.bool)", eyeOf(T, 3, std::nullopt, withDType(DType::Bool)));
    add("torchEyeRequiresGrad", "r = torch.eye(2, requires_grad=True)", eyeOf(T, 2, std::nullopt, withGrad()));
    add("torchEyeIntRequiresGradFails", "r = torch.eye(2, 3, dtype=torch.int64, requires_grad=True)",
        eyeOf(T, 2, 3, withGrad(DType::Int64)));
    add("numpyEye", "r = np.eye(3)", eyeOf(N, 3, std::nullopt));
    add("numpyEyeWide", "r = np.eye(2, 3)", eyeOf(N, 2, 3));
    add("numpyEyeTallInt64", "r = np.eye(3, 2, dtype=np.int64)", eyeOf(N, 3, 2, withDType(DType::Int64)));
    add("numpyEyeEmpty", "r = np.eye(0)", eyeOf(N, 0, std::nullopt));
    add("numpyEyeNegativeFails", "r = np.eye(-1)", eyeOf(N, -1, std::nullopt));
    add("numpyEyeNegativeMFails", "r = np.eye(2, -1)", eyeOf(N, 2, -1));
    add("numpyEyeAboveDiagonal", "r = np.eye(3, k=1)", eyeOf(N, 3, std::nullopt, {}, 1));
    add("numpyEyeBelowDiagonal", "r = np.eye(3, k=-1)", eyeOf(N, 3, std::nullopt, {}, -1));
    add("numpyEyeWideShifted", "r = np.eye(3, 4, k=2)", eyeOf(N, 3, 4, {}, 2));
    add("numpyEyeShiftedOut", "r = np.eye(3, 4, k=5)", eyeOf(N, 3, 4, {}, 5));
    add("numpyEyeShiftedOutBelow", "r = np.eye(3, 4, k=-5)", eyeOf(N, 3, 4, {}, -5));
    add("numpyEyeBool", "r = np.eye(3, dtype=np.bool_)", eyeOf(N, 3, std::nullopt, withDType(DType::Bool)));

    // *_like: the layout of the prototype survives (preserve_format / order='K').
    const auto t23 = [] { return av::test::tensorOf<float>({2, 3}, {1, 2, 3, 4, 5, 6}); };
    const auto t43 = [] { return av::test::tensorOf<float>({4, 3}, {}); };
    const auto n23 = [] { return av::test::ndarrayOf<double>({2, 3}, {1, 2, 3, 4, 5, 6}); };
    const auto n43 = [] { return av::test::ndarrayOf<double>({4, 3}, {}); };
    add("torchZerosLikeKeepsDType", "r = torch.zeros_like(torch.ones(2, 3, dtype=torch.int8))",
        [] { return Outcome::of(zerosLike(T, av::test::tensorOf<std::int8_t>({2, 3}, {1, 1, 1, 1, 1, 1}))); });
    add("torchZerosLikeKeepsTransposedStrides", "r = torch.zeros_like(torch.ones(2, 3).t())",
        [=] { return Outcome::of(zerosLike(T, strided<float>(t23(), {3, 2}, {1, 3}))); });
    add("torchZerosLikeDensifiesSteppedStrides", "r = torch.zeros_like(torch.ones(2, 3)[:, ::2])",
        [=] { return Outcome::of(zerosLike(T, strided<float>(t23(), {2, 2}, {3, 2}))); });
    add("torchOnesLikeOfSteppedTranspose", "r = torch.ones_like(torch.ones(4, 3).t()[::2])",
        [=] { return Outcome::of(onesLike(T, strided<float>(t43(), {2, 4}, {2, 3}))); });
    add("torchOnesLikeOfExpandedIsContiguous", "r = torch.ones_like(torch.ones(4, 3).expand(2, 4, 3))",
        [=] { return Outcome::of(onesLike(T, strided<float>(t43(), {2, 4, 3}, {0, 3, 1}))); });
    add("torchZerosLikeDropsRequiresGrad", "src = torch.ones(2, 3, requires_grad=True)\nr = torch.zeros_like(src)", [=] {
        ArrayPtr src = t23();
        src->setRequiresGrad(true);
        return Outcome::of(zerosLike(T, src), src);
    });
    add("torchOnesLikeWithDType", "r = torch.ones_like(torch.ones(2, 3), dtype=torch.int64)",
        [=] { return Outcome::of(onesLike(T, t23(), withDType(DType::Int64))); });
    add("torchOnesLikeIntRequiresGradFails", "r = torch.ones_like(torch.ones(2, 3, dtype=torch.int64), requires_grad=True)",
        [] { return Outcome::of(onesLike(T, av::test::tensorOf<std::int64_t>({2, 3}, {}), withGrad())); });
    add("torchOnesLikeRequiresGrad", "r = torch.ones_like(torch.ones(2, 3), requires_grad=True)",
        [=] { return Outcome::of(onesLike(T, t23(), withGrad())); });
    add("torchFullLikeChecksOverflow", "r = torch.full_like(torch.ones(2, dtype=torch.int8), 1000)",
        [] { return Outcome::of(fullLike(T, av::test::tensorOf<std::int8_t>({2}, {}), I{1000})); });
    add("torchFullLike", "r = torch.full_like(torch.ones(2, 3).t(), 2.5)",
        [=] { return Outcome::of(fullLike(T, strided<float>(t23(), {3, 2}, {1, 3}), 2.5)); });
    add("torchZerosLikeOfNdarrayFails", "r = torch.zeros_like(np.ones(2))",
        [] { return Outcome::of(zerosLike(T, av::test::ndarrayOf<double>({2}, {}))); });
    add("numpyZerosLikeKeepsTransposedOrder", "r = np.zeros_like(np.ones((2, 3)).T)",
        [=] { return Outcome::of(zerosLike(N, strided<double>(n23(), {3, 2}, {1, 3}))); });
    add("numpyZerosLikeCompactsSteps", "r = np.zeros_like(np.ones((2, 3))[:, ::2])",
        [=] { return Outcome::of(zerosLike(N, strided<double>(n23(), {2, 2}, {3, 2}))); });
    add("numpyZerosLikeWithDType", "r = np.zeros_like(np.ones((2, 3), np.int8), dtype=np.float32)",
        [] { return Outcome::of(zerosLike(N, av::test::ndarrayOf<std::int8_t>({2, 3}, {}), withDType(DType::Float32))); });
    add("numpyOnesLikeOfReversedIsPositive", "r = np.ones_like(np.ones((4, 3))[::2, ::-1])",
        [=] { return Outcome::of(onesLike(N, strided<double>(n43(), {2, 3}, {6, -1}, 2))); });
    add("numpyOnesLikeOfSteppedTranspose", "r = np.ones_like(np.ones((4, 3)).T[::2])",
        [=] { return Outcome::of(onesLike(N, strided<double>(n43(), {2, 4}, {2, 3}))); });
    add("numpyZerosLikeOfBroadcastPutsZeroStrideInside", "r = np.zeros_like(np.broadcast_to(np.ones(3), (2, 3)))",
        [] { return Outcome::of(zerosLike(N, strided<double>(av::test::ndarrayOf<double>({3}, {}), {2, 3}, {0, 1}))); });
    add("numpyZerosLikeOfEmptyHasZeroStrides", "r = np.zeros_like(np.ones((3, 2)).T[:, :0])",
        [] { return Outcome::of(zerosLike(N, strided<double>(av::test::ndarrayOf<double>({3, 2}, {}), {2, 0}, {1, 2}))); });
    add("numpyZerosLikeOfTensor", "r = np.zeros_like(torch.ones(2))",
        [] { return Outcome::of(zerosLike(N, av::test::tensorOf<float>({2}, {1, 1}))); });
    add("numpyZerosLikeOfGradTensorFails", "r = np.zeros_like(torch.ones(2, requires_grad=True))", [] {
        ArrayPtr src = av::test::tensorOf<float>({2}, {1, 1});
        src->setRequiresGrad(true);
        return Outcome::of(zerosLike(N, src));
    });
    add("numpyFullLikeWrapsSilently", "r = np.full_like(np.ones(2, np.int8), 1000)",
        [] { return Outcome::of(fullLike(N, av::test::ndarrayOf<std::int8_t>({2}, {}), I{1000})); });
    add("numpyOnesLikeOfScalar", "r = np.ones_like(np.float32(2.5))",
        [] { return Outcome::of(onesLike(N, numpyScalar(DType::Float32, 2.5))); });
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// torch.tensor / np.array from nested lists
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> nestedCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    using I = std::int64_t;
    using L = NestedList;
    // Only torchTensorListOfNdarraysWarnsOnce sees torch's warn-once message: the oracle runs every case in
    // one process, so every later case runs after it was printed.
    const auto tensorFrom = [](L data, CreationOptions o = {}) {
        return [=] {
            takeTorchWarnOnce(kWarnListOfNdarrays);
            return Outcome::of(arrayFromData(T, data, o));
        };
    };
    const auto arrayFrom = [](L data, CreationOptions o = {}) { return [=] { return Outcome::of(arrayFromData(N, data, o)); }; };
    const L empty = L::list();

    // torch: inference
    add("torchTensorOfInts", "r = torch.tensor([1, 2])", tensorFrom({1, 2}));
    add("torchTensorIntsAndFloatIsFloat32", "r = torch.tensor([1, 2.])", tensorFrom({1, 2.0}));
    add("torchTensorBoolAndIntIsInt64", "r = torch.tensor([True, 2])", tensorFrom({true, 2}));
    add("torchTensorOfBools", "r = torch.tensor([True, False])", tensorFrom({true, false}));
    add("torchTensorBoolAndFloat", "r = torch.tensor([True, 2.5])", tensorFrom({true, 2.5}));
    add("torchTensorNested", "r = torch.tensor([[1, 2], [3, 4]])", tensorFrom({{1, 2}, {3, 4}}));
    add("torchTensorOfNumber", "r = torch.tensor(3)", tensorFrom(L(3)));
    add("torchTensorOfFloatNumber", "r = torch.tensor(3.5)", tensorFrom(L(3.5)));
    add("torchTensorOfTrue", "r = torch.tensor(True)", tensorFrom(L(true)));
    add("torchTensorOfEmptyList", "r = torch.tensor([])", tensorFrom(empty));
    add("torchTensorOfEmptyRows", "r = torch.tensor([[], []])", tensorFrom({empty, empty}));
    add("torchTensorOfDeepEmpty", "r = torch.tensor([[[]]])", tensorFrom(L{L{empty}}));
    add("torchTensorEmptyInt32", "r = torch.tensor([], dtype=torch.int32)", tensorFrom(empty, withDType(DType::Int32)));
    add("torchTensorEmptyFirstRowSkipsTheRest", "r = torch.tensor([[], [1]])", tensorFrom({empty, L{1}}));
    add("torchTensorEmptyFirstRowThenNumber", "r = torch.tensor([[], 1])", tensorFrom({empty, 1}));
    add("torchTensorRequiresGrad", "r = torch.tensor([1., 2], requires_grad=True)", tensorFrom({1.0, 2}, withGrad()));
    add("torchTensorIntsAsDoubleRequireGrad", "r = torch.tensor([1, 2], dtype=torch.float64, requires_grad=True)",
        tensorFrom({1, 2}, withGrad(DType::Float64)));
    add("torchTensorIntRequiresGradFails", "r = torch.tensor([1, 2], requires_grad=True)", tensorFrom({1, 2}, withGrad()));
    add("torchTensorOnCudaFails", "r = torch.tensor([[1, 2], [3, 4]], device='cuda')", tensorFrom({{1, 2}, {3, 4}}, onCuda()));
    // torch: ragged and malformed lists
    add("torchTensorRaggedRowFails", "r = torch.tensor([[1, 2], [3]])", tensorFrom({{1, 2}, L{3}}));
    add("torchTensorLongerRowFails", "r = torch.tensor([[1], [3, 4]])", tensorFrom({L{1}, {3, 4}}));
    add("torchTensorRaggedDeepFails", "r = torch.tensor([[[1, 2], [3, 4]], [[1, 2], [3]]])",
        tensorFrom({{{1, 2}, {3, 4}}, {{1, 2}, L{3}}}));
    add("torchTensorListWhereIntExpectedFails", "r = torch.tensor([1, [2]])", tensorFrom({1, L{2}}));
    add("torchTensorListWhereFloatExpectedFails", "r = torch.tensor([1, []])", tensorFrom({1, empty}));
    add("torchTensorNumberWhereListExpectedFails", "r = torch.tensor([[1, 2], 3])", tensorFrom({{1, 2}, 3}));
    add("torchTensorEmptyLaterRowFails", "r = torch.tensor([[1], []])", tensorFrom({L{1}, empty}));
    // torch: explicit dtypes and overflow
    add("torchTensorInt8OverflowFails", "r = torch.tensor([1000], dtype=torch.int8)", tensorFrom(L{1000}, withDType(DType::Int8)));
    add("torchTensorUint8WrapsMinusOne", "r = torch.tensor([-1], dtype=torch.uint8)", tensorFrom(L{-1}, withDType(DType::UInt8)));
    add("torchTensorUint8OverflowFails", "r = torch.tensor([256], dtype=torch.uint8)", tensorFrom(L{256}, withDType(DType::UInt8)));
    add("torchTensorInt32FromHugeFloatFails", "r = torch.tensor([1e10], dtype=torch.int32)",
        tensorFrom(L{1e10}, withDType(DType::Int32)));
    add("torchTensorInt32TruncatesFloats", "r = torch.tensor([1.5, -2.7], dtype=torch.int32)",
        tensorFrom({1.5, -2.7}, withDType(DType::Int32)));
    add("torchTensorNanToIntFails", "r = torch.tensor([float('nan')], dtype=torch.int32)", tensorFrom(L{NAN}, withDType(DType::Int32)));
    add("torchTensorInfinityToInt64Fails", "r = torch.tensor([float('inf')], dtype=torch.int64)",
        tensorFrom(L{INFINITY}, withDType(DType::Int64)));
    add("torchTensorNegativeFractionToUint8Fails", "r = torch.tensor([-0.9], dtype=torch.uint8)",
        tensorFrom(L{-0.9}, withDType(DType::UInt8)));
    add("torchTensorBelowInt8Fails", "r = torch.tensor([-128.9], dtype=torch.int8)", tensorFrom(L{-128.9}, withDType(DType::Int8)));
    add("torchTensorFloat32OverflowIsInfinity", "r = torch.tensor([1e300], dtype=torch.float32)",
        tensorFrom(L{1e300}, withDType(DType::Float32)));
    add("torchTensorHalfOverflowIsInfinity", "r = torch.tensor([70000, 65519.99, 0.1], dtype=torch.float16)",
        tensorFrom({70000, 65519.99, 0.1}, withDType(DType::Float16)));
    add("torchTensorBoolFromNumbers", "r = torch.tensor([2.5, 0, 3], dtype=torch.bool)", tensorFrom({2.5, 0, 3}, withDType(DType::Bool)));
    add("torchTensorFloatFromBool", "r = torch.tensor([True], dtype=torch.float32)", tensorFrom(L{true}, withDType(DType::Float32)));
    add("torchTensorLargeIntToFloat32", "r = torch.tensor([2**62], dtype=torch.float32)",
        tensorFrom(L{I{1} << 62}, withDType(DType::Float32)));
    add("torchTensorInt64Extremes", "r = torch.tensor([-2**63, 2**63 - 1])",
        tensorFrom({std::numeric_limits<I>::min(), std::numeric_limits<I>::max()}));
    // torch: tensors, ndarrays and NumPy scalars inside lists
    add("torchTensorOfZeroDimTensors", "r = torch.tensor([torch.tensor(1.), 2])", tensorFrom({tensor0(DType::Float32, 1.0), 2}));
    add("torchTensorZeroDimInt8PromotesWithInt", "r = torch.tensor([torch.tensor(1, dtype=torch.int8), 2])",
        tensorFrom({tensor0(DType::Int8, 1), 2}));
    add("torchTensorInt8AndUint8TensorsPromoteToInt16",
        "r = torch.tensor([torch.tensor(1, dtype=torch.int8), torch.tensor(2, dtype=torch.uint8)])",
        tensorFrom({tensor0(DType::Int8, 1), tensor0(DType::UInt8, 2)}));
    add("torchTensorZeroDimDoubleWins", "r = torch.tensor([torch.tensor(1.5, dtype=torch.float64), 2])",
        tensorFrom({tensor0(DType::Float64, 1.5), 2}));
    add("torchTensorOneElementTensorsAreScalars", "r = torch.tensor([torch.tensor([1.]), torch.tensor([2.])])",
        tensorFrom({av::test::tensorOf<float>({1}, {1}), av::test::tensorOf<float>({1}, {2})}));
    add("torchTensorOfTensorsFails", "r = torch.tensor([torch.ones(2), torch.ones(2)])",
        tensorFrom({av::test::tensorOf<float>({2}, {1, 1}), av::test::tensorOf<float>({2}, {1, 1})}));
    add("torchTensorFloatTensorAsIntFails", "r = torch.tensor([torch.tensor(1.5), 2], dtype=torch.int64)",
        tensorFrom({tensor0(DType::Float32, 1.5), 2}, withDType(DType::Int64)));
    add("torchTensorIntTensorsAsBool", "r = torch.tensor([torch.tensor(1), torch.tensor(0)], dtype=torch.bool)",
        tensorFrom({tensor0(DType::Int64, 1), tensor0(DType::Int64, 0)}, withDType(DType::Bool)));
    add("torchTensorFloatTensorsAsBoolFail", "r = torch.tensor([torch.tensor(2.5), torch.tensor(0.)], dtype=torch.bool)",
        tensorFrom({tensor0(DType::Float32, 2.5), tensor0(DType::Float32, 0.0)}, withDType(DType::Bool)));
    add("torchTensorInt64TensorOverflowsInt8", "r = torch.tensor([torch.tensor(300), 1], dtype=torch.int8)",
        tensorFrom({tensor0(DType::Int64, 300), 1}, withDType(DType::Int8)));
    add("torchTensorDropsRequiresGradOfItems", "r = torch.tensor([torch.tensor(1.5, requires_grad=True), 2.])", [] {
        ArrayPtr item = tensor0(DType::Float32, 1.5);
        item->setRequiresGrad(true);
        return Outcome::of(arrayFromData(T, {item, 2.0}));
    });
    add("torchTensorIteratesTensorRows", "r = torch.tensor([[1, 2], torch.tensor([3, 4])])",
        tensorFrom({{1, 2}, av::test::tensorOf<std::int64_t>({2}, {3, 4})}));
    add("torchTensorTensorFirstIsALeaf", "r = torch.tensor([torch.tensor([3, 4]), [1, 2]])",
        tensorFrom({av::test::tensorOf<std::int64_t>({2}, {3, 4}), {1, 2}}));
    add("torchTensorZeroDimTensorWhereRowExpectedFails", "r = torch.tensor([[1.], torch.tensor(2.)])",
        tensorFrom({L{1.0}, tensor0(DType::Float32, 2.0)}));
    add("torchTensorNumpyFloat64IsFloat64", "r = torch.tensor([np.float64(1.5), 2])", tensorFrom({numpyScalar(DType::Float64, 1.5), 2}));
    add("torchTensorNumpyFloat32", "r = torch.tensor([np.float32(1.5), 2])", tensorFrom({numpyScalar(DType::Float32, 1.5), 2}));
    add("torchTensorNumpyFloat16", "r = torch.tensor([np.float16(1.5), 2])", tensorFrom({numpyScalar(DType::Float16, 1.5), 2}));
    add("torchTensorNumpyInt8WithInt", "r = torch.tensor([np.int8(1), 2])", tensorFrom({numpyScalar(DType::Int8, 1), 2}));
    add("torchTensorNumpyInt32AndInt8", "r = torch.tensor([np.int32(1), np.int8(2)])",
        tensorFrom({numpyScalar(DType::Int32, 1), numpyScalar(DType::Int8, 2)}));
    add("torchTensorNumpyUint8Alone", "r = torch.tensor([np.uint8(1)])", tensorFrom(L{numpyScalar(DType::UInt8, 1)}));
    add("torchTensorNumpyBoolWarns", "r = torch.tensor([np.bool_(True), False])", tensorFrom({numpyScalar(DType::Bool, true), false}));
    add("torchTensorNumpyBoolAsIntWarns", "r = torch.tensor([np.bool_(True)], dtype=torch.int64)",
        tensorFrom(L{numpyScalar(DType::Bool, true)}, withDType(DType::Int64)));
    add("torchTensorNumpyInt64OverflowsInt8", "r = torch.tensor([np.int64(300)], dtype=torch.int8)",
        tensorFrom(L{numpyScalar(DType::Int64, 300)}, withDType(DType::Int8)));
    add("torchTensorNumpyFloat64OverflowsInt8", "r = torch.tensor([np.float64(300.5)], dtype=torch.int8)",
        tensorFrom(L{numpyScalar(DType::Float64, 300.5)}, withDType(DType::Int8)));
    add("torchTensorNumpyFloat32IsNoIndex", "r = torch.tensor([np.float32(2.5)], dtype=torch.int64)",
        tensorFrom(L{numpyScalar(DType::Float32, 2.5)}, withDType(DType::Int64)));
    add("torchTensorNumpyFloat64TruncatesToInt", "r = torch.tensor([np.float64(2.5)], dtype=torch.int64)",
        tensorFrom(L{numpyScalar(DType::Float64, 2.5)}, withDType(DType::Int64)));
    add("torchTensorOfNumpyInt8Scalar", "r = torch.tensor(np.int8(1))", tensorFrom(L(numpyScalar(DType::Int8, 1))));
    add("torchTensorOfNumpyFloat64Scalar", "r = torch.tensor(np.float64(1))", tensorFrom(L(numpyScalar(DType::Float64, 1.0))));
    add("torchTensorListOfNdarraysWarnsOnce", "r = torch.tensor([np.array([1.5, 2]), np.array([3, 4])])", [] {
        resetTorchWarnOnce();
        return Outcome::of(arrayFromData(T, {av::test::ndarrayOf<double>({2}, {1.5, 2}), av::test::ndarrayOf<std::int64_t>({2}, {3, 4})}));
    });
    add("torchTensorNdarrayRowsPromote", "r = torch.tensor([np.array([1, 2], dtype=np.int8), np.array([3, 4], dtype=np.uint8)])",
        tensorFrom({av::test::ndarrayOf<std::int8_t>({2}, {1, 2}), av::test::ndarrayOf<std::uint8_t>({2}, {3, 4})}));
    add("torchTensorNdarrayAfterListRow", "r = torch.tensor([[1, 2], np.array([3, 4])])",
        tensorFrom({{1, 2}, av::test::ndarrayOf<std::int64_t>({2}, {3, 4})}));
    add("torchTensorZeroDimNdarrayFirstFails", "r = torch.tensor([np.array(1.5), 2])",
        tensorFrom({av::test::ndarrayOf<double>({}, {1.5}), 2}));
    add("torchTensorZeroDimNdarrayLaterIsAScalar", "r = torch.tensor([2, np.array(1.5)])",
        tensorFrom({2, av::test::ndarrayOf<double>({}, {1.5})}));
    add("torchTensorSizeOneNdarrayAsScalar", "r = torch.tensor([2, np.array([1.5])])",
        tensorFrom({2, av::test::ndarrayOf<double>({1}, {1.5})}));
    add("torchTensorLongNdarrayAsScalarFails", "r = torch.tensor([1, np.array([1., 2])], dtype=torch.float32)",
        tensorFrom({1, av::test::ndarrayOf<double>({2}, {1, 2})}, withDType(DType::Float32)));
    add("torchTensorNdarrayAsIndexFails", "r = torch.tensor([1, np.array([1, 2])])",
        tensorFrom({1, av::test::ndarrayOf<std::int64_t>({2}, {1, 2})}));
    add("torchTensorTransposedNdarrayRows", "r = torch.tensor([np.array([[1., 2.], [3., 4.]]).T])",
        tensorFrom(L{strided<double>(av::test::ndarrayOf<double>({2, 2}, {1, 2, 3, 4}), {2, 2}, {1, 2})}));
    add("torchTensorNdarrayFloat32ElementsAsIntFail", "r = torch.tensor([np.array([1.5, 2], dtype=np.float32)], dtype=torch.int8)",
        tensorFrom(L{av::test::ndarrayOf<float>({2}, {1.5, 2})}, withDType(DType::Int8)));
    add("torchTensorNdarrayFloat64ElementsTruncate", "r = torch.tensor([np.array([1.5, 2])], dtype=torch.int8)",
        tensorFrom(L{av::test::ndarrayOf<double>({2}, {1.5, 2})}, withDType(DType::Int8)));
    add("torchTensorNdarrayElementsOverflow", "r = torch.tensor([np.array([300, 2])], dtype=torch.int8)",
        tensorFrom(L{av::test::ndarrayOf<std::int64_t>({2}, {300, 2})}, withDType(DType::Int8)));

    // numpy: inference
    add("numpyArrayOfInts", "r = np.array([1, 2])", arrayFrom({1, 2}));
    add("numpyArrayIntsAndFloat", "r = np.array([1, 2.])", arrayFrom({1, 2.0}));
    add("numpyArrayBoolAndInt", "r = np.array([True, 2])", arrayFrom({true, 2}));
    add("numpyArrayOfBools", "r = np.array([True, False])", arrayFrom({true, false}));
    add("numpyArrayBoolAndFloat", "r = np.array([True, 2.5])", arrayFrom({true, 2.5}));
    add("numpyArrayNested", "r = np.array([[[1, 2]], [[3, 4]]])", arrayFrom({L{{1, 2}}, L{{3, 4}}}));
    add("numpyArrayOfNumber", "r = np.array(3)", arrayFrom(L(3)));
    add("numpyArrayOfFloatNumber", "r = np.array(3.5)", arrayFrom(L(3.5)));
    add("numpyArrayOfEmptyList", "r = np.array([])", arrayFrom(empty));
    add("numpyArrayOfEmptyRows", "r = np.array([[], []])", arrayFrom({empty, empty}));
    add("numpyArrayEmptyInt32", "r = np.array([], dtype=np.int32)", arrayFrom(empty, withDType(DType::Int32)));
    add("numpyArrayInt8AndIntIsInt64", "r = np.array([np.int8(1), 2])", arrayFrom({numpyScalar(DType::Int8, 1), 2}));
    add("numpyArrayInt8AndUint8IsInt16", "r = np.array([np.int8(1), np.uint8(2)])",
        arrayFrom({numpyScalar(DType::Int8, 1), numpyScalar(DType::UInt8, 2)}));
    add("numpyArrayFloat32AndIntIsFloat64", "r = np.array([np.float32(1), 2])", arrayFrom({numpyScalar(DType::Float32, 1.0), 2}));
    add("numpyArrayFloat16AndBool", "r = np.array([np.float16(1), True])", arrayFrom({numpyScalar(DType::Float16, 1.0), true}));
    add("numpyArrayOfFloat32Scalars", "r = np.array([np.float32(3.3)])", arrayFrom(L{numpyScalar(DType::Float32, 3.3)}));
    add("numpyArrayOfFloat32Scalar", "r = np.array(np.float32(3.3))", arrayFrom(L(numpyScalar(DType::Float32, 3.3))));
    add("numpyArrayZeroDimArrayInList", "r = np.array([np.array(1.5), 2])", arrayFrom({av::test::ndarrayOf<double>({}, {1.5}), 2}));
    add("numpyArrayZeroDimInt8InList", "r = np.array([np.array(1, dtype=np.int8), 2])",
        arrayFrom({av::test::ndarrayOf<std::int8_t>({}, {1}), 2}));
    add("numpyArrayOfArrays", "r = np.array([np.array([1.5, 2]), np.array([3, 4])])",
        arrayFrom({av::test::ndarrayOf<double>({2}, {1.5, 2}), av::test::ndarrayOf<std::int64_t>({2}, {3, 4})}));
    add("numpyArrayArrayAndList", "r = np.array([np.array([1, 2], dtype=np.int8), [3, 4]])",
        arrayFrom({av::test::ndarrayOf<std::int8_t>({2}, {1, 2}), {3, 4}}));
    add("numpyArrayTransposedBlocksCopyInOrder", "r = np.array([np.arange(4.).reshape(2, 2).T, [[5, 6], [7, 8]]])",
        arrayFrom({strided<double>(av::test::ndarrayOf<double>({2, 2}, {0, 1, 2, 3}), {2, 2}, {1, 2}), {{5, 6}, {7, 8}}}));
    add("numpyArrayOfZeroDimTensors", "r = np.array([torch.tensor(1.), 2])", arrayFrom({tensor0(DType::Float32, 1.0), 2}));
    add("numpyArrayOfZeroDimIntTensor", "r = np.array([torch.tensor(1), 2])", arrayFrom({tensor0(DType::Int64, 1), 2}));
    add("numpyArrayOfGradTensorFails", "r = np.array([torch.tensor(1., requires_grad=True), 2])", [] {
        ArrayPtr item = tensor0(DType::Float32, 1.0);
        item->setRequiresGrad(true);
        return Outcome::of(arrayFromData(N, {item, 2}));
    });
    // numpy 1.24: a tensor with dims inside a list is packed as one element (it is no Python sequence)
    add("numpyArrayOfOneElementTensorsWarns", "r = np.array([torch.tensor([2.]), 3.])",
        arrayFrom({av::test::tensorOf<float>({1}, {2}), 3.0}));
    add("numpyArrayTensorElementTruncatesForInt", "r = np.array([torch.tensor([2.5]), 3], dtype=np.int64)",
        arrayFrom({av::test::tensorOf<float>({1}, {2.5f}), 3}, withDType(DType::Int64)));
    add("numpyArrayTensorElementPromotesByDType", "r = np.array([torch.tensor([2.5], dtype=torch.float16), 1])",
        arrayFrom({av::test::tensorOf<Half>({1}, {Half(2.5f)}), 1}));
    add("numpyArrayTensorElementWrapsSilently", "r = np.array([torch.tensor([300]), 3], dtype=np.int8)",
        arrayFrom({av::test::tensorOf<std::int64_t>({1}, {300}), 3}, withDType(DType::Int8)));
    add("numpyArrayOneElementBoolTensor", "r = np.array([torch.tensor([True]), False])",
        arrayFrom({av::test::tensorOf<bool>({1}, {true}), false}));
    add("numpyArrayDeepOneElementTensor", "r = np.array([[torch.tensor([7], dtype=torch.int8)]])",
        arrayFrom(L{L{av::test::tensorOf<std::int8_t>({1}, {7})}}));
    add("numpyArrayOfTensorRowFails", "r = np.array([torch.tensor([1, 2])])",
        arrayFrom(L{av::test::tensorOf<std::int64_t>({2}, {1, 2})}));
    add("numpyArrayOfTensorRowAsBoolFails", "r = np.array([torch.tensor([1, 2]), False], dtype=np.bool_)",
        arrayFrom({av::test::tensorOf<std::int64_t>({2}, {1, 2}), false}, withDType(DType::Bool)));
    add("numpyArrayOfTensorRowsIsRagged", "r = np.array([torch.tensor([1, 2]), torch.tensor([3, 4])])",
        arrayFrom({av::test::tensorOf<std::int64_t>({2}, {1, 2}), av::test::tensorOf<std::int64_t>({2}, {3, 4})}));
    add("numpyArrayTensorRowThenListIsRagged", "r = np.array([torch.tensor([1, 2]), [3, 4]])",
        arrayFrom({av::test::tensorOf<std::int64_t>({2}, {1, 2}), {3, 4}}));
    add("numpyArrayNumberThenTensorRowIsRagged", "r = np.array([1, torch.tensor([2])])",
        arrayFrom({1, av::test::tensorOf<std::int64_t>({1}, {2})}));

    // numpy: ragged
    add("numpyArrayRaggedRowFails", "r = np.array([[1, 2], [3]])", arrayFrom({{1, 2}, L{3}}));
    add("numpyArrayLongerRowFails", "r = np.array([[1], [3, 4]])", arrayFrom({L{1}, {3, 4}}));
    add("numpyArrayListAfterNumberFails", "r = np.array([1, [2]])", arrayFrom({1, L{2}}));
    add("numpyArrayNumberAfterListFails", "r = np.array([[1, 2], 3])", arrayFrom({{1, 2}, 3}));
    add("numpyArrayRaggedDeepFails", "r = np.array([[[1, 2], [3, 4]], [[1, 2], [3]]])",
        arrayFrom({{{1, 2}, {3, 4}}, {{1, 2}, L{3}}}));
    add("numpyArrayRaggedInnermostFails", "r = np.array([[1, 2], [3, [4]]])", arrayFrom({{1, 2}, {3, L{4}}}));
    add("numpyArrayEmptyThenNumberFails", "r = np.array([[], 1])", arrayFrom({empty, 1}));
    add("numpyArrayEmptyThenRowFails", "r = np.array([[], [1]])", arrayFrom({empty, L{1}}));
    add("numpyArraySingleElementArrayIsRaggedNow", "r = np.array([1, np.array([2])])",
        arrayFrom({1, av::test::ndarrayOf<std::int64_t>({1}, {2})}));
    add("numpyArrayArrayThenNumberFails", "r = np.array([np.array([2]), 1])",
        arrayFrom({av::test::ndarrayOf<std::int64_t>({1}, {2}), 1}));
    add("numpyArrayMismatchedArrayFails", "r = np.array([[1, 2], np.array([3, 4, 5])])",
        arrayFrom({{1, 2}, av::test::ndarrayOf<std::int64_t>({3}, {3, 4, 5})}));
    add("numpyArrayDeeperArrayFails", "r = np.array([[1, 2], np.array([[2]])])",
        arrayFrom({{1, 2}, av::test::ndarrayOf<std::int64_t>({1, 1}, {2})}));
    add("numpyArrayRaggedWithDTypeFails", "r = np.array([[1, 2], [3]], dtype=np.int64)",
        arrayFrom({{1, 2}, L{3}}, withDType(DType::Int64)));
    add("numpyArrayTooDeepFails", "r = np.array(" + QString("[").repeated(33) + "1" + QString("]").repeated(33) + ")", [] {
        NestedList data = 1;
        for (int i = 0; i < 33; ++i)
            data = NestedList::list({data});
        return Outcome::of(arrayFromData(N, data));
    });
    add("numpyArrayThirtyTwoDeep", "r = np.array(" + QString("[").repeated(32) + "1" + QString("]").repeated(32) + ")", [] {
        NestedList data = 1;
        for (int i = 0; i < 32; ++i)
            data = NestedList::list({data});
        return Outcome::of(arrayFromData(N, data));
    });
    // numpy: explicit dtypes
    add("numpyArrayInt8OutOfBoundWarns", "r = np.array([1000, 2000], dtype=np.int8)", arrayFrom({1000, 2000}, withDType(DType::Int8)));
    add("numpyArrayUint8MinusOneWarns", "r = np.array([-1], dtype=np.uint8)", arrayFrom(L{-1}, withDType(DType::UInt8)));
    add("numpyArrayZeroDimOutOfBoundWarns", "r = np.array(1000, dtype=np.int8)", arrayFrom(L(1000), withDType(DType::Int8)));
    add("numpyArrayFloatToInt32WrapsWithoutWarning", "r = np.array([1e10], dtype=np.int32)", arrayFrom(L{1e10}, withDType(DType::Int32)));
    add("numpyArrayFloatsToInt8Wrap", "r = np.array([1.5, -129.5, 300.5, 1e10], dtype=np.int8)",
        arrayFrom({1.5, -129.5, 300.5, 1e10}, withDType(DType::Int8)));
    add("numpyArrayNegativeFloatToUint8", "r = np.array([-1.5], dtype=np.uint8)", arrayFrom(L{-1.5}, withDType(DType::UInt8)));
    add("numpyArrayNanToIntFails", "r = np.array([float('nan')], dtype=np.int32)", arrayFrom(L{NAN}, withDType(DType::Int32)));
    add("numpyArrayInfinityToIntFails", "r = np.array([float('inf')], dtype=np.int64)", arrayFrom(L{INFINITY}, withDType(DType::Int64)));
    add("numpyArrayHugeFloatToIntFails", "r = np.array([1e19], dtype=np.int8)", arrayFrom(L{1e19}, withDType(DType::Int8)));
    add("numpyArrayFloat32OverflowWarns", "r = np.array([1e300], dtype=np.float32)", arrayFrom(L{1e300}, withDType(DType::Float32)));
    add("numpyArrayHalfOverflowWarns", "r = np.array([1e300, 0.1], dtype=np.float16)", arrayFrom({1e300, 0.1}, withDType(DType::Float16)));
    add("numpyArrayHalfRoundsOnce", "r = np.array([1.0000000000000002, 1 + 2**-11 + 2**-40], dtype=np.float16)",
        arrayFrom({1.0000000000000002, 1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40)}, withDType(DType::Float16)));
    add("numpyArrayBoolFromNumbers", "r = np.array([2.5, 0], dtype=np.bool_)", arrayFrom({2.5, 0}, withDType(DType::Bool)));
    add("numpyArrayInt64FromFloats", "r = np.array([1, 2.5], dtype=np.int64)", arrayFrom({1, 2.5}, withDType(DType::Int64)));
    add("numpyArrayNumpyFloat64ToInt8", "r = np.array([np.float64(2.5)], dtype=np.int8)",
        arrayFrom(L{numpyScalar(DType::Float64, 2.5)}, withDType(DType::Int8)));
    add("numpyArrayNumpyInt64WrapsSilently", "r = np.array([np.int64(1000)], dtype=np.int8)",
        arrayFrom(L{numpyScalar(DType::Int64, 1000)}, withDType(DType::Int8)));
    add("numpyArrayNumpyFloat32ThroughInt", "r = np.array([np.float32(1e10)], dtype=np.int32)",
        arrayFrom(L{numpyScalar(DType::Float32, 1e10)}, withDType(DType::Int32)));
    add("numpyArrayNumpyNanToIntFails", "r = np.array([np.float32(np.nan)], dtype=np.int8)",
        arrayFrom(L{numpyScalar(DType::Float32, NAN)}, withDType(DType::Int8)));
    add("numpyArrayNumpyFloat64OverflowWarns", "r = np.array([np.float64(1e300)], dtype=np.float32)",
        arrayFrom(L{numpyScalar(DType::Float64, 1e300)}, withDType(DType::Float32)));
    add("numpyArrayNumpyFloat32Widens", "r = np.array([np.float32(3.3)], dtype=np.float64)",
        arrayFrom(L{numpyScalar(DType::Float32, 3.3)}, withDType(DType::Float64)));
    add("numpyArrayNumpyBoolToFloat", "r = np.array([np.bool_(True)], dtype=np.float32)",
        arrayFrom(L{numpyScalar(DType::Bool, true)}, withDType(DType::Float32)));
    add("numpyArrayZeroDimArrayCastsInvalid", "r = np.array([np.array(1e10)], dtype=np.int32)",
        arrayFrom(L{av::test::ndarrayOf<double>({}, {1e10})}, withDType(DType::Int32)));
    add("numpyArrayZeroDimArrayCastOverflowWarns", "r = np.array([np.array(1e300)], dtype=np.float32)",
        arrayFrom(L{av::test::ndarrayOf<double>({}, {1e300})}, withDType(DType::Float32)));
    add("numpyArrayNestedInt8", "r = np.array([[1], [2]], dtype=np.int8)", arrayFrom({L{1}, L{2}}, withDType(DType::Int8)));
    return c;
}

}  // namespace

class TestCreation : public QObject {
    Q_OBJECT

public:
    TestCreation() : m_ranges(arangeCases()), m_linspaces(linspaceCases()), m_filled(filledCases()), m_nested(nestedCases()) {}

private slots:
    void initTestCase()
    {
        m_ranges.askOracle();
        m_linspaces.askOracle();
        m_filled.askOracle();
        m_nested.askOracle();
    }

    void arangeMatchesBothLibraries_data() { m_ranges.addRows(); }
    void arangeMatchesBothLibraries() { m_ranges.checkCurrentRow(); }
    void linspaceMatchesBothLibraries_data() { m_linspaces.addRows(); }
    void linspaceMatchesBothLibraries() { m_linspaces.checkCurrentRow(); }
    void filledArraysMatchBothLibraries_data() { m_filled.addRows(); }
    void filledArraysMatchBothLibraries() { m_filled.checkCurrentRow(); }
    void nestedListsMatchBothLibraries_data() { m_nested.addRows(); }
    void nestedListsMatchBothLibraries() { m_nested.checkCurrentRow(); }

    // Direct checks of what the oracle's description does not show.

    void freshArraysOwnTheirBuffers()
    {
        const ArrayPtr t = arange(T, std::int64_t{6});
        const ArrayPtr a = arrayFromData(N, {1, 2, 3});
        QVERIFY(t->storage()->byteOffset() == 0 && t->storage()->nbytes() == 48);
        QCOMPARE(t->buffer()->allocator(), AllocatorKind::TorchCpu);
        QCOMPARE(a->buffer()->allocator(), AllocatorKind::NumpyCpu);
        QVERIFY(a->ownsData());
        QVERIFY(!a->base());
        QVERIFY(!t->isView());
    }

    void torchTensorWarnsOnceForListsOfNdarrays()
    {
        resetTorchWarnOnce();
        int count = 0;
        WarningScope scope([&](const EngineWarning& w) { count += w.message.starts_with("Creating a tensor from a list"); });
        const NestedList data{av::test::ndarrayOf<double>({2}, {1, 2}), av::test::ndarrayOf<double>({2}, {3, 4})};
        arrayFromData(T, data);
        arrayFromData(T, data);
        QCOMPARE(count, 1);
        resetTorchWarnOnce();
        arrayFromData(T, data);
        QCOMPARE(count, 2);
    }

    void inferDTypeMatchesTheBuiltArray()
    {
        const NestedList data{true, {2, 3.5}};
        QCOMPARE(inferDType(T, {1, 2.5}), DType::Float32);
        QCOMPARE(inferDType(N, {1, 2.5}), DType::Float64);
        QCOMPARE(inferDType(T, {true, numpyScalar(DType::Int8, 1)}), DType::Int8);
        QCOMPARE(inferDType(N, NestedList::list()), DType::Float64);
        QCOMPARE(inferDType(T, NestedList::list()), DType::Float32);
    }

private:
    OracleSuite m_ranges;
    OracleSuite m_linspaces;
    OracleSuite m_filled;
    OracleSuite m_nested;
};

AV_TEST_MAIN(TestCreation)
#include "tst_creation.moc"
