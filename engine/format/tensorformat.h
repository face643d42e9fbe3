#pragma once
// repr(t) and str(t) of a torch.Tensor (they are the same text), as torch/_tensor_str.py writes it with
// the default print options: precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode None.

#include "engine/array.h"

#include <string>

namespace av::engine {

std::string tensorRepr(const Array& tensor);

// The same text for a tensor whose values are read from hostValues but which lives on shownDevice:
// what a CUDA tensor prints once its values have been copied to the host.
std::string tensorRepr(const Array& hostValues, Device shownDevice);

} // namespace av::engine
