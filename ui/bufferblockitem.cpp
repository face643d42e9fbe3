#include "bufferblockitem.h"

#include "widesttext.h"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace av::ui {

namespace {
constexpr qreal kPadding = 10;
constexpr int kElementsPerRow = 16;
}  // namespace

BufferBlockItem::BufferBlockItem(const engine::SnapshotBuffer& buffer, const Theme& theme, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_buffer(buffer), m_theme(theme)
{
    setAcceptHoverEvents(true);
    relayout();
}

std::int64_t BufferBlockItem::itemsize() const
{
    const std::string& d = m_buffer.dtype;
    if (d == "float64" || d == "int64")
        return 8;
    if (d == "float32" || d == "int32")
        return 4;
    if (d == "float16" || d == "int16")
        return 2;
    return 1;
}

void BufferBlockItem::setState(const engine::SnapshotBuffer& buffer, const std::vector<engine::SnapshotStorage>& storages,
                               const std::vector<std::pair<std::int64_t, std::int64_t>>& changedBytes)
{
    // A block whose buffer, windows and written bytes are as they were is left alone (most of them, each
    // step); one that was only written is repainted without a new layout.
    const bool relayoutNeeded = !(buffer == m_buffer);
    if (!relayoutNeeded && storages == m_storages && changedBytes == m_changed)
        return;
    if (relayoutNeeded) {
        prepareGeometryChange();
        m_buffer = buffer;
    }
    m_storages = storages;
    m_changed = changedBytes;
    if (relayoutNeeded)
        relayout();
    update();
}

void BufferBlockItem::relayout()
{
    const QFontMetricsF mono(m_theme.monoFont);
    const QFontMetricsF sans(m_theme.font);
    WidestText widestValue(m_theme.monoFont);
    widestValue.add(QStringLiteral("0.00"));
    for (const std::string& value : m_buffer.values)
        widestValue.add(value);
    const qreal widest = widestValue.width();
    m_cellWidth = std::min<qreal>(widest + 10, 120);
    m_elideCells = widest + 10 > 120;
    m_cellHeight = mono.height() + 8;
    const int count = static_cast<int>(m_buffer.values.size()) + (m_buffer.truncated ? 1 : 0);
    m_perRow = std::max(1, std::min(kElementsPerRow, count));
    m_offsetLabelWidth = mono.horizontalAdvance(QStringLiteral("+") + QString::number(m_buffer.nbytes)) + 8;
    m_headerHeight = kPadding + 2 * (sans.height() + 2) + 4;
    const int rows = std::max(1, (count + m_perRow - 1) / m_perRow);
    // Room below each row for storage window brackets.
    m_width = kPadding + m_offsetLabelWidth + m_perRow * m_cellWidth + kPadding;
    m_height = m_headerHeight + rows * (m_cellHeight + 8) + kPadding;
    const qreal titleWidth = sans.horizontalAdvance(tr("buffer #%1 · %2 bytes · %3").arg(m_buffer.id).arg(m_buffer.nbytes).arg(QString::fromStdString(m_buffer.allocator))) + 2 * kPadding;
    m_width = std::max(m_width, titleWidth);
}

QRectF BufferBlockItem::boundingRect() const { return QRectF(-2, -2, m_width + 4, m_height + 4); }

QRectF BufferBlockItem::elementRect(int index) const
{
    const int row = index / m_perRow, column = index % m_perRow;
    return QRectF(kPadding + m_offsetLabelWidth + column * m_cellWidth, m_headerHeight + row * (m_cellHeight + 8), m_cellWidth,
                  m_cellHeight);
}

std::optional<int> BufferBlockItem::elementAt(const QPointF& localPos) const
{
    const int column = static_cast<int>(std::floor((localPos.x() - kPadding - m_offsetLabelWidth) / m_cellWidth));
    const int row = static_cast<int>(std::floor((localPos.y() - m_headerHeight) / (m_cellHeight + 8)));
    if (column < 0 || column >= m_perRow || row < 0)
        return std::nullopt;
    const int index = row * m_perRow + column;
    if (index >= static_cast<int>(m_buffer.values.size()))
        return std::nullopt;
    if (!elementRect(index).contains(localPos))
        return std::nullopt;
    return index;
}

std::set<int> BufferBlockItem::elementsAt(std::int64_t begin, std::int64_t end) const
{
    std::set<int> out;
    const std::int64_t size = itemsize();
    const std::int64_t first = std::max<std::int64_t>(0, begin / size);
    for (std::int64_t i = first; i * size < end && i < static_cast<std::int64_t>(m_buffer.values.size()); ++i)
        out.insert(static_cast<int>(i));
    return out;
}

std::set<int> BufferBlockItem::changedElements() const
{
    std::set<int> out;
    for (const auto& [begin, end] : m_changed)
        out.merge(elementsAt(begin, end));
    return out;
}

std::set<int> BufferBlockItem::hoveredElements() const
{
    if (m_hovered.first == m_hovered.second)
        return {};
    return elementsAt(m_hovered.first, m_hovered.second);
}

QPointF BufferBlockItem::anchorForByte(std::int64_t offset) const
{
    const std::int64_t index = std::min<std::int64_t>(offset / itemsize(), std::max<std::int64_t>(0, static_cast<std::int64_t>(m_buffer.values.size()) - 1));
    const QRectF rect = elementRect(static_cast<int>(std::max<std::int64_t>(0, index)));
    return QPointF(rect.left(), rect.center().y());
}

void BufferBlockItem::setHoveredBytes(std::int64_t begin, std::int64_t end)
{
    m_hovered = {begin, end};
    update();
}

void BufferBlockItem::clearHover()
{
    if (m_hovered.first != m_hovered.second) {
        m_hovered = {0, 0};
        update();
    }
}

void BufferBlockItem::setChangeIntensity(qreal intensity)
{
    if (intensity == m_changeIntensity)
        return;
    m_changeIntensity = intensity;
    if (!m_changed.empty())
        update();
}

void BufferBlockItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event)
{
    const std::optional<int> index = elementAt(event->pos());
    if (!index) {
        emit hoverLeft();
        return;
    }
    const std::int64_t begin = *index * itemsize();
    emit hovered(m_buffer.id, begin, begin + itemsize());
}

void BufferBlockItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) { emit hoverLeft(); }

void BufferBlockItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Too small to read, the block is drawn as boxes and tints only (see kReadableDetail).
    const bool readable = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) >= kReadableDetail;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_theme.bufferBorder, 1.2));
    painter->setBrush(m_theme.bufferFill);
    painter->drawRoundedRect(QRectF(0, 0, m_width, m_height), 6, 6);

    const QFontMetricsF sans(m_theme.font);
    const qreal lineHeight = sans.height() + 2;
    QFont bold = m_theme.font;
    bold.setBold(true);
    if (readable) {
        painter->setFont(bold);
        painter->setPen(m_theme.text);
        painter->drawText(QPointF(kPadding, kPadding + sans.ascent()),
                          tr("buffer #%1 · %2 bytes · %3").arg(m_buffer.id).arg(m_buffer.nbytes).arg(QString::fromStdString(m_buffer.allocator)));
        painter->setFont(m_theme.monoFont);
        painter->setPen(m_theme.mutedText);
        painter->drawText(QPointF(kPadding, kPadding + lineHeight + sans.ascent()),
                          QStringLiteral("0x") + QString::number(m_buffer.address, 16) + QStringLiteral("  ") +
                              QString::fromStdString(m_buffer.dtype) + QStringLiteral("  ") + QString::fromStdString(m_buffer.device));
    }

    const std::int64_t size = itemsize();
    const auto meets = [&](std::int64_t begin, std::int64_t end, std::int64_t a, std::int64_t b) { return a < end && begin < b; };
    const int count = static_cast<int>(m_buffer.values.size());
    const QFontMetricsF mono(m_theme.monoFont);
    for (int i = 0; i < count; ++i) {
        const QRectF rect = elementRect(i);
        const std::int64_t begin = i * size, end = begin + size;
        if (readable && i % m_perRow == 0) {
            painter->setPen(m_theme.mutedText);
            painter->drawText(QRectF(kPadding, rect.top(), m_offsetLabelWidth - 6, rect.height()), Qt::AlignRight | Qt::AlignVCenter,
                              QStringLiteral("+") + QString::number(begin));
        }
        QColor fill = m_theme.cellFill;
        for (const auto& [a, b] : m_changed) {
            if (meets(begin, end, a, b)) {
                fill = m_theme.changedFill;
                fill.setAlphaF(0.25 + 0.75 * m_changeIntensity);
                break;
            }
        }
        if (m_hovered.first != m_hovered.second && meets(begin, end, m_hovered.first, m_hovered.second))
            fill = m_theme.hoverFill;
        painter->setPen(readable ? QPen(m_theme.cellBorder, 1) : QPen(Qt::NoPen));
        painter->setBrush(fill);
        painter->drawRect(rect);
        if (!readable)
            continue;
        const QString value = QString::fromStdString(m_buffer.values[static_cast<std::size_t>(i)]);
        painter->setPen(m_theme.text);
        painter->drawText(rect.adjusted(3, 0, -3, 0), Qt::AlignRight | Qt::AlignVCenter,
                          m_elideCells ? mono.elidedText(value, Qt::ElideRight, rect.width() - 6) : value);
    }
    if (m_buffer.truncated && readable) {
        const QRectF rect = elementRect(count);
        painter->setPen(m_theme.mutedText);
        painter->drawText(rect, Qt::AlignCenter, QStringLiteral("…"));
    }
    // torch storage windows that cover only part of the buffer: a bracket under their elements.
    for (const engine::SnapshotStorage& storage : m_storages) {
        if (storage.byteOffset == 0 && storage.nbytes == m_buffer.nbytes)
            continue;
        const int first = static_cast<int>(storage.byteOffset / size);
        const int last = static_cast<int>((storage.byteOffset + std::max<std::int64_t>(storage.nbytes, 1) - 1) / size);
        painter->setPen(QPen(m_theme.torchAccent, 2));
        for (int i = first; i <= last && i < count; ++i) {
            const QRectF rect = elementRect(i);
            painter->drawLine(QPointF(rect.left(), rect.bottom() + 4), QPointF(rect.right(), rect.bottom() + 4));
        }
    }
}

}  // namespace av::ui
