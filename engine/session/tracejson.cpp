#include "tracejson.h"

#include <nlohmann/json.hpp>

namespace av::engine {

using nlohmann::json;

namespace {

// ---- writing ------------------------------------------------------------------------------------------

json optionalId(const std::optional<std::uint64_t>& id)
{
    return id ? json(*id) : json(nullptr);
}

json idOrNull(std::uint64_t id)
{
    return id ? json(id) : json(nullptr);
}

json errorToJson(const std::optional<SnapshotError>& error)
{
    if (!error)
        return nullptr;
    return json{{"type", error->type},           {"message", error->message},     {"line", error->line},
                {"column", error->column},       {"endColumn", error->endColumn}, {"traceback", error->traceback}};
}

json arrayToJson(const SnapshotArray& a)
{
    return json{
        {"flavour", a.flavour},
        {"dtype", a.dtype},
        {"shape", a.shape},
        {"strides", a.strides},
        {"storageOffset", a.storageOffset},
        {"itemsize", a.itemsize},
        {"buffer", idOrNull(a.buffer)},
        {"storage", optionalId(a.storage)},
        {"bufferByteOffset", a.bufferByteOffset},
        {"dataPtr", a.dataPtr},
        {"device", a.device},
        {"contiguous", a.contiguous},
        {"requiresGrad", a.requiresGrad},
        {"isLeaf", a.isLeaf},
        {"gradFn", a.gradFn.empty() ? json(nullptr) : json(a.gradFn)},
        {"version", a.version},
        {"base", optionalId(a.base)},
        {"ownData", a.ownData},
        {"writeable", a.writeable},
        {"cContiguous", a.cContiguous},
        {"fContiguous", a.fContiguous},
        {"values", a.values},
        {"cellIndex", a.cellIndex},
        {"summarized", a.summarized},
        {"changed", a.changed},
        {"changedCells", a.changedCells},
    };
}

json objectToJson(const SnapshotObject& o)
{
    return json{{"id", o.id},
                {"type", o.type},
                {"repr", o.repr},
                {"reprTruncated", o.reprTruncated},
                {"new", o.isNew},
                {"array", o.array ? arrayToJson(*o.array) : json(nullptr)}};
}

json bufferToJson(const SnapshotBuffer& b)
{
    return json{{"id", b.id},         {"address", b.address},     {"nbytes", b.nbytes}, {"device", b.device},
                {"allocator", b.allocator}, {"dtype", b.dtype}, {"values", b.values}, {"truncated", b.truncated}};
}

json storageToJson(const SnapshotStorage& s)
{
    return json{{"id", s.id}, {"buffer", s.buffer}, {"byteOffset", s.byteOffset}, {"nbytes", s.nbytes}, {"address", s.address}};
}

json writeToJson(const SnapshotWrite& w)
{
    json changed = json::array();
    for (const SnapshotWrite::Element& e : w.changed)
        changed.push_back(json{{"byteOffset", e.byteOffset}, {"old", e.oldValue}, {"new", e.newValue}});
    json ranges = json::array();
    for (const auto& [begin, end] : w.writtenRanges)
        ranges.push_back(json::array({begin, end}));
    return json{{"buffer", w.buffer},
                {"op", w.op},
                {"dtype", w.dtype},
                {"elementsWritten", w.elementsWritten},
                {"elementsChanged", w.elementsChanged},
                {"changed", std::move(changed)},
                {"truncated", w.truncated},
                {"oldValuesKnown", w.oldValuesKnown},
                {"writtenRanges", std::move(ranges)},
                {"writtenRangesTruncated", w.writtenRangesTruncated}};
}

json snapshotToJson(const Snapshot& s)
{
    json names = json::array();
    for (const SnapshotName& n : s.names)
        names.push_back(json{{"name", n.name}, {"object", n.object}});
    json objects = json::array();
    for (const SnapshotObject& o : s.objects)
        objects.push_back(objectToJson(o));
    json buffers = json::array();
    for (const SnapshotBuffer& b : s.buffers)
        buffers.push_back(bufferToJson(b));
    json storages = json::array();
    for (const SnapshotStorage& st : s.storages)
        storages.push_back(storageToJson(st));
    json writes = json::array();
    for (const SnapshotWrite& w : s.writes)
        writes.push_back(writeToJson(w));
    return json{{"index", s.index},
                {"line", s.line},
                {"stdout", s.stdoutText},
                {"stderr", s.stderrText},
                {"outputTruncated", s.outputTruncated},
                {"error", errorToJson(s.error)},
                {"names", std::move(names)},
                {"objects", std::move(objects)},
                {"buffers", std::move(buffers)},
                {"storages", std::move(storages)},
                {"writes", std::move(writes)},
                {"freedBuffers", s.freedBuffers}};
}

// ---- reading ------------------------------------------------------------------------------------------

// Reads fields of one JSON object, naming the path of anything wrong. Unknown fields are ignored, so a
// later minor addition does not break older readers; fields the GUI cannot do without are required.
class Reader {
public:
    Reader(const json& value, std::string path) : m_value(value), m_path(std::move(path))
    {
        if (!m_value.is_object())
            fail("expected an object");
    }

