#include "shape.h"

#include "errors.h"

#include <algorithm>

namespace av::engine {

std::int64_t numelOf(IntSpan sizes)
{
    std::int64_t n = 1;
    for (const std::int64_t size : sizes)
        n *= size;
    return n;
}

Strides contiguousStrides(IntSpan sizes)
{
    Strides strides(sizes.size());
    std::int64_t stride = 1;
    for (std::size_t i = sizes.size(); i-- > 0;) {
        strides[i] = stride;
        // Wraps past INT64_MAX as c10's restride does in practice: torch.zeros(0, 2**62, 2**62) has strides
        // (0, 2**62, 1).
        __builtin_mul_overflow(stride, std::max<std::int64_t>(sizes[i], 1), &stride);
    }
    return strides;
}

std::string formatList(IntSpan values)
{
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ", ";
        out += std::to_string(values[i]);
    }
    return out + "]";
}

std::string formatTuple(IntSpan values)
{
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ", ";
        out += std::to_string(values[i]);
    }
    if (values.size() == 1)
        out += ",";
    return out + ")";
}

std::int64_t wrapDimTorch(std::int64_t dim, std::int64_t ndim)
{
    // A 0-d tensor accepts dims -1 and 0, as if it had one dimension.
    const std::int64_t rank = std::max<std::int64_t>(ndim, 1);
    const std::int64_t low = -rank, high = rank - 1;
    AV_CHECK(dim >= low && dim <= high, indexError, "Dimension out of range (expected to be in range of [", low, ", ",
             high, "], but got ", dim, ")");
    return dim < 0 ? dim + rank : dim;
}

std::int64_t wrapAxisNumpy(std::int64_t axis, std::int64_t ndim)
{
    if (axis < -ndim || axis >= ndim)
        throw axisError(concat("axis ", axis, " is out of bounds for array of dimension ", ndim))
            .withArgsRepr(concat(axis, ", ", ndim, ", None"));
    return axis < 0 ? axis + ndim : axis;
}

bool broadcastShapes(IntSpan a, IntSpan b, Shape& out)
{
    const std::size_t rank = std::max(a.size(), b.size());
    out.assign(rank, 1);
    for (std::size_t i = 0; i < rank; ++i) {
        const std::int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
        const std::int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
        if (da != db && da != 1 && db != 1)
            return false;
        out[i] = da == 1 ? db : da;
    }
    return true;
}

Strides inferDenseStrides(const Shape& sizes, const Strides& strides)
{
    const std::size_t ndim = sizes.size();
    if (ndim == 0)
        return {};
    if (ndim == 1)
        return {1};
    std::vector<std::size_t> perm(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        perm[i] = ndim - 1 - i;
    const auto shouldSwap = [&](std::size_t dim0, std::size_t dim1) -> int {
        const std::int64_t s0 = strides[dim0], s1 = strides[dim1];
        if (s0 == 0 || s1 == 0)
            return 0;
        if (s0 < s1)
            return -1;
        if (s0 > s1)
            return 1;
        return sizes[dim0] > sizes[dim1] ? 1 : 0;
    };
    reorderDimensions(perm, shouldSwap);
    Strides out(ndim);
    std::int64_t current = 1;
    for (std::size_t i = 0; i < ndim; ++i) {
        out[perm[i]] = current;
        if (sizes[perm[i]] > 1)
            current *= sizes[perm[i]];
    }
    return out;
}

}  // namespace av::engine
