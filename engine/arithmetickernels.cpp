#include "arithmetickernels.h"

#include "arrayfactory.h"
#include "conversion.h"
#include "dispatch.h"
#include "errors.h"
#include "stridedloop.h"

#include <cfenv>
#include <cmath>

namespace av::engine {

namespace {

// How a library evaluates one op on opmath values (float for float16, as both libraries compute).
template <typename C>
struct OpMathOps {
    using M = OpMathT<C>;

    static M add(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a || b;
        else if constexpr (std::is_integral_v<C>)
            return wrapAdd<C>(a, b);
        else
            return a + b;
    }
    static M sub(M a, M b)
    {
        if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool>)
            return wrapSub<C>(a, b);
        else
            return a - b;
    }
    static M mul(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a && b;
        else if constexpr (std::is_integral_v<C>)
            return wrapMul<C>(a, b);
        else
            return a * b;
    }
    static M div(M a, M b) { return a / b; }
    static M floorDiv(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a;  // unreachable: both libraries refuse or widen bool // bool
        else if constexpr (std::is_integral_v<C>)
            return floorDivInt<C>(a, b);
        else
            return floorDivFloat<M>(a, b);
    }
    template <bool NumpyRules>
    static M mod(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a && !b;  // unreachable, as above
        else if constexpr (std::is_integral_v<C>)
            return modInt<C>(a, b);
        else if constexpr (NumpyRules)
            return modFloatNumpy<M>(a, b);
        else
            return modFloatTorch<M>(a, b);
    }
    static M pow(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a || !b;  // unreachable, as above
        else if constexpr (std::is_integral_v<C>)
            return powInt<C>(a, b);
        else
            return std::pow(a, b);
    }
};

// The element types whose loops get contiguous fast paths; the rest run the generic strided loop, which is
// plenty for tutorial-sized bool/int8/int16/uint8/float16 arrays and keeps the code size in check.
template <typename T>
inline constexpr bool kHasFastLoops =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int64_t> ||
    std::is_same_v<T, std::int32_t>;

// The contiguous and broadcast-scalar cases of binaryRun as plain loops GCC vectorizes; false when the run
// has another layout.
template <typename Out, typename C, typename F>
bool binaryFastRun(const InnerRun<3>& run, F f)
{
    const std::int64_t n = run.count;
    const std::int64_t so = run.byteStrides[0], sa = run.byteStrides[1], sb = run.byteStrides[2];
    constexpr std::int64_t O = sizeof(Out), I = sizeof(C);
    Out* o = reinterpret_cast<Out*>(run.data[0]);
    const C* x = reinterpret_cast<const C*>(run.data[1]);
    const C* y = reinterpret_cast<const C*>(run.data[2]);
    if (so == O && sa == I && sb == I) {
        for (std::int64_t i = 0; i < n; ++i)
            o[i] = static_cast<Out>(f(x[i], y[i]));
        return true;
    }
    if (so == O && sa == I && sb == 0) {
        const C yv = *y;
        for (std::int64_t i = 0; i < n; ++i)
            o[i] = static_cast<Out>(f(x[i], yv));
        return true;
    }
    if (so == O && sa == 0 && sb == I) {
        const C xv = *x;
        for (std::int64_t i = 0; i < n; ++i)
            o[i] = static_cast<Out>(f(xv, y[i]));
        return true;
    }
    return false;
}

// dst = f(dst, b), contiguous dst with a contiguous or broadcast b; false for other layouts.
template <typename C, typename F>
bool inplaceFastRun(const InnerRun<2>& run, F f)
{
    const std::int64_t n = run.count;
    const std::int64_t sd = run.byteStrides[0], sb = run.byteStrides[1];
    constexpr std::int64_t I = sizeof(C);
    C* d = reinterpret_cast<C*>(run.data[0]);
    const C* y = reinterpret_cast<const C*>(run.data[1]);
    if (sd == I && sb == 0) {
        const C yv = *y;
        for (std::int64_t i = 0; i < n; ++i)
            d[i] = static_cast<C>(f(d[i], yv));
        return true;
    }
    if (sd == I && sb == I) {
        for (std::int64_t i = 0; i < n; ++i)
            d[i] = static_cast<C>(f(d[i], y[i]));
        return true;
    }
    return false;
}

// out = f(a, b) over one run; the contiguous and broadcast-scalar cases are plain loops GCC vectorizes.
template <typename Out, typename C, typename F>
void binaryRun(const InnerRun<3>& run, F f)
{
    using M = OpMathT<C>;
    const std::int64_t n = run.count;
    std::byte* out = run.data[0];
    const std::byte* a = run.data[1];
    const std::byte* b = run.data[2];
    const std::int64_t so = run.byteStrides[0], sa = run.byteStrides[1], sb = run.byteStrides[2];
    if constexpr (kHasFastLoops<C> && kHasFastLoops<Out>) {
        if (isAligned<Out>(out) && isAligned<C>(a) && isAligned<C>(b))
            if (binaryFastRun<Out, C>(run, f))
                return;
    }
    for (std::int64_t i = 0; i < n; ++i) {
        const M x = static_cast<M>(loadElement<C>(a + i * sa));
        const M y = static_cast<M>(loadElement<C>(b + i * sb));
        storeResult<Out>(out + i * so, f(x, y));
    }
}

// dst = f(dst, b) over one run of the write path.
template <typename C, typename F>
void inplaceRun(const InnerRun<2>& run, F f)
{
    using M = OpMathT<C>;
    const std::int64_t n = run.count;
    std::byte* dst = run.data[0];
    const std::byte* b = run.data[1];
    const std::int64_t sd = run.byteStrides[0], sb = run.byteStrides[1];
    if constexpr (kHasFastLoops<C>) {
        if (isAligned<C>(dst) && isAligned<C>(b) && inplaceFastRun<C>(run, f))
            return;
    }
    for (std::int64_t i = 0; i < n; ++i) {
        const M x = static_cast<M>(loadElement<C>(dst + i * sd));
        const M y = static_cast<M>(loadElement<C>(b + i * sb));
        storeResult<C>(dst + i * sd, f(x, y));
    }
}

// Calls body(f) with the op's functor on opmath values of compute type C. Arithmetic and comparisons are
// separate so each instantiates only the loops it can reach (the file's compile time depends on it).
template <typename C, typename Body>
void withArithmetic(BinaryOp op, Flavour flavour, Body&& body)
{
    using Ops = OpMathOps<C>;
    using M = OpMathT<C>;
    switch (op) {
    case BinaryOp::Add: body([](M a, M b) { return Ops::add(a, b); }); return;
    case BinaryOp::Sub: body([](M a, M b) { return Ops::sub(a, b); }); return;
    case BinaryOp::Mul: body([](M a, M b) { return Ops::mul(a, b); }); return;
    case BinaryOp::Div: body([](M a, M b) { return Ops::div(a, b); }); return;
    case BinaryOp::FloorDiv: body([](M a, M b) { return Ops::floorDiv(a, b); }); return;
    case BinaryOp::Mod:
        if (flavour == Flavour::Numpy || !kIsFloat<C>)
            body([](M a, M b) { return Ops::template mod<true>(a, b); });
        else
            body([](M a, M b) { return Ops::template mod<false>(a, b); });
        return;
    case BinaryOp::Pow: body([](M a, M b) { return Ops::pow(a, b); }); return;
    default: AV_INTERNAL_ASSERT(false, "not an arithmetic op: ", symbolOf(op));
    }
}

template <typename C, typename Body>
void withComparison(BinaryOp op, Body&& body)
{
    using M = OpMathT<C>;
    switch (op) {
    case BinaryOp::Lt: body([](M a, M b) { return a < b; }); return;
    case BinaryOp::Le: body([](M a, M b) { return a <= b; }); return;
    case BinaryOp::Gt: body([](M a, M b) { return a > b; }); return;
    case BinaryOp::Ge: body([](M a, M b) { return a >= b; }); return;
    case BinaryOp::Eq: body([](M a, M b) { return a == b; }); return;
    case BinaryOp::Ne: body([](M a, M b) { return a != b; }); return;
    default: AV_INTERNAL_ASSERT(false, "not a comparison: ", symbolOf(op));
    }
}


}  // namespace

