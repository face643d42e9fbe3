// The differential corpus: every tests/corpus/**/*.py script runs under `aliasview run`, and its stdout
// (byte for byte), the last line of its stderr and its exit status must equal SCRIPT.expected.json, which
// real PyTorch and NumPy produced (tools/make_corpus_expectations.py). When /usr/bin/python3 has torch,
// the real libraries run the whole corpus again first, and an expectation that drifted from them fails.
// The seed's script prints id() values and addresses, so it has its own checks against seed.expected.txt.

#include "tests/support/testmain.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCorpusDir = QStringLiteral(AV_CORPUS_DIR);
const QString kAliasview = QStringLiteral(AV_ALIASVIEW);
const QString kTool = QStringLiteral(AV_EXPECTATIONS_TOOL);
const QString kRealPython = QStringLiteral(AV_REAL_PYTHON);
const QString kSeedScript = QStringLiteral("seed/seed.py");

struct RunResult {
    QByteArray stdoutText;
    QByteArray stderrText;
    int exitStatus = -1;
    bool crashed = false;
    bool timedOut = false;
};

QString lastLine(const QByteArray& text)
{
    QString s = QString::fromUtf8(text);
    while (s.endsWith(QLatin1Char('\n')))
        s.chop(1);
    const qsizetype at = s.lastIndexOf(QLatin1Char('\n'));
    return at < 0 ? s : s.mid(at + 1);
}

// Runs `aliasview run NAME.py` in the script's directory, as the expectations ran `python3 NAME.py`.
RunResult runAliasview(const QString& scriptPath, int timeoutMs = 120000)
{
    const QFileInfo info(scriptPath);
    QProcess process;
    process.setWorkingDirectory(info.absolutePath());
    process.start(kAliasview, {QStringLiteral("run"), info.fileName()});
    RunResult result;
    if (!process.waitForStarted(30000)) {
        result.crashed = true;
        result.stderrText = "aliasview did not start: " + process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.timedOut = true;
    }
    result.stdoutText = process.readAllStandardOutput();
    result.stderrText = process.readAllStandardError();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitStatus = process.exitCode();
    return result;
}

// "12: UserWarning: text" for each warning stderr shows (its path part differs between runs), as
// tools/make_corpus_expectations.py records them.
QStringList warningsIn(const QByteArray& stderrText)
{
    static const QRegularExpression warningLine(QStringLiteral("^.*:(\\d+): ([A-Za-z_.]*Warning): (.*)$"));
    QStringList found;
    for (const QString& line : QString::fromUtf8(stderrText).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = warningLine.match(line);
        if (match.hasMatch())
            found << match.captured(1) + QStringLiteral(": ") + match.captured(2) + QStringLiteral(": ") + match.captured(3);
    }
    return found;
}

// The line the last '  File "x.py", line 7' of a traceback or SyntaxError names; 0 when there is none.
int errorLineIn(const QByteArray& stderrText)
{
    static const QRegularExpression fileLine(QStringLiteral("^  File \".*\", line (\\d+)"));
    int line = 0;
    for (const QString& text : QString::fromUtf8(stderrText).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = fileLine.match(text);
        if (match.hasMatch())
            line = match.captured(1).toInt();
    }
    return line;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

QJsonObject readJson(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object: %2").arg(path, parseError.errorString());
        return {};
    }
    return document.object();
}

// The first line where two texts differ, both versions shown, for a failure message a person can act on.
QString firstDifference(const QString& expected, const QString& actual)
{
    const QStringList e = expected.split(QLatin1Char('\n'));
    const QStringList a = actual.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
        const QString el = i < e.size() ? e[i] : QStringLiteral("<end of output>");
        const QString al = i < a.size() ? a[i] : QStringLiteral("<end of output>");
        if (el != al)
            return QStringLiteral("line %1:\n  expected: %2\n  actual:   %3").arg(i + 1).arg(el, al);
    }
    return QStringLiteral("(they differ only in the final newline)");
}

QString expectationPathOf(const QString& scriptPath)
{
    QString path = scriptPath;
    path.chop(3);  // ".py"
    return path + QStringLiteral(".expected.json");
}

// Every corpus script, as a path relative to tests/corpus, in a stable order.
QStringList corpusScripts()
{
    QStringList scripts;
    QDirIterator it(kCorpusDir, {QStringLiteral("*.py")}, QDir::Files, QDirIterator::Subdirectories);
    const QDir root(kCorpusDir);
    while (it.hasNext())
        scripts << root.relativeFilePath(it.next());
    // The bundled walkthroughs are judged like any corpus script ("../../resources/walkthroughs/x.py").
    QDirIterator walkthroughs(QStringLiteral(AV_WALKTHROUGHS_DIR), {QStringLiteral("*.py")}, QDir::Files);
    while (walkthroughs.hasNext())
        scripts << root.relativeFilePath(walkthroughs.next());
    scripts.sort();
    return scripts;
}

