#pragma once
// One tensor, ndarray or other Python value on the scene: a header (flavour badge, dtype, shape,
// strides, offset, device, data_ptr) and a grid of its values. One item per object, painted whole.

#include "cardgrid.h"
#include "itemtypes.h"
#include "theme.h"

#include "engine/session/snapshot.h"

#include <QGraphicsObject>

#include <optional>
#include <set>

namespace av::ui {

class ArrayCardItem : public QGraphicsObject {
    Q_OBJECT

public:
    enum { Type = ArrayCardItemType };

    ArrayCardItem(const engine::SnapshotObject& object, const Theme& theme, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Replaces the shown object (same id, next step) and its changed cells.
    void setObject(const engine::SnapshotObject& object);
    const engine::SnapshotObject& object() const { return m_object; }
    bool isArray() const { return m_object.array.has_value(); }

    // The cell under a scene-local point, as a flat index.
    std::optional<std::int64_t> cellAt(const QPointF& localPos) const;
    // The cell's rectangle (flat index), when the card shows it.
    std::optional<QRectF> cellRect(std::int64_t flatIndex) const;
    // Cells whose bytes meet [begin, end) of the given buffer are drawn as hovered.
    void setHoveredBytes(std::uint64_t buffer, std::int64_t begin, std::int64_t end);
    void clearHover();
    // How strongly this step's changed cells are tinted (0..1, animated by the scene).
    void setChangeIntensity(qreal intensity);
    // "new" or "changed" on the card's corner; empty for none.
    void setBadge(const QString& badge);
    QString badge() const { return m_badge; }
    // Where links attach.
    QPointF linkAnchor() const;
    std::set<std::int64_t> hoveredCells() const { return m_hovered; }
    // The cells (flat indices) drawn as changed by this step.
    std::set<std::int64_t> changedCells() const { return m_changed; }

signals:
    void hovered(std::uint64_t buffer, std::int64_t begin, std::int64_t end);
    void hoverLeft();

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void relayout();
    QString headerLine1() const;
    QString headerLine2() const;
    QString headerLine3() const;

    engine::SnapshotObject m_object;
    Theme m_theme;
    CardGrid m_grid;
    std::set<std::int64_t> m_changed;
    std::set<std::int64_t> m_hovered;
    qreal m_changeIntensity = 1.0;
    QString m_badge;
    // Layout, in item coordinates.
    qreal m_width = 0;
    qreal m_height = 0;
    qreal m_headerHeight = 0;
    qreal m_cellWidth = 0;
    qreal m_cellHeight = 0;
    bool m_elideCells = false;  // some value is wider than a cell may be
    qreal m_gridLeft = 0;
    qreal m_gridTop = 0;
};

}  // namespace av::ui