    template <typename T>
    T required(const char* key) const
    {
        const auto it = m_value.find(key);
        if (it == m_value.end())
            fail(std::string("missing field '") + key + "'");
        return convert<T>(*it, key);
    }

    template <typename T>
    T optional(const char* key, T fallback) const
    {
        const auto it = m_value.find(key);
        if (it == m_value.end() || it->is_null())
            return fallback;
        return convert<T>(*it, key);
    }

    template <typename T>
    std::optional<T> nullable(const char* key) const
    {
        const auto it = m_value.find(key);
        if (it == m_value.end() || it->is_null())
            return std::nullopt;
        return convert<T>(*it, key);
    }

    // The array at key (empty when absent), with each element's path.
    template <typename F>
    void each(const char* key, bool isRequired, F&& f) const
    {
        const auto it = m_value.find(key);
        if (it == m_value.end() || it->is_null()) {
            if (isRequired)
                fail(std::string("missing field '") + key + "'");
            return;
        }
        if (!it->is_array())
            fail(std::string("field '") + key + "' is not an array");
        for (std::size_t i = 0; i < it->size(); ++i)
            f((*it)[i], m_path + "." + key + "[" + std::to_string(i) + "]");
    }

    const json* child(const char* key) const
    {
        const auto it = m_value.find(key);
        return it == m_value.end() || it->is_null() ? nullptr : &*it;
    }

    const std::string& path() const { return m_path; }

    [[noreturn]] void fail(const std::string& what) const { throw TraceFormatError(m_path + ": " + what); }

private:
    template <typename T>
    T convert(const json& value, const char* key) const
    {
        try {
            return value.get<T>();
        } catch (const json::exception& error) {
            fail(std::string("field '") + key + "': " + error.what());
        }
    }

