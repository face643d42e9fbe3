#include "graphscene.h"

#include "arraycarditem.h"
#include "bufferblockitem.h"
#include "linkitem.h"
#include "nameitem.h"

#include <QGraphicsSimpleTextItem>
#include <QPropertyAnimation>
#include <QVariantAnimation>

#include <algorithm>
#include <set>

namespace av::ui {

namespace {
constexpr qreal kColumnGap = 90;
constexpr qreal kRowGap = 24;
constexpr qreal kTop = 40;
}  // namespace

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent), m_theme(Theme::screen())
{
    setBackgroundBrush(m_theme.background);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (!m_rebuilding)
            emit objectSelected(selectedObject());
    });
}

GraphScene::~GraphScene()
{
    // Deleting a selected item changes the selection; the window must not hear of it and redraw into a
    // scene half gone.
    m_rebuilding = true;
    if (m_changeAnimation)
        m_changeAnimation->stop();
    clear();
}

void GraphScene::setTheme(const Theme& theme)
{
    m_theme = theme;
    setBackgroundBrush(m_theme.background);
    clearGraph();
}

void GraphScene::clearGraph()
{
    if (m_changeAnimation)
        m_changeAnimation->stop();
    // Deleting a selected card changes the selection while m_cards still points at the deleted items: the
    // window hears of it once the maps are empty, not in the middle.
    const bool hadSelection = selectedObject() != 0;
    m_rebuilding = true;
    clear();
    m_cards.clear();
    m_blocks.clear();
    m_names.clear();
    m_links.clear();
    m_titles.clear();
    m_cardY.clear();
    m_blockY.clear();
    m_rebuilding = false;
    if (hadSelection)
        emit objectSelected(0);
}

ArrayCardItem* GraphScene::card(std::uint64_t objectId) const
{
    const auto it = m_cards.find(objectId);
    return it == m_cards.end() ? nullptr : it->second;
}

BufferBlockItem* GraphScene::block(std::uint64_t bufferId) const
{
    const auto it = m_blocks.find(bufferId);
    return it == m_blocks.end() ? nullptr : it->second;
}

