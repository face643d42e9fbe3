#include "arithmetickernels.h"

#include "arrayfactory.h"
#include "dispatch.h"
#include "errors.h"
#include "stridedloop.h"

#include <cmath>

namespace av::engine {

namespace {

// How a library evaluates one op on opmath values. NumPy's float32 power is powf; torch's tensor ** scalar
// goes through double pow.
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
    static M mod(M a, M b)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a && !b;  // unreachable, as above
        else if constexpr (std::is_integral_v<C>)
            return modInt<C>(a, b);
        else
            return modFloat<M>(a, b);
    }
    static M pow(M a, M b, bool viaDouble = false)
    {
        if constexpr (std::is_same_v<C, bool>)
            return a || !b;  // unreachable, as above
        else if constexpr (std::is_integral_v<C>)
            return powInt<C>(a, b);
        else if constexpr (std::is_same_v<M, float>)
            return viaDouble ? static_cast<float>(std::pow(static_cast<double>(a), static_cast<double>(b))) : std::pow(a, b);
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
        storeElement<Out>(out + i * so, convertElement<Out>(f(x, y)));
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
        storeElement<C>(dst + i * sd, convertElement<C>(f(x, y)));
    }
}

// Calls body(f) with the op's functor on opmath values of compute type C. Arithmetic and comparisons are
// separate so each instantiates only the loops it can reach (the file's compile time depends on it).
template <typename C, typename Body>
void withArithmetic(BinaryOp op, Body&& body)
{
    using Ops = OpMathOps<C>;
    using M = OpMathT<C>;
    switch (op) {
    case BinaryOp::Add: body([](M a, M b) { return Ops::add(a, b); }); return;
    case BinaryOp::Sub: body([](M a, M b) { return Ops::sub(a, b); }); return;
    case BinaryOp::Mul: body([](M a, M b) { return Ops::mul(a, b); }); return;
    case BinaryOp::Div: body([](M a, M b) { return Ops::div(a, b); }); return;
    case BinaryOp::FloorDiv: body([](M a, M b) { return Ops::floorDiv(a, b); }); return;
    case BinaryOp::Mod: body([](M a, M b) { return Ops::mod(a, b); }); return;
    case BinaryOp::Pow: body([](M a, M b) { return Ops::pow(a, b, false); }); return;
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
                      const Shape& shape)
{
    // out is fresh: it overlaps no input, so its runs may come in tiles (LoopOrder::Tiled).
    ArrayPtr out = allocateArray(flavour, result, shape, Device::cpu(), /*zeroFill=*/false);
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
            withArithmetic<C>(op, [&](auto f) {
                forEachInMemoryOrder<3>(
                    shape, operands, [&](const InnerRun<3>& run) { binaryRun<C, C>(run, f); }, LoopOrder::Tiled);
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
        withArithmetic<C>(op, [&](auto f) {
            writeElements<1>(dst, context, inputs, [&](const InnerRun<2>& run) { inplaceRun<C>(run, f); });
        });
    });
}

ArrayPtr addScaledKernel(const Array& a, const Array& b, double sign, const Scalar& alpha, DType compute,
                         Flavour flavour, const Shape& shape)
{
    ArrayPtr result = allocateArray(flavour, compute, shape, Device::cpu(), false);
    const Strides so = result->byteStrides();
    const Strides sx = broadcastByteStrides(shape, a.sizes(), a.strides(), a.itemsize());
    const Strides sy = broadcastByteStrides(shape, b.sizes(), b.strides(), b.itemsize());
    LoopOperands<3> operands{{result->data(), a.data(), b.data()}, {so.data(), sx.data(), sy.data()}};
    const double scale = alpha.toDouble() * sign;
    const std::int64_t intScale = alpha.toInt() * static_cast<std::int64_t>(sign);
    dispatchDType(compute, [&]<typename C>(TypeTag<C>) {
        using M = OpMathT<C>;
        forEachInMemoryOrder<3>(shape, operands, [&](const InnerRun<3>& run) {
            binaryRun<C, C>(run, [&](M x, M y) -> M {
                if constexpr (std::is_same_v<C, bool>)
                    return x || (y && intScale != 0);
                else if constexpr (std::is_integral_v<C>)
                    return wrapAdd<C>(x, wrapMul<C>(static_cast<C>(intScale), y));
                else
                    return std::fma(static_cast<M>(scale), y, x);
            });
        });
    });
    return result;
}

}  // namespace av::engine
