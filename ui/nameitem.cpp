#include "nameitem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace av::ui {

NameItem::NameItem(const QString& name, std::uint64_t object, const Theme& theme, QGraphicsItem* parent)
    : QGraphicsItem(parent), m_name(name), m_object(object), m_theme(theme)
{
    QFont font = m_theme.monoFont;
    font.setBold(true);
    const QFontMetricsF metrics(font);
    m_size = QSizeF(metrics.horizontalAdvance(m_name) + 20, metrics.height() + 10);
}

QRectF NameItem::boundingRect() const { return QRectF(QPointF(-1, -1), m_size + QSizeF(2, 2)); }

QPointF NameItem::arrowStart() const { return QPointF(m_size.width(), m_size.height() / 2); }

void NameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_theme.cardBorder, 1.2));
    painter->setBrush(m_theme.cardFill);
    painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size), m_size.height() / 2, m_size.height() / 2);
    QFont font = m_theme.monoFont;
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(m_theme.text);
    painter->drawText(QRectF(QPointF(0, 0), m_size), Qt::AlignCenter, m_name);
}

}  // namespace av::ui
