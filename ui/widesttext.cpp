#include "widesttext.h"

#include <QFontInfo>

#include <algorithm>

namespace av::ui {

namespace {
bool printableAscii(char16_t c) { return c >= 0x20 && c < 0x7f; }
}  // namespace

WidestText::WidestText(const QFont& font) : m_metrics(font), m_fixedPitch(QFontInfo(font).fixedPitch()) {}

void WidestText::add(const QString& text)
{
    if (m_fixedPitch && std::all_of(text.begin(), text.end(), [](QChar c) { return printableAscii(c.unicode()); })) {
        if (text.size() > m_longestAscii.size())
            m_longestAscii = text;
        return;
    }
    m_widest = std::max(m_widest, m_metrics.horizontalAdvance(text));
}

void WidestText::add(std::string_view utf8)
{
    const auto size = static_cast<qsizetype>(utf8.size());
    if (m_fixedPitch && std::all_of(utf8.begin(), utf8.end(), [](char c) { return printableAscii(static_cast<unsigned char>(c)); })) {
        if (size > m_longestAscii.size())
            m_longestAscii = QString::fromLatin1(utf8.data(), size);
        return;
    }
    m_widest = std::max(m_widest, m_metrics.horizontalAdvance(QString::fromUtf8(utf8.data(), size)));
}

qreal WidestText::width() const
{
    return m_longestAscii.isEmpty() ? m_widest : std::max(m_widest, m_metrics.horizontalAdvance(m_longestAscii));
}

}  // namespace av::ui
