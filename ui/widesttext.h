#pragma once
// The widest of many strings in one font, measured cheaply. Cards and memory blocks size their cells to the
// widest value they show, and a step can bring thousands of values (250 cards of 100 cells); measuring each
// one (QFontMetricsF::horizontalAdvance shapes the text) was most of a step's time. In a fixed-pitch font
// every ASCII string of one length has one advance, so only the longest ASCII string is measured; anything
// else ("⋮", "…", CJK in a repr, or a proportional font) is measured as it comes.

#include <QFont>
#include <QFontMetricsF>
#include <QString>

#include <string_view>

namespace av::ui {

class WidestText {
public:
    explicit WidestText(const QFont& font);

    void add(const QString& text);
    void add(std::string_view utf8);
    // The widest advance seen (0 for none).
    qreal width() const;

private:
    QFontMetricsF m_metrics;
    bool m_fixedPitch;
    qreal m_widest = 0;
    QString m_longestAscii;
};

}  // namespace av::ui
