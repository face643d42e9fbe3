#pragma once
// One element as text, the way a trace shows values: NumPy 1.24's repr of the element as a NumPy scalar of
// its dtype ("0.1" for float32 0.1, "1e+20", "nan", "-3", "True"). Both the engine's traces and
// tools/trace_torch.py write values this way, so they compare as strings.

#include "engine/dtype.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace av::engine {

// Reads itemSize(dtype) bytes at `element` (any alignment); a bool is true when any bit is set.
std::string elementText(DType dtype, const std::byte* element);

// The same for an element kept as bits, in the low itemSize(dtype) bytes (OldElement::bits).
std::string elementTextFromBits(DType dtype, std::uint64_t bits);

}  // namespace av::engine
