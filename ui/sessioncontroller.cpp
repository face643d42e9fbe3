#include "sessioncontroller.h"

#include "engine/session/session.h"

namespace av::ui {

SessionController::SessionController(QObject* parent) : QObject(parent) {}

void SessionController::setScript(const QString& fileName, const QString& text)
{
    if (text == m_text && fileName == m_fileName && m_recorded && !m_readOnly)
        return;
    m_fileName = fileName;
    m_text = text;
    m_readOnly = false;
    m_recorded = false;  // recorded again, lazily, at the next step
}

void SessionController::setTrace(engine::Trace trace, bool readOnly)
{
    m_trace = std::move(trace);
    m_fileName = QString::fromStdString(m_trace.fileName);
    m_text = QString::fromStdString(m_trace.source);
    m_recorded = true;
    m_readOnly = readOnly;
    m_current = -1;
    emit traceChanged();
    emit stepChanged(m_current);
}

void SessionController::ensureRecorded()
{
    if (m_recorded)
        return;
    engine::SessionOptions options;
    // The window re-records on every edit: keep runaway scripts short.
    options.run.wallClockSeconds = 5.0;
    engine::Session session(options);
    m_trace = session.record(m_fileName.isEmpty() ? std::string("<script>") : m_fileName.toStdString(), m_text.toStdString());
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