bool isSeedScript(const QString& relative) { return relative.startsWith(QStringLiteral("seed/")); }

// The seed's last four lines print `id(x) address`; everything else must match seed.expected.txt exactly.
struct SeedOutput {
    QStringList fixedLines;
    QList<qulonglong> ids;
    QList<qulonglong> addresses;
    QString problem;
};

SeedOutput splitSeedOutput(const QString& text)
{
    SeedOutput out;
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.size() < 4) {
        out.problem = QStringLiteral("fewer than four lines");
        return out;
    }
    static const QRegularExpression pointerLine(QStringLiteral("^(\\d+) (\\d+)$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i < lines.size() - 4) {
            out.fixedLines << lines[i];
            continue;
        }
        const QRegularExpressionMatch match = pointerLine.match(lines[i]);
        if (!match.hasMatch()) {
            out.problem = QStringLiteral("line %1 is not 'id address': %2").arg(i + 1).arg(lines[i]);
            return out;
        }
        out.ids << match.captured(1).toULongLong();
        out.addresses << match.captured(2).toULongLong();
    }
    return out;
}

}  // namespace

class TestCorpus : public QObject {
    Q_OBJECT

private:
    bool m_haveRealLibraries = false;
    QString m_realRunProblem;
    QJsonObject m_real;  // relative path -> {"stdout", "stderr_last_line", "exit_status"} from real PyTorch

    void checkSeedText(const QString& text, const char* who);

private slots:
    void initTestCase();
    void corpusHasScripts();
    void scriptPrintsWhatRealPyTorchPrints_data();
    void scriptPrintsWhatRealPyTorchPrints();
    void committedExpectationMatchesRealPyTorch_data();
    void committedExpectationMatchesRealPyTorch();
    void seedPrintsTheExpectedTextApartFromIdsAndAddresses();
    void seedPointerLinesShowABAndCAtOneAddressAndDAtAnother();
    void realPyTorchStillPrintsTheSeedsExpectedText();
    void otherImportsRaiseAClearImportError();
};

void TestCorpus::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kAliasview), qPrintable(QStringLiteral("no aliasview at ") + kAliasview));
    if (!QFileInfo::exists(kRealPython)) {
        m_realRunProblem = kRealPython + QStringLiteral(" is missing");
        return;
    }
    // One Python process imports torch once and forks a child per script (importing torch takes seconds).
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString jsonPath = tmp.filePath(QStringLiteral("real.json"));
    QProcess python;
    python.start(kRealPython, {kTool, QStringLiteral("--all"), QStringLiteral("--json"), jsonPath});
    QVERIFY2(python.waitForStarted(30000), qPrintable(python.errorString()));
    if (!python.waitForFinished(1500 * 1000)) {
        python.kill();
        python.waitForFinished();
        QFAIL("the real libraries did not finish the corpus within 25 minutes");
    }
    if (python.exitCode() == 3) {  // the tool's code for "this python has no torch or numpy"
        m_realRunProblem = QString::fromUtf8(python.readAllStandardError()).trimmed();
        return;
    }
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             qPrintable(QStringLiteral("make_corpus_expectations.py failed:\n") + QString::fromUtf8(python.readAllStandardError())));
    QString error;
    m_real = readJson(jsonPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_haveRealLibraries = true;
}

void TestCorpus::corpusHasScripts()
{
    const QStringList scripts = corpusScripts();
    QVERIFY2(scripts.size() >= 60, qPrintable(QStringLiteral("only %1 corpus scripts").arg(scripts.size())));
    QVERIFY(scripts.contains(kSeedScript));
}

void TestCorpus::scriptPrintsWhatRealPyTorchPrints_data()
{
    QTest::addColumn<QString>("script");
    for (const QString& script : corpusScripts())
        if (!isSeedScript(script))
            QTest::newRow(qPrintable(script)) << script;
}

