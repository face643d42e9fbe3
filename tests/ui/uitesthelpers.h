#pragma once
// What the window's tests share: the bundled walkthrough, stepping the window to a line, looking objects up
// by name in a Snapshot, the script's stdout as the interpreter itself prints it, alias classes, answering
// a modal message box, and real PyTorch traces from tools/trace_torch.py.

#include "engine/python/interpreter.h"
#include "engine/session/session.h"
#include "engine/session/snapshot.h"
#include "engine/session/tracejson.h"
#include "ui/arraycarditem.h"
#include "ui/bufferblockitem.h"
#include "ui/graphscene.h"
#include "ui/mainwindow.h"
#include "ui/sessioncontroller.h"

#include <nlohmann/json.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTest>
#include <QTimer>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace av::test::ui {

inline QString sourcePath(const QString& relative) { return QStringLiteral(AV_SOURCE_DIR "/") + relative; }

inline const QString kWalkthroughResource = QStringLiteral(":/walkthroughs/01-ndarray-tensor.py");
inline const QString kWalkthroughName = QStringLiteral("01-ndarray-tensor.py");

inline QString readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

inline QString walkthroughText() { return readAll(kWalkthroughResource); }

// The 1-based line of the occurrence-th line (0 for the first) whose code, trimmed, is `code`; 0 if none.
inline int lineOf(const QString& script, const QString& code, int occurrence = 0)
{
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        if (lines.at(i).trimmed() == code && occurrence-- == 0)
            return i + 1;
    return 0;
}

// A window for a test: English, with the scene's animations off so that every step is drawn at once.
inline std::unique_ptr<av::ui::MainWindow> newWindow()
{
    auto window = std::make_unique<av::ui::MainWindow>();
    window->setLanguage(QStringLiteral("en"));
    window->scene()->setAnimated(false);
    return window;
}

// Such a window on the bundled walkthrough.
inline std::unique_ptr<av::ui::MainWindow> openWalkthrough()
{
    auto window = newWindow();
    window->openText(walkthroughText(), kWalkthroughName);
    return window;
}

// Presses Step until the shown Snapshot is the one that executed `line` (the next such step); false when
// the script ends first.
inline bool stepUntilLine(av::ui::MainWindow& window, int line)
{
    av::ui::SessionController* controller = window.controller();
    for (;;) {
        const int before = controller->currentStep();
        window.step();
        if (controller->currentStep() == before)
            return false;
        if (controller->snapshot() && controller->snapshot()->line == line)
            return true;
    }
}

inline const engine::SnapshotObject* objectNamed(const engine::Snapshot& step, const std::string& name)
{
    for (const engine::SnapshotName& n : step.names)
        if (n.name == name)
            for (const engine::SnapshotObject& o : step.objects)
                if (o.id == n.object)
                    return &o;
    return nullptr;
}

inline std::uint64_t objectIdNamed(const engine::Snapshot& step, const std::string& name)
{
    const engine::SnapshotObject* object = objectNamed(step, name);
    return object ? object->id : 0;
}

// How to reach each object from the names: "B" for B's, "B.base" for the tensor behind B = A.numpy().
inline std::map<std::string, std::uint64_t> cardPaths(const engine::Snapshot& step)
{
    std::map<std::string, std::uint64_t> out;
    for (const engine::SnapshotName& n : step.names) {
        out.emplace(n.name, n.object);
        const engine::SnapshotObject* object = objectNamed(step, n.name);
        if (object && object->array && object->array->base)
            out.emplace(n.name + ".base", *object->array->base);
    }
    return out;
}

// The byte offset from the buffer's start of an array's cell (flat, row-major index), from its geometry.
inline std::int64_t cellByteOffset(const engine::SnapshotArray& array, std::int64_t flat)
{
    std::int64_t offset = array.bufferByteOffset;
    for (std::size_t d = array.shape.size(); d-- > 0;) {
        const std::int64_t extent = array.shape[d];
        if (extent > 0) {
            offset += (flat % extent) * array.strides[d] * array.itemsize;
            flat /= extent;
        }
    }
    return offset;
}

