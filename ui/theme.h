#pragma once
// Colours and fonts of the scene: the screen theme, and the light "print" theme for exported figures.

#include <QColor>
#include <QFont>

namespace av::ui {

// The scale below which the scene's text is too small to read (a 10 pt value drawn under ~4 px): cards and
// blocks then draw their shapes and tints only, which keeps a fitted graph of hundreds of cards fast.
inline constexpr qreal kReadableDetail = 0.35;

struct Theme {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor cardFill;
    QColor cardBorder;
    QColor torchAccent;  // torch.Tensor's badge and links
    QColor numpyAccent;  // numpy.ndarray's badge and links
    QColor otherAccent;  // other Python values
    QColor bufferFill;
    QColor bufferBorder;
    QColor cellFill;
    QColor cellBorder;
    QColor changedFill;    // elements written this step, and the cells that see them
    QColor hoverFill;      // the element under the pointer, in every view
    QColor storageWindow;  // a torch storage that covers only part of its buffer
    QColor newBadge;
    QColor changedBadge;
    QColor errorText;
    QFont font;       // labels
    QFont monoFont;   // values, addresses
    QFont titleFont;  // column titles

    static Theme screen();
    static Theme print();
};

}  // namespace av::ui
