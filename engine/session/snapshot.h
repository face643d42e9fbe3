#pragma once
// A Snapshot is what one step of a script left behind, as plain values: the names, the objects they are
// bound to (tensors, ndarrays, NumPy scalars and other Python values), the buffers and torch storages
// under them, and what the step wrote. The GUI, the exporter, the trace JSON and the tests consume
// Snapshots, never the engine's live objects (DESIGN.md); a trace of real PyTorch is read back into the
// same structures, so both can be drawn and compared field by field.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace av::engine {

// A real allocation, drawn as a block of memory.
struct SnapshotBuffer {
    std::uint64_t id = 0;       // stable for the buffer's life (engine BufferId; "#1" in the GUI)
    std::uint64_t address = 0;  // its first byte, as data_ptr() shows it
    std::int64_t nbytes = 0;
    std::string device = "cpu";
    std::string allocator;  // "torch" or "numpy": which library allocated it
    // The dtype the buffer is shown in: that of the first object viewing it (memory has no type of its own).
    std::string dtype;
    // The first elements in memory order, as the dtype prints them; at most a cap (truncated says so).
    std::vector<std::string> values;
    bool truncated = false;

    bool operator==(const SnapshotBuffer&) const = default;
};

// torch's Storage: a window onto a buffer (usually all of it; from_numpy of a slice starts mid-buffer).
struct SnapshotStorage {
    std::uint64_t id = 0;
    std::uint64_t buffer = 0;
    std::int64_t byteOffset = 0;  // from the buffer's start
    std::int64_t nbytes = 0;
    std::uint64_t address = 0;  // storage().data_ptr()

    bool operator==(const SnapshotStorage&) const = default;
};

// One tensor, ndarray or NumPy scalar.
struct SnapshotArray {
    std::string flavour;  // "torch" or "numpy"
    std::string dtype;  // "float32"
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;  // in elements
    std::int64_t storageOffset = 0;      // in elements (torch's storage_offset(); NumPy: from the buffer start)
    std::int64_t itemsize = 0;
    std::uint64_t buffer = 0;
    std::optional<std::uint64_t> storage;  // torch only
    std::int64_t bufferByteOffset = 0;     // element [0, ...] from the buffer's start
    std::uint64_t dataPtr = 0;
    std::string device = "cpu";
    bool contiguous = false;
    // torch
    bool requiresGrad = false;
    bool isLeaf = true;
    std::string gradFn;  // empty when none
    std::int64_t version = 0;
    // NumPy
    std::optional<std::uint64_t> base;  // the object id of .base
    bool ownData = false;
    bool writeable = true;
    bool cContiguous = false;
    bool fContiguous = false;
    // Values in logical (row-major) order as the library prints each element; past the cap, the edge
    // items torch/NumPy would print, with summarized set (cellIndex maps shown values to flat indices).
    std::vector<std::string> values;
    std::vector<std::int64_t> cellIndex;  // flat index of each shown value; empty when all are shown
    bool summarized = false;
    // The flat indices of the cells whose bytes this step changed; of a summarized array, only shown ones.
    std::vector<std::int64_t> changedCells;
    bool changed = false;  // some cell changed, shown or not

    bool operator==(const SnapshotArray&) const = default;
};

struct SnapshotObject {
    std::uint64_t id = 0;  // Python's id()
    std::string type;      // "torch.Tensor", "numpy.ndarray", "numpy.float32", "int", "list", ...
    std::string repr;      // repr(), capped; for arrays, what print() shows
    bool reprTruncated = false;
    std::optional<SnapshotArray> array;
    bool isNew = false;  // created by this step

    // Field by field: the window redraws only the objects and buffers whose Snapshot differs from the last.
    bool operator==(const SnapshotObject&) const = default;
};

struct SnapshotName {
    std::string name;
    std::uint64_t object = 0;
};

// What one write did to one buffer this step.
struct SnapshotWrite {
    std::uint64_t buffer = 0;
    std::string op;  // "add_", "copy_", "setitem", ...
    std::string dtype;
    std::int64_t elementsWritten = 0;
    std::int64_t elementsChanged = 0;
    // Changed elements: byte offset in the buffer, old and new value as printed (capped).
    struct Element {
        std::int64_t byteOffset = 0;
        std::string oldValue;
        std::string newValue;
    };
    std::vector<Element> changed;
    bool truncated = false;
    bool oldValuesKnown = true;  // false past the write path's cap on kept old values: oldValue is then empty
    // All written byte ranges [begin, end) of the buffer, merged; the first ones only past a cap.
    std::vector<std::pair<std::int64_t, std::int64_t>> writtenRanges;
    bool writtenRangesTruncated = false;
};

struct SnapshotError {
    std::string type;     // "RuntimeError"
    std::string message;
    int line = 0;
    int column = -1;
    int endColumn = -1;
    std::string traceback;  // the text CPython prints
};

// The state after step `index` executed line `line`.
struct Snapshot {
    int index = 0;
    int line = 0;
    std::string stdoutText;  // what this step printed
    std::string stderrText;  // warnings this step printed
    bool outputTruncated = false;  // stdoutText or stderrText reached its cap
    std::optional<SnapshotError> error;
    std::vector<SnapshotName> names;  // in first-binding order
    std::vector<SnapshotObject> objects;
    std::vector<SnapshotBuffer> buffers;
    std::vector<SnapshotStorage> storages;
    std::vector<SnapshotWrite> writes;
    std::vector<std::uint64_t> freedBuffers;  // buffers gone since the previous step
};

// A whole run: the script, every step's Snapshot, and the outcome.
struct Trace {
    int version = 1;
    std::string producer;  // "aliasview 0.1.0" or "tools/trace_torch.py (torch 1.13.1, numpy 1.24.2)"
    std::string fileName;
    std::string source;
    std::vector<Snapshot> steps;
    std::optional<SnapshotError> error;  // the uncaught error, if any
    int exitStatus = 0;
};

}  // namespace av::engine
