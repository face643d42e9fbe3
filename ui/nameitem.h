#pragma once
// A Python variable: its name in a pill, with an arrow to the card of the object it is bound to.

#include "itemtypes.h"
#include "theme.h"

#include <QGraphicsItem>

#include <cstdint>

namespace av::ui {

class NameItem : public QGraphicsItem {
public:
    enum { Type = NameItemType };

    // derived: not a variable but the path to an object no name is bound to ("B.base"), drawn muted.
    NameItem(const QString& name, std::uint64_t object, const Theme& theme, bool derived = false, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& name() const { return m_name; }
    // The id of the object the name is bound to (the card its arrow points at).
    std::uint64_t object() const { return m_object; }
    bool isDerived() const { return m_derived; }
    QPointF arrowStart() const;

private:
    QString m_name;
    std::uint64_t m_object = 0;
    bool m_derived = false;
    Theme m_theme;
    QSizeF m_size;
};

}  // namespace av::ui