void TestCorpus::scriptPrintsWhatRealPyTorchPrints()
{
    QFETCH(QString, script);
    const QString path = kCorpusDir + QLatin1Char('/') + script;
    QString error;
    const QJsonObject expected = readJson(expectationPathOf(path), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + QStringLiteral(
                                             "\n(run /usr/bin/python3 tools/make_corpus_expectations.py to record it)")));

    const RunResult run = runAliasview(path);
    QVERIFY2(!run.timedOut, "aliasview run did not finish within two minutes");
    QVERIFY2(!run.crashed, qPrintable(QStringLiteral("aliasview crashed; stderr:\n") + QString::fromUtf8(run.stderrText)));

    const QString expectedStdout = expected.value(QStringLiteral("stdout")).toString();
    const QString actualStdout = QString::fromUtf8(run.stdoutText);
    QVERIFY2(run.stdoutText == expectedStdout.toUtf8(),
             qPrintable(QStringLiteral("stdout differs at ") + firstDifference(expectedStdout, actualStdout) +
                        QStringLiteral("\nstderr:\n") + QString::fromUtf8(run.stderrText)));
    const QString expectedLast = expected.value(QStringLiteral("stderr_last_line")).toString();
    QVERIFY2(lastLine(run.stderrText) == expectedLast,
             qPrintable(QStringLiteral("last stderr line\n  expected: %1\n  actual:   %2\nwhole stderr:\n%3")
                            .arg(expectedLast, lastLine(run.stderrText), QString::fromUtf8(run.stderrText))));
    QVERIFY2(errorLineIn(run.stderrText) == expected.value(QStringLiteral("error_line")).toInt(),
             qPrintable(QStringLiteral("the traceback points at line %1, real Python at line %2\nwhole stderr:\n%3")
                            .arg(errorLineIn(run.stderrText))
                            .arg(expected.value(QStringLiteral("error_line")).toInt())
                            .arg(QString::fromUtf8(run.stderrText))));
    const QStringList expectedWarnings = stringList(expected.value(QStringLiteral("warnings")));
    QVERIFY2(warningsIn(run.stderrText) == expectedWarnings,
             qPrintable(QStringLiteral("warnings\n  expected: %1\n  actual:   %2")
                            .arg(expectedWarnings.join(QStringLiteral(" | ")), warningsIn(run.stderrText).join(QStringLiteral(" | ")))));
    QCOMPARE(run.exitStatus, expected.value(QStringLiteral("exit_status")).toInt(-1));
}

void TestCorpus::committedExpectationMatchesRealPyTorch_data()
{
    scriptPrintsWhatRealPyTorchPrints_data();
}

