#include "linkitem.h"

#include <QPainter>
#include <QPen>

#include <cmath>

namespace av::ui {

LinkItem::LinkItem(const QPointF& from, const QPointF& to, const QColor& color, bool arrow, QGraphicsItem* parent)
    : QGraphicsPathItem(parent), m_arrow(arrow)
{
    setPen(QPen(color, 1.8, Qt::SolidLine, Qt::RoundCap));
    setZValue(-1);  // under the cards
    setEnds(from, to);
}

void LinkItem::setColor(const QColor& color)
{
    if (pen().color() != color)
        setPen(QPen(color, 1.8, Qt::SolidLine, Qt::RoundCap));
}

void LinkItem::setEnds(const QPointF& from, const QPointF& to)
{
    if (from == m_from && to == m_to && !path().isEmpty())
        return;
    m_from = from;
    m_to = to;
    QPainterPath path(from);
    const qreal bend = std::max<qreal>(40, std::abs(to.x() - from.x()) / 2);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    setPath(path);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QGraphicsPathItem::paint(painter, option, widget);
    if (!m_arrow)
        return;
    // A small arrowhead pointing into the target.
    const QPointF tip = m_to;
    QPolygonF head;
    head << tip << tip + QPointF(-9, -5) << tip + QPointF(-9, 5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen().color());
    painter->drawPolygon(head);
}

}  // namespace av::ui
