#pragma once
// Unsaved edits survive a crash: the script is written to a recovery file (atomically) a moment after
// each edit, removed on a clean save or close, and offered back at the next start.

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace av::ui {

struct RecoveredScript {
    QString originalPath;  // empty for an unsaved script
    QString text;
    QString recoveryFile;
};

class Autosave : public QObject {
    Q_OBJECT

public:
    // recoveryDirectory: where recovery files live (the app data folder by default).
    explicit Autosave(QString recoveryDirectory = {}, QObject* parent = nullptr);

    // The script changed: write it out after a short delay (or now, with immediately).
    void scriptEdited(const QString& originalPath, const QString& text, bool immediately = false);
    // The script was saved or the window closed cleanly: nothing to recover.
    void discard();
    // Writes an edit still waiting for its delay now (a no-op when none is waiting).
    void flush();
    // Recovery files a previous run left behind.
    std::vector<RecoveredScript> pending() const;
    void remove(const RecoveredScript& script) const;
    QString directory() const { return m_directory; }

private:
    void writeNow();

    QString m_directory;
    QString m_originalPath;
    QString m_text;
    QTimer m_timer;
    QString m_file;
};

}  // namespace av::ui
