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

// One tile of a copy whose input is transposed against dst (LoopOrder::Tiled). When both are contiguous
// across the tile, the input is read along its own rows into a buffer that is then written out along dst's,
// as c10's copy_same_type_transpose_ does: every cache line is used up while it is loaded. Other layouts
// take the tile run by run.
template <typename To, typename From>
void castTile(const InnerTile<2>& tile, bool numpyRules)
{
    const InnerRun<2>& first = tile.run;
    constexpr auto size = static_cast<std::int64_t>(sizeof(To));
    if constexpr (std::is_same_v<To, From> && !std::is_same_v<To, bool>) {
        if (first.byteStrides[0] == size && tile.rowStrides[1] == size && first.count <= kLoopTile &&
            tile.rows <= kLoopTile && isAligned<To>(first.data[0]) && isAligned<To>(first.data[1]) &&
            tile.rowStrides[0] % size == 0 && first.byteStrides[1] % size == 0) {
            To buffer[kLoopTile * kLoopTile];
            for (std::int64_t i = 0; i < first.count; ++i) {
                const To* in = reinterpret_cast<const To*>(first.data[1] + i * first.byteStrides[1]);
                for (std::int64_t r = 0; r < tile.rows; ++r)
                    buffer[r * kLoopTile + i] = in[r];
            }
            for (std::int64_t r = 0; r < tile.rows; ++r)
                std::memcpy(first.data[0] + r * tile.rowStrides[0], buffer + r * kLoopTile,
                            static_cast<std::size_t>(first.count * size));
            return;
        }
    }
    InnerRun<2> run = first;
    for (std::int64_t r = 0; r < tile.rows; ++r) {
        run.data[0] = first.data[0] + r * tile.rowStrides[0];
        run.data[1] = first.data[1] + r * tile.rowStrides[1];
        castRun<To, From>(run, numpyRules);
    }
}

// The loop body of a cast-copy: runs, and under LoopOrder::Tiled whole tiles.
template <typename To, typename From>
struct CastBody {
    using TakesTiles = void;
    bool numpyRules;
    void operator()(const InnerRun<2>& run) const { castRun<To, From>(run, numpyRules); }
    void operator()(const InnerTile<2>& tile) const { castTile<To, From>(tile, numpyRules); }
};

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
        // A fresh dst overlaps nothing and is written by no one else, so the order cannot show: tiles.
        forEachInMemoryOrder<2>(dst.sizes(), operands, CastBody<To, From>{numpyRules}, LoopOrder::Tiled);
    });
}

void copyIntoExisting(Array& dst, const Array& src, const WriteContext& context)
{
    const bool numpyRules = dst.isNdarray();
    const std::array<WriteInput, 1> inputs{WriteInput{src.data(), sourceStrides(dst, src)}};
    dispatchCast(dst.dtype(), src.dtype(), [&]<typename To, typename From>(TypeTag<To>, TypeTag<From>) {
        writeElements<1>(dst, context, inputs, CastBody<To, From>{numpyRules});
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
