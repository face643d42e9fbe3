#pragma once
// What each write did to memory, recorded by the one write path (writepath.h), and the questions a step
// asks of it: which views changed, and which of their cells. "Changed" means the element's bytes differ
// after the write, so writing 5 over 5 is a write but not a change.

#include "array.h"
#include "buffer.h"
#include "dtype.h"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace av::engine {

// Half-open byte ranges [begin, end) of one buffer, kept sorted and disjoint.
class IntervalSet {
public:
    using Range = std::pair<std::int64_t, std::int64_t>;

    // Cheap when ranges arrive in ascending order, as memory-order loops produce them.
    void add(std::int64_t begin, std::int64_t end);
    bool intersects(std::int64_t begin, std::int64_t end) const;
    bool contains(std::int64_t begin, std::int64_t end) const;
    std::int64_t totalBytes() const;
    bool empty() const { return m_ranges.empty(); }
    const std::vector<Range>& ranges() const;

private:
    void normalize() const;

    mutable std::vector<Range> m_ranges;
    mutable bool m_sorted = true;
};

struct OldElement {
    std::int64_t bufferByteOffset;
    std::uint64_t bits;  // the element's old bytes, in the low itemsize bytes
    // Bit i set: byte i of the element differs after the write (writing -1 over 11.0f leaves two bytes alone).
    std::uint8_t changedBytes = 0xff;
};

struct WriteRecord {
    BufferId buffer;
    std::string op;  // "add_", "copy_", "fill_", "setitem", "iadd" ...
    DType dtype = DType::Float32;  // the type the elements were written as
    std::int64_t elementsWritten = 0;
    std::int64_t elementsChanged = 0;
    IntervalSet written;  // buffer bytes
    // Buffer bytes of the elements whose value changed, whole elements of dtype; a subset of written.
    // NOTE [ Changed bytes inside changed elements ] in changes.cpp: which bytes of them really changed is
    // in oldValues' changedBytes, and the queries below use it for views that cut elements apart.
    IntervalSet changed;
    // Old values of changed elements in write order, for tooltips; all dropped past kMaxOldValues.
    std::vector<OldElement> oldValues;
    bool oldValuesComplete = true;

    static constexpr std::size_t kMaxOldValues = 1 << 20;
};

// Collects WriteRecords while a RecordingScope is active on this thread. Without one, writes cost nothing
// extra: the session records; benchmarks and bare engine use do not.
class ChangeRecorder {
public:
    const std::vector<WriteRecord>& records() const { return m_records; }
    std::vector<WriteRecord> take() { return std::exchange(m_records, {}); }

    WriteRecord& begin(BufferId buffer, std::string op, DType dtype);

private:
    std::vector<WriteRecord> m_records;
};

class RecordingScope {
public:
    explicit RecordingScope(ChangeRecorder& recorder);
    ~RecordingScope();
    RecordingScope(const RecordingScope&) = delete;
    RecordingScope& operator=(const RecordingScope&) = delete;

private:
    ChangeRecorder* m_previous;
};

ChangeRecorder* activeRecorder();

// True when some cell of `view` sits on a byte that one of `records` changed. Exact, except that a view
// cutting the written elements apart (a uint8 view of float32 writes) counts a whole changed element as
// changed once the record's old values were dropped.
bool viewChanged(const Array& view, std::span<const WriteRecord> records);
// The flat (row-major) indices of the cells of `view` whose bytes changed, ascending; exact as above.
std::vector<std::int64_t> changedCells(const Array& view, std::span<const WriteRecord> records);

}  // namespace av::engine
