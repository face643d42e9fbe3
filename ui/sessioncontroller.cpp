#include "sessioncontroller.h"

#include "engine/session/session.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QPointer>
#include <QThread>

#include <memory>

namespace av::ui {

SessionController::SessionController(QObject* parent) : QObject(parent) {}

SessionController::~SessionController() { *m_cancel = true; }

void SessionController::setScript(const QString& fileName, const QString& text)
{
    if (text == m_text && fileName == m_fileName && m_recorded && !m_readOnly)
        return;
    ++m_generation;
    m_fileName = fileName;
    m_text = text;
    m_readOnly = false;
    m_recorded = false;  // recorded again, lazily, at the next step
}

void SessionController::setTrace(engine::Trace trace, bool readOnly)
{
    ++m_generation;
    m_trace = std::move(trace);
    m_fileName = QString::fromStdString(m_trace.fileName);
    m_text = QString::fromStdString(m_trace.source);
    m_recorded = true;
    m_readOnly = readOnly;
    m_current = -1;
    emit traceChanged();
    emit stepChanged(m_current);
}

namespace {
// How long a recording runs before the window hears of it (and shows its progress dialog).
constexpr int kSlowRecordingMs = 300;
// The recording thread's stack: the interpreter's nesting limits are set for a main thread's 8 MiB, and
// sanitizer builds use more per frame.
constexpr uint kRecordingStackBytes = 64u << 20;
}  // namespace

void SessionController::ensureRecorded()
{
    // Asked again from inside the loop below (a timer, a repaint): the trace shown so far serves until the
    // new one is in.
    if (m_recorded || m_recording)
        return;
    engine::SessionOptions options;
    // A backstop for a runaway script nobody cancels; the trace's and the interpreter's step budgets stop
    // most endless loops sooner.
    options.run.wallClockSeconds = 30.0;
    *m_cancel = false;
    m_recording = true;
    const std::uint64_t generation = m_generation;
    const std::string fileName = m_fileName.isEmpty() ? std::string("<script>") : m_fileName.toStdString();
    const std::string source = m_text.toStdString();
    auto trace = std::make_shared<engine::Trace>();
    std::unique_ptr<QThread> worker(QThread::create([options, fileName, source, trace, cancel = m_cancel]() mutable {
        options.run.cancel = cancel.get();
        engine::Session session(options);
        *trace = session.record(fileName, source);
    }));
    worker->setStackSize(kRecordingStackBytes);
    // Connected before the start, so that the end of even the shortest run is heard.
    QEventLoop loop;
    bool done = false;
    connect(worker.get(), &QThread::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    worker->start();
    // Most scripts record in milliseconds: the caller simply waits. Past a moment the window hears of it
    // (recordingSlow: it shows a modal progress dialog with Cancel) and keeps painting in a local event loop
    // until the run is in.
    if (!worker->wait(QDeadlineTimer(kSlowRecordingMs))) {
        const QPointer<SessionController> self(this);
        emit recordingSlow();
        while (!done)
            loop.exec();
        if (!self) {
            // Deleted meanwhile (the window closed): the controller cancelled the run; wait for its end.
            worker->wait();
            return;
        }
        emit recordingFinished();
    }
    worker->wait();
    m_recording = false;
    // A script or trace set meanwhile (by the program: the dialog holds off the user's input) replaces this one.
    if (generation != m_generation)
        return;
    m_trace = std::move(*trace);
    m_recorded = true;
    m_current = std::min(m_current, static_cast<int>(m_trace.steps.size()) - 1);
    emit traceChanged();
}

const engine::Trace& SessionController::trace()
{
    ensureRecorded();
    return m_trace;
}

int SessionController::stepCount()
{
    ensureRecorded();
    return static_cast<int>(m_trace.steps.size());
}

const engine::Snapshot* SessionController::snapshot()
{
    ensureRecorded();
    if (m_current < 0 || m_current >= static_cast<int>(m_trace.steps.size()))
        return nullptr;
    return &m_trace.steps[static_cast<std::size_t>(m_current)];
}

const engine::Snapshot* SessionController::previousSnapshot()
{
    ensureRecorded();
    if (m_current < 1 || m_current > static_cast<int>(m_trace.steps.size()))
        return nullptr;
    return &m_trace.steps[static_cast<std::size_t>(m_current - 1)];
}

int SessionController::nextLine()
{
    ensureRecorded();
    const std::size_t next = static_cast<std::size_t>(m_current + 1);
    return next < m_trace.steps.size() ? m_trace.steps[next].line : 0;
}

std::set<int> SessionController::executedLines()
{
    ensureRecorded();
    std::set<int> lines;
    for (int i = 0; i <= m_current && i < static_cast<int>(m_trace.steps.size()); ++i)
        lines.insert(m_trace.steps[static_cast<std::size_t>(i)].line);
    return lines;
}

QString SessionController::consoleText()
{
    ensureRecorded();
    QString text;
    for (int i = 0; i <= m_current && i < static_cast<int>(m_trace.steps.size()); ++i) {
        const engine::Snapshot& s = m_trace.steps[static_cast<std::size_t>(i)];
        text += QString::fromStdString(s.stdoutText);
        text += QString::fromStdString(s.stderrText);
    }
    return text;
}

const engine::SnapshotError* SessionController::shownError()
{
    const engine::Snapshot* s = snapshot();
    if (s && s->error)
        return &*s->error;
    if (m_trace.error && m_current == static_cast<int>(m_trace.steps.size()) - 1)
        return &*m_trace.error;
    return nullptr;
}

void SessionController::goToStep(int index)
{
    ensureRecorded();
    const int clamped = std::clamp(index, -1, static_cast<int>(m_trace.steps.size()) - 1);
    if (clamped == m_current)
        return;
    m_current = clamped;
    emit stepChanged(m_current);
}

void SessionController::step() { goToStep(m_current + 1); }
void SessionController::back() { goToStep(m_current - 1); }

void SessionController::runToLine(int line)
{
    ensureRecorded();
    // The first step after the shown one that executes `line` (that line's state is then the next to run).
    for (int i = m_current + 1; i < static_cast<int>(m_trace.steps.size()); ++i) {
        if (i + 1 < static_cast<int>(m_trace.steps.size()) && m_trace.steps[static_cast<std::size_t>(i + 1)].line == line) {
            goToStep(i);
            return;
        }
    }
    runToEnd();
}

void SessionController::runToEnd()
{
    ensureRecorded();
    goToStep(static_cast<int>(m_trace.steps.size()) - 1);
}

void SessionController::reset() { goToStep(-1); }

}  // namespace av::ui
