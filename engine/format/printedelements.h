#pragma once
// The elements a printout shows, gathered once in logical (C) order: all of them, or, when the array is
// summarized, only the edge items of each long dim, the selection torch's get_summarized_data and
// NumPy's _leading_trailing make. Both libraries size their columns from exactly these elements, so
// printing a summarized 10^6-element array never reads the elements it leaves out.

#include "engine/array.h"

#include <cstdint>
#include <vector>

namespace av::engine {

struct PrintedElements {
    DType dtype = DType::Float32;
    Shape shownSizes; // per dim: how many indices are shown
    std::vector<bool> elided; // per dim: "..." stands between the leading and trailing items
    std::vector<double> floats; // the shown elements of a floating array, exact
    std::vector<std::int64_t> integers; // the shown elements of an integer or bool array
};

// Reads the shown elements of a host array; with summarize, a dim longer than 2 * edgeItems keeps only
// its first and last edgeItems indices.
PrintedElements gatherPrintedElements(const Array& array, bool summarize, std::int64_t edgeItems);

} // namespace av::engine
