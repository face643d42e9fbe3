#pragma once
// How an array's values sit on its card: the last two dims as a matrix, leading dims as stacked slices,
// and an ellipsis wherever the snapshot summarized values away (as torch and NumPy print them).

#include "engine/session/snapshot.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace av::ui {

struct GridCell {
    int row = 0;     // in the card's grid, counting ellipsis rows and slice gaps
    int column = 0;  // counting ellipsis columns
    std::int64_t flatIndex = -1;  // -1 for an ellipsis cell
    QString text;
};

struct GridSlice {
    int firstRow = 0;
    QString label;  // "[0, :, :]" for 3-D and up; empty otherwise
};

struct CardGrid {
    int rows = 0;
    int columns = 0;
    std::vector<GridCell> cells;
    std::vector<GridSlice> slices;
};

CardGrid layoutGrid(const engine::SnapshotArray& array);

// The buffer byte offset of a cell (its first byte), from the array's geometry.
std::int64_t cellByteOffset(const engine::SnapshotArray& array, std::int64_t flatIndex);

}  // namespace av::ui
