#pragma once
// Traces from both sides for the trace tests: tools/trace_torch.py run by Debian's PyTorch and NumPy, and
// `aliasview trace`, read back through tracejson; and the step-by-step comparison of two traces that the
// differential test asserts (docs/trace-format.md, "Comparing traces").

#include "engine/session/snapshot.h"
#include "engine/session/tracejson.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace av::test {

#ifndef AV_SOURCE_DIR
#error "tests/CMakeLists.txt defines AV_SOURCE_DIR for the trace tests"
#endif

inline QString sourcePath(const QString& relative)
{
    return QDir(QStringLiteral(AV_SOURCE_DIR)).filePath(relative);
}

// /usr/bin/python3 with torch and numpy, asked once.
inline bool realLibrariesAvailable()
{
    static const bool available = [] {
        QProcess python;
        python.start(QStringLiteral(AV_REAL_PYTHON), {QStringLiteral("-c"), QStringLiteral("import torch, numpy")});
        return python.waitForFinished(120'000) && python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0;
    }();
    return available;
}

// A traced run: the trace, or why there is none.
struct TraceRun {
    std::optional<engine::Trace> trace;
    int exitCode = -1;
    QString problem;  // empty when the tracer produced a readable trace
};

// Starts a tracer writing to `output`; finishTrace waits for it and reads the JSON back.
inline void startTracer(QProcess& process, const QString& program, const QStringList& arguments)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);
}

