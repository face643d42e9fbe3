#pragma once
// Every test executable runs on the same fixed platform and DPI, so results never depend on the machine.

#include <QTest>

#define AV_TEST_MAIN(TestClass)                                                                               \
    int main(int argc, char** argv)                                                                           \
    {                                                                                                         \
        qputenv("QT_QPA_PLATFORM", "offscreen");                                                              \
        qputenv("QT_FONT_DPI", "96");                                                                         \
        QCoreApplication app(argc, argv);                                                                     \
        TestClass test;                                                                                       \
        return QTest::qExec(&test, argc, argv);                                                               \
    }

#if defined(QT_WIDGETS_LIB)
#include <QApplication>
#include <QTemporaryDir>

// Widget tests need a QApplication (QCoreApplication cannot create a widget). They also must never read or
// write the user's settings, recovery files or recent-file list: XDG config, data and cache homes point
// into a folder that lives as long as the test, the system locale is C (English), and the application has
// a name of its own.
#define AV_GUI_TEST_MAIN(TestClass)                                                                           \
    int main(int argc, char** argv)                                                                           \
    {                                                                                                         \
        qputenv("QT_QPA_PLATFORM", "offscreen");                                                              \
        qputenv("QT_FONT_DPI", "96");                                                                         \
        qputenv("LC_ALL", "C.UTF-8");                                                                         \
        qputenv("LANGUAGE", "en");                                                                            \
        QTemporaryDir home;                                                                                   \
        if (!home.isValid())                                                                                  \
            return 1;                                                                                         \
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));               \
        qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));                   \
        qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));                 \
        QApplication app(argc, argv);                                                                         \
        QApplication::setOrganizationName(QStringLiteral("aliasview-tests"));                                 \
        QApplication::setApplicationName(QStringLiteral(#TestClass));                                         \
        TestClass test;                                                                                       \
        return QTest::qExec(&test, argc, argv);                                                               \
    }
#endif
