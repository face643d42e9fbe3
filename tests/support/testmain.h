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
