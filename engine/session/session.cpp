#include "session.h"

#include "elementtext.h"

#include "engine/changes.h"
#include "engine/python/bindings.h"
#include "engine/python/object.h"
#include "engine/version.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace av::engine {

namespace {

using py::ObjectKind;
using py::ObjectPtr;

// Cuts text to at most `cap` bytes without splitting a UTF-8 sequence.
void capText(std::string& text, std::size_t cap, bool& truncated)
{
    if (text.size() <= cap)
        return;
    std::size_t cut = cap;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u)
        --cut;
    text.resize(cut);
    truncated = true;
}

std::string allocatorName(AllocatorKind allocator)
{
    switch (allocator) {
    case AllocatorKind::NumpyCpu: return "numpy";
    case AllocatorKind::TorchCpu:
    case AllocatorKind::Cuda: return "torch";
    }
    return "torch";
}

SnapshotError errorOf(const PyError& error, const py::SourceSpan& span)
{
    SnapshotError out;
    out.type = error.typeName();
    out.message = error.message();
    out.line = span.line;
    out.column = span.column;
    out.endColumn = span.endLine == span.line ? span.endColumn : -1;
    return out;
}

// The cells a trace shows of an array, per dim as [begin, end) segments of indices: all of them, or for a
// summarized array the edge items torch's get_summarized_data and NumPy's _leading_trailing keep.
struct ShownCells {
    bool summarized = false;
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> segments;  // per dim
};

ShownCells shownCells(const Array& array, const TraceLimits& limits)
{
    ShownCells shown;
    shown.summarized = array.numel() > limits.summarizeThreshold;
    for (std::int64_t d = 0; d < array.dim(); ++d) {
        const std::int64_t n = array.size(d);
        if (shown.summarized && n > 2 * limits.edgeItems)
            shown.segments.push_back({{0, limits.edgeItems}, {n - limits.edgeItems, n}});
        else
            shown.segments.push_back({{0, n}});
    }
    return shown;
}

// Visits the shown cells in row-major order with their flat index and buffer byte offset.
template <typename Visit>
void forEachShownCell(const Array& array, const ShownCells& shown, Visit&& visit)
{
    if (array.numel() == 0)
        return;
    const std::size_t rank = shown.segments.size();
    std::vector<std::vector<std::int64_t>> indices(rank);
    for (std::size_t d = 0; d < rank; ++d)
        for (const auto& [begin, end] : shown.segments[d])
            for (std::int64_t i = begin; i < end; ++i)
                indices[d].push_back(i);
    std::vector<std::int64_t> rowStride(rank, 1);
    for (std::size_t d = rank; d-- > 1;)
        rowStride[d - 1] = rowStride[d] * array.sizes()[d];
    std::vector<std::size_t> position(rank, 0);
    while (true) {
        std::int64_t flat = 0;
        std::int64_t offset = array.bufferByteOffset();
        for (std::size_t d = 0; d < rank; ++d) {
            flat += indices[d][position[d]] * rowStride[d];
            offset += indices[d][position[d]] * array.strides()[d] * array.itemsize();
        }
        visit(flat, offset);
        std::size_t d = rank;
        while (d > 0 && ++position[d - 1] == indices[d - 1].size())
            position[--d] = 0;
        if (d == 0)
            return;
    }
}

