// Files: unsaved edits survive a crash (the recovery file is written, offered back at the next start, and
// stays protected once restored), a save replaces the file atomically (complete or untouched, even when
// writing fails half-way), and a file that is not a trace is refused without losing the open script.
// Settings and recovery files live in the test's own XDG folders (AV_GUI_TEST_MAIN).

#include "tests/support/testmain.h"
#include "tests/ui/uitesthelpers.h"

#include "ui/codeeditor.h"

#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace av;
using namespace av::test::ui;
using av::ui::MainWindow;
using av::ui::RecoveredScript;

namespace {

// Types text at the end of the editor, as a user does.
void typeAtEnd(MainWindow& window, const QString& text)
{
    QTextCursor cursor = window.editor()->textCursor();
    cursor.movePosition(QTextCursor::End);
    window.editor()->setTextCursor(cursor);
    // keyClicks knows no '\n': each line break is a Return key.
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(window.editor(), Qt::Key_Return);
        QTest::keyClicks(window.editor(), lines.at(i));
    }
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// Files this process writes may grow to `bytes` only while it lives (writes past it fail, as on a full
// disk; SIGXFSZ is ignored meanwhile).
struct FileSizeLimit {
    explicit FileSizeLimit(rlim_t bytes)
    {
        previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        if (::getrlimit(RLIMIT_FSIZE, &saved) != 0)
            return;
        struct rlimit small = saved;
        small.rlim_cur = bytes;
        active = ::setrlimit(RLIMIT_FSIZE, &small) == 0;
    }
    ~FileSizeLimit()
    {
        if (active)
            ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
    }
    struct rlimit saved {};
    void (*previousHandler)(int) = SIG_DFL;
    bool active = false;
};

ino_t inodeOf(const QString& path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

}  // namespace

class TestFiles : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        // Each test starts with no recovery files.
        av::ui::Autosave probe;
        for (const RecoveredScript& script : probe.pending())
            probe.remove(script);
    }

    void recoveryLivesInTheTestDataFolder()
    {
        auto window = newWindow();
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(data.startsWith(QString::fromLocal8Bit(qgetenv("XDG_DATA_HOME"))));
        QVERIFY(window->autosave().directory().startsWith(data));
    }

    void untitledEditsAreRecoveredAfterACrash()
    {
        QString edited;
        {
            auto window = newWindow();
            window->openText(walkthroughText(), kWalkthroughName);
            QVERIFY(window->autosave().pending().empty());
            typeAtEnd(*window, QStringLiteral("E = A + 1\n"));
            edited = window->editor()->toPlainText();
            QVERIFY(edited.endsWith(QStringLiteral("E = A + 1\n")));
            QVERIFY(window->windowTitle().startsWith(QLatin1Char('*')));
            window->autosave().flush();
            const std::vector<RecoveredScript> pending = window->autosave().pending();
            QCOMPARE(pending.size(), std::size_t(1));
            QCOMPARE(pending.front().text, edited);
            QVERIFY(pending.front().originalPath.isEmpty());
            // A crash: the window goes without closeEvent, so nothing discards the recovery file.
        }
        auto window = newWindow();
        QCOMPARE(window->autosave().pending().size(), std::size_t(1));
        MessageBoxAnswerer yes(QMessageBox::Yes);
        window->offerRecovery();
        QVERIFY(yes.asked);
        QCOMPARE(yes.answered, 1);
        QCOMPARE(window->editor()->toPlainText(), edited);
        QVERIFY(window->windowTitle().startsWith(QLatin1Char('*')));
        // The restored edits are still unsaved, so they are still protected: one recovery file, with them.
        window->autosave().flush();
        const std::vector<RecoveredScript> pending = window->autosave().pending();
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending.front().text, edited);
        // Stepping the restored script runs it, E included.
        window->runToEnd();
        QVERIFY(objectNamed(*window->controller()->snapshot(), "E"));

        // Closing and discarding the edits leaves nothing to recover.
        MessageBoxAnswerer discard(QMessageBox::Discard);
        QVERIFY(window->close());
        QVERIFY(discard.asked);
        QVERIFY(window->autosave().pending().empty());
    }

    void declinedRecoveryIsForgotten()
    {
        {
            auto window = newWindow();
            window->openText(walkthroughText(), kWalkthroughName);
            typeAtEnd(*window, QStringLiteral("# scratch\n"));
            window->autosave().flush();
            QCOMPARE(window->autosave().pending().size(), std::size_t(1));
        }
        auto window = newWindow();
        window->openText(walkthroughText(), kWalkthroughName);
        MessageBoxAnswerer no(QMessageBox::No);
        window->offerRecovery();
        QVERIFY(no.asked);
        QCOMPARE(window->editor()->toPlainText(), walkthroughText());
        QVERIFY(!window->windowTitle().startsWith(QLatin1Char('*')));
        QVERIFY(window->autosave().pending().empty());
        // Not asked again.
        MessageBoxAnswerer again(QMessageBox::Yes);
        window->offerRecovery();
        QCoreApplication::processEvents();
        QVERIFY(!again.asked);
    }

    void savedFileEditsAreRecoveredWithTheirPath()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("script.py"));
        QVERIFY(writeBytes(path, walkthroughText().toUtf8()));
        QString edited;
        {
            auto window = newWindow();
            QVERIFY(window->openPath(path));
            QVERIFY(window->windowTitle().startsWith(QStringLiteral("script.py")));
            typeAtEnd(*window, QStringLiteral("print(A.sum())\n"));
            edited = window->editor()->toPlainText();
            window->autosave().flush();
            QCOMPARE(window->autosave().pending().size(), std::size_t(1));
            QCOMPARE(window->autosave().pending().front().originalPath, path);
        }
        auto window = newWindow();
        MessageBoxAnswerer yes(QMessageBox::Yes);
        window->offerRecovery();
        QVERIFY(yes.asked);
        QVERIFY(yes.text.contains(path));
        QCOMPARE(window->editor()->toPlainText(), edited);
        QVERIFY(window->windowTitle().startsWith(QStringLiteral("*script.py")));
        // The file on disk is untouched until the user saves.
        QCOMPARE(fileBytes(path), walkthroughText().toUtf8());
        QVERIFY(window->saveTo(path));
        QCOMPARE(fileBytes(path), edited.toUtf8());
        QVERIFY(window->autosave().pending().empty());
        QVERIFY(window->windowTitle().startsWith(QStringLiteral("script.py")));
    }

    void recoveryFileSurvivesAFailedWrite()
    {
        auto window = newWindow();
        window->openText(walkthroughText(), kWalkthroughName);
        typeAtEnd(*window, QStringLiteral("# first edit\n"));
        window->autosave().flush();
        const QString good = window->editor()->toPlainText();
        QCOMPARE(window->autosave().pending().size(), std::size_t(1));
        QCOMPARE(window->autosave().pending().front().text, good);
        {
            const FileSizeLimit limit(256);
            QVERIFY(limit.active);
            typeAtEnd(*window, QStringLiteral("# second edit\n"));
            window->autosave().flush();
        }
        // The last good copy is still there, whole.
        const std::vector<RecoveredScript> pending = window->autosave().pending();
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending.front().text, good);
        QCOMPARE(QDir(window->autosave().directory()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void saveReplacesTheFileAtomically()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("saved.py"));
        QVERIFY(writeBytes(path, "old contents\n"));
        const ino_t before = inodeOf(path);
        QVERIFY(before != 0);

        auto window = newWindow();
        window->openText(walkthroughText(), kWalkthroughName);
        typeAtEnd(*window, QStringLiteral("print(D)\n"));
        QVERIFY(window->saveTo(path));
        QCOMPARE(fileBytes(path), window->editor()->toPlainText().toUtf8());
        // Written beside the target and renamed over it (a new inode), never rewritten in place, and
        // nothing left beside it.
        QVERIFY(inodeOf(path) != before);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("saved.py")});
        QCOMPARE(window->windowTitle(), QStringLiteral("saved.py — aliasview"));
        QVERIFY(window->autosave().pending().empty());
    }

    void failedSaveLeavesTheFileUntouched()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("kept.py"));
        const QByteArray old = "old contents\n";
        QVERIFY(writeBytes(path, old));

        auto window = newWindow();
        window->openText(walkthroughText(), kWalkthroughName);
        typeAtEnd(*window, QStringLiteral("print(C)\n"));
        QVERIFY(window->editor()->toPlainText().toUtf8().size() > 512);

        // Files may grow to 256 bytes only: the save fails half-way through writing the script (Qt 6.4's
        // QSaveFile::commit renamed the truncated file over the target).
        MessageBoxAnswerer ok(QMessageBox::Ok);
        bool savedOk = true;
        {
            const FileSizeLimit limit(256);
            QVERIFY(limit.active);
            savedOk = window->saveTo(path);
        }

        QVERIFY(!savedOk);
        QVERIFY(ok.asked);  // the user is told
        QCOMPARE(fileBytes(path), old);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("kept.py")});
        // Still unsaved.
        QVERIFY(window->windowTitle().startsWith(QLatin1Char('*')));

        // A folder that does not exist: refused too, and nothing is created.
        MessageBoxAnswerer ok2(QMessageBox::Ok);
        QVERIFY(!window->saveTo(folder.filePath(QStringLiteral("missing/elsewhere.py"))));
        QVERIFY(ok2.asked);
        QVERIFY(!QFile::exists(folder.filePath(QStringLiteral("missing"))));
    }

    void notATraceIsRefused()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeBytes(path, "{\"version\": 1, \"steps\": [}"));
        auto window = newWindow();
        window->openText(walkthroughText(), kWalkthroughName);
        window->step();
        const int at = window->controller()->currentStep();
        MessageBoxAnswerer ok(QMessageBox::Ok);
        QVERIFY(!window->openPath(path));
        QVERIFY(ok.asked);
        QCOMPARE(window->editor()->toPlainText(), walkthroughText());
        QVERIFY(!window->controller()->isReadOnly());
        QCOMPARE(window->controller()->currentStep(), at);
    }

    void engineTraceOpensReadOnly()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("walkthrough.json"));
        const engine::Trace trace = engine::Session().record(kWalkthroughName.toStdString(), walkthroughText().toStdString());
        QVERIFY(writeBytes(path, QByteArray::fromStdString(engine::writeTraceJson(trace, 1))));
        auto window = newWindow();
        QVERIFY(window->openPath(path));
        QVERIFY(window->controller()->isReadOnly());
        QVERIFY(window->editor()->isReadOnly());
        QVERIFY(window->windowTitle().contains(QStringLiteral("read-only")));
        QCOMPARE(window->controller()->stepCount(), static_cast<int>(trace.steps.size()));
        window->runToEnd();
        QCOMPARE(snapshotJson(*window->controller()->snapshot()), snapshotJson(trace.steps.back()));
        // The palette offers nothing on a read-only trace.
        window->scene()->card(objectIdNamed(trace.steps.back(), "A"))->setSelected(true);
        QVERIFY(window->operationsForSelection().empty());
        // And opening a script afterwards makes it editable again.
        window->openText(walkthroughText(), kWalkthroughName);
        QVERIFY(!window->controller()->isReadOnly());
        QVERIFY(!window->editor()->isReadOnly());
    }
};

AV_GUI_TEST_MAIN(TestFiles)
#include "tst_files.moc"
