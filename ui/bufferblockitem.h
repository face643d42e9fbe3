#pragma once
// One buffer (a real allocation) drawn as a block of memory: its elements in memory order, its address,
// byte offsets and size, and the torch storage windows that cover only part of it.

#include "itemtypes.h"
#include "theme.h"

#include "engine/session/snapshot.h"

#include <QGraphicsObject>

#include <optional>
#include <set>

namespace av::ui {

class BufferBlockItem : public QGraphicsObject {
    Q_OBJECT

public:
    enum { Type = BufferBlockItemType };

    BufferBlockItem(const engine::SnapshotBuffer& buffer, const Theme& theme, QGraphicsItem* parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // The next step's view of the same buffer, the storage windows over it, and the bytes it changed.
    void setState(const engine::SnapshotBuffer& buffer, const std::vector<engine::SnapshotStorage>& storages,
                  const std::vector<std::pair<std::int64_t, std::int64_t>>& changedBytes);
    const engine::SnapshotBuffer& buffer() const { return m_buffer; }

    void setHoveredBytes(std::int64_t begin, std::int64_t end);
    void clearHover();
    void setChangeIntensity(qreal intensity);
    // The point on the block where a link to the byte `offset` ends.
    QPointF anchorForByte(std::int64_t offset) const;
    // The element (by index in memory order) whose bytes meet [begin, end), if shown.
    std::set<int> elementsAt(std::int64_t begin, std::int64_t end) const;
    // The shown elements (by index in memory order) drawn as changed by this step, and as hovered.
    std::set<int> changedElements() const;
    std::set<int> hoveredElements() const;
    // Where element `index` (in memory order) is drawn, in item coordinates.
    QRectF elementRect(int index) const;

signals:
    void hovered(std::uint64_t buffer, std::int64_t begin, std::int64_t end);
    void hoverLeft();

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void relayout();
    std::optional<int> elementAt(const QPointF& localPos) const;
    std::int64_t itemsize() const;

    engine::SnapshotBuffer m_buffer;
    std::vector<engine::SnapshotStorage> m_storages;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_changed;
    Theme m_theme;
    std::pair<std::int64_t, std::int64_t> m_hovered{0, 0};
    qreal m_changeIntensity = 1.0;
    int m_perRow = 16;
    qreal m_cellWidth = 0;
    qreal m_cellHeight = 0;
    bool m_elideCells = false;  // some value is wider than a cell may be
    qreal m_headerHeight = 0;
    qreal m_offsetLabelWidth = 0;
    qreal m_width = 0;
    qreal m_height = 0;
};

}  // namespace av::ui
