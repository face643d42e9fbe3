// The differential trace test: every script of tests/trace/scripts/ and tests/corpus/ is traced by
// `aliasview trace` and by tools/trace_torch.py (real PyTorch and NumPy under sys.settrace), and the two
// traces must agree step by step: the lines, the output, the errors, the names, which names share a buffer
// or a storage, and each array's dtype, shape, strides, offsets, values, flags, version and autograd state,
// and which cells each step changed.

#include "tests/engine/tracetesthelpers.h"
#include "tests/support/testmain.h"

#include <QDirIterator>

using namespace av::test;

class TestTrace : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!realLibrariesAvailable())
            QSKIP("/usr/bin/python3 has no torch and numpy: nothing to compare with");
    }

    void engineTraceMatchesRealPython_data()
    {
        QTest::addColumn<QString>("script");
        // AV_TRACE_SCRIPTS adds folders (separated by ':') to compare on, for scripts outside the tree.
        QStringList folders{sourcePath(QStringLiteral("tests/trace/scripts")), sourcePath(QStringLiteral("tests/corpus"))};
        folders << qEnvironmentVariable("AV_TRACE_SCRIPTS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
        QStringList scripts;
        for (const QString& folder : folders) {
            QDirIterator it(folder, {QStringLiteral("*.py")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                scripts << it.next();
        }
        scripts.sort();
        const QDir root(QStringLiteral(AV_SOURCE_DIR));
        for (const QString& script : scripts)
            QTest::newRow(qPrintable(root.relativeFilePath(script))) << script;
    }

    void engineTraceMatchesRealPython()
    {
        QFETCH(QString, script);
        const TracePair pair = traceBoth(script);
        QVERIFY2(pair.real.problem.isEmpty(), qPrintable(pair.real.problem));
        QVERIFY2(pair.engine.problem.isEmpty(), qPrintable(pair.engine.problem));
        QCOMPARE(pair.engine.exitCode, pair.real.exitCode);
        const TraceComparison comparison(*pair.engine.trace, *pair.real.trace);
        QVERIFY2(comparison.differences().isEmpty(), qPrintable(comparison.report()));
    }

    // The comparison itself must be able to fail: a trace differs from itself once a value is changed.
    void comparisonSeesAChangedValue()
    {
        const TracePair pair = traceBoth(sourcePath(QStringLiteral("tests/trace/scripts/seed.py")));
        QVERIFY2(pair.real.problem.isEmpty(), qPrintable(pair.real.problem));
        av::engine::Trace altered = *pair.real.trace;
        bool changed = false;
        for (auto& step : altered.steps)
            for (auto& object : step.objects)
                if (object.array && !object.array->values.empty() && !changed) {
                    object.array->values[0] = "42.0";
                    changed = true;
                }
        QVERIFY(changed);
        QVERIFY(TraceComparison(*pair.real.trace, *pair.real.trace).differences().isEmpty());
        const TraceComparison comparison(altered, *pair.real.trace);
        QVERIFY(!comparison.differences().isEmpty());
        QVERIFY2(comparison.report().contains(QStringLiteral("values")), qPrintable(comparison.report()));
    }
};

AV_TEST_MAIN(TestTrace)
#include "tst_trace.moc"
