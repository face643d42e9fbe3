// ui.export: `aliasview export` (the built executable, run with QProcess) on the bundled walkthrough in
// every format, compared with the engine's own Trace: one file or page per step, SVG text that says the
// stable addresses and values, PNGs that are not blank and identical from run to run with
// --stable-addresses, a failing script's last page, and bad arguments.

#include "tests/support/testmain.h"
#include "uitesthelpers.h"

#include "ui/exportrenderer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace av::test::ui;

namespace {

struct Result {
    int exitCode = -1;
    QString stderrText;
};

Result runExport(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));  // the command must pick the offscreen platform itself
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AV_ALIASVIEW_EXE), QStringList{QStringLiteral("export")} + arguments);
    if (!process.waitForFinished(300000))
        return {};
    Result r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.stderrText = QString::fromLocal8Bit(process.readAllStandardError());
    return r;
}

QStringList filesIn(const QString& folder, const QString& suffix)
{
    return QDir(folder).entryList({QStringLiteral("*.") + suffix}, QDir::Files, QDir::Name);
}

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// All text of an SVG's <text> elements, joined by newlines; empty with `ok` false when it is not XML.
QString svgText(const QString& path, bool* ok)
{
    QFile file(path);
    *ok = file.open(QIODevice::ReadOnly);
    if (!*ok)
        return {};
    QXmlStreamReader xml(&file);
    QString text;
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text"))
            ++depth;
        else if (xml.isEndElement() && xml.name() == QLatin1String("text"))
            --depth, text += QLatin1Char('\n');
        else if (xml.isCharacters() && depth > 0)
            text += xml.text();
    }
    *ok = !xml.hasError();
    return text;
}

int pdfPageCount(const QByteArray& pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    int count = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++count;
    return count;
}

QString hex(std::uint64_t value) { return QStringLiteral("0x") + QString::number(value, 16); }

}  // namespace

class TestExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_script;
    av::engine::Trace m_trace;  // the engine's own, with stable addresses

    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_script = path(kWalkthroughName);
        QVERIFY(QFile::copy(kWalkthroughResource, m_script));
        const QString source = walkthroughText();
        av::engine::Session session{av::engine::SessionOptions{}};
        m_trace = av::ui::withStableAddresses(session.record(m_script.toStdString(), source.toStdString()));
        QVERIFY(!m_trace.steps.empty());
        QVERIFY(!m_trace.error);
    }

    void stableAddressesKeepEqualitiesAndOffsets()
    {
        av::engine::Session session{av::engine::SessionOptions{}};
        const av::engine::Trace real = session.record(m_script.toStdString(), walkthroughText().toStdString());
        QCOMPARE(real.steps.size(), m_trace.steps.size());
        std::set<std::uint64_t> seen;
        for (std::size_t s = 0; s < real.steps.size(); ++s) {
            const auto& a = real.steps[s];
            const auto& b = m_trace.steps[s];
            QCOMPARE(a.buffers.size(), b.buffers.size());
            for (std::size_t i = 0; i < a.buffers.size(); ++i) {
                QVERIFY(b.buffers[i].address % 0x1000 == 0 && b.buffers[i].address >= 0x1000);
                seen.insert(b.buffers[i].address);
            }
            for (std::size_t i = 0; i < a.objects.size(); ++i) {
                if (!a.objects[i].array)
                    continue;
                const auto& x = *a.objects[i].array;
                const auto& y = *b.objects[i].array;
                QCOMPARE(y.dataPtr - y.bufferByteOffset, [&] {
                    for (const auto& buffer : b.buffers)
                        if (buffer.id == y.buffer)
                            return buffer.address;
                    return std::uint64_t(0);
                }());
                for (std::size_t j = 0; j < a.objects.size(); ++j)
                    if (a.objects[j].array)
                        QCOMPARE(x.dataPtr == a.objects[j].array->dataPtr, y.dataPtr == b.objects[j].array->dataPtr);
            }
        }
        QVERIFY(seen.count(0x1000));
    }

    void pngEveryStep()
    {
        const QString out = path(QStringLiteral("png"));
        const Result r = runExport({m_script, QStringLiteral("-o"), out, QStringLiteral("--all"), QStringLiteral("--format"),
                                    QStringLiteral("png"), QStringLiteral("--stable-addresses")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const QStringList files = filesIn(out, QStringLiteral("png"));
        QCOMPARE(files.size(), static_cast<qsizetype>(m_trace.steps.size()));
        QCOMPARE(files.first(), QStringLiteral("step-001.png"));
        for (const QString& name : files) {
            const QImage image(QDir(out).filePath(name));
            QVERIFY2(!image.isNull(), qPrintable(name));
            const QRgb background = image.pixel(0, 0);
            bool drawn = false;
            for (int y = 0; y < image.height() && !drawn; y += 3)
                for (int x = 0; x < image.width() && !drawn; x += 3)
                    drawn = image.pixel(x, y) != background;
            QVERIFY2(drawn, qPrintable(name + QStringLiteral(" is blank")));
        }
    }

    void pngStableAddressesAreByteIdentical()
    {
        const QString first = path(QStringLiteral("png"));  // from pngEveryStep
        const QString second = path(QStringLiteral("png2"));
        const Result r = runExport({m_script, QStringLiteral("-o"), second, QStringLiteral("--all"), QStringLiteral("--format"),
                                    QStringLiteral("png"), QStringLiteral("--stable-addresses")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const QStringList files = filesIn(first, QStringLiteral("png"));
        QCOMPARE(filesIn(second, QStringLiteral("png")), files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files)
            QVERIFY2(bytesOf(QDir(first).filePath(name)) == bytesOf(QDir(second).filePath(name)), qPrintable(name));
    }

    void svgEveryStepIsXmlWithText()
    {
        const QString out = path(QStringLiteral("svg"));
        const Result r = runExport({m_script, QStringLiteral("-o"), out, QStringLiteral("--all"), QStringLiteral("--format"),
                                    QStringLiteral("svg"), QStringLiteral("--stable-addresses"), QStringLiteral("--theme"),
                                    QStringLiteral("print")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const QStringList files = filesIn(out, QStringLiteral("svg"));
        QCOMPARE(files.size(), static_cast<qsizetype>(m_trace.steps.size()));
        for (int i = 0; i < files.size(); ++i) {
            bool ok = false;
            const QString text = svgText(QDir(out).filePath(files.at(i)), &ok);
            QVERIFY2(ok, qPrintable(files.at(i) + QStringLiteral(" is not XML")));
            const av::engine::Snapshot& step = m_trace.steps[static_cast<std::size_t>(i)];
            for (const av::engine::SnapshotBuffer& buffer : step.buffers)
                QVERIFY2(text.contains(hex(buffer.address)), qPrintable(files.at(i) + QStringLiteral(": no ") + hex(buffer.address)));
            for (const av::engine::SnapshotObject& object : step.objects)
                if (object.array && !object.array->values.empty())
                    QVERIFY2(text.contains(QString::fromStdString(object.array->values.back())),
                             qPrintable(files.at(i) + QStringLiteral(": no value ") + QString::fromStdString(object.array->values.back())));
        }
        // The last figure shows both buffers of the walkthrough: A's (B and C see it) and D's copy.
        bool ok = false;
        const QString last = svgText(QDir(out).filePath(files.last()), &ok);
        QVERIFY(last.contains(QStringLiteral("0x1000")));
        QVERIFY(last.contains(QStringLiteral("0x2000")));
    }

    void pdfOnePagePerStep()
    {
        const QString out = path(QStringLiteral("walkthrough.pdf"));
        const Result r = runExport({m_script, QStringLiteral("-o"), out, QStringLiteral("--all"), QStringLiteral("--stable-addresses")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const QByteArray pdf = bytesOf(out);
        QVERIFY(pdf.startsWith("%PDF"));
        QCOMPARE(pdfPageCount(pdf), static_cast<int>(m_trace.steps.size()));
    }

    void singleStepAndChinese()
    {
        // The step of `A = torch.arange(...)`, whose zh: comment speaks of its buffer (缓冲区).
        const int line = lineOf(walkthroughText(), QStringLiteral("A = torch.arange(12, dtype=torch.float32).reshape((3, 4))"));
        QVERIFY(line > 0);
        int step = 0;
        while (step < static_cast<int>(m_trace.steps.size()) && m_trace.steps[static_cast<std::size_t>(step)].line != line)
            ++step;
        QVERIFY(step < static_cast<int>(m_trace.steps.size()));
        const QString out = path(QStringLiteral("stepA.svg"));
        const Result r = runExport({m_script, QStringLiteral("-o"), out, QStringLiteral("--step"), QString::number(step + 1),
                                    QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--scale"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        bool ok = false;
        const QString text = svgText(out, &ok);
        QVERIFY(ok);
        QVERIFY2(text.contains(QStringLiteral("缓冲区")), qPrintable(text.left(2000)));  // the zh: narration
        const QString png = path(QStringLiteral("step1.png"));
        QCOMPARE(runExport({m_script, QStringLiteral("-o"), png, QStringLiteral("--step"), QStringLiteral("1"), QStringLiteral("--scale"),
                            QStringLiteral("2")}).exitCode, 0);
        const QString png1 = path(QStringLiteral("step1x1.png"));
        QCOMPARE(runExport({m_script, QStringLiteral("-o"), png1, QStringLiteral("--step"), QStringLiteral("1")}).exitCode, 0);
        QCOMPARE(QImage(png).width(), QImage(png1).width() * 2);
    }

    void failingScriptEndsWithTheError()
    {
        const QString script = path(QStringLiteral("fails.py"));
        const QByteArray source = "import torch\nx = torch.zeros(4)\ny = x.view(2, 2)\nz = x.view(3)\nprint('never')\n";
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(source);
        }
        av::engine::Session session{av::engine::SessionOptions{}};
        const av::engine::Trace trace = session.record(script.toStdString(), source.toStdString());
        QVERIFY(trace.error);
        const QString out = path(QStringLiteral("fails"));
        const Result r = runExport({script, QStringLiteral("-o"), out, QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(r.exitCode, 1);
        const QStringList files = filesIn(out, QStringLiteral("svg"));
        QCOMPARE(files.size(), static_cast<qsizetype>(trace.steps.size() + 1));
        bool ok = false;
        const QString text = svgText(QDir(out).filePath(files.last()), &ok);
        QVERIFY(ok);
        QVERIFY2(text.contains(QString::fromStdString(trace.error->type)), qPrintable(text.left(2000)));

        const QString pdf = path(QStringLiteral("fails.pdf"));
        QCOMPARE(runExport({script, QStringLiteral("-o"), pdf}).exitCode, 1);
        QCOMPARE(pdfPageCount(bytesOf(pdf)), static_cast<int>(trace.steps.size() + 1));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("x.png");
        QTest::newRow("no -o") << QStringList{QStringLiteral("SCRIPT")} << QStringLiteral("-o OUT");
        QTest::newRow("no script") << QStringList{QStringLiteral("-o"), out} << QStringLiteral("which script");
        QTest::newRow("bad format") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--format"), QStringLiteral("gif")}
                                    << QStringLiteral("--format");
        QTest::newRow("unknown suffix") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), QStringLiteral("x.gif")}
                                        << QStringLiteral("which format");
        QTest::newRow("step 0") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--step"), QStringLiteral("0")}
                                << QStringLiteral("--step");
        QTest::newRow("step past the end") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--step"), QStringLiteral("9999")}
                                           << QStringLiteral("past the last step");
        QTest::newRow("step and all") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--step"), QStringLiteral("1"),
                                                     QStringLiteral("--all")}
                                      << QStringLiteral("exclude");
        QTest::newRow("bad scale") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--scale"), QStringLiteral("big")}
                                   << QStringLiteral("--scale");
        QTest::newRow("bad lang") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--lang"), QStringLiteral("fr")}
                                  << QStringLiteral("--lang");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("SCRIPT"), QStringLiteral("-o"), out, QStringLiteral("--frobnicate")}
                                        << QStringLiteral("unknown option");
        QTest::newRow("missing script") << QStringList{QStringLiteral("/nonexistent/missing.py"), QStringLiteral("-o"), out}
                                        << QStringLiteral("can't open file");
    }

    void badArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        for (QString& a : arguments) {
            if (a == QStringLiteral("SCRIPT"))
                a = m_script;
            else if (a.endsWith(QStringLiteral(".png")) || a.endsWith(QStringLiteral(".gif")))
                a = path(QStringLiteral("bad-") + a);
        }
        const Result r = runExport(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.stderrText.contains(message), qPrintable(r.stderrText));
        QVERIFY(!QFile::exists(path(QStringLiteral("bad-x.png"))));
    }

    // The app's Export walkthrough… cancelled part-way: the PDF is written through QSaveFile, so the target
    // keeps its old bytes (or stays absent) and nothing half-written is left beside it.
    void cancelledPdfLeavesNoHalfWrittenFile()
    {
        av::ui::ExportRenderer renderer(m_trace, av::ui::ExportOptions{});
        const QString target = path(QStringLiteral("cancelled.pdf"));
        int pagesSeen = 0;
        QString error;
        QVERIFY(!renderer.savePdf(target, 0, static_cast<int>(m_trace.steps.size()) - 1, &error,
                                  [&pagesSeen](int) { return ++pagesSeen < 3; }));
        QCOMPARE(pagesSeen, 3);
        QVERIFY(!QFile::exists(target));
        {
            QFile previous(target);
            QVERIFY(previous.open(QIODevice::WriteOnly));
            previous.write("previous export");
        }
        pagesSeen = 0;
        QVERIFY(!renderer.savePdf(target, 0, static_cast<int>(m_trace.steps.size()) - 1, &error,
                                  [&pagesSeen](int) { return ++pagesSeen < 2; }));
        QCOMPARE(bytesOf(target), QByteArray("previous export"));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("cancelled.pdf*")}, QDir::Files),
                 QStringList{QStringLiteral("cancelled.pdf")});
        // And without cancelling it completes, with every page.
        QVERIFY2(renderer.savePdf(target, 0, static_cast<int>(m_trace.steps.size()) - 1, &error), qPrintable(error));
        QCOMPARE(pdfPageCount(bytesOf(target)), static_cast<int>(m_trace.steps.size()));
    }
};

AV_GUI_TEST_MAIN(TestExport)
#include "tst_export.moc"