// Which names share a buffer: the names bound to arrays, grouped by the buffer their array is in.
using AliasClasses = std::set<std::set<std::string>>;

inline AliasClasses aliasClasses(const engine::Snapshot& step)
{
    std::map<std::uint64_t, std::set<std::string>> byBuffer;
    for (const engine::SnapshotName& n : step.names) {
        const engine::SnapshotObject* object = objectNamed(step, n.name);
        if (object && object->array)
            byBuffer[object->array->buffer].insert(n.name);
    }
    AliasClasses out;
    for (auto& [buffer, names] : byBuffer)
        out.insert(std::move(names));
    return out;
}

// The same, from what the scene draws: each name pill, the card it points at, that card's buffer, and the
// memory block drawn for it (a class whose block is missing is reported with a "<no block>" member).
inline AliasClasses drawnAliasClasses(const av::ui::GraphScene& scene)
{
    std::map<std::uint64_t, std::set<std::string>> byBuffer;
    for (const auto& [name, objectId] : scene.nameBindings()) {
        const av::ui::ArrayCardItem* card = scene.card(objectId);
        if (!card || !card->object().array)
            continue;
        const std::uint64_t buffer = card->object().array->buffer;
        byBuffer[buffer].insert(name.toStdString());
        if (!scene.block(buffer))
            byBuffer[buffer].insert("<no block>");
    }
    AliasClasses out;
    for (auto& [buffer, names] : byBuffer)
        out.insert(std::move(names));
    return out;
}

inline QString describe(const AliasClasses& classes)
{
    QStringList parts;
    for (const auto& names : classes) {
        QStringList members;
        for (const std::string& name : names)
            members << QString::fromStdString(name);
        parts << QStringLiteral("{") + members.join(QStringLiteral(", ")) + QStringLiteral("}");
    }
    return parts.join(QLatin1Char(' '));
}

// One Snapshot as JSON text (through the trace format's own writer), for whole-struct comparisons.
inline std::string snapshotJson(const engine::Snapshot& step)
{
    engine::Trace trace;
    trace.steps.push_back(step);
    return engine::writeTraceJson(trace, 1);
}

// The same with what differs between two recordings of one script relabelled by first appearance: object
// ids and addresses are the real pointers the engine reports as id() and data_ptr(), and buffer and storage
// ids count on through the process. Each kind keeps its own labels, so which of them are equal is kept.
inline std::string canonicalSnapshotJson(const engine::Snapshot& step)
{
    engine::Trace trace;
    trace.steps.push_back(step);
    nlohmann::json json = engine::traceToJson(trace)["steps"][0];
    std::map<std::pair<std::string, std::uint64_t>, std::size_t> labels;
    const auto label = [&labels](const char* kind, nlohmann::json& value) {
        if (!value.is_number())
            return;
        const auto [it, inserted] = labels.emplace(std::make_pair(std::string(kind), value.get<std::uint64_t>()), labels.size());
        value = std::string(kind) + "#" + std::to_string(it->second);
    };
    for (nlohmann::json& buffer : json["buffers"]) {
        label("buffer", buffer["id"]);
        label("address", buffer["address"]);
    }
    for (nlohmann::json& storage : json["storages"]) {
        label("storage", storage["id"]);
        label("buffer", storage["buffer"]);
        label("address", storage["address"]);
    }
    for (nlohmann::json& name : json["names"])
        label("object", name["object"]);
    for (nlohmann::json& object : json["objects"]) {
        label("object", object["id"]);
        if (object["array"].is_object()) {
            nlohmann::json& array = object["array"];
            label("buffer", array["buffer"]);
            label("storage", array["storage"]);
            label("object", array["base"]);
            label("address", array["dataPtr"]);
        }
    }
    for (nlohmann::json& write : json["writes"])
        label("buffer", write["buffer"]);
    for (nlohmann::json& freed : json["freedBuffers"])
        label("buffer", freed);
    // Reprs and messages may print addresses too.
    const QString text = QString::fromStdString(json.dump(1));
    static const QRegularExpression pointer(QStringLiteral("0x[0-9a-fA-F]{6,}"));
    return QString(text).replace(pointer, QStringLiteral("0x<address>")).toStdString();
}