ArrayPtr binaryKernel(BinaryOp op, const Array& a, const Array& b, DType compute, DType result, Flavour flavour,
                      const Shape& shape, const Strides& outStrides)
{
    ArrayPtr out = allocateStrided(flavour, result, shape, outStrides, Device::cpu(), /*zeroFill=*/false);
    const Strides so = out->byteStrides();
    const Strides sa = broadcastByteStrides(shape, a.sizes(), a.strides(), a.itemsize());
    const Strides sb = broadcastByteStrides(shape, b.sizes(), b.strides(), b.itemsize());
    LoopOperands<3> operands{{out->data(), a.data(), b.data()}, {so.data(), sa.data(), sb.data()}};
    dispatchDType(compute, [&]<typename C>(TypeTag<C>) {
        if (isComparison(op)) {
            withComparison<C>(op, [&](auto f) {
                forEachInMemoryOrder<3>(
                    shape, operands, [&](const InnerRun<3>& run) { binaryRun<bool, C>(run, f); }, LoopOrder::Tiled);
            });
        } else {
            withArithmetic<C>(op, flavour, [&](auto f) {
                forEachInMemoryOrder<3>(shape, operands, [&](const InnerRun<3>& run) { binaryRun<C, C>(run, f); });
            });
        }
    });
    return out;
}

