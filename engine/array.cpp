#include "array.h"

#include "errors.h"

#include <algorithm>
#include <atomic>
#include <numeric>

namespace av::engine {

namespace {
std::atomic<std::uint64_t> g_nextArrayId{1};
}

ArrayPtr Array::make(ArrayInit init) { return ArrayPtr(new Array(std::move(init))); }

Array::Array(ArrayInit init)
    : m_id{g_nextArrayId.fetch_add(1, std::memory_order_relaxed)},
      m_flavour(init.flavour),
      m_dtype(init.dtype),
      m_sizes(std::move(init.sizes)),
      m_strides(std::move(init.strides)),
      m_storage(std::move(init.storage)),
      m_byteOffset(init.byteOffset),
      m_numel(numelOf(m_sizes))
{
    AV_INTERNAL_ASSERT(m_storage != nullptr, "an array needs a storage");
    AV_INTERNAL_ASSERT(m_sizes.size() == m_strides.size(), "sizes ", formatList(m_sizes), " but strides ",
                       formatList(m_strides));
    AV_INTERNAL_ASSERT(std::all_of(m_sizes.begin(), m_sizes.end(), [](std::int64_t s) { return s >= 0; }),
                       "negative size in ", formatList(m_sizes));
    AV_INTERNAL_ASSERT(m_flavour == Flavour::Numpy || m_byteOffset % itemsize() == 0,
                       "a tensor's offset must be whole elements, got ", m_byteOffset, " bytes");
    const std::int64_t start = m_storage->byteOffset() + m_byteOffset;
    m_extentBegin = m_extentEnd = start;
    if (m_numel > 0) {
        std::int64_t low = start, high = start;
        for (std::size_t d = 0; d < m_sizes.size(); ++d) {
            const std::int64_t reach = (m_sizes[d] - 1) * m_strides[d] * itemsize();
            (reach < 0 ? low : high) += reach;
        }
        m_extentBegin = low;
        m_extentEnd = high + itemsize();
        AV_INTERNAL_ASSERT(m_extentBegin >= m_storage->byteOffset() &&
                               m_extentEnd <= m_storage->byteOffset() + m_storage->nbytes(),
                           "view reaches bytes [", m_extentBegin, ", ", m_extentEnd, ") outside its storage [",
                           m_storage->byteOffset(), ", ", m_storage->byteOffset() + m_storage->nbytes(), ")");
    }
}

Strides Array::byteStrides() const
{
    Strides out(m_strides.size());
    for (std::size_t d = 0; d < m_strides.size(); ++d)
        out[d] = m_strides[d] * itemsize();
    return out;
}

std::byte* Array::data() const
{
    std::byte* base = m_storage->data();
    return base ? base + m_byteOffset : nullptr;
}

std::int64_t Array::bufferByteOffsetOf(IntSpan index) const
{
    AV_INTERNAL_ASSERT(index.size() == m_sizes.size());
    std::int64_t offset = bufferByteOffset();
    for (std::size_t d = 0; d < index.size(); ++d)
        offset += index[d] * m_strides[d] * itemsize();
    return offset;
}

namespace {

bool contiguousInOrder(const Shape& sizes, const Strides& strides, bool rowMajor)
{
    std::int64_t expected = 1;
    const std::size_t n = sizes.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t d = rowMajor ? n - 1 - k : k;
        if (sizes[d] == 1)
            continue;
        if (strides[d] != expected)
            return false;
        expected *= sizes[d];
    }
    return true;
}

}  // namespace

// An empty array is both, whatever its strides (c10 and NumPy agree; NumPy 1.24 even gives new empty
// arrays all-zero strides).
bool Array::isContiguous() const { return m_numel == 0 || contiguousInOrder(m_sizes, m_strides, true); }
bool Array::isFContiguous() const { return m_numel == 0 || contiguousInOrder(m_sizes, m_strides, false); }

// c10 caches this flag in refresh_contiguous() as `is_contiguous_ || compute_non_overlapping_and_dense()`
// (plus channels-last contiguity for 4-D and 5-D tensors, which the second test implies). The first term is
// what makes every empty tensor non-overlapping and dense: compute_non_overlapping_and_dense alone says
// false for sizes (3, 0) with strides (0, 1), since it sorts the size-0 dim last and checks the size-3 dim's
// stride first; torch then allows in-place ops on such a tensor and keeps its strides in empty_like.
bool Array::isNonOverlappingAndDense() const
{
    if (isContiguous())
        return true;
    // compute_non_overlapping_and_dense, as in c10/core/TensorImpl.cpp (1.13).
    if (dim() == 1)
        return m_sizes[0] < 2 || m_strides[0] == 1;
    // Sort by strides, leaving 0 and 1 sized dims at the end. c10's std::sort is not stable, but dims that
    // compare equal here give the same verdict in either order.
    std::vector<std::size_t> perm(m_sizes.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
        if (m_sizes[a] < 2)
            return false;
        if (m_sizes[b] < 2)
            return true;
        return m_strides[a] < m_strides[b];
    });
    std::int64_t requireStride = 1;
    for (const std::size_t d : perm) {
        if (m_sizes[d] < 2)
            return true;
        if (m_strides[d] != requireStride)
            return false;
        requireStride *= m_sizes[d];
    }
    return true;
}

bool Array::hasInternalOverlap() const
{
    if (m_numel <= 1 || isNonOverlappingAndDense())
        return false;
    // Sort the non-trivial dims by |stride|; if each stride clears the whole span of the smaller ones,
    // the view cannot hit an element twice. Otherwise fall back to an exact walk over the elements.
    std::vector<std::pair<std::int64_t, std::int64_t>> dims;  // (|stride|, size)
    for (std::size_t d = 0; d < m_sizes.size(); ++d)
        if (m_sizes[d] > 1)
            dims.emplace_back(std::abs(m_strides[d]), m_sizes[d]);
    std::sort(dims.begin(), dims.end());
    std::int64_t span = 1;
    bool provablyDisjoint = true;
    for (const auto& [stride, size] : dims) {
        if (stride == 0)
            return true;
        if (stride < span) {
            provablyDisjoint = false;
            break;
        }
        span = stride * (size - 1) + span;
    }
    if (provablyDisjoint)
        return false;
    std::vector<std::int64_t> offsets;
    offsets.reserve(static_cast<std::size_t>(m_numel));
    std::vector<std::int64_t> index(m_sizes.size(), 0);
    for (std::int64_t i = 0; i < m_numel; ++i) {
        std::int64_t offset = 0;
        for (std::size_t d = 0; d < index.size(); ++d)
            offset += index[d] * m_strides[d];
        offsets.push_back(offset);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < m_sizes[d])
                break;
            index[d] = 0;
        }
    }
    std::sort(offsets.begin(), offsets.end());
    return std::adjacent_find(offsets.begin(), offsets.end()) != offsets.end();
}

std::string_view flavourTypeName(Flavour flavour)
{
    return flavour == Flavour::Torch ? "Tensor" : "numpy.ndarray";
}

}  // namespace av::engine
