#pragma once
// A curve between two scene points: from a name to its object, or from an object to the part of the
// buffer it reaches.

#include "itemtypes.h"

#include <QGraphicsPathItem>

namespace av::ui {

class LinkItem : public QGraphicsPathItem {
public:
    enum { Type = LinkItemType };

    LinkItem(const QPointF& from, const QPointF& to, const QColor& color, bool arrow, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    // Both redraw only when something differs.
    void setEnds(const QPointF& from, const QPointF& to);
    void setColor(const QColor& color);
    QPointF from() const { return m_from; }
    QPointF to() const { return m_to; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPointF m_from, m_to;
    bool m_arrow;
};

}  // namespace av::ui