void inplaceKernel(Array& dst, BinaryOp op, const Array& y, const WriteContext& context)
{
    const std::array<WriteInput, 1> inputs{
        WriteInput{y.data(), broadcastByteStrides(dst.sizes(), y.sizes(), y.strides(), y.itemsize())}};
    dispatchDType(dst.dtype(), [&]<typename C>(TypeTag<C>) {
        withArithmetic<C>(op, dst.flavour(), [&](auto f) {
            writeElements<1>(dst, context, inputs, [&](const InnerRun<2>& run) { inplaceRun<C>(run, f); });
        });
    });
}

ArrayPtr torchFloatPowScalarKernel(const Array& x, double exponent, const Strides& outStrides)
{
    AV_INTERNAL_ASSERT(x.dtype() == DType::Float32, "float32 pow kernel on ", numpyName(x.dtype()));
    constexpr std::int64_t kVectorChunk = 16;
    ArrayPtr out = allocateStrided(Flavour::Torch, DType::Float32, x.sizes(), outStrides, Device::cpu(), false);
    const Strides so = out->byteStrides();
    const Strides si = x.byteStrides();
    LoopOperands<2> operands{{out->data(), x.data()}, {so.data(), si.data()}};
    const float vectorExponent = static_cast<float>(exponent);
    forEachInMemoryOrder<2>(x.sizes(), operands, [&](const InnerRun<2>& run) {
        const bool contiguous = run.byteStrides[0] == 4 && run.byteStrides[1] == 4;
        const std::int64_t vectorized = contiguous ? run.count - run.count % kVectorChunk : 0;
        for (std::int64_t i = 0; i < run.count; ++i) {
            const float v = loadElement<float>(run.data[1] + i * run.byteStrides[1]);
            const float r = i < vectorized ? std::pow(v, vectorExponent)
                                           : static_cast<float>(std::pow(static_cast<double>(v), exponent));
            storeElement<float>(run.data[0] + i * run.byteStrides[0], r);
        }
    });
    return out;
}

