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

// Calls body(InnerRun<N>) for every innermost run. Operand 0's negative-stride dims are walked backwards so
// that it is always visited in ascending addresses; the body must not depend on visiting order otherwise.
template <std::size_t N, typename Body>
void forEachInMemoryOrder(IntSpan shape, const LoopOperands<N>& operands, Body&& body)
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
    const std::size_t outerDims = merged.size() - 1;
    if (outerDims == 0) {
        body(run);
        return;
    }
    std::vector<std::int64_t> counter(outerDims, 0);
    std::array<std::byte*, N> ptr = base;
    while (true) {
        run.data = ptr;
        body(run);
        std::size_t level = 0;
        for (; level < outerDims; ++level) {
            const Dim& dim = merged[level + 1];
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
