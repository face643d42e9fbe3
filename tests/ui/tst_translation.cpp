// The Simplified Chinese translation: the .qm compiled into the UI library (resources/CMakeLists.txt,
// qt_add_translations with prefix /i18n) loads, the .ts in the source tree has every message translated
// (no type="unfinished"), the translator gives back what the .ts says, and View → Language switches the
// window's menus to Chinese and back.

#include "tests/support/testmain.h"
#include "tests/ui/uitesthelpers.h"

#include "ui/language.h"

#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace av::test::ui;
using av::ui::MainWindow;

namespace {

const QString kQm = QStringLiteral(":/i18n/aliasview_zh_CN.qm");
const QString kTs = QStringLiteral("resources/translations/aliasview_zh_CN.ts");

struct TsMessage {
    QString context;
    QString source;
    QString comment;
    QString translation;
    QString type;  // "unfinished", "vanished", "obsolete" or empty
    bool numerus = false;
};

std::vector<TsMessage> readTs(const QString& path, QString* error)
{
    std::vector<TsMessage> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                message = TsMessage{context, {}, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
            } else if (name == QLatin1String("source"))
                message.source = xml.readElementText();
            else if (name == QLatin1String("comment"))
                message.comment = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.push_back(message);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

}  // namespace

class TestTranslation : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { av::ui::applyLanguage(QStringLiteral("en")); }

    void compiledTranslationLoads()
    {
        QVERIFY(QFile::exists(kQm));
        QTranslator translator;
        QVERIFY(translator.load(kQm));
        QCOMPARE(translator.language(), QStringLiteral("zh_CN"));
    }

    void everyMessageIsTranslated()
    {
        QString error;
        const std::vector<TsMessage> messages = readTs(sourcePath(kTs), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList unfinished;
        int live = 0;
        for (const TsMessage& m : messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                continue;
            ++live;
            if (m.type == QLatin1String("unfinished") || m.translation.isEmpty())
                unfinished << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY2(unfinished.isEmpty(), qPrintable(QStringLiteral("%1 of %2 messages are not translated, e.g. %3")
                                                      .arg(unfinished.size())
                                                      .arg(live)
                                                      .arg(unfinished.mid(0, 5).join(QStringLiteral("; ")))));
        // An empty .ts has nothing unfinished, and nothing translated either.
        QVERIFY2(live > 0, "resources/translations/aliasview_zh_CN.ts has no messages");
    }

    void everySourceStringIsInTheTs()
    {
        // lupdate (as the .ts was made: ui and app, -no-obsolete) on a copy of the .ts adds the strings the
        // code has and the .ts lacks, as unfinished; none may be.
        QTemporaryDir folder;
        const QString copy = folder.filePath(QStringLiteral("aliasview_zh_CN.ts"));
        QVERIFY(QFile::copy(sourcePath(kTs), copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(sourcePath(QString()));
        lupdate.start(QStringLiteral(AV_LUPDATE), {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("ui"),
                                                   QStringLiteral("app"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString error;
        QStringList missing;
        for (const TsMessage& m : readTs(copy, &error))
            if (m.type == QLatin1String("unfinished"))
                missing << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in the .ts, or not translated: ") + missing.join(QStringLiteral("; "))));
    }

    void translatorAnswersWhatTheTsSays()
    {
        QString error;
        const std::vector<TsMessage> messages = readTs(sourcePath(kTs), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTranslator translator;
        QVERIFY(translator.load(kQm));
        const bool anyFinished = std::any_of(messages.begin(), messages.end(), [](const TsMessage& m) {
            return m.type.isEmpty() && !m.translation.isEmpty();
        });
        if (!anyFinished)
            QSKIP("the .ts translates nothing yet (everyMessageIsTranslated fails for it)");
        int checked = 0;
        for (const TsMessage& m : messages) {
            if (!m.type.isEmpty() || m.numerus || m.translation.isEmpty())
                continue;
            const QString translated = translator.translate(m.context.toUtf8().constData(), m.source.toUtf8().constData(),
                                                            m.comment.isEmpty() ? nullptr : m.comment.toUtf8().constData());
            QCOMPARE(translated, m.translation);
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    void windowSwitchesLanguage()
    {
        // The File menu shows what the .ts says "&File" is in Chinese.
        QString error;
        QString chinese;
        for (const TsMessage& m : readTs(sourcePath(kTs), &error))
            if (m.context == QLatin1String("av::ui::MainWindow") && m.source == QLatin1String("&File") && m.type.isEmpty())
                chinese = m.translation;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        MainWindow window;
        window.setLanguage(QStringLiteral("en"));
        QList<QAction*> menus = window.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        const QString english = menus.first()->text();
        QCOMPARE(english, QStringLiteral("&File"));
        window.openText(walkthroughText(), kWalkthroughName);
        const int line = lineOf(walkthroughText(), QStringLiteral("B += 5"));
        QVERIFY(stepUntilLine(window, line));
        // QApplication posts LanguageChange to the top-level widgets; the window retranslates when it arrives.
        const auto switchTo = [&window](const char* locale) {
            window.setLanguage(QString::fromLatin1(locale));
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        };
        switchTo("zh_CN");
        QCOMPARE(av::ui::currentLanguage(), QStringLiteral("zh_CN"));
        if (chinese.isEmpty()) {
            switchTo("en");
            QSKIP("the .ts has no translation of \"&File\" yet (everyMessageIsTranslated fails for it)");
        }
        QCOMPARE(window.menuBar()->actions().first()->text(), chinese);
        // "What happened" tells the step with the walkthrough's own zh: comment above the line.
        const QStringList lines = walkthroughText().split(QLatin1Char('\n'));
        const QString zh = lines.at(line - 2).trimmed(), en = lines.at(line - 3).trimmed();
        QVERIFY(zh.startsWith(QStringLiteral("# zh:")) && en.startsWith(QStringLiteral("# en:")));
        QVERIFY2(window.whatHappened().contains(zh.mid(5).trimmed()), qPrintable(window.whatHappened()));
        QVERIFY(!window.whatHappened().contains(en.mid(5).trimmed()));
        switchTo("en");
        QCOMPARE(window.menuBar()->actions().first()->text(), english);
        QVERIFY(window.whatHappened().contains(en.mid(5).trimmed()));
    }
};

AV_GUI_TEST_MAIN(TestTranslation)
#include "tst_translation.moc"
