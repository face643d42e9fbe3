#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace av::ui {

namespace {
std::unique_ptr<QTranslator> g_appTranslator;
std::unique_ptr<QTranslator> g_qtTranslator;
QString g_language = QStringLiteral("en");
}  // namespace

QString defaultLanguage()
{
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString currentLanguage() { return g_language; }

void applyLanguage(const QString& locale)
{
    if (g_appTranslator)
        QCoreApplication::removeTranslator(g_appTranslator.get());
    if (g_qtTranslator)
        QCoreApplication::removeTranslator(g_qtTranslator.get());
    g_appTranslator.reset();
    g_qtTranslator.reset();
    g_language = locale.startsWith(QStringLiteral("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
    if (g_language == QStringLiteral("en")) {
        // Removing translators alone sends no LanguageChange; install an empty one so widgets re-read.
        g_appTranslator = std::make_unique<QTranslator>();
        QCoreApplication::installTranslator(g_appTranslator.get());
        return;
    }
    g_appTranslator = std::make_unique<QTranslator>();
    if (g_appTranslator->load(QStringLiteral(":/i18n/aliasview_zh_CN.qm")))
        QCoreApplication::installTranslator(g_appTranslator.get());
    // Qt's own dialogs (file dialogs, message box buttons) in Chinese too.
    g_qtTranslator = std::make_unique<QTranslator>();
    if (g_qtTranslator->load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(g_qtTranslator.get());
}

}  // namespace av::ui