// What the script printed on stdout through step `index`, as the interpreter prints it, independently of
// the Session: the output so far when the line event that opens step index + 1 arrives (or all of it when
// `index` is the last step).
class StdoutAtLineEvents : public engine::py::LineObserver {
public:
    explicit StdoutAtLineEvents(const std::string* out) : m_out(out) {}
    void beforeLine(int) override { lengths.push_back(m_out->size()); }
    void finished(const engine::py::ScriptFailure*) override {}
    std::vector<std::size_t> lengths;

private:
    const std::string* m_out;
};

inline std::string interpreterStdoutThroughStep(const std::string& fileName, const std::string& source, int index)
{
    std::string out;
    StdoutAtLineEvents observer(&out);
    engine::py::Interpreter interpreter;
    interpreter.run(fileName, source, [&out](std::string_view text) { out.append(text); }, {}, &observer);
    const std::size_t next = static_cast<std::size_t>(index + 1);
    return next < observer.lengths.size() ? out.substr(0, observer.lengths[next]) : out;
}

// Answers the next modal QMessageBox with `button` as soon as it opens (the window's questions and
// warnings are modal). `asked` and `text` say whether one came and what it said.
class MessageBoxAnswerer : public QObject {
public:
    explicit MessageBoxAnswerer(QMessageBox::StandardButton button) : m_button(button) { schedule(); }
    bool asked = false;
    QString text;
    int answered = 0;

private:
    void schedule()
    {
        QTimer::singleShot(0, this, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                asked = true;
                text = box->text();
                ++answered;
                if (QAbstractButton* b = box->button(m_button))
                    b->click();
                else
                    box->reject();
                return;
            }
            if (++m_tries < 10000)
                schedule();
        });
    }
    QMessageBox::StandardButton m_button;
    int m_tries = 0;
};

// Real PyTorch: tools/trace_torch.py with /usr/bin/python3. Empty `why` when it is usable.
inline QString realTorchProblem()
{
    QProcess probe;
    probe.start(QStringLiteral(AV_REAL_PYTHON), {QStringLiteral("-c"), QStringLiteral("import torch, numpy")});
    if (!probe.waitForFinished(120000))
        return QStringLiteral("/usr/bin/python3 -c 'import torch, numpy' did not finish");
    if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        return QStringLiteral("no real PyTorch/NumPy at " AV_REAL_PYTHON ": ") + QString::fromUtf8(probe.readAllStandardError()).trimmed();
    return {};
}

// Traces scripts in real Python, all in one process (--batch): outputFolder/0.json, 1.json, ...
inline QString traceWithRealTorch(const QStringList& scripts, const QString& outputFolder)
{
    QProcess batch;
    QStringList arguments{sourcePath(QStringLiteral("tools/trace_torch.py")), QStringLiteral("--batch"), outputFolder};
    arguments += scripts;
    batch.start(QStringLiteral(AV_REAL_PYTHON), arguments);
    if (!batch.waitForFinished(600000))
        return QStringLiteral("tools/trace_torch.py --batch did not finish");
    for (int i = 0; i < scripts.size(); ++i)
        if (!QFile::exists(QDir(outputFolder).filePath(QStringLiteral("%1.json").arg(i))))
            return QStringLiteral("tools/trace_torch.py --batch wrote no %1.json: ").arg(i) + QString::fromUtf8(batch.readAllStandardError());
    return {};
}

inline engine::Trace readTraceFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return engine::readTraceJson(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

}  // namespace av::test::ui
