#pragma once
// The trace file: a Trace as JSON (schema version 1, docs/trace-format.md), written by `aliasview trace`
// and tools/trace_torch.py, read back by the GUI and the differential tests.

#include "snapshot.h"

#include <nlohmann/json_fwd.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace av::engine {

inline constexpr int kTraceFormatVersion = 1;

// A trace file that is not JSON, has another version, or lacks a field; what() says which and where
// ("steps[3].objects[0].array: missing field 'dtype'").
class TraceFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

nlohmann::json traceToJson(const Trace& trace);
Trace traceFromJson(const nlohmann::json& json);

// indent < 0: one line.
std::string writeTraceJson(const Trace& trace, int indent = -1);
Trace readTraceJson(std::string_view text);

}  // namespace av::engine
