#pragma once
// A Python variable: its name in a pill, with an arrow to the card of the object it is bound to.

#include "itemtypes.h"
#include "theme.h"

#include <QGraphicsItem>

namespace av::ui {

class NameItem : public QGraphicsItem {
public:
    enum { Type = NameItemType };

    NameItem(const QString& name, const Theme& theme, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& name() const { return m_name; }
    QPointF arrowStart() const;

private:
    QString m_name;
    Theme m_theme;
    QSizeF m_size;
};

}  // namespace av::ui
