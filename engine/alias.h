#pragma once
// Which views reach the same bytes, and where each cell of a view lies in its buffer: NumPy's exact
// overlap test (np.shares_memory) and bounds test (np.may_share_memory), the cell -> byte map the GUI's
// hover draws, and its reverse, the cells of a view that sit on a given byte range.

#include "array.h"

#include <cstdint>
#include <vector>

namespace av::engine {

// The outcomes of numpy's solve_may_share_memory (mem_overlap.h).
enum class OverlapAnswer : std::uint8_t { No, Yes, TooHard, Overflow };

// numpy's solve_may_share_memory over the two views' byte geometry: maxWork -1 solves exactly, 0 looks at
// the extents only, n > 0 gives up after n candidate solutions. Views of different buffers never overlap.
OverlapAnswer solveMayShareMemory(const Array& a, const Array& b, std::int64_t maxWork);

// np.shares_memory(a, b): some byte is reachable through both views. Exact, for any flavours and dtypes.
// Raises numpy's OverflowError "Integer overflow in computing overlap" where numpy would.
bool sharesMemory(const Array& a, const Array& b);
// np.may_share_memory(a, b): the views' byte extents intersect.
bool mayShareMemory(const Array& a, const Array& b);

// Buffer byte offset of every cell, by flat row-major index (one entry for a 0-d array, none when empty).
std::vector<std::int64_t> cellByteOffsets(const Array& view);

// The flat row-major indices, ascending and without repeats, of the cells of `view` whose bytes meet the
// buffer bytes [begin, end).
std::vector<std::int64_t> cellsAt(const Array& view, std::int64_t begin, std::int64_t end);

// Answers many byte-range questions about one view without walking all its cells: the dims are searched
// largest |stride| first, and each dim's index range is solved from the strides, so only the cells on
// the range (and the few sub-blocks that straddle it) are visited. Holds a copy of the geometry, not the
// view.
class CellLocator {
public:
    explicit CellLocator(const Array& view);

    // Appends the flat indices of the cells meeting [begin, end), in no particular order; a cell can
    // appear twice only across separate calls.
    void collect(std::int64_t begin, std::int64_t end, std::vector<std::int64_t>& out) const;
    // Whether any cell meets [begin, end).
    bool any(std::int64_t begin, std::int64_t end) const;

private:
    struct Dim {
        std::int64_t size;
        std::int64_t byteStride;
        std::int64_t flatStride;  // row-major step of the flat index for this dim
        std::int64_t restLow;     // lowest / highest reach of the dims searched after this one
        std::int64_t restHigh;
    };
    template <typename Visit>
    bool search(std::size_t level, std::int64_t offset, std::int64_t flat, std::int64_t low, std::int64_t high,
                Visit& visit) const;

    std::vector<Dim> m_dims;  // searched in this order: largest |stride| first
    std::int64_t m_start = 0;
    std::int64_t m_itemsize = 1;
    bool m_empty = true;
};

}  // namespace av::engine