    const json& m_value;
    std::string m_path;
};

std::optional<SnapshotError> errorFromJson(const json* value, const std::string& path)
{
    if (!value)
        return std::nullopt;
    const Reader r(*value, path);
    SnapshotError e;
    e.type = r.required<std::string>("type");
    e.message = r.optional<std::string>("message", "");
    e.line = r.optional<int>("line", 0);
    e.column = r.optional<int>("column", -1);
    e.endColumn = r.optional<int>("endColumn", -1);
    e.traceback = r.optional<std::string>("traceback", "");
    return e;
}

SnapshotArray arrayFromJson(const json& value, const std::string& path)
{
    const Reader r(value, path);
    SnapshotArray a;
    a.flavour = r.optional<std::string>("flavour", "");
    a.dtype = r.required<std::string>("dtype");
    a.shape = r.required<std::vector<std::int64_t>>("shape");
    a.strides = r.required<std::vector<std::int64_t>>("strides");
    if (a.strides.size() != a.shape.size())
        r.fail("shape and strides differ in length");
    a.storageOffset = r.optional<std::int64_t>("storageOffset", 0);
    a.itemsize = r.optional<std::int64_t>("itemsize", 0);
    a.buffer = r.optional<std::uint64_t>("buffer", 0);
    a.storage = r.nullable<std::uint64_t>("storage");
    a.bufferByteOffset = r.optional<std::int64_t>("bufferByteOffset", 0);
    a.dataPtr = r.optional<std::uint64_t>("dataPtr", 0);
    a.device = r.optional<std::string>("device", "cpu");
    a.contiguous = r.optional<bool>("contiguous", false);
    a.requiresGrad = r.optional<bool>("requiresGrad", false);
    a.isLeaf = r.optional<bool>("isLeaf", true);
    a.gradFn = r.optional<std::string>("gradFn", "");
    a.version = r.optional<std::int64_t>("version", 0);
    a.base = r.nullable<std::uint64_t>("base");
    a.ownData = r.optional<bool>("ownData", false);
    a.writeable = r.optional<bool>("writeable", true);
    a.cContiguous = r.optional<bool>("cContiguous", false);
    a.fContiguous = r.optional<bool>("fContiguous", false);
    a.values = r.optional<std::vector<std::string>>("values", {});
    a.cellIndex = r.optional<std::vector<std::int64_t>>("cellIndex", {});
    a.summarized = r.optional<bool>("summarized", false);
    if (a.summarized && a.cellIndex.size() != a.values.size())
        r.fail("a summarized array needs one cellIndex entry per value");
    a.changed = r.optional<bool>("changed", false);
    a.changedCells = r.optional<std::vector<std::int64_t>>("changedCells", {});
    return a;
}

Snapshot snapshotFromJson(const json& value, const std::string& path)
{
    const Reader r(value, path);
    Snapshot s;
    s.index = r.optional<int>("index", -1);
    s.line = r.required<int>("line");
    s.stdoutText = r.optional<std::string>("stdout", "");
    s.stderrText = r.optional<std::string>("stderr", "");
    s.outputTruncated = r.optional<bool>("outputTruncated", false);
    s.error = errorFromJson(r.child("error"), path + ".error");
    r.each("names", true, [&](const json& item, const std::string& itemPath) {
        const Reader n(item, itemPath);
        s.names.push_back(SnapshotName{n.required<std::string>("name"), n.required<std::uint64_t>("object")});
    });
    r.each("objects", true, [&](const json& item, const std::string& itemPath) {
        const Reader o(item, itemPath);
        SnapshotObject object;
        object.id = o.required<std::uint64_t>("id");
        object.type = o.required<std::string>("type");
        object.repr = o.optional<std::string>("repr", "");
        object.reprTruncated = o.optional<bool>("reprTruncated", false);
        object.isNew = o.optional<bool>("new", false);
        if (const json* array = o.child("array"))
            object.array = arrayFromJson(*array, itemPath + ".array");
        s.objects.push_back(std::move(object));
    });
    r.each("buffers", false, [&](const json& item, const std::string& itemPath) {
        const Reader b(item, itemPath);
        SnapshotBuffer buffer;
        buffer.id = b.required<std::uint64_t>("id");
        buffer.address = b.optional<std::uint64_t>("address", 0);
        buffer.nbytes = b.required<std::int64_t>("nbytes");
        buffer.device = b.optional<std::string>("device", "cpu");
        buffer.allocator = b.optional<std::string>("allocator", "");
        buffer.dtype = b.optional<std::string>("dtype", "");
        buffer.values = b.optional<std::vector<std::string>>("values", {});
        buffer.truncated = b.optional<bool>("truncated", false);
        s.buffers.push_back(std::move(buffer));
    });
    r.each("storages", false, [&](const json& item, const std::string& itemPath) {
        const Reader st(item, itemPath);
        s.storages.push_back(SnapshotStorage{st.required<std::uint64_t>("id"), st.required<std::uint64_t>("buffer"),
                                             st.optional<std::int64_t>("byteOffset", 0), st.required<std::int64_t>("nbytes"),
                                             st.optional<std::uint64_t>("address", 0)});
    });
    r.each("writes", false, [&](const json& item, const std::string& itemPath) {
        const Reader w(item, itemPath);
        SnapshotWrite write;
        write.buffer = w.required<std::uint64_t>("buffer");
        write.op = w.optional<std::string>("op", "");
        write.dtype = w.optional<std::string>("dtype", "");
        write.elementsWritten = w.optional<std::int64_t>("elementsWritten", 0);
        write.elementsChanged = w.optional<std::int64_t>("elementsChanged", 0);
        w.each("changed", false, [&](const json& element, const std::string& elementPath) {
            const Reader e(element, elementPath);
            write.changed.push_back(SnapshotWrite::Element{e.required<std::int64_t>("byteOffset"), e.optional<std::string>("old", ""),
                                                           e.optional<std::string>("new", "")});
        });
        write.truncated = w.optional<bool>("truncated", false);
        write.oldValuesKnown = w.optional<bool>("oldValuesKnown", true);
        w.each("writtenRanges", false, [&](const json& range, const std::string& rangePath) {
            if (!range.is_array() || range.size() != 2 || !range[0].is_number_integer() || !range[1].is_number_integer())
                throw TraceFormatError(rangePath + ": expected [begin, end]");
            write.writtenRanges.emplace_back(range[0].get<std::int64_t>(), range[1].get<std::int64_t>());
        });
        write.writtenRangesTruncated = w.optional<bool>("writtenRangesTruncated", false);
        s.writes.push_back(std::move(write));
    });
    s.freedBuffers = r.optional<std::vector<std::uint64_t>>("freedBuffers", {});
    return s;
}

}  // namespace

json traceToJson(const Trace& trace)
{
    json steps = json::array();
    for (const Snapshot& s : trace.steps)
        steps.push_back(snapshotToJson(s));
    return json{{"version", kTraceFormatVersion}, {"producer", trace.producer}, {"file", trace.fileName},
                {"source", trace.source},         {"exitStatus", trace.exitStatus}, {"error", errorToJson(trace.error)},
                {"steps", std::move(steps)}};
}

Trace traceFromJson(const json& value)
{
    const Reader r(value, "trace");
    const int version = r.required<int>("version");
    if (version != kTraceFormatVersion)
        r.fail("version " + std::to_string(version) + " is not supported (this reader knows version " +
               std::to_string(kTraceFormatVersion) + ")");
    Trace trace;
    trace.version = version;
    trace.producer = r.optional<std::string>("producer", "");
    trace.fileName = r.optional<std::string>("file", "");
    trace.source = r.optional<std::string>("source", "");
    trace.exitStatus = r.optional<int>("exitStatus", 0);
    trace.error = errorFromJson(r.child("error"), "trace.error");
    r.each("steps", true, [&](const json& item, const std::string& path) {
        trace.steps.push_back(snapshotFromJson(item, path));
        if (trace.steps.back().index < 0)
            trace.steps.back().index = static_cast<int>(trace.steps.size() - 1);
    });
    return trace;
}

std::string writeTraceJson(const Trace& trace, int indent)
{
    // Scripts may print bytes that are not UTF-8; replace them rather than fail the whole trace.
    return traceToJson(trace).dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

Trace readTraceJson(std::string_view text)
{
    json value;
    try {
        value = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
        throw TraceFormatError(std::string("not a JSON trace: ") + error.what());
    }
    return traceFromJson(value);
}

}  // namespace av::engine
