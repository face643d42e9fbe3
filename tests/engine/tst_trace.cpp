// The differential trace test: every script of tests/trace/scripts/ and tests/corpus/ is traced by
// `aliasview trace` and by tools/trace_torch.py (real PyTorch and NumPy under sys.settrace), and the two
// traces must agree step by step: the lines, the output, the errors, the names, which names share a buffer
// or a storage, and each array's dtype, shape, strides, offsets, values, flags, version and autograd state,
// and which cells each step changed (docs/trace-format.md, "Comparing traces").

#include "tests/engine/tracetesthelpers.h"
#include "tests/support/testmain.h"

#include <QDirIterator>
#include <QFile>
#include <QMap>

using namespace av::test;

namespace {

// tests/trace/scripts, tests/corpus, and the folders of AV_TRACE_SCRIPTS (separated by ':'), for scripts
// outside the tree.
QStringList traceScripts()
{
    QStringList folders{sourcePath(QStringLiteral("tests/trace/scripts")), sourcePath(QStringLiteral("tests/corpus")),
                        sourcePath(QStringLiteral("resources/walkthroughs"))};
    folders << qEnvironmentVariable("AV_TRACE_SCRIPTS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    QStringList scripts;
    for (const QString& folder : folders) {
        QDirIterator it(folder, {QStringLiteral("*.py")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            scripts << QFileInfo(it.next()).absoluteFilePath();
    }
    scripts.sort();
    return scripts;
}

// tests/trace/known-differences.txt: "path: why" for scripts whose traces are known to differ.
QMap<QString, QString> knownDifferences()
{
    QMap<QString, QString> known;
    QFile file(sourcePath(QStringLiteral("tests/trace/known-differences.txt")));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return known;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(QStringLiteral(": "));
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')) || colon < 0)
            continue;
        known.insert(trimmed.left(colon), trimmed.mid(colon + 2));
    }
    return known;
}

}  // namespace

class TestTrace : public QObject {
    Q_OBJECT

private:
    QStringList m_scripts;
    QTemporaryDir m_realTraces;  // N.json: real Python's trace of m_scripts[N]
    QString m_batchProblem;

private slots:
    void initTestCase()
    {
        if (!realLibrariesAvailable())
            QSKIP("/usr/bin/python3 has no torch and numpy: nothing to compare with");
        m_scripts = traceScripts();
        // One Python process imports PyTorch once and forks a child per script.
        QProcess batch;
        QStringList arguments{sourcePath(QStringLiteral("tools/trace_torch.py")), QStringLiteral("--batch"), m_realTraces.path()};
        arguments << m_scripts;
        batch.start(QStringLiteral(AV_REAL_PYTHON), arguments);
        if (!batch.waitForFinished(1'200'000)) {
            batch.kill();
            batch.waitForFinished();
            m_batchProblem = QStringLiteral("tools/trace_torch.py --batch did not finish in 20 minutes");
        } else if (batch.exitCode() != 0) {
            m_batchProblem = QStringLiteral("tools/trace_torch.py --batch: ") + QString::fromUtf8(batch.readAllStandardError());
        }
    }

    void engineTraceMatchesRealPython_data()
    {
        QTest::addColumn<int>("index");
        const QDir root(QStringLiteral(AV_SOURCE_DIR));
        for (int i = 0; i < m_scripts.size(); ++i)
            QTest::newRow(qPrintable(root.relativeFilePath(m_scripts[i]))) << i;
    }

    void engineTraceMatchesRealPython()
    {
        QFETCH(int, index);
        const QFileInfo script(m_scripts[index]);
        const QString realPath = m_realTraces.filePath(QStringLiteral("%1.json").arg(index));
        TraceRun real = readTrace(realPath, QStringLiteral("tools/trace_torch.py"));
        if (!real.problem.isEmpty() && !m_batchProblem.isEmpty())
            real.problem += QStringLiteral(" (") + m_batchProblem + QLatin1Char(')');
        QVERIFY2(real.problem.isEmpty(), qPrintable(real.problem));

        QTemporaryDir dir;
        const QString enginePath = dir.filePath(QStringLiteral("engine.json"));
        QProcess engineProcess;
        engineProcess.setWorkingDirectory(script.absolutePath());
        startTracer(engineProcess, QStringLiteral(AV_ALIASVIEW_EXE), {QStringLiteral("trace"), script.fileName(), QStringLiteral("-o"), enginePath});
        const TraceRun engine = finishTrace(engineProcess, enginePath, QStringLiteral("aliasview trace"));
        QVERIFY2(engine.problem.isEmpty(), qPrintable(engine.problem));

        QCOMPARE(engine.trace->exitStatus, real.trace->exitStatus);
        const TraceComparison comparison(*engine.trace, *real.trace);
        const QString relative = QDir(QStringLiteral(AV_SOURCE_DIR)).relativeFilePath(script.absoluteFilePath());
        static const QMap<QString, QString> known = knownDifferences();
        if (known.contains(relative))
            QEXPECT_FAIL("", qPrintable(known.value(relative)), Continue);
        QVERIFY2(comparison.differences().isEmpty(), qPrintable(comparison.report()));
    }

    // The comparison itself must be able to fail: a trace differs from itself once a value is changed.
    void comparisonSeesAChangedValue()
    {
        const int seed = static_cast<int>(m_scripts.indexOf(QFileInfo(sourcePath(QStringLiteral("tests/trace/scripts/seed.py"))).absoluteFilePath()));
        QVERIFY(seed >= 0);
        const TraceRun real = readTrace(m_realTraces.filePath(QStringLiteral("%1.json").arg(seed)), QStringLiteral("tools/trace_torch.py"));
        QVERIFY2(real.problem.isEmpty(), qPrintable(real.problem));
        QVERIFY(TraceComparison(*real.trace, *real.trace).differences().isEmpty());
        av::engine::Trace altered = *real.trace;
        altered.steps.at(9).objects.at(0).array->values.at(0) = "42.0";
        const TraceComparison comparison(altered, *real.trace);
        QVERIFY2(comparison.report().contains(QStringLiteral("values")), qPrintable(comparison.report()));
        altered = *real.trace;
        std::swap(altered.steps.at(3).names.at(0), altered.steps.at(3).names.at(1));
        QVERIFY(!TraceComparison(altered, *real.trace).differences().isEmpty());
    }
};

AV_TEST_MAIN(TestTrace)
#include "tst_trace.moc"
