#pragma once
// NumPy's order= argument ('C', 'F', 'A', 'K'), shared by the reshaping ops (views.h) and the copies
// (conversion.h), so both headers can be used together.

#include <cstdint>

namespace av::engine {

enum class MemoryOrder : std::uint8_t { C, F, A, K };

}  // namespace av::engine
