#include "nameitem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace av::ui {

namespace {
// A variable's name in bold; a derived path ("B.base") in italics, since no variable holds it.
QFont labelFont(const Theme& theme, bool derived)
{
    QFont font = theme.monoFont;
    font.setBold(!derived);
    font.setItalic(derived);
    return font;
}
}  // namespace

NameItem::NameItem(const QString& name, std::uint64_t object, const Theme& theme, bool derived, QGraphicsItem* parent)
    : QGraphicsItem(parent), m_name(name), m_object(object), m_derived(derived), m_theme(theme)
{
    const QFontMetricsF metrics(labelFont(m_theme, m_derived));
    m_size = QSizeF(metrics.horizontalAdvance(m_name) + 20, metrics.height() + 10);
}

QRectF NameItem::boundingRect() const { return QRectF(QPointF(-1, -1), m_size + QSizeF(2, 2)); }

QPointF NameItem::arrowStart() const { return QPointF(m_size.width(), m_size.height() / 2); }

void NameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_theme.cardBorder, 1.2, m_derived ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(m_derived ? m_theme.background : m_theme.cardFill);
    painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size), m_size.height() / 2, m_size.height() / 2);
    painter->setFont(labelFont(m_theme, m_derived));
    painter->setPen(m_derived ? m_theme.mutedText : m_theme.text);
    painter->drawText(QRectF(QPointF(0, 0), m_size), Qt::AlignCenter, m_name);
}

}  // namespace av::ui