// changedCells() of the shown cells only: each box of edge segments is a view of its own, so a summarized
// 256 MB tensor is asked about a few dozen cells, exactly as changes.h answers for whole views.
std::vector<std::int64_t> changedShownCells(const Array& array, const ShownCells& shown,
                                            std::span<const WriteRecord> records)
{
    if (!shown.summarized)
        return changedCells(array, records);
    std::vector<std::int64_t> out;
    if (array.numel() == 0)
        return out;
    const std::size_t rank = shown.segments.size();
    std::vector<std::size_t> choice(rank, 0);
    while (true) {
        ArrayInit init;
        init.flavour = array.flavour();
        init.dtype = array.dtype();
        init.storage = array.storage();
        init.strides = array.strides();
        init.byteOffset = array.byteOffset();
        std::vector<std::int64_t> begins(rank);
        for (std::size_t d = 0; d < rank; ++d) {
            const auto [begin, end] = shown.segments[d][choice[d]];
            begins[d] = begin;
            init.sizes.push_back(end - begin);
            init.byteOffset += begin * array.strides()[d] * array.itemsize();
        }
        const ArrayPtr box = Array::make(std::move(init));
        for (std::int64_t local : changedCells(*box, records)) {
            // The box's row-major index back to the array's.
            std::int64_t flat = 0;
            std::int64_t scale = 1;
            for (std::size_t d = rank; d-- > 0;) {
                const std::int64_t size = box->sizes()[d];
                flat += (begins[d] + local % size) * scale;
                local /= size;
                scale *= array.sizes()[d];
            }
            out.push_back(flat);
        }
        std::size_t d = rank;
        while (d > 0 && ++choice[d - 1] == shown.segments[d - 1].size())
            choice[--d] = 0;
        if (d == 0)
            break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

// What a step's records did to one buffer, net: written is every byte written; an element changed when
// its bytes now differ from those before the step's first write to it, as a before/after comparison sees
// it (written twice and put back is no change). Past the write path's cap on old values that cannot be
// told, and the records' changed bytes stand instead. The records are spent: a lone record's byte ranges move
// into the net one (a strided write over 2^24 elements has 2^24 of them; copying them cost as much again).
WriteRecord netWrite(const Buffer& buffer, const std::vector<WriteRecord*>& records)
{
    WriteRecord net;
    net.buffer = buffer.id();
    net.dtype = records.front()->dtype;
    const std::int64_t itemsize = itemSize(net.dtype);
    bool exact = buffer.data() && buffer.device().isCpu();
    const auto merge = [&records](IntervalSet WriteRecord::*ranges, IntervalSet& into) {
        if (records.size() == 1) {
            into = std::move(records.front()->*ranges);
            return;
        }
        for (const WriteRecord* record : records)
            for (const auto& [begin, end] : (record->*ranges).ranges())
                into.add(begin, end);
    };
    for (const WriteRecord* record : records) {
        if (net.op.find(record->op) == std::string::npos)
            net.op += (net.op.empty() ? "" : ", ") + record->op;
        exact = exact && record->oldValuesComplete && record->dtype == net.dtype;
    }
    merge(&WriteRecord::written, net.written);
    net.elementsWritten = net.written.totalBytes() / itemsize;
    if (!exact) {
        merge(&WriteRecord::changed, net.changed);
        net.elementsChanged = net.changed.totalBytes() / itemsize;
        net.oldValuesComplete = false;
        return net;
    }
    std::vector<std::pair<std::int64_t, std::uint64_t>> originals;
    for (const WriteRecord* record : records)
        for (const OldElement& old : record->oldValues)
            originals.emplace_back(old.bufferByteOffset, old.bits);
    std::stable_sort(originals.begin(), originals.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::int64_t previousOffset = -1;
    for (const auto& [offset, bits] : originals) {
        if (offset == previousOffset)
            continue;
        previousOffset = offset;
        std::uint64_t now = 0;
        std::memcpy(&now, buffer.data() + offset, static_cast<std::size_t>(itemsize));
        if (now == bits)
            continue;
        OldElement element{offset, bits, 0};
        for (std::int64_t b = 0; b < itemsize; ++b)
            if (((now ^ bits) >> (8 * b)) & 0xffu)
                element.changedBytes |= static_cast<std::uint8_t>(1u << b);
        net.oldValues.push_back(element);
        net.changed.add(offset, offset + itemsize);
        ++net.elementsChanged;
    }
    return net;
}

// Records the run: a LineObserver that closes a Snapshot at every line event and at the end.
class Recorder final : public py::LineObserver {
public:
    Recorder(py::Interpreter& interpreter, const TraceLimits& limits, Trace& trace)
        : m_interpreter(interpreter), m_limits(limits), m_trace(trace)
    {
    }

    void beforeLine(int line) override
    {
        if (m_open)
            closeStep(nullptr);
        if (static_cast<std::int64_t>(m_trace.steps.size()) >= m_limits.maxSteps)
            throw py::pythonError("RuntimeError", concat("aliasview stopped the script: a trace records at most ",
                                                          m_limits.maxSteps, " steps"));
        m_open = true;
        m_line = line;
        m_stdout.clear();
        m_stderr.clear();
        m_outputTruncated = false;
        m_stepError.reset();
    }

    void exceptionRaised(const PyError& error, const py::SourceSpan& span) override
    {
        if (m_open && !m_stepError)
            m_stepError = errorOf(error, span);
    }

    void finished(const py::ScriptFailure* failure) override
    {
        if (m_open)
            closeStep(failure);
        m_open = false;
        m_baseObjects.clear();
    }

    void out(std::string_view text) { append(m_stdout, text); }
    void err(std::string_view text) { append(m_stderr, text); }

    ChangeRecorder& changes() { return m_changes; }

private:
    void append(std::string& into, std::string_view text)
    {
        if (!m_open)
            return;
        const std::size_t room = m_limits.maxOutputBytes > into.size() ? m_limits.maxOutputBytes - into.size() : 0;
        into.append(text.substr(0, room));
        if (text.size() > room)
            m_outputTruncated = true;
    }

    void closeStep(const py::ScriptFailure* failure);
    void collectObjects(Snapshot& snapshot, std::vector<ObjectPtr>& objects);
    SnapshotObject describeObject(const ObjectPtr& object, std::span<const WriteRecord> records);
    SnapshotArray describeArray(const Array& array, std::span<const WriteRecord> records);
    std::string cappedRepr(const ObjectPtr& object, bool& truncated);
    void reprInto(const ObjectPtr& object, std::string& out, int depth);
    SnapshotWrite describeWrite(const Buffer& buffer, const WriteRecord& net) const;

    py::Interpreter& m_interpreter;
    const TraceLimits& m_limits;
    Trace& m_trace;
    ChangeRecorder m_changes;

    bool m_open = false;
    int m_line = 0;
    std::string m_stdout, m_stderr;
    bool m_outputTruncated = false;
    std::optional<SnapshotError> m_stepError;

    // The previous step's objects and buffers, weakly: an object is new unless the same one was there, and a
    // buffer was freed when its last owner let go of it.
    std::unordered_map<std::uint64_t, std::weak_ptr<py::Object>> m_previousObjects;
    std::map<std::uint64_t, std::weak_ptr<Buffer>> m_previousBuffers;
    // NumPy holds the object .base returns; the engine's arrays hold only the base Array, so the session
    // keeps the base's Python object alive while some shown array has it as base, keeping its id stable.
    std::unordered_map<const Array*, ObjectPtr> m_baseObjects;
};

void Recorder::closeStep(const py::ScriptFailure* failure)
{
    m_open = false;
    Snapshot snapshot;
    snapshot.index = static_cast<int>(m_trace.steps.size());
    snapshot.line = m_line;
    snapshot.stdoutText = std::move(m_stdout);
    snapshot.stderrText = std::move(m_stderr);
    snapshot.outputTruncated = m_outputTruncated;
    if (failure) {
        snapshot.error = errorOf(failure->error, failure->span);
        snapshot.error->traceback = failure->traceback;
    } else if (m_stepError) {
        snapshot.error = m_stepError;
    }

    // Writes count on memory that was there before the step; what the step allocated is new, not written.
    // The step's records on one buffer become one net record, in the order the step first wrote them.
    std::vector<WriteRecord> records;
    {
        std::vector<WriteRecord> taken = m_changes.take();
        std::vector<std::uint64_t> writtenOrder;
        std::unordered_map<std::uint64_t, std::vector<WriteRecord*>> byBuffer;
        for (WriteRecord& record : taken) {
            if (!m_previousBuffers.contains(record.buffer.value))
                continue;
            auto& list = byBuffer[record.buffer.value];
            if (list.empty())
                writtenOrder.push_back(record.buffer.value);
            list.push_back(&record);
        }
        for (const std::uint64_t id : writtenOrder)
            if (const BufferPtr buffer = m_previousBuffers[id].lock())
                records.push_back(netWrite(*buffer, byBuffer[id]));
    }

    std::vector<ObjectPtr> objects;
    collectObjects(snapshot, objects);

    std::map<std::uint64_t, std::weak_ptr<Buffer>> buffers;
    std::unordered_set<std::uint64_t> storages;
    std::unordered_map<std::uint64_t, std::weak_ptr<py::Object>> objectsNow;
    for (const ObjectPtr& object : objects) {
        SnapshotObject described = describeObject(object, records);
        const auto previous = m_previousObjects.find(described.id);
        described.isNew = previous == m_previousObjects.end() || previous->second.lock() != object;
        objectsNow.emplace(described.id, object);
        if (object->kind() == ObjectKind::Array) {
            const Array& array = *static_cast<const py::ArrayObject&>(*object).array;
            if (!array.isNumpyScalar()) {
                const BufferPtr& buffer = array.buffer();
                if (buffers.emplace(buffer->id().value, buffer).second) {
                    SnapshotBuffer shown;
                    shown.id = buffer->id().value;
                    shown.address = buffer->address();
                    shown.nbytes = buffer->nbytes();
                    shown.device = buffer->device().str();
                    shown.allocator = allocatorName(buffer->allocator());
                    shown.dtype = std::string(numpyName(array.dtype()));
                    const std::int64_t count = buffer->data() ? buffer->nbytes() / array.itemsize() : 0;
                    const std::int64_t kept = std::min(count, m_limits.maxBufferValues);
                    shown.values.reserve(static_cast<std::size_t>(kept));
                    if (buffer->device().isCpu())
                        for (std::int64_t i = 0; i < kept; ++i)
                            shown.values.push_back(elementText(array.dtype(), buffer->data() + i * array.itemsize()));
                    shown.truncated = kept < count;
                    snapshot.buffers.push_back(std::move(shown));
                }
                if (array.isTensor() && storages.insert(array.storage()->id().value).second) {
                    const Storage& storage = *array.storage();
                    snapshot.storages.push_back(SnapshotStorage{storage.id().value, buffer->id().value, storage.byteOffset(),
                                                                storage.nbytes(), storage.dataPtr()});
                }
            }
        }
        snapshot.objects.push_back(std::move(described));
    }

    for (const WriteRecord& record : records)
        if (const BufferPtr buffer = m_previousBuffers[record.buffer.value].lock())
            snapshot.writes.push_back(describeWrite(*buffer, record));

    for (const auto& [id, weak] : m_previousBuffers)
        if (!buffers.contains(id) && weak.expired())
            snapshot.freedBuffers.push_back(id);

    m_previousObjects = std::move(objectsNow);
    m_previousBuffers = std::move(buffers);
    m_trace.steps.push_back(std::move(snapshot));
}

void Recorder::collectObjects(Snapshot& snapshot, std::vector<ObjectPtr>& objects)
{
    std::unordered_set<const py::Object*> seen;
    const auto add = [&](const ObjectPtr& object) {
        if (seen.insert(object.get()).second)
            objects.push_back(object);
    };
    for (const auto& [name, object] : m_interpreter.globals()) {
        if (object->kind() == ObjectKind::Module)
            continue;
        snapshot.names.push_back(SnapshotName{name, object->id()});
        add(object);
    }
    const std::size_t named = objects.size();
    std::unordered_map<const Array*, ObjectPtr> baseObjects;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const ObjectPtr object = objects[i];
        if (i < named && (object->kind() == ObjectKind::List || object->kind() == ObjectKind::Tuple ||
                          object->kind() == ObjectKind::Dict)) {
            std::vector<ObjectPtr> items;
            if (object->kind() == ObjectKind::Dict) {
                for (const auto& [key, value] : static_cast<const py::DictObject&>(*object).entries) {
                    items.push_back(key);
                    items.push_back(value);
                }
            } else {
                items = static_cast<const py::SequenceObject&>(*object).items;
            }
            std::int64_t arrays = 0;
            for (const ObjectPtr& item : items) {
                if (item->kind() != ObjectKind::Array)
                    continue;
                if (++arrays > m_limits.maxContainerArrays)
                    break;
                add(item);
            }
        }
        if (object->kind() == ObjectKind::Array) {
            const ArrayPtr& array = static_cast<const py::ArrayObject&>(*object).array;
            if (array->isNdarray() && array->base()) {
                const auto kept = m_baseObjects.find(array->base().get());
                ObjectPtr base = kept != m_baseObjects.end() && static_cast<const py::ArrayObject&>(*kept->second).array == array->base()
                                     ? kept->second
                                     : m_interpreter.wrap(array->base());
                baseObjects.emplace(array->base().get(), base);
                add(base);
            }
        }
    }
    m_baseObjects = std::move(baseObjects);
}

SnapshotObject Recorder::describeObject(const ObjectPtr& object, std::span<const WriteRecord> records)
{
    SnapshotObject out;
    out.id = object->id();
    out.type = object->type()->qualifiedName;
    if (object->kind() == ObjectKind::Array) {
        const Array& array = *static_cast<const py::ArrayObject&>(*object).array;
        out.repr = py::arrayStr(array);
        capText(out.repr, m_limits.maxReprBytes, out.reprTruncated);
        out.array = describeArray(array, records);
        return out;
    }
    out.repr = cappedRepr(object, out.reprTruncated);
    return out;
}

SnapshotArray Recorder::describeArray(const Array& array, std::span<const WriteRecord> records)
{
    SnapshotArray out;
    out.flavour = array.isTensor() ? "torch" : "numpy";
    out.dtype = std::string(numpyName(array.dtype()));
    out.shape.assign(array.sizes().begin(), array.sizes().end());
    out.strides.assign(array.strides().begin(), array.strides().end());
    out.itemsize = array.itemsize();
    out.device = array.device().str();
    out.contiguous = array.isContiguous();
    if (!array.isNumpyScalar()) {
        out.buffer = array.buffer()->id().value;
        out.bufferByteOffset = array.bufferByteOffset();
        out.dataPtr = array.dataPtr();
        if (array.isTensor() && array.numel() == 0) {
            // data_ptr() of an empty tensor is 0 in torch (TensorImpl::data()), and the picture says so.
            out.bufferByteOffset = 0;
            out.dataPtr = 0;
        }
    }
    if (array.isTensor()) {
        out.storageOffset = array.storageOffset();
        out.storage = array.storage()->id().value;
        out.requiresGrad = array.requiresGrad();
        out.isLeaf = array.isLeaf();
        out.gradFn = array.gradFn();
        out.version = array.version();
    } else {
        out.storageOffset = array.bufferByteOffset() / array.itemsize();
        if (array.base()) {
            const auto base = m_baseObjects.find(array.base().get());
            if (base != m_baseObjects.end())
                out.base = base->second->id();
        }
        if (array.isNumpyScalar()) {
            // A NumPy scalar's flags are fixed: it owns its one element and cannot be written through.
            out.ownData = true;
            out.writeable = false;
            out.cContiguous = true;
            out.fContiguous = true;
        } else {
            out.ownData = array.ownsData();
            out.writeable = array.writeable();
            out.cContiguous = array.isContiguous();
            out.fContiguous = array.isFContiguous();
        }
    }

    const ShownCells shown = shownCells(array, m_limits);
    out.summarized = shown.summarized;
    if (array.device().isCpu() && array.buffer()->data()) {
        const std::byte* data = array.buffer()->data();
        forEachShownCell(array, shown, [&](std::int64_t flat, std::int64_t offset) {
            out.values.push_back(elementText(array.dtype(), data + offset));
            if (shown.summarized)
                out.cellIndex.push_back(flat);
        });
    }
    if (!array.isNumpyScalar() && !records.empty()) {
        const bool written = std::any_of(records.begin(), records.end(),
                                         [&](const WriteRecord& record) { return record.buffer == array.buffer()->id(); });
        if (written) {
            out.changed = viewChanged(array, records);
            if (out.changed)
                out.changedCells = changedShownCells(array, shown, records);
        }
    }
    return out;
}

// repr() cut at the cap; containers stop building once the cap is reached, so a million-item list costs
// no more than a short one.
std::string Recorder::cappedRepr(const ObjectPtr& object, bool& truncated)
{
    std::string out;
    reprInto(object, out, 0);
    capText(out, m_limits.maxReprBytes, truncated);
    return out;
}

void Recorder::reprInto(const ObjectPtr& object, std::string& out, int depth)
{
    if (out.size() > m_limits.maxReprBytes)
        return;
    const bool plainSequence = (object->kind() == ObjectKind::List || object->kind() == ObjectKind::Tuple) &&
                               !object->type()->methods.contains("__repr__");
    if (plainSequence && depth < 64) {
        const auto& sequence = static_cast<const py::SequenceObject&>(*object);
        const bool list = object->kind() == ObjectKind::List;
        out += list ? "[" : "(";
        for (std::size_t i = 0; i < sequence.items.size() && out.size() <= m_limits.maxReprBytes; ++i) {
            if (i)
                out += ", ";
            reprInto(sequence.items[i], out, depth + 1);
        }
        if (!list && sequence.items.size() == 1)
            out += ",";
        out += list ? "]" : ")";
        return;
    }
    if (object->kind() == ObjectKind::Dict && depth < 64) {
        const auto& dict = static_cast<const py::DictObject&>(*object);
        out += "{";
        for (std::size_t i = 0; i < dict.entries.size() && out.size() <= m_limits.maxReprBytes; ++i) {
            if (i)
                out += ", ";
            reprInto(dict.entries[i].first, out, depth + 1);
            out += ": ";
            reprInto(dict.entries[i].second, out, depth + 1);
        }
        out += "}";
        return;
    }
    try {
        out += object->kind() == ObjectKind::Array ? py::arrayRepr(*static_cast<const py::ArrayObject&>(*object).array)
                                                   : m_interpreter.repr(object);
    } catch (const PyError& error) {
        out += "<repr failed: " + error.formatted() + ">";
    }
}

SnapshotWrite Recorder::describeWrite(const Buffer& buffer, const WriteRecord& net) const
{
    SnapshotWrite out;
    out.buffer = buffer.id().value;
    out.op = net.op;
    out.dtype = std::string(numpyName(net.dtype));
    out.elementsWritten = net.elementsWritten;
    out.elementsChanged = net.elementsChanged;
    out.oldValuesKnown = net.oldValuesComplete;
    const auto& ranges = net.written.ranges();
    const std::size_t keptRanges = std::min(ranges.size(), static_cast<std::size_t>(m_limits.maxWrittenRanges));
    out.writtenRanges.assign(ranges.begin(), ranges.begin() + static_cast<std::ptrdiff_t>(keptRanges));
    out.writtenRangesTruncated = keptRanges < ranges.size();
    const std::byte* data = buffer.data();
    if (!data || !buffer.device().isCpu())
        return out;
    const auto room = [&] {
        if (static_cast<std::int64_t>(out.changed.size()) < m_limits.maxChangedElements)
            return true;
        out.truncated = true;
        return false;
    };
    if (net.oldValuesComplete) {
        for (const OldElement& old : net.oldValues) {
            if (!room())
                break;
            out.changed.push_back({old.bufferByteOffset, elementTextFromBits(net.dtype, old.bits), elementText(net.dtype, data + old.bufferByteOffset)});
        }
        return out;
    }
    const std::int64_t itemsize = itemSize(net.dtype);
    for (const auto& [begin, end] : net.changed.ranges())
        for (std::int64_t offset = begin; offset + itemsize <= end; offset += itemsize) {
            if (!room())
                return out;
            out.changed.push_back({offset, std::string(), elementText(net.dtype, data + offset)});
        }
    return out;
}

}  // namespace

Session::Session(SessionOptions options) : m_options(std::move(options))
{
    if (m_options.producer.empty())
        m_options.producer = "aliasview " + std::string(engineVersion());
}

Trace Session::record(const std::string& fileName, const std::string& source)
{
    Trace trace;
    trace.producer = m_options.producer;
    trace.fileName = fileName;
    trace.source = source;
    py::Interpreter interpreter(m_options.run);
    Recorder recorder(interpreter, m_options.trace, trace);
    std::optional<py::ScriptFailure> failure;
    {
        const RecordingScope recording(recorder.changes());
        failure = interpreter.run(
            fileName, source, [&recorder](std::string_view text) { recorder.out(text); },
            [&recorder](std::string_view text) { recorder.err(text); }, &recorder);
    }
    if (failure) {
        trace.error = errorOf(failure->error, failure->span);
        trace.error->traceback = failure->traceback;
        trace.exitStatus = 1;
    }
    return trace;
}

}  // namespace av::engine
