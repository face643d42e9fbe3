#pragma once
// The one QObject bridge between the window and the engine (as heaptrack's gui/parser.h is): it holds the
// script, records its run as a Trace of Snapshots (engine/session), and steps through them. Everything
// the window shows comes out of here as Snapshots; nothing else in ui/ touches the engine's live objects.
//
// Recording runs on a thread of its own while the caller waits in a local event loop, so the window keeps
// painting through a heavy script (a walkthrough over a 256 MiB tensor records for seconds); once it has
// taken a moment, recordingSlow() lets the window show its progress and a Cancel button.

#include "engine/session/snapshot.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <set>

namespace av::ui {

class SessionController : public QObject {
    Q_OBJECT

public:
    explicit SessionController(QObject* parent = nullptr);
    ~SessionController() override;

    // A new script text; the next step re-records its run and continues from the same step.
    void setScript(const QString& fileName, const QString& text);
    // A trace recorded elsewhere (tools/trace_torch.py): read-only stepping.
    void setTrace(engine::Trace trace, bool readOnly);
    const QString& scriptText() const { return m_text; }
    const QString& fileName() const { return m_fileName; }
    bool isReadOnly() const { return m_readOnly; }

    const engine::Trace& trace();
    int stepCount();
    // -1 before the first step; else the index of the step whose Snapshot is shown.
    int currentStep() const { return m_current; }
    const engine::Snapshot* snapshot();
    const engine::Snapshot* previousSnapshot();
    // The line the next step will execute (0 when the script is finished).
    int nextLine();
    std::set<int> executedLines();
    // Everything the script printed up to the shown step, with errors marked.
    QString consoleText();
    // The error that ended the run, once the shown step reached it.
    const engine::SnapshotError* shownError();
    // True while a recording runs (a timer firing meanwhile sees the previous trace).
    bool isRecording() const { return m_recording; }
    // Stops a recording in progress at the script's next line: its trace ends there with an error.
    void cancelRecording() { *m_cancel = true; }

public slots:
    void step();
    void back();
    void runToLine(int line);
    void runToEnd();
    void reset();
    void goToStep(int index);

signals:
    void stepChanged(int index);
    // The trace was recorded again (after an edit): step count and lines may differ.
    void traceChanged();
    // A recording has run for a moment and goes on; recordingFinished() follows it.
    void recordingSlow();
    void recordingFinished();

private:
    void ensureRecorded();

    QString m_fileName;
    QString m_text;
    engine::Trace m_trace;
    bool m_recorded = false;
    bool m_readOnly = false;
    bool m_recording = false;
    std::uint64_t m_generation = 0;  // counts setScript and setTrace calls
    // Shared with the recording thread, which may outlive a controller deleted while it records.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    int m_current = -1;
};

}  // namespace av::ui