ArrayPtr addScaledKernel(const Array& a, const Array& b, const Array& alpha, Flavour flavour, const Shape& shape)
{
    const DType compute = alpha.dtype();
    ArrayPtr result = allocateArray(flavour, compute, shape, Device::cpu(), false);
    const Strides so = result->byteStrides();
    const Strides sx = broadcastByteStrides(shape, a.sizes(), a.strides(), a.itemsize());
    const Strides sy = broadcastByteStrides(shape, b.sizes(), b.strides(), b.itemsize());
    LoopOperands<3> operands{{result->data(), a.data(), b.data()}, {so.data(), sx.data(), sy.data()}};
    dispatchDType(compute, [&]<typename C>(TypeTag<C>) {
        using M = OpMathT<C>;
        const C scale = loadElement<C>(alpha.data());
        if constexpr (std::is_same_v<C, float> || std::is_same_v<C, double>) {
            // cpu_kernel_vec's vectorized_loop: whole chunks of two AVX2 vectors go through vec::fmadd (one
            // rounding), and so does the scalar loop `a + alpha * b`, which GCC, building with -mfma,
            // contracts to an fma. One tail is different: when `other` is broadcast (stride 0) along a
            // contiguous run, GCC auto-vectorizes the tail's basic_loop without contracting. Measured on
            // Debian's torch 1.13 for every length and alignment: after the fused chunks, the tail's first
            // element is fused, then groups of 8 floats (4 doubles) and one group of 4 (2) are rounded
            // twice, and the last few are fused again. Real torch.full(40, x).add_(3, alpha=1/3) rounds
            // elements 33..36 twice; aliasview reproduces it (tst_inplace checks every element).
            constexpr std::int64_t kVector = 32 / sizeof(C);
            constexpr std::int64_t I = sizeof(C);
            forEachInMemoryOrder<3>(shape, operands, [&](const InnerRun<3>& run) {
                const bool broadcastOther =
                    run.byteStrides[0] == I && run.byteStrides[1] == I && run.byteStrides[2] == 0;
                std::int64_t twoRoundingsBegin = run.count, twoRoundingsEnd = run.count;
                if (broadcastOther) {
                    const std::int64_t tail = run.count % (2 * kVector);
                    if (tail > 1) {
                        const std::int64_t rest = tail - 1;
                        const std::int64_t grouped =
                            rest / kVector * kVector + (rest % kVector >= kVector / 2 ? kVector / 2 : 0);
                        twoRoundingsBegin = run.count - tail + 1;
                        twoRoundingsEnd = twoRoundingsBegin + grouped;
                    }
                }
                for (std::int64_t i = 0; i < run.count; ++i) {
                    const C x = loadElement<C>(run.data[1] + i * run.byteStrides[1]);
                    const C y = loadElement<C>(run.data[2] + i * run.byteStrides[2]);
                    C value;
                    if (i >= twoRoundingsBegin && i < twoRoundingsEnd) {
                        const volatile C product = scale * y;  // rounded on its own, never contracted
                        value = x + product;
                    } else {
                        value = std::fma(scale, y, x);
                    }
                    storeElement<C>(run.data[0] + i * run.byteStrides[0], value);
                }
            });
        } else {
            forEachInMemoryOrder<3>(shape, operands, [&](const InnerRun<3>& run) {
                binaryRun<C, C>(run, [scale](M x, M y) -> M {
                    if constexpr (std::is_same_v<C, bool>)
                        return x || (y && scale);
                    else if constexpr (std::is_integral_v<C>)
                        return wrapAdd<C>(x, wrapMul<C>(scale, y));
                    else  // c10::Half arithmetic rounds the product and the sum
                        return static_cast<float>(Half(x + static_cast<float>(Half(static_cast<float>(scale) * y))));
                });
            });
        }
    });
    return result;
}

}  // namespace av::engine
