#include "cardgrid.h"

#include <algorithm>
#include <map>
#include <set>

namespace av::ui {

namespace {

std::vector<std::int64_t> unravel(const std::vector<std::int64_t>& shape, std::int64_t flat)
{
    std::vector<std::int64_t> index(shape.size(), 0);
    for (std::size_t d = shape.size(); d-- > 0;) {
        if (shape[d] > 0) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
    }
    return index;
}

// Positions for sorted shown indices, with one extra position where consecutive indices skip some.
std::map<std::int64_t, int> positionsWithGaps(const std::set<std::int64_t>& shown, std::vector<int>* gaps)
{
    std::map<std::int64_t, int> out;
    int position = 0;
    std::int64_t previous = -1;
    for (const std::int64_t i : shown) {
        if (previous >= 0 && i > previous + 1) {
            if (gaps)
                gaps->push_back(position);
            ++position;
        }
        out[i] = position++;
        previous = i;
    }
    return out;
}

}  // namespace

std::int64_t cellByteOffset(const engine::SnapshotArray& array, std::int64_t flatIndex)
{
    const std::vector<std::int64_t> index = unravel(array.shape, flatIndex);
    std::int64_t offset = array.bufferByteOffset;
    for (std::size_t d = 0; d < index.size(); ++d)
        offset += index[d] * array.strides[d] * array.itemsize;
    return offset;
}

CardGrid layoutGrid(const engine::SnapshotArray& array)
{
    CardGrid grid;
    const std::size_t rank = array.shape.size();
    const std::size_t shown = array.values.size();
    std::vector<std::int64_t> flats(shown);
    for (std::size_t i = 0; i < shown; ++i)
        flats[i] = array.cellIndex.empty() ? static_cast<std::int64_t>(i) : array.cellIndex[i];

    // Split each shown cell's index into (slice prefix, row, column).
    struct Parts {
        std::vector<std::int64_t> prefix;
        std::int64_t row, column;
    };
    std::vector<Parts> parts(shown);
    std::set<std::vector<std::int64_t>> prefixes;
    std::set<std::int64_t> rowsShown, columnsShown;
    for (std::size_t i = 0; i < shown; ++i) {
        const std::vector<std::int64_t> index = unravel(array.shape, flats[i]);
        Parts p;
        p.column = rank >= 1 ? index[rank - 1] : 0;
        p.row = rank >= 2 ? index[rank - 2] : 0;
        if (rank > 2)
            p.prefix.assign(index.begin(), index.end() - 2);
        prefixes.insert(p.prefix);
        rowsShown.insert(p.row);
        columnsShown.insert(p.column);
        parts[i] = std::move(p);
    }
    std::vector<int> rowGaps, columnGaps;
    const std::map<std::int64_t, int> rowPosition = positionsWithGaps(rowsShown, &rowGaps);
    const std::map<std::int64_t, int> columnPosition = positionsWithGaps(columnsShown, &columnGaps);
    const int rowsPerSlice = rowPosition.empty() ? 1 : rowPosition.rbegin()->second + 1;
    grid.columns = columnPosition.empty() ? 1 : columnPosition.rbegin()->second + 1;

    // Slices stack downwards, one blank row apart, with an ellipsis slice where prefixes skip.
    std::map<std::vector<std::int64_t>, int> sliceFirstRow;
    int row = 0;
    std::vector<std::int64_t> previousPrefix;
    bool first = true;
    for (const std::vector<std::int64_t>& prefix : prefixes) {
        if (!first) {
            bool skipped = false;
            // Consecutive prefixes in row-major order differ by one in their last changing dim.
            std::vector<std::int64_t> expected = previousPrefix;
            for (std::size_t d = expected.size(); d-- > 0;) {
                if (++expected[d] < array.shape[d])
                    break;
                expected[d] = 0;
            }
            skipped = expected != prefix;
            if (skipped) {
                grid.cells.push_back({row, 0, -1, QStringLiteral("⋮")});
                row += 1;
            }
            row += 1;  // the blank row between slices
        }
        QString label;
        if (!prefix.empty()) {
            label = QStringLiteral("[");
            for (const std::int64_t p : prefix)
                label += QString::number(p) + QStringLiteral(", ");
            label += QStringLiteral(":, :]");
        }
        grid.slices.push_back({row, label});
        sliceFirstRow[prefix] = row;
        for (const int gap : rowGaps)
            for (int c = 0; c < grid.columns; ++c)
                grid.cells.push_back({row + gap, c, -1, QStringLiteral("⋮")});
        row += rowsPerSlice;
        previousPrefix = prefix;
        first = false;
    }
    grid.rows = std::max(row, 1);
    for (std::size_t i = 0; i < shown; ++i) {
        const Parts& p = parts[i];
        grid.cells.push_back({sliceFirstRow[p.prefix] + rowPosition.at(p.row), columnPosition.at(p.column), flats[i],
                              QString::fromStdString(array.values[i])});
    }
    for (const auto& [prefix, first] : sliceFirstRow)
        for (const int gap : columnGaps)
            for (int r = 0; r < rowsPerSlice; ++r)
                if (std::find(rowGaps.begin(), rowGaps.end(), r) == rowGaps.end())
                    grid.cells.push_back({first + r, gap, -1, QStringLiteral("…")});
    return grid;
}

}  // namespace av::ui
