#pragma once
// The buffer graph: names → objects → buffers, drawn from Snapshots only. Items are kept by id across
// steps (and, across a re-recording, by name), so an object keeps its place while the graph changes around
// it; new items are placed below the others, freed ones fade out. Hovering a cell or an element lights
// every cell, in every view, that maps to the same bytes.

#include "theme.h"

#include "engine/session/snapshot.h"

#include <QGraphicsObject>
#include <QGraphicsScene>
#include <QPointer>

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

class QGraphicsSimpleTextItem;
class QVariantAnimation;

namespace av::ui {

class ArrayCardItem;
class BufferBlockItem;
class LinkItem;
class NameItem;

class GraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit GraphScene(QObject* parent = nullptr);
    ~GraphScene() override;

    void setTheme(const Theme& theme);
    const Theme& theme() const { return m_theme; }
    // Off for exports and tests: changes show at full strength at once and freed items vanish at once.
    void setAnimated(bool animated) { m_animated = animated; }

    // Draws a step. Objects and buffers seen in earlier steps keep their positions.
    void showSnapshot(const engine::Snapshot& snapshot);
    // Forgets every item and position (a new script, or Reset).
    void clearGraph();

    ArrayCardItem* card(std::uint64_t objectId) const;
    BufferBlockItem* block(std::uint64_t bufferId) const;
    std::vector<std::uint64_t> cardIds() const;
    std::vector<std::uint64_t> blockIds() const;
    QPointF cardPosition(std::uint64_t objectId) const;
    // The name pills drawn, in order, each with the id of the object its arrow points at.
    std::vector<std::pair<QString, std::uint64_t>> nameBindings() const;
    // The muted labels on cards no name is bound to, with the path that reaches them ("B.base").
    std::vector<std::pair<QString, std::uint64_t>> derivedLabels() const;

    // The hover state, driven by the items and settable for tests.
    void setHover(std::uint64_t buffer, std::int64_t begin, std::int64_t end);
    void clearHover();
    std::uint64_t selectedObject() const;

signals:
    void objectSelected(std::uint64_t objectId);
    void hoverChanged(std::uint64_t buffer, std::int64_t begin, std::int64_t end);

private:
    void drawSnapshot(const engine::Snapshot& snapshot);
    // Objects and buffers that came back under other ids take over the items of those gone (see .cpp).
    void adoptSuccessors(const engine::Snapshot& snapshot);
    void layoutColumns(const engine::Snapshot& snapshot);
    void updateNamesAndLinks(const engine::Snapshot& snapshot);
    void placeBelow(QGraphicsItem* item, qreal x);
    void fadeOut(QGraphicsObject* item);

    Theme m_theme;
    bool m_animated = true;
    // Set while items are added and deleted: selection changes then are not reported one by one.
    bool m_rebuilding = false;
    std::unordered_map<std::uint64_t, ArrayCardItem*> m_cards;
    std::unordered_map<std::uint64_t, BufferBlockItem*> m_blocks;
    // A name's pill and its arrow to the card, in the Snapshot's order of names.
    struct NameRow {
        NameItem* name = nullptr;
        LinkItem* arrow = nullptr;
    };
    std::vector<NameRow> m_names;
    // Each card's link to the memory it reaches, by object id.
    std::unordered_map<std::uint64_t, LinkItem*> m_memoryLinks;
    std::vector<QGraphicsSimpleTextItem*> m_titles;  // Names, Objects, Memory
    // Vertical positions by id, kept for the whole session so that items never jump.
    std::map<std::uint64_t, qreal> m_cardY;
    std::map<std::uint64_t, qreal> m_blockY;
    qreal m_namesX = 0;
    qreal m_cardsX = 150;
    qreal m_blocksX = 600;
    QPointer<QVariantAnimation> m_changeAnimation;
};

}  // namespace av::ui
