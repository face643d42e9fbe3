#pragma once
// Sizes and strides (in elements), and the checks on dimensions that both libraries word differently.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace av::engine {

using Shape = std::vector<std::int64_t>;
using Strides = std::vector<std::int64_t>;
using IntSpan = std::span<const std::int64_t>;

// NumPy's order= for new arrays and copies: 'C', 'F', 'A' (F when the source is F- but not C-contiguous),
// 'K' (keep the source's memory order). torch has none; its callers pass the default.
enum class MemoryOrder : std::uint8_t { C, F, A, K };

std::int64_t numelOf(IntSpan sizes);
// Row-major strides in elements for these sizes (size-1 and size-0 dims get the usual product).
Strides contiguousStrides(IntSpan sizes);
// at::infer_dense_strides: dense strides in the input's stride order, the dims sorted exactly as
// TensorIterator sorts them (stride-0 dims compare as ambiguous and stay put; equal strides put the smaller
// size first). Copies that keep their input's layout (clone, empty_like) use it.
Strides inferDenseStrides(const Shape& sizes, const Strides& strides);

// TensorIterator::reorder_dimensions' insertion sort, which at::infer_dense_strides and the iteration orders
// built on it share: each dim moves left past every dim that shouldSwap(earlier, it) > 0 ranks after it and
// stops at the first one it ranks behind (< 0); ambiguous pairs (0) are stepped over. Ties end up where the
// libraries put them only with this exact sort, so callers differ in their comparators, never in the sort.
template <typename ShouldSwap>
void reorderDimensions(std::vector<std::size_t>& perm, ShouldSwap&& shouldSwap)
{
    for (std::size_t i = 1; i < perm.size(); ++i) {
        std::size_t dim1 = i;
        for (std::size_t dim0 = i; dim0-- > 0;) {
            const int comparison = shouldSwap(perm[dim0], perm[dim1]);
            if (comparison > 0) {
                std::swap(perm[dim0], perm[dim1]);
                dim1 = dim0;
            } else if (comparison < 0) {
                break;
            }
        }
    }
}

// "[2, 4]" as torch prints sizes in messages; "(2, 4)" / "(4,)" as Python prints a tuple.
std::string formatList(IntSpan values);
std::string formatTuple(IntSpan values);

// torch's maybe_wrap_dim: IndexError "Dimension out of range (expected to be in range of [-2, 1], but got 2)".
std::int64_t wrapDimTorch(std::int64_t dim, std::int64_t ndim);
// numpy's normalize_axis_index: AxisError "axis 2 is out of bounds for array of dimension 2".
std::int64_t wrapAxisNumpy(std::int64_t axis, std::int64_t ndim);

// The broadcast shape of two operands, or nullopt-like failure reported by the caller.
bool broadcastShapes(IntSpan a, IntSpan b, Shape& out);

}  // namespace av::engine