// Reads a trace file back.
inline TraceRun readTrace(const QString& output, const QString& what)
{
    TraceRun run;
    QFile file(output);
    if (!file.open(QIODevice::ReadOnly)) {
        run.problem = what + " wrote no trace";
        return run;
    }
    const QByteArray text = file.readAll();
    try {
        run.trace = engine::readTraceJson(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
        run.exitCode = run.trace->exitStatus;
    } catch (const engine::TraceFormatError& error) {
        run.problem = what + " wrote an unreadable trace: " + QString::fromStdString(error.what());
    }
    return run;
}

inline TraceRun finishTrace(QProcess& process, const QString& output, const QString& what, int timeoutMs = 300'000)
{
    TraceRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.problem = what + " did not finish in time";
        return run;
    }
    const int exitCode = process.exitCode();
    if (process.exitStatus() != QProcess::NormalExit || exitCode > 1) {
        run.exitCode = exitCode;
        run.problem = QStringLiteral("%1 failed (exit %2): %3").arg(what).arg(exitCode).arg(QString::fromUtf8(process.readAllStandardError()));
        return run;
    }
    run = readTrace(output, what);
    if (run.trace && exitCode != run.trace->exitStatus)
        run.problem = QStringLiteral("%1 exited with %2 but its trace says %3").arg(what).arg(exitCode).arg(run.trace->exitStatus);
    return run;
}

// Both traces of one script, run side by side. The script runs from its own folder under its file name, so
// the file name in warnings and tracebacks is the same for both.
struct TracePair {
    TraceRun engine;
    TraceRun real;
};

inline TracePair traceBoth(const QString& scriptPath)
{
    QTemporaryDir dir;
    const QFileInfo script(scriptPath);
    const QString engineOut = dir.filePath(QStringLiteral("engine.json"));
    const QString realOut = dir.filePath(QStringLiteral("real.json"));
    QProcess engineProcess;
    QProcess realProcess;
    engineProcess.setWorkingDirectory(script.absolutePath());
    realProcess.setWorkingDirectory(script.absolutePath());
    startTracer(engineProcess, QStringLiteral(AV_ALIASVIEW_EXE), {QStringLiteral("trace"), script.fileName(), QStringLiteral("-o"), engineOut});
    startTracer(realProcess, QStringLiteral(AV_REAL_PYTHON),
                {sourcePath(QStringLiteral("tools/trace_torch.py")), script.fileName(), QStringLiteral("-o"), realOut});
    TracePair pair;
    pair.engine = finishTrace(engineProcess, engineOut, QStringLiteral("aliasview trace"));
    pair.real = finishTrace(realProcess, realOut, QStringLiteral("tools/trace_torch.py"));
    return pair;
}

// ---- comparing ----------------------------------------------------------------------------------------

// id() values and addresses differ between runs; printed text is compared with them masked.
inline QString maskAddresses(const std::string& text)
{
    static const QRegularExpression hex(QStringLiteral("0x[0-9a-fA-F]+"));
    static const QRegularExpression longNumber(QStringLiteral("\\b\\d{8,}\\b"));
    QString out = QString::fromStdString(text);
    out.replace(hex, QStringLiteral("0x?"));
    out.replace(longNumber, QStringLiteral("<N>"));
    // Under sys.settrace CPython 3.11 calls a C method through another path, which names it differently in
    // argument errors: "Tensor.abs() takes no arguments" where an untraced run says "_TensorBase.abs()",
    // "item() takes no keyword arguments" where it says "ndarray.item()". tst_corpus checks the untraced
    // text exactly; here the qualifier is dropped on both sides.
    static const QRegularExpression qualifiedMethod(QStringLiteral("\\b(?:_TensorBase|Tensor|ndarray)\\.(\\w+\\(\\) takes)"));
    out.replace(qualifiedMethod, QStringLiteral("\\1"));
    return out;
}

inline QString quoted(const QString& text, int cap = 300)
{
    QString shown = text.size() > cap ? text.left(cap) + QStringLiteral("...") : text;
    shown.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('\'') + shown + QLatin1Char('\'');
}

template <typename T>
QString listText(const std::vector<T>& values, std::size_t cap = 24)
{
    QStringList parts;
    for (std::size_t i = 0; i < values.size() && i < cap; ++i) {
        if constexpr (std::is_same_v<T, std::string>)
            parts << QString::fromStdString(values[i]);
        else
            parts << QString::number(values[i]);
    }
    if (values.size() > cap)
        parts << QStringLiteral("... (%1 in all)").arg(values.size());
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

class TraceComparison {
public:
    TraceComparison(const engine::Trace& engine, const engine::Trace& real, int maxDifferences = 12)
        : m_engine(engine),
          m_real(real),
          m_max(maxDifferences),
          // aliasview's random numbers need not be PyTorch's (torch.rand, np.random ...): such scripts are
          // compared on everything but the values.
          m_compareValues(engine.source.find(".rand") == std::string::npos)
    {
        compare();
    }

    const QStringList& differences() const { return m_differences; }
    QString report() const
    {
        return QStringLiteral("aliasview trace and tools/trace_torch.py differ (engine vs real):\n  ") +
               m_differences.join(QStringLiteral("\n  "));
    }

private:
    struct StepView {
        const engine::Snapshot* step = nullptr;
        std::map<std::uint64_t, const engine::SnapshotObject*> objects;
        std::map<std::string, const engine::SnapshotObject*> byName;
        std::map<std::uint64_t, const engine::SnapshotBuffer*> buffers;
        std::map<std::uint64_t, std::vector<std::string>> namesOfBuffer;  // in names order
        std::map<std::uint64_t, std::vector<std::string>> namesOfStorage;
        std::map<std::uint64_t, std::vector<std::string>> namesOfObject;

        explicit StepView(const engine::Snapshot& s) : step(&s)
        {
            for (const auto& o : s.objects)
                objects.emplace(o.id, &o);
            for (const auto& b : s.buffers)
                buffers.emplace(b.id, &b);
            for (const auto& n : s.names) {
                const auto it = objects.find(n.object);
                if (it == objects.end())
                    continue;
                byName.emplace(n.name, it->second);
                namesOfObject[n.object].push_back(n.name);
                if (it->second->array && it->second->array->buffer)
                    namesOfBuffer[it->second->array->buffer].push_back(n.name);
                if (it->second->array && it->second->array->storage)
                    namesOfStorage[*it->second->array->storage].push_back(n.name);
            }
        }

        // Who an object is, in terms both traces share: the names bound to it, or its type.
        QString identity(std::optional<std::uint64_t> id) const
        {
            if (!id)
                return QStringLiteral("none");
            const auto names = namesOfObject.find(*id);
            if (names != namesOfObject.end()) {
                QStringList list;
                for (const auto& n : names->second)
                    list << QString::fromStdString(n);
                return list.join(QLatin1Char('='));
            }
            const auto object = objects.find(*id);
            return object == objects.end() ? QStringLiteral("<missing object>")
                                           : QStringLiteral("<unnamed %1>").arg(QString::fromStdString(object->second->type));
        }

        // The names sharing the buffer of `name`'s object, as one key.
        QString aliasClass(const std::string& name) const
        {
            const auto object = byName.find(name);
            if (object == byName.end() || !object->second->array || !object->second->array->buffer)
                return {};
            QStringList list;
            for (const auto& n : namesOfBuffer.at(object->second->array->buffer))
                list << QString::fromStdString(n);
            return list.join(QLatin1Char(','));
        }
    };

    bool full() const { return m_differences.size() >= m_max; }

    void add(const QString& where, const QString& what)
    {
        if (!full())
            m_differences << where + QStringLiteral(": ") + what;
    }

    template <typename T>
    void field(const QString& where, const char* name, const T& engine, const T& real)
    {
        if (engine == real)
            return;
        if constexpr (std::is_same_v<T, std::string>)
            add(where, QStringLiteral("%1 %2 vs %3").arg(QLatin1String(name), quoted(QString::fromStdString(engine)),
                                                          quoted(QString::fromStdString(real))));
        else if constexpr (std::is_same_v<T, bool>)
            add(where, QStringLiteral("%1 %2 vs %3").arg(QLatin1String(name), engine ? "true" : "false", real ? "true" : "false"));
        else if constexpr (std::is_arithmetic_v<T>)
            add(where, QStringLiteral("%1 %2 vs %3").arg(QLatin1String(name)).arg(engine).arg(real));
        else
            add(where, QStringLiteral("%1 %2 vs %3").arg(QLatin1String(name), listText(engine), listText(real)));
    }

    void compare()
    {
        field(QStringLiteral("trace"), "exit status", m_engine.exitStatus, m_real.exitStatus);
        compareError(QStringLiteral("trace"), m_engine.error, m_real.error, false);
        std::vector<int> engineLines, realLines;
        for (const auto& s : m_engine.steps)
            engineLines.push_back(s.line);
        for (const auto& s : m_real.steps)
            realLines.push_back(s.line);
        if (engineLines != realLines) {
            std::size_t i = 0;
            while (i < engineLines.size() && i < realLines.size() && engineLines[i] == realLines[i])
                ++i;
            const std::size_t from = i > 4 ? i - 4 : 0;
            const auto around = [&](const std::vector<int>& lines) {
                return listText(std::vector<int>(lines.begin() + static_cast<std::ptrdiff_t>(std::min(from, lines.size())),
                                                 lines.begin() + static_cast<std::ptrdiff_t>(std::min(i + 6, lines.size()))));
            };
            add(QStringLiteral("steps"), QStringLiteral("the line sequences part at step %1 (%2 vs %3 steps): from step %4, %5 vs %6")
                                             .arg(i)
                                             .arg(engineLines.size())
                                             .arg(realLines.size())
                                             .arg(from)
                                             .arg(around(engineLines), around(realLines)));
        }
        const std::size_t common = std::min(m_engine.steps.size(), m_real.steps.size());
        for (std::size_t i = 0; i < common && !full(); ++i) {
            if (m_engine.steps[i].line != m_real.steps[i].line)
                break;
            compareStep(StepView(m_engine.steps[i]), StepView(m_real.steps[i]));
        }
    }

    void compareError(const QString& where, const std::optional<engine::SnapshotError>& engine,
                      const std::optional<engine::SnapshotError>& real, bool withLine)
    {
        if (engine.has_value() != real.has_value()) {
            const auto& present = engine ? *engine : *real;
            add(where, QStringLiteral("only %1 has an error: %2: %3")
                           .arg(engine ? "the engine" : "real Python", QString::fromStdString(present.type),
                                QString::fromStdString(present.message)));
            return;
        }
        if (!engine)
            return;
        field(where, "error type", engine->type, real->type);
        field(where, "error message", maskAddresses(engine->message).toStdString(), maskAddresses(real->message).toStdString());
        if (withLine)
            field(where, "error line", engine->line, real->line);
    }

    void compareStep(const StepView& e, const StepView& r)
    {
        const QString where = QStringLiteral("step %1 (line %2)").arg(e.step->index).arg(e.step->line);
        field(where, "stdout", maskAddresses(e.step->stdoutText).toStdString(), maskAddresses(r.step->stdoutText).toStdString());
        field(where, "stderr", maskAddresses(e.step->stderrText).toStdString(), maskAddresses(r.step->stderrText).toStdString());
        compareError(where, e.step->error, r.step->error, true);
        std::vector<std::string> engineNames, realNames;
        for (const auto& n : e.step->names)
            engineNames.push_back(n.name);
        for (const auto& n : r.step->names)
            realNames.push_back(n.name);
        field(where, "names", engineNames, realNames);
        for (const auto& [name, eo] : e.byName) {
            const auto found = r.byName.find(name);
            if (found == r.byName.end())
                continue;
            compareObject(where + QStringLiteral(", ") + QString::fromStdString(name), e, *eo, r, *found->second, name);
        }
        compareWrites(where, e, r);
    }

    void compareObject(const QString& where, const StepView& ev, const engine::SnapshotObject& e, const StepView& rv,
                       const engine::SnapshotObject& r, const std::string& name)
    {
        field(where, "type", e.type, r.type);
        if (e.type != r.type)
            return;
        if (m_compareValues || !e.array)
            field(where, "repr", maskAddresses(e.repr).toStdString(), maskAddresses(r.repr).toStdString());
        if (!e.array || !r.array)
            return;
        const engine::SnapshotArray& a = *e.array;
        const engine::SnapshotArray& b = *r.array;
        field(where, "new", e.isNew, r.isNew);
        field(where, "flavour", a.flavour, b.flavour);
        field(where, "dtype", a.dtype, b.dtype);
        field(where, "shape", a.shape, b.shape);
        field(where, "strides", a.strides, b.strides);
        field(where, "itemsize", a.itemsize, b.itemsize);
        field(where, "device", a.device, b.device);
        if (m_compareValues)
            field(where, "values", a.values, b.values);
        field(where, "summarized", a.summarized, b.summarized);
        field(where, "cellIndex", a.cellIndex, b.cellIndex);
        field(where, "changed", a.changed, b.changed);
        field(where, "changedCells", a.changedCells, b.changedCells);
        const bool numpyScalar = !a.buffer && !b.buffer && a.shape.empty() && a.flavour == "numpy";
        if (numpyScalar) {
            field(where, "OWNDATA", a.ownData, b.ownData);
            field(where, "WRITEABLE", a.writeable, b.writeable);
            return;
        }
        field(where, "contiguous", a.contiguous, b.contiguous);
        field(where, "alias class (names sharing its buffer)", ev.aliasClass(name).toStdString(), rv.aliasClass(name).toStdString());
        if (a.flavour == "torch") {
            field(where, "storage offset", a.storageOffset, b.storageOffset);
            field(where, "version", a.version, b.version);
            field(where, "requires_grad", a.requiresGrad, b.requiresGrad);
            field(where, "is_leaf", a.isLeaf, b.isLeaf);
            field(where, "grad_fn", a.gradFn, b.gradFn);
            const auto storageNames = [](const StepView& v, const engine::SnapshotArray& x) {
                std::vector<std::string> names;
                if (x.storage)
                    names = v.namesOfStorage.at(*x.storage);
                return names;
            };
            field(where, "names sharing its storage", storageNames(ev, a), storageNames(rv, b));
        } else {
            field(where, "base", ev.identity(a.base).toStdString(), rv.identity(b.base).toStdString());
            field(where, "OWNDATA", a.ownData, b.ownData);
            field(where, "WRITEABLE", a.writeable, b.writeable);
            field(where, "C_CONTIGUOUS", a.cContiguous, b.cContiguous);
            field(where, "F_CONTIGUOUS", a.fContiguous, b.fContiguous);
        }
        // Within an alias class, the data pointers lie the same distance apart in both runs.
        const auto& classNames = ev.namesOfBuffer.at(a.buffer);
        const std::string& first = classNames.front();
        if (first != name && rv.byName.contains(first)) {
            const auto delta = [&](const StepView& v, const engine::SnapshotArray& x) {
                return static_cast<std::int64_t>(x.dataPtr) - static_cast<std::int64_t>(v.byName.at(first)->array->dataPtr);
            };
            // data_ptr() is 0 for an empty tensor in both runs; only real addresses lie a distance apart.
            field(where, "data_ptr() == 0", a.dataPtr == 0, b.dataPtr == 0);
            const auto* firstEngine = ev.byName.at(first)->array ? &*ev.byName.at(first)->array : nullptr;
            const auto* firstReal = rv.byName.at(first)->array ? &*rv.byName.at(first)->array : nullptr;
            if (firstEngine && firstReal && a.dataPtr && b.dataPtr && firstEngine->dataPtr && firstReal->dataPtr)
                field(where, ("data_ptr() - " + first + ".data_ptr()").c_str(), delta(ev, a), delta(rv, b));
        }
    }

    // The written alias classes, and what each write changed, at offsets from the class's first name.
    void compareWrites(const QString& where, const StepView& e, const StepView& r)
    {
        struct Written {
            const engine::SnapshotWrite* write;
            std::int64_t origin;  // buffer address - data_ptr() of the class's first name
        };
        const auto written = [](const StepView& v) {
            std::map<std::string, Written> out;
            for (const auto& w : v.step->writes) {
                const auto names = v.namesOfBuffer.find(w.buffer);
                const auto buffer = v.buffers.find(w.buffer);
                if (names == v.namesOfBuffer.end() || buffer == v.buffers.end())
                    continue;
                const auto* first = v.byName.at(names->second.front());
                std::string key;
                for (const auto& n : names->second)
                    key += (key.empty() ? "" : ",") + n;
                out.emplace(key, Written{&w, static_cast<std::int64_t>(buffer->second->address) -
                                                 static_cast<std::int64_t>(first->array->dataPtr)});
            }
            return out;
        };
        const auto ew = written(e);
        const auto rw = written(r);
        std::vector<std::string> engineClasses, realClasses;
        for (const auto& [key, w] : ew)
            if (w.write->elementsChanged > 0)
                engineClasses.push_back(key);
        for (const auto& [key, w] : rw)
            realClasses.push_back(key);
        field(where, "changed alias classes", engineClasses, realClasses);
        for (const auto& [key, w] : ew) {
            const auto other = rw.find(key);
            if (other == rw.end())
                continue;
            const QString at = where + QStringLiteral(", write to ") + QString::fromStdString(key);
            field(at, "elements changed", w.write->elementsChanged, other->second.write->elementsChanged);
            std::vector<std::string> engineChanges, realChanges;
            const auto describe = [](const Written& x, std::vector<std::string>& out, bool withOld) {
                for (const auto& c : x.write->changed)
                    out.push_back(std::to_string(c.byteOffset + x.origin) + ":" + (withOld ? c.oldValue : std::string("?")) + "->" + c.newValue);
            };
            const bool withOld = w.write->oldValuesKnown && other->second.write->oldValuesKnown && m_compareValues;
            describe(w, engineChanges, withOld);
            describe(other->second, realChanges, withOld);
            if (!m_compareValues) {
                for (auto* list : {&engineChanges, &realChanges})
                    for (auto& change : *list)
                        change = change.substr(0, change.find(':'));
            }
            field(at, "changed elements (offset from the first name's data_ptr: old->new)", engineChanges, realChanges);
        }
    }

    const engine::Trace& m_engine;
    const engine::Trace& m_real;
    int m_max;
    bool m_compareValues;
    QStringList m_differences;
};

}  // namespace av::test
