#include "theme.h"

#include <QFontDatabase>

namespace av::ui {

namespace {

QFont monospace(int pointSize)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(pointSize);
    return font;
}

QFont sans(int pointSize, bool bold = false)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSize(pointSize);
    font.setBold(bold);
    return font;
}

}  // namespace

Theme Theme::screen()
{
    Theme t;
    t.background = QColor(0xF6, 0xF7, 0xF9);
    t.text = QColor(0x1F, 0x23, 0x28);
    t.mutedText = QColor(0x5F, 0x67, 0x70);
    t.cardFill = Qt::white;
    t.cardBorder = QColor(0xC9, 0xCE, 0xD6);
    t.torchAccent = QColor(0xEE, 0x4C, 0x2C);  // PyTorch's orange-red
    t.numpyAccent = QColor(0x4D, 0x77, 0xCF);  // NumPy's blue
    t.otherAccent = QColor(0x7A, 0x7F, 0x87);
    t.bufferFill = QColor(0xEC, 0xEF, 0xF3);
    t.bufferBorder = QColor(0x9A, 0xA3, 0xAF);
    t.cellFill = Qt::white;
    t.cellBorder = QColor(0xD8, 0xDC, 0xE2);
    t.changedFill = QColor(0xFF, 0xD5, 0x4F);
    t.hoverFill = QColor(0x4F, 0xC3, 0xF7);
    t.storageWindow = QColor(0xEE, 0x4C, 0x2C, 60);
    t.newBadge = QColor(0x2E, 0x9E, 0x5B);
    t.changedBadge = QColor(0xE0, 0x8E, 0x00);
    t.errorText = QColor(0xC6, 0x28, 0x28);
    t.font = sans(10);
    t.monoFont = monospace(10);
    t.titleFont = sans(12, true);
    return t;
}

Theme Theme::print()
{
    // For slides and handouts: white paper, darker lines, no translucency that printers mangle.
    Theme t = screen();
    t.background = Qt::white;
    t.cardBorder = QColor(0x8A, 0x90, 0x99);
    t.bufferFill = QColor(0xF4, 0xF5, 0xF7);
    t.cellBorder = QColor(0xB0, 0xB6, 0xBF);
    t.storageWindow = QColor(0xF8, 0xC9, 0xBE);
    return t;
}

}  // namespace av::ui