std::vector<std::uint64_t> GraphScene::cardIds() const
{
    std::vector<std::uint64_t> ids;
    for (const auto& [id, item] : m_cards)
        ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<std::uint64_t> GraphScene::blockIds() const
{
    std::vector<std::uint64_t> ids;
    for (const auto& [id, item] : m_blocks)
        ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

QPointF GraphScene::cardPosition(std::uint64_t objectId) const
{
    const ArrayCardItem* item = card(objectId);
    return item ? item->pos() : QPointF();
}

std::vector<std::pair<QString, std::uint64_t>> GraphScene::nameBindings() const
{
    std::vector<std::pair<QString, std::uint64_t>> out;
    for (const NameItem* name : m_names)
        out.emplace_back(name->name(), name->object());
    return out;
}

std::uint64_t GraphScene::selectedObject() const
{
    for (const auto& [id, item] : m_cards)
        if (item->isSelected())
            return id;
    return 0;
}

void GraphScene::setHover(std::uint64_t buffer, std::int64_t begin, std::int64_t end)
{
    for (const auto& [id, item] : m_cards)
        item->setHoveredBytes(buffer, begin, end);
    for (const auto& [id, item] : m_blocks) {
        if (id == buffer)
            item->setHoveredBytes(begin, end);
        else
            item->clearHover();
    }
    emit hoverChanged(buffer, begin, end);
}

void GraphScene::clearHover()
{
    for (const auto& [id, item] : m_cards)
        item->clearHover();
    for (const auto& [id, item] : m_blocks)
        item->clearHover();
    emit hoverChanged(0, 0, 0);
}

void GraphScene::fadeOut(QGraphicsObject* item)
{
    if (!m_animated) {
        removeItem(item);
        delete item;
        return;
    }
    item->setAcceptHoverEvents(false);
    // A card on its way out can no longer be selected (nor offer operations on an object that is gone).
    item->setSelected(false);
    item->setFlag(QGraphicsItem::ItemIsSelectable, false);
    auto* animation = new QPropertyAnimation(item, "opacity", item);
    animation->setDuration(350);
    animation->setEndValue(0.0);
    connect(animation, &QPropertyAnimation::finished, item, [this, item] {
        const bool rebuilding = m_rebuilding;
        m_rebuilding = true;
        removeItem(item);
        m_rebuilding = rebuilding;
        item->deleteLater();
    });
    animation->start();
}

void GraphScene::placeNew(QGraphicsItem* item, std::map<std::uint64_t, qreal>& positions, std::uint64_t id, qreal x)
{
    const auto known = positions.find(id);
    qreal y = kTop;
    if (known != positions.end()) {
        y = known->second;
    } else {
        // Below everything already placed in this column, so that nothing moves.
        for (QGraphicsItem* other : items()) {
            if (other == item || other->type() != item->type() || !other->isVisible() || other->opacity() < 0.99)
                continue;
            y = std::max(y, other->pos().y() + other->boundingRect().height() + kRowGap);
        }
        positions[id] = y;
    }
    item->setPos(x, y);
}

void GraphScene::showSnapshot(const engine::Snapshot& snapshot)
{
    // Removing a selected card changes the selection in the middle of the loops below; the window, which
    // redraws on a selection change, hears of it once the step is drawn.
    const std::uint64_t selectedBefore = selectedObject();
    m_rebuilding = true;
    drawSnapshot(snapshot);
    m_rebuilding = false;
    if (selectedObject() != selectedBefore)
        emit objectSelected(selectedObject());
}

void GraphScene::drawSnapshot(const engine::Snapshot& snapshot)
{
    // Cards: one per object, kept by id.
    std::set<std::uint64_t> liveObjects;
    for (const engine::SnapshotObject& object : snapshot.objects)
        liveObjects.insert(object.id);
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (!liveObjects.count(it->first)) {
            fadeOut(it->second);
            m_cardY.erase(it->first);
            it = m_cards.erase(it);
        } else {
            ++it;
        }
    }
    for (const engine::SnapshotObject& object : snapshot.objects) {
        ArrayCardItem* item = card(object.id);
        if (!item) {
            item = new ArrayCardItem(object, m_theme);
            addItem(item);
            m_cards[object.id] = item;
            connect(item, &ArrayCardItem::hovered, this, &GraphScene::setHover);
            connect(item, &ArrayCardItem::hoverLeft, this, &GraphScene::clearHover);
        } else {
            item->setObject(object);
        }
        // What the step did to the object, as its Snapshot says: a card drawn afresh (after Reset, or a jump
        // along the timeline) is not "new" unless the step created its object, and a summarized array
        // written only where no cell is shown still changed.
        const bool changed = object.array && (object.array->changed || !object.array->changedCells.empty());
        item->setBadge(object.isNew ? tr("new") : changed ? tr("changed") : QString());
    }
    // Blocks: one per buffer, with the storages over it and the bytes this step changed.
    std::set<std::uint64_t> liveBuffers;
    for (const engine::SnapshotBuffer& buffer : snapshot.buffers)
        liveBuffers.insert(buffer.id);
    for (auto it = m_blocks.begin(); it != m_blocks.end();) {
        if (!liveBuffers.count(it->first)) {
            fadeOut(it->second);
            m_blockY.erase(it->first);
            it = m_blocks.erase(it);
        } else {
            ++it;
        }
    }
    for (const engine::SnapshotBuffer& buffer : snapshot.buffers) {
        std::vector<engine::SnapshotStorage> storages;
        for (const engine::SnapshotStorage& storage : snapshot.storages)
            if (storage.buffer == buffer.id)
                storages.push_back(storage);
        std::vector<std::pair<std::int64_t, std::int64_t>> changed;
        for (const engine::SnapshotWrite& write : snapshot.writes) {
            if (write.buffer != buffer.id)
                continue;
            const std::int64_t size = write.dtype == "float64" || write.dtype == "int64" ? 8
                                      : write.dtype == "float32" || write.dtype == "int32" ? 4
                                      : write.dtype == "float16" || write.dtype == "int16" ? 2
                                                                                            : 1;
            for (const engine::SnapshotWrite::Element& element : write.changed)
                changed.emplace_back(element.byteOffset, element.byteOffset + size);
        }
        BufferBlockItem* item = block(buffer.id);
        if (!item) {
            item = new BufferBlockItem(buffer, m_theme);
            addItem(item);
            m_blocks[buffer.id] = item;
            connect(item, &BufferBlockItem::hovered, this, &GraphScene::setHover);
            connect(item, &BufferBlockItem::hoverLeft, this, &GraphScene::clearHover);
        }
        item->setState(buffer, storages, changed);
    }
    layoutColumns();
    rebuildLinks(snapshot);

    // This step's changes fade in, then stay tinted until the next step.
    const auto setIntensity = [this](qreal intensity) {
        for (const auto& [id, item] : m_cards)
            item->setChangeIntensity(intensity);
        for (const auto& [id, item] : m_blocks)
            item->setChangeIntensity(intensity);
    };
    if (m_changeAnimation)
        m_changeAnimation->stop();
    if (m_animated) {
        auto* animation = new QVariantAnimation(this);
        animation->setDuration(450);
        animation->setStartValue(0.0);
        animation->setEndValue(1.0);
        connect(animation, &QVariantAnimation::valueChanged, this, [setIntensity](const QVariant& v) { setIntensity(v.toReal()); });
        m_changeAnimation = animation;
        animation->start(QAbstractAnimation::DeleteWhenStopped);
    } else {
        setIntensity(1.0);
    }
}

void GraphScene::layoutColumns()
{
    // Columns keep their x once set; they only move right when a wider card needs room.
    qreal namesWidth = 60;
    for (NameItem* name : m_names)
        namesWidth = std::max(namesWidth, name->boundingRect().width());
    m_cardsX = std::max(m_cardsX, m_namesX + namesWidth + kColumnGap);
    qreal cardsWidth = 0;
    for (const auto& [id, item] : m_cards)
        cardsWidth = std::max(cardsWidth, item->boundingRect().width());
    m_blocksX = std::max(m_blocksX, m_cardsX + cardsWidth + kColumnGap + 40);
    // Place in id order of first appearance, which positions remember.
    std::vector<std::pair<qreal, ArrayCardItem*>> cards;
    for (const auto& [id, item] : m_cards) {
        placeNew(item, m_cardY, id, m_cardsX);
        cards.emplace_back(item->pos().y(), item);
    }
    // A card that grew may reach the next one: push those below down, never up.
    std::sort(cards.begin(), cards.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    qreal bottom = -1e9;
    for (auto& [y, item] : cards) {
        qreal top = std::max(item->pos().y(), bottom);
        item->setPos(m_cardsX, top);
        m_cardY[item->object().id] = top;
        bottom = top + item->boundingRect().height() + kRowGap;
    }
    std::vector<std::pair<qreal, BufferBlockItem*>> blocks;
    for (const auto& [id, item] : m_blocks) {
        placeNew(item, m_blockY, id, m_blocksX);
        blocks.emplace_back(item->pos().y(), item);
    }
    std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    bottom = -1e9;
    for (auto& [y, item] : blocks) {
        qreal top = std::max(item->pos().y(), bottom);
        item->setPos(m_blocksX, top);
        m_blockY[item->buffer().id] = top;
        bottom = top + item->boundingRect().height() + kRowGap;
    }
    // Column titles.
    for (QGraphicsItem* title : m_titles) {
        removeItem(title);
        delete title;
    }
    m_titles.clear();
    const auto addTitle = [&](const QString& text, qreal x) {
        auto* title = new QGraphicsSimpleTextItem(text);
        title->setFont(m_theme.titleFont);
        title->setBrush(m_theme.mutedText);
        title->setPos(x, 4);
        addItem(title);
        m_titles.push_back(title);
    };
    addTitle(tr("Names"), m_namesX);
    addTitle(tr("Objects"), m_cardsX);
    addTitle(tr("Memory"), m_blocksX);
}

void GraphScene::rebuildLinks(const engine::Snapshot& snapshot)
{
    for (LinkItem* link : m_links) {
        removeItem(link);
        delete link;
    }
    m_links.clear();
    for (NameItem* name : m_names) {
        removeItem(name);
        delete name;
    }
    m_names.clear();
    // Names: stacked beside the card they are bound to (Y = X gives two names on one card).
    std::map<std::uint64_t, int> namesPerObject;
    for (const engine::SnapshotName& binding : snapshot.names) {
        ArrayCardItem* target = card(binding.object);
        if (!target)
            continue;
        auto* name = new NameItem(QString::fromStdString(binding.name), binding.object, m_theme);
        addItem(name);
        const int k = namesPerObject[binding.object]++;
        name->setPos(m_namesX, target->pos().y() + 6 + k * (name->boundingRect().height() + 6));
        m_names.push_back(name);
        auto* link = new LinkItem(name->pos() + name->arrowStart(), target->pos() + QPointF(0, 18), m_theme.mutedText, true);
        addItem(link);
        m_links.push_back(link);
    }
    // Objects to the memory they reach.
    for (const auto& [id, item] : m_cards) {
        const engine::SnapshotObject& object = item->object();
        if (!object.array)
            continue;
        BufferBlockItem* target = block(object.array->buffer);
        if (!target)
            continue;
        const QColor color = object.type == "torch.Tensor" ? m_theme.torchAccent : m_theme.numpyAccent;
        auto* link = new LinkItem(item->pos() + item->linkAnchor(),
                                  target->pos() + target->anchorForByte(object.array->bufferByteOffset), color, true);
        addItem(link);
        m_links.push_back(link);
    }
}

}  // namespace av::ui
