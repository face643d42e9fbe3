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
    m_memoryLinks.clear();
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
    for (const NameRow& row : m_names)
        if (!row.name->isDerived())
            out.emplace_back(row.name->name(), row.name->object());
    return out;
}

std::vector<std::pair<QString, std::uint64_t>> GraphScene::derivedLabels() const
{
    std::vector<std::pair<QString, std::uint64_t>> out;
    for (const NameRow& row : m_names)
        if (row.name->isDerived())
            out.emplace_back(row.name->name(), row.name->object());
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

void GraphScene::placeBelow(QGraphicsItem* item, qreal x)
{
    // Below everything already placed that spans the same x range (its column, and a card wide enough to reach
    // into the memory column), so that nothing already drawn has to move.
    const qreal left = x, right = x + item->boundingRect().width();
    qreal y = kTop;
    const auto consider = [&](const QGraphicsItem* other, bool placed) {
        if (other == item || !placed || !other->isVisible())
            return;
        const QRectF rect = other->sceneBoundingRect();
        if (rect.left() < right && left < rect.right())  // the same gap as layoutColumns keeps between grown ones
            y = std::max(y, other->pos().y() + other->boundingRect().height() + kRowGap);
    };
    for (const auto& [id, other] : m_cards)
        consider(other, m_cardY.count(id) > 0);
    for (const auto& [id, other] : m_blocks)
        consider(other, m_blockY.count(id) > 0);
    item->setPos(x, y);
}

// After an edit the script is recorded again, and every object and buffer comes back under another id (ids
// are the run's real pointers and counters), so keyed by id alone every card would fade out and come back
// below the others. A card whose object is gone hands its item and its place to the object without a card
// that is now bound to the card's first name, when its type is the same; its block goes with it to the
// successor's buffer when that buffer is new and the old one gone. `A = A + 1` is drawn the same way: the new
// A takes the old A's place (badged new, as its Snapshot says) instead of appearing below the others.
void GraphScene::adoptSuccessors(const engine::Snapshot& snapshot)
{
    std::set<std::uint64_t> liveObjects, liveBuffers;
    for (const engine::SnapshotObject& object : snapshot.objects)
        liveObjects.insert(object.id);
    for (const engine::SnapshotBuffer& buffer : snapshot.buffers)
        liveBuffers.insert(buffer.id);
    // The first name drawn on each card whose object is gone, and the objects that have no card yet by name.
    std::map<std::uint64_t, std::string> goneByName;
    for (const NameRow& row : m_names)
        if (!row.name->isDerived() && !liveObjects.count(row.name->object()))
            goneByName.emplace(row.name->object(), row.name->name().toStdString());
    std::map<std::string, const engine::SnapshotObject*> arrivals;
    for (const engine::SnapshotName& binding : snapshot.names) {
        if (m_cards.count(binding.object))
            continue;
        for (const engine::SnapshotObject& object : snapshot.objects)
            if (object.id == binding.object)
                arrivals.emplace(binding.name, &object);
    }
    std::set<std::uint64_t> taken;
    std::vector<std::pair<std::uint64_t, const engine::SnapshotObject*>> successions;
    const auto succeed = [&](std::uint64_t oldId, const engine::SnapshotObject* object) {
        const ArrayCardItem* item = card(oldId);
        if (!item || !object || liveObjects.count(oldId) || m_cards.count(object->id) || taken.count(object->id) ||
            object->type != item->object().type)
            return;
        for (const auto& [id, successor] : successions)
            if (id == oldId)
                return;
        taken.insert(object->id);
        successions.emplace_back(oldId, object);
    };
    for (const auto& [id, name] : goneByName)
        if (const auto arrival = arrivals.find(name); arrival != arrivals.end())
            succeed(id, arrival->second);
    // Unnamed objects reached as an ndarray's .base (B = A.numpy() holds the tensor behind it) follow the
    // object that holds them.
    const auto findObject = [&snapshot](std::uint64_t id) -> const engine::SnapshotObject* {
        for (const engine::SnapshotObject& object : snapshot.objects)
            if (object.id == id)
                return &object;
        return nullptr;
    };
    for (std::size_t i = 0; i < successions.size(); ++i) {
        const auto [oldId, object] = successions[i];
        const std::optional<engine::SnapshotArray>& before = card(oldId)->object().array;
        if (before && before->base && object->array && object->array->base)
            succeed(*before->base, findObject(*object->array->base));
    }
    for (const auto& [oldId, object] : successions) {
        ArrayCardItem* item = m_cards.at(oldId);
        m_cards.erase(oldId);
        m_cards[object->id] = item;
        if (const auto y = m_cardY.find(oldId); y != m_cardY.end()) {
            m_cardY[object->id] = y->second;
            m_cardY.erase(oldId);
        }
        // The block of its buffer, when that buffer is gone too and the successor's has no block yet.
        const std::optional<engine::SnapshotArray>& before = item->object().array;
        if (!before || !object->array || liveBuffers.count(before->buffer) || m_blocks.count(object->array->buffer))
            continue;
        const auto block = m_blocks.find(before->buffer);
        if (block == m_blocks.end())
            continue;
        BufferBlockItem* blockItem = block->second;
        m_blocks.erase(block);
        m_blocks[object->array->buffer] = blockItem;
        if (const auto y = m_blockY.find(before->buffer); y != m_blockY.end()) {
            m_blockY[object->array->buffer] = y->second;
            m_blockY.erase(before->buffer);
        }
    }
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
    adoptSuccessors(snapshot);
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
    layoutColumns(snapshot);
    updateNamesAndLinks(snapshot);

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

void GraphScene::layoutColumns(const engine::Snapshot& snapshot)
{
    // Nothing already drawn moves from one step to the next: the cards' column stays where it is (names grow
    // leftwards from it, see updateNamesAndLinks), a new card or block goes below whatever already spans its x range,
    // and the memory column is set right of the cards once, before its first block. Only a card that grows
    // (its values got wider, or its rows more) pushes the cards below it down, or the memory column right.
    qreal cardsWidth = 0;
    for (const auto& [id, item] : m_cards)
        cardsWidth = std::max(cardsWidth, item->boundingRect().width());
    if (m_blockY.empty())
        m_blocksX = std::max(m_blocksX, m_cardsX + cardsWidth + kColumnGap + 40);

    // Cards already placed: where they were, those below a grown one pushed down.
    std::vector<std::pair<qreal, ArrayCardItem*>> cards;
    for (const auto& [id, item] : m_cards) {
        const auto known = m_cardY.find(id);
        if (known == m_cardY.end())
            continue;
        item->setPos(m_cardsX, known->second);
        cards.emplace_back(known->second, item);
    }
    std::sort(cards.begin(), cards.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    qreal bottom = -1e9;
    for (auto& [y, item] : cards) {
        const qreal top = std::max(y, bottom);
        item->setPos(m_cardsX, top);
        m_cardY[item->object().id] = top;
        bottom = top + item->boundingRect().height() + kRowGap;
    }
    std::vector<std::pair<qreal, BufferBlockItem*>> blocks;
    for (const auto& [id, item] : m_blocks) {
        const auto known = m_blockY.find(id);
        if (known == m_blockY.end())
            continue;
        blocks.emplace_back(known->second, item);
    }
    std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // A surviving card grown into the memory column moves the column right (nothing new ever does).
    for (const auto& [y, item] : cards) {
        const QRectF rect = item->sceneBoundingRect();
        for (const auto& [blockY, block] : blocks) {
            const QRectF blockRect(m_blocksX, blockY, block->boundingRect().width(), block->boundingRect().height());
            if (rect.right() + kColumnGap > m_blocksX && rect.top() < blockRect.bottom() && blockRect.top() < rect.bottom())
                m_blocksX = rect.right() + kColumnGap + 40;
        }
    }
    bottom = -1e9;
    for (auto& [y, item] : blocks) {
        const qreal top = std::max(y, bottom);
        item->setPos(m_blocksX, top);
        m_blockY[item->buffer().id] = top;
        bottom = top + item->boundingRect().height() + kRowGap;
    }

    // New cards, in the Snapshot's order, then new blocks.
    for (const engine::SnapshotObject& object : snapshot.objects) {
        ArrayCardItem* item = card(object.id);
        if (!item || m_cardY.count(object.id))
            continue;
        placeBelow(item, m_cardsX);
        m_cardY[object.id] = item->pos().y();
    }
    for (const engine::SnapshotBuffer& buffer : snapshot.buffers) {
        BufferBlockItem* item = block(buffer.id);
        if (!item || m_blockY.count(buffer.id))
            continue;
        placeBelow(item, m_blocksX);
        m_blockY[buffer.id] = item->pos().y();
    }

    // Column titles, made once (until clearGraph) and kept over their columns.
    const QString titles[] = {tr("Names"), tr("Objects"), tr("Memory")};
    const qreal titleX[] = {m_namesX, m_cardsX, m_blocksX};
    for (std::size_t i = 0; i < std::size(titles); ++i) {
        if (m_titles.size() <= i) {
            auto* title = new QGraphicsSimpleTextItem;
            title->setFont(m_theme.titleFont);
            title->setBrush(m_theme.mutedText);
            addItem(title);
            m_titles.push_back(title);
        }
        if (m_titles[i]->text() != titles[i])
            m_titles[i]->setText(titles[i]);
        m_titles[i]->setPos(titleX[i], 4);
    }
}

void GraphScene::updateNamesAndLinks(const engine::Snapshot& snapshot)
{
    // Names and links are kept from step to step like the cards: a name still bound to the same object keeps
    // its pill and arrow, a link keeps its curve, and only what moved is redrawn (remaking all of them was
    // 15% of a step with 250 cards).
    std::multimap<std::pair<QString, std::uint64_t>, NameRow> previous;
    for (const NameRow& row : m_names)
        previous.emplace(std::make_pair(row.name->name(), row.name->object()), row);
    m_names.clear();
    // The labels: every name, then the path to each object no name is bound to but a name reaches through
    // ndarray .base links (B = A.detach().numpy() keeps the tensor behind B alive, and the Snapshot shows it as
    // a card of its own): "B.base", so that a card without a name explains itself.
    struct Label {
        QString text;
        std::uint64_t object;
        bool derived;
    };
    std::vector<Label> labels;
    std::unordered_map<std::uint64_t, const engine::SnapshotObject*> objects;
    for (const engine::SnapshotObject& object : snapshot.objects)
        objects.emplace(object.id, &object);
    std::unordered_map<std::uint64_t, QString> reached;  // object id → the first label that reaches it
    std::vector<std::uint64_t> frontier;
    for (const engine::SnapshotName& binding : snapshot.names) {
        labels.push_back({QString::fromStdString(binding.name), binding.object, false});
        if (reached.emplace(binding.object, labels.back().text).second)
            frontier.push_back(binding.object);
    }
    for (std::size_t i = 0; i < frontier.size(); ++i) {
        const auto object = objects.find(frontier[i]);
        if (object == objects.end() || !object->second->array || !object->second->array->base)
            continue;
        const std::uint64_t base = *object->second->array->base;
        if (reached.count(base))
            continue;
        reached.emplace(base, reached.at(frontier[i]) + QStringLiteral(".base"));
        labels.push_back({reached.at(base), base, true});
        frontier.push_back(base);
    }
    // Stacked beside the card they point at (Y = X gives two names on one card).
    std::map<std::uint64_t, int> namesPerObject;
    for (const Label& label : labels) {
        ArrayCardItem* target = card(label.object);
        if (!target)
            continue;
        NameRow row{};
        if (const auto kept = previous.find({label.text, label.object}); kept != previous.end() && kept->second.name->isDerived() == label.derived) {
            row = kept->second;
            previous.erase(kept);
        } else {
            row.name = new NameItem(label.text, label.object, m_theme, label.derived);
            addItem(row.name);
        }
        const int k = namesPerObject[label.object]++;
        // Right of the names column when it fits, else reaching left: the cards never move for a long name.
        const qreal x = std::min(m_namesX, m_cardsX - kColumnGap - row.name->boundingRect().width());
        row.name->setPos(x, target->pos().y() + 6 + k * (row.name->boundingRect().height() + 6));
        const QPointF from = row.name->pos() + row.name->arrowStart(), to = target->pos() + QPointF(0, 18);
        if (row.arrow) {
            row.arrow->setEnds(from, to);
        } else {
            row.arrow = new LinkItem(from, to, label.derived ? m_theme.cardBorder : m_theme.mutedText, true);
            addItem(row.arrow);
        }
        m_names.push_back(row);
    }
    for (auto& [key, row] : previous) {
        delete row.arrow;
        delete row.name;
    }
    // Objects to the memory they reach.
    std::unordered_map<std::uint64_t, LinkItem*> links;
    for (const auto& [id, item] : m_cards) {
        const engine::SnapshotObject& object = item->object();
        BufferBlockItem* target = object.array ? block(object.array->buffer) : nullptr;
        if (!target)
            continue;
        const QColor color = object.type == "torch.Tensor" ? m_theme.torchAccent : m_theme.numpyAccent;
        const QPointF from = item->pos() + item->linkAnchor();
        const QPointF to = target->pos() + target->anchorForByte(object.array->bufferByteOffset);
        LinkItem* link = nullptr;
        if (const auto kept = m_memoryLinks.find(id); kept != m_memoryLinks.end()) {
            link = kept->second;
            m_memoryLinks.erase(kept);
            link->setColor(color);
            link->setEnds(from, to);
        } else {
            link = new LinkItem(from, to, color, true);
            addItem(link);
        }
        links.emplace(id, link);
    }
    for (auto& [id, link] : m_memoryLinks)
        delete link;
    m_memoryLinks = std::move(links);
}

}  // namespace av::ui