void TestCorpus::committedExpectationMatchesRealPyTorch()
{
    QFETCH(QString, script);
    if (!m_haveRealLibraries)
        QSKIP(qPrintable(QStringLiteral("no real PyTorch to compare with: ") + m_realRunProblem));
    QString error;
    const QJsonObject committed = readJson(expectationPathOf(kCorpusDir + QLatin1Char('/') + script), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject real = m_real.value(script).toObject();
    QVERIFY2(!real.isEmpty(), "the real run has no result for this script");
    const QString hint = QStringLiteral("\nthe committed expectation drifted from real PyTorch: rerun "
                                        "/usr/bin/python3 tools/make_corpus_expectations.py and review the diff");
    const QString committedStdout = committed.value(QStringLiteral("stdout")).toString();
    const QString realStdout = real.value(QStringLiteral("stdout")).toString();
    QVERIFY2(committedStdout == realStdout, qPrintable(QStringLiteral("stdout differs at ") +
                                                       firstDifference(committedStdout, realStdout) + hint));
    QVERIFY2(committed.value(QStringLiteral("stderr_last_line")) == real.value(QStringLiteral("stderr_last_line")),
             qPrintable(QStringLiteral("last stderr line: committed '%1', real '%2'")
                            .arg(committed.value(QStringLiteral("stderr_last_line")).toString(),
                                 real.value(QStringLiteral("stderr_last_line")).toString()) +
                        hint));
    QVERIFY2(committed.value(QStringLiteral("error_line")) == real.value(QStringLiteral("error_line")),
             qPrintable(QStringLiteral("error line: committed %1, real %2")
                            .arg(committed.value(QStringLiteral("error_line")).toInt())
                            .arg(real.value(QStringLiteral("error_line")).toInt()) +
                        hint));
    QVERIFY2(committed.value(QStringLiteral("warnings")) == real.value(QStringLiteral("warnings")),
             qPrintable(QStringLiteral("warnings: committed '%1', real '%2'")
                            .arg(stringList(committed.value(QStringLiteral("warnings"))).join(QStringLiteral(" | ")),
                                 stringList(real.value(QStringLiteral("warnings"))).join(QStringLiteral(" | "))) +
                        hint));
    QVERIFY2(committed.value(QStringLiteral("exit_status")) == real.value(QStringLiteral("exit_status")),
             qPrintable(QStringLiteral("exit status: committed %1, real %2")
                            .arg(committed.value(QStringLiteral("exit_status")).toInt())
                            .arg(real.value(QStringLiteral("exit_status")).toInt()) +
                        hint));
}

void TestCorpus::checkSeedText(const QString& text, const char* who)
{
    QFile file(kCorpusDir + QStringLiteral("/seed/seed.expected.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const SeedOutput expected = splitSeedOutput(QString::fromUtf8(file.readAll()));
    QVERIFY2(expected.problem.isEmpty(), qPrintable(expected.problem));
    const SeedOutput actual = splitSeedOutput(text);
    QVERIFY2(actual.problem.isEmpty(), qPrintable(QString::fromLatin1(who) + QStringLiteral(": ") + actual.problem));
    QVERIFY2(actual.fixedLines == expected.fixedLines,
             qPrintable(QString::fromLatin1(who) + QStringLiteral(" differs from seed.expected.txt at ") +
                        firstDifference(expected.fixedLines.join(QLatin1Char('\n')), actual.fixedLines.join(QLatin1Char('\n')))));
    // A, B and C share one buffer; D = torch.tensor(B) copied it.
    QCOMPARE(actual.addresses.size(), 4);
    QVERIFY2(actual.addresses[0] == actual.addresses[1] && actual.addresses[1] == actual.addresses[2],
             qPrintable(QStringLiteral("%1: A, B and C should print one address: %2 %3 %4")
                            .arg(QString::fromLatin1(who))
                            .arg(actual.addresses[0])
                            .arg(actual.addresses[1])
                            .arg(actual.addresses[2])));
    QVERIFY2(actual.addresses[3] != actual.addresses[0],
             qPrintable(QStringLiteral("%1: D should print another address than A").arg(QString::fromLatin1(who))));
    for (const qulonglong value : actual.ids + actual.addresses)
        QVERIFY2(value > 0, "ids and addresses are positive");
}

void TestCorpus::seedPrintsTheExpectedTextApartFromIdsAndAddresses()
{
    const RunResult run = runAliasview(kCorpusDir + QLatin1Char('/') + kSeedScript);
    QVERIFY2(!run.crashed && !run.timedOut, qPrintable(QString::fromUtf8(run.stderrText)));
    QVERIFY2(run.exitStatus == 0, qPrintable(QString::fromUtf8(run.stderrText)));
    QVERIFY2(run.stderrText.isEmpty(), qPrintable(QString::fromUtf8(run.stderrText)));
    checkSeedText(QString::fromUtf8(run.stdoutText), "aliasview");
}

void TestCorpus::seedPointerLinesShowABAndCAtOneAddressAndDAtAnother()
{
    // The pointers are the engine's real addresses: the buffer of A, B and C is one allocation, D's another.
    const RunResult run = runAliasview(kCorpusDir + QLatin1Char('/') + kSeedScript);
    const SeedOutput out = splitSeedOutput(QString::fromUtf8(run.stdoutText));
    QVERIFY2(out.problem.isEmpty(), qPrintable(out.problem));
    QCOMPARE(out.addresses[0], out.addresses[1]);
    QCOMPARE(out.addresses[1], out.addresses[2]);
    QVERIFY(out.addresses[3] != out.addresses[0]);
    // B's id is the array object's; A's storage() is a fresh object each call, so it cannot be B's.
    QVERIFY(out.ids[1] != out.ids[0]);
}

void TestCorpus::realPyTorchStillPrintsTheSeedsExpectedText()
{
    if (!m_haveRealLibraries)
        QSKIP(qPrintable(QStringLiteral("no real PyTorch to compare with: ") + m_realRunProblem));
    const QJsonObject real = m_real.value(kSeedScript).toObject();
    QCOMPARE(real.value(QStringLiteral("exit_status")).toInt(-1), 0);
    checkSeedText(real.value(QStringLiteral("stdout")).toString(), "real PyTorch");
}

void TestCorpus::otherImportsRaiseAClearImportError()
{
    // Real Python imports os; aliasview refuses it in its own words (a script cannot touch files or
    // processes), so this case cannot be a corpus script with an expectation from real Python.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("imports_os.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import torch\nprint('before')\nimport os\nprint('after')\n");
    file.close();
    const RunResult run = runAliasview(path);
    QCOMPARE(run.stdoutText, QByteArray("before\n"));
    QCOMPARE(lastLine(run.stderrText), QStringLiteral("ImportError: aliasview runs torch and numpy code only: cannot import 'os'"));
    QVERIFY(run.stderrText.startsWith("Traceback (most recent call last):\n"));
    QCOMPARE(run.exitStatus, 1);
}

AV_TEST_MAIN(TestCorpus)
#include "tst_corpus.moc"
