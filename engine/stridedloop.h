#pragma once
// Walks N operands over one shape in the memory order of operand 0, the way TensorIterator and NumPy's
// nditer do: dims are sorted by operand 0's strides, dims that are contiguous for every operand are merged,
// and the innermost run is handed to a kernel in one call. That is why `t.T += 1` runs exactly as fast as
// `t += 1`: after reordering both are one contiguous run.

#include "shape.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <type_traits>
#include <vector>

namespace av::engine {

template <std::size_t N>
struct LoopOperands {
    std::array<std::byte*, N> data{};
    // Byte strides over the iteration shape; 0 for broadcast dims.
    std::array<const std::int64_t*, N> byteStrides{};
};

template <std::size_t N>
struct InnerRun {
    std::array<std::byte*, N> data;
    std::array<std::int64_t, N> byteStrides;
    std::int64_t count;
};

// Under LoopOrder::Tiled, a body that also takes an InnerTile gets whole tiles: `rows` runs like `run`,
// the r-th starting r * rowStrides bytes after it. Bodies that take only runs get the tile's runs one by one.
template <std::size_t N>
struct InnerTile {
    InnerRun<N> run;
    std::array<std::int64_t, N> rowStrides;
    std::int64_t rows;
};

// A body takes tiles when its type says so with a member `using TakesTiles = void;` (and has both calls).
template <typename Body>
inline constexpr bool kTakesTiles = requires { typename std::remove_cvref_t<Body>::TakesTiles; };

// Elements per side of a tile: 64 float32 rows of the input are 16 KiB, half of L1.
inline constexpr std::int64_t kLoopTile = 64;

// How forEachInMemoryOrder may order the runs.
enum class LoopOrder : std::uint8_t {
    // Operand 0 strictly in ascending addresses, run after run.
    Memory,
    // The same, except where an input crosses operand 0's innermost dim with a long stride (a transposed
    // copy): then the two innermost dims are walked in square tiles, so that the input's cache lines and
    // pages are used up while they are loaded (c10's copy_same_type_transpose_ does this for 2-D copies).
    // Only for callers whose result cannot depend on the order: operand 0 has no element twice and
    // overlaps no input, and nothing records the order of the writes.
    Tiled,
};

// Calls body(InnerRun<N>) for every innermost run. Operand 0's negative-stride dims are walked backwards so
// that it is always visited in ascending addresses (tile by tile under LoopOrder::Tiled); the body must not
// depend on visiting order otherwise.
template <std::size_t N, typename Body>
void forEachInMemoryOrder(IntSpan shape, const LoopOperands<N>& operands, Body&& body,
                          LoopOrder order = LoopOrder::Memory)
{
    struct Dim {
        std::int64_t size;
        std::array<std::int64_t, N> stride;
    };
    std::array<std::byte*, N> base = operands.data;
    std::vector<Dim> dims;
    dims.reserve(shape.size());
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 0)
            return;
        if (shape[d] == 1)
            continue;
        Dim dim{shape[d], {}};
        for (std::size_t k = 0; k < N; ++k)
            dim.stride[k] = operands.byteStrides[k][d];
        if (dim.stride[0] < 0) {
            for (std::size_t k = 0; k < N; ++k) {
                base[k] += (dim.size - 1) * dim.stride[k];
                dim.stride[k] = -dim.stride[k];
            }
        }
        dims.push_back(dim);
    }
    // Innermost first: ascending operand-0 stride, then the other operands' strides as tie-breakers.
    std::stable_sort(dims.begin(), dims.end(), [](const Dim& a, const Dim& b) {
        for (std::size_t k = 0; k < N; ++k) {
            const std::int64_t sa = std::llabs(a.stride[k]), sb = std::llabs(b.stride[k]);
            if (sa != sb)
                return sa < sb;
        }
        return false;
    });
    // Merge dim i+1 into dim i when, for every operand, stepping the outer dim equals running off the inner.
    std::vector<Dim> merged;
    merged.reserve(dims.size());
    for (const Dim& dim : dims) {
        if (!merged.empty()) {
            Dim& inner = merged.back();
            bool mergeable = true;
            for (std::size_t k = 0; k < N && mergeable; ++k)
                mergeable = dim.stride[k] == inner.stride[k] * inner.size;
            if (mergeable) {
                inner.size *= dim.size;
                continue;
            }
        }
        merged.push_back(dim);
    }

    InnerRun<N> run{base, {}, 1};
    if (merged.empty()) {
        run.byteStrides.fill(0);
        body(run);
        return;
    }
    run.count = merged[0].size;
    run.byteStrides = merged[0].stride;
    if (merged.size() == 1) {
        body(run);
        return;
    }

    // The two innermost dims from one position of the outer ones: a run per step of dim 1, or tiles.
    const Dim inner = merged[0], second = merged[1];
    constexpr std::int64_t kTile = kLoopTile;
    constexpr std::int64_t kLongInputStride = 64;  // bytes: each element of the input's run on its own cache line
    bool tiled = false;
    if (order == LoopOrder::Tiled && inner.size > kTile && second.size > kTile) {
        for (std::size_t k = 1; k < N && !tiled; ++k)
            tiled = std::llabs(inner.stride[k]) >= kLongInputStride &&
                    std::llabs(second.stride[k]) < std::llabs(inner.stride[k]);
    }
    const auto walkInnerTwo = [&](const std::array<std::byte*, N>& origin) {
        if (!tiled) {
            run.count = inner.size;
            for (std::int64_t j = 0; j < second.size; ++j) {
                for (std::size_t k = 0; k < N; ++k)
                    run.data[k] = origin[k] + j * second.stride[k];
                body(run);
            }
            return;
        }
        for (std::int64_t j0 = 0; j0 < second.size; j0 += kTile) {
            const std::int64_t jEnd = std::min(second.size, j0 + kTile);
            for (std::int64_t i0 = 0; i0 < inner.size; i0 += kTile) {
                run.count = std::min(kTile, inner.size - i0);
                if constexpr (kTakesTiles<Body>) {
                    for (std::size_t k = 0; k < N; ++k)
                        run.data[k] = origin[k] + i0 * inner.stride[k] + j0 * second.stride[k];
                    body(InnerTile<N>{run, second.stride, jEnd - j0});
                } else {
                    for (std::int64_t j = j0; j < jEnd; ++j) {
                        for (std::size_t k = 0; k < N; ++k)
                            run.data[k] = origin[k] + i0 * inner.stride[k] + j * second.stride[k];
                        body(run);
                    }
                }
            }
        }
    };

    const std::size_t outerDims = merged.size() - 2;
    if (outerDims == 0) {
        walkInnerTwo(base);
        return;
    }
    std::vector<std::int64_t> counter(outerDims, 0);
    std::array<std::byte*, N> ptr = base;
    while (true) {
        walkInnerTwo(ptr);
        std::size_t level = 0;
        for (; level < outerDims; ++level) {
            const Dim& dim = merged[level + 2];
            if (++counter[level] < dim.size) {
                for (std::size_t k = 0; k < N; ++k)
                    ptr[k] += dim.stride[k];
                break;
            }
            counter[level] = 0;
            for (std::size_t k = 0; k < N; ++k)
                ptr[k] -= (dim.size - 1) * dim.stride[k];
        }
        if (level == outerDims)
            return;
    }
}

// Byte strides of an operand broadcast to `shape` (its own sizes right-aligned; size-1 dims get stride 0).
inline Strides broadcastByteStrides(IntSpan shape, IntSpan sizes, IntSpan elementStrides, std::int64_t itemsize)
{
    Strides out(shape.size(), 0);
    const std::size_t lead = shape.size() - sizes.size();
    for (std::size_t d = 0; d < sizes.size(); ++d)
        out[lead + d] = sizes[d] == 1 ? 0 : elementStrides[d] * itemsize;
    return out;
}

}  // namespace av::engine
