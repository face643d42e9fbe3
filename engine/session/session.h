#pragma once
// A Session runs a script and records the whole run as a Trace: one Snapshot per step, where a step is
// what ran between two line events (sys.settrace's, see interpreter.h), closed when the next one arrives
// or the script ends. Snapshots are plain values; nothing in them points into the engine.

#include "snapshot.h"

#include "engine/python/interpreter.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace av::engine {

// Caps that keep a trace small whatever the script does: a snapshot never copies a whole buffer, so a
// 256 MB tensor stepped 100 times costs kilobytes per step. tools/trace_torch.py uses the same defaults
// (docs/trace-format.md).
struct TraceLimits {
    // Steps in one trace; the script is stopped with an error past it.
    std::int64_t maxSteps = 10'000;
    // Arrays with more elements are summarized as torch and NumPy print them: of each dim longer than
    // 2 * edgeItems, only the first and last edgeItems indices are shown.
    std::int64_t summarizeThreshold = 1000;
    std::int64_t edgeItems = 3;
    std::int64_t maxBufferValues = 1024;      // first elements of a buffer, in memory order
    std::int64_t maxChangedElements = 1000;   // listed per written buffer and step
    std::int64_t maxWrittenRanges = 1000;     // per written buffer and step
    std::size_t maxReprBytes = 4000;
    std::size_t maxOutputBytes = 1 << 20;     // stdout, and stderr, per step
    std::int64_t maxContainerArrays = 64;     // arrays inside one named list, tuple or dict shown as objects
};

struct SessionOptions {
    py::RunLimits run;
    TraceLimits trace;
    std::string producer;  // empty: "aliasview <version>"
};

class Session {
public:
    explicit Session(SessionOptions options = {});

    // Runs `source` in a fresh interpreter and returns its trace; the script's own failure (syntax error,
    // uncaught exception, budget) is part of the trace, never thrown.
    Trace record(const std::string& fileName, const std::string& source);

private:
    SessionOptions m_options;
};

}  // namespace av::engine
