#pragma once
// The engine's version and the library versions whose behaviour it reproduces.

#include <string_view>

namespace av::engine {

std::string_view engineVersion();
// What the engine matches, as `aliasview --version` reports it.
inline constexpr std::string_view kMatchesTorch = "1.13.1";
inline constexpr std::string_view kMatchesNumpy = "1.24";

}  // namespace av::engine
