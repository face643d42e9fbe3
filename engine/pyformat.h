#pragma once
// Python's own text for numbers: repr(float) and str(int), which messages and printing reuse.

#include <cstdint>
#include <string>

namespace av::engine {

// repr(x) of a Python float: shortest round-trip digits; exponent form below 1e-4 and from 1e16 up.
std::string formatPythonFloat(double value);

}  // namespace av::engine
