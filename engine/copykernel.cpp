#include "copykernel.h"

#include "arrayfactory.h"
#include "dispatch.h"
#include "errors.h"
#include "stridedloop.h"

#include <cstring>

namespace av::engine {

namespace {

template <typename To, typename From>
void castRun(const InnerRun<2>& run, bool numpyRules)
{
    std::byte* dst = run.data[0];
    const std::byte* src = run.data[1];
    const std::int64_t ds = run.byteStrides[0], ss = run.byteStrides[1], n = run.count;
    if constexpr (std::is_same_v<To, From> && !std::is_same_v<To, bool>) {
        // A forward loop, not memmove: when two torch storages alias one buffer, overlapping copies
        // propagate element by element, as torch's copy_ does (GCC keeps that order under its alias check).
        if (ds == static_cast<std::int64_t>(sizeof(To)) && ss == ds && isAligned<To>(dst) && isAligned<To>(src)) {
            To* out = reinterpret_cast<To*>(dst);
            const To* in = reinterpret_cast<const To*>(src);
            for (std::int64_t i = 0; i < n; ++i)
                out[i] = in[i];
            return;
        }
    }
    if (ss == 0) {
        const To value = convertElement<To>(loadElement<From>(src), numpyRules);
        // Typed stores only where NumPy's memory is aligned: an as_strided or byte-offset view need not be.
        if (ds == static_cast<std::int64_t>(sizeof(To)) && isAligned<To>(dst)) {
            To* out = reinterpret_cast<To*>(dst);
            for (std::int64_t i = 0; i < n; ++i)
                out[i] = value;
        } else {
            for (std::int64_t i = 0; i < n; ++i)
                storeElement<To>(dst + i * ds, value);
        }
        return;
    }
    for (std::int64_t i = 0; i < n; ++i)
        storeElement<To>(dst + i * ds, convertElement<To>(loadElement<From>(src + i * ss), numpyRules));
}

template <typename Run>
void dispatchCast(DType to, DType from, Run&& run)
{
    dispatchDType(to, [&]<typename To>(TypeTag<To>) {
        dispatchDType(from, [&]<typename From>(TypeTag<From>) { run(TypeTag<To>{}, TypeTag<From>{}); });
    });
}

Strides sourceStrides(const Array& dst, const Array& src)
{
    AV_INTERNAL_ASSERT(src.dim() <= dst.dim(), "copy source has more dims than its destination");
    return broadcastByteStrides(dst.sizes(), src.sizes(), src.strides(), src.itemsize());
}

}  // namespace

void copyIntoFresh(Array& dst, const Array& src)
{
    const Strides srcStrides = sourceStrides(dst, src);
    const Strides dstStrides = dst.byteStrides();
    const bool numpyRules = dst.isNdarray();
    LoopOperands<2> operands{{dst.data(), src.data()}, {dstStrides.data(), srcStrides.data()}};
    dispatchCast(dst.dtype(), src.dtype(), [&]<typename To, typename From>(TypeTag<To>, TypeTag<From>) {
        forEachInMemoryOrder<2>(dst.sizes(), operands, [&](const InnerRun<2>& run) { castRun<To, From>(run, numpyRules); });
    });
}

void copyIntoExisting(Array& dst, const Array& src, const WriteContext& context)
{
    const bool numpyRules = dst.isNdarray();
    const std::array<WriteInput, 1> inputs{WriteInput{src.data(), sourceStrides(dst, src)}};
    dispatchCast(dst.dtype(), src.dtype(), [&]<typename To, typename From>(TypeTag<To>, TypeTag<From>) {
        writeElements<1>(dst, context, inputs, [&](const InnerRun<2>& run) { castRun<To, From>(run, numpyRules); });
    });
}

namespace {

// A one-element array holding value as dst's library would store it, so fills reuse the cast loops.
ArrayPtr scalarElement(const Array& dst, const Scalar& value)
{
    ArrayPtr element = allocateArray(dst.flavour(), dst.dtype(), {});
    storeScalar(element->data(), dst.dtype(), value, dst.flavour());
    return element;
}

}  // namespace

void fillFresh(Array& dst, const Scalar& value) { copyIntoFresh(dst, *scalarElement(dst, value)); }

void fillExisting(Array& dst, const Scalar& value, const WriteContext& context)
{
    copyIntoExisting(dst, *scalarElement(dst, value), context);
}

ArrayPtr contiguousCopy(const Array& src, Flavour flavour, DType dtype)
{
    ArrayPtr out = allocateArray(flavour, dtype, src.sizes(), src.device(), /*zeroFill=*/false);
    copyIntoFresh(*out, src);
    return out;
}

ArrayPtr operandAs(const ArrayPtr& src, DType dtype)
{
    if (src->dtype() == dtype)
        return src;
    return contiguousCopy(*src, src->flavour(), dtype);
}

}  // namespace av::engine
