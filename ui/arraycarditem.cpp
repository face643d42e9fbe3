#include "arraycarditem.h"

#include "widesttext.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

namespace av::ui {

namespace {

constexpr qreal kPadding = 10;
constexpr qreal kRadius = 8;
constexpr qreal kSliceLabelWidth = 0;

QString tupleText(const std::vector<std::int64_t>& values)
{
    QString out = QStringLiteral("(");
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? QStringLiteral(", ") : QString()) + QString::number(values[i]);
    if (values.size() == 1)
        out += QLatin1Char(',');
    return out + QLatin1Char(')');
}

// Whether two Snapshots of an object give the card the same size and text: what the header and the grid show.
// The changed cells, flags and version are painted or shown elsewhere and need no new layout.
bool sameLook(const engine::SnapshotObject& a, const engine::SnapshotObject& b)
{
    if (a.type != b.type || a.array.has_value() != b.array.has_value())
        return false;
    if (!a.array)
        return a.repr == b.repr;
    const engine::SnapshotArray& x = *a.array;
    const engine::SnapshotArray& y = *b.array;
    return x.dtype == y.dtype && x.shape == y.shape && x.strides == y.strides && x.storageOffset == y.storageOffset &&
           x.device == y.device && x.requiresGrad == y.requiresGrad && x.gradFn == y.gradFn && x.dataPtr == y.dataPtr &&
           x.itemsize == y.itemsize && x.bufferByteOffset == y.bufferByteOffset && x.values == y.values &&
           x.cellIndex == y.cellIndex;
}

QColor accentFor(const engine::SnapshotObject& object, const Theme& theme)
{
    if (object.type == "torch.Tensor")
        return theme.torchAccent;
    if (object.type.rfind("numpy.", 0) == 0)
        return theme.numpyAccent;
    return theme.otherAccent;
}

}  // namespace

ArrayCardItem::ArrayCardItem(const engine::SnapshotObject& object, const Theme& theme, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_object(object), m_theme(theme)
{
    setAcceptHoverEvents(true);
    setFlag(QGraphicsItem::ItemIsSelectable);
    relayout();
}

void ArrayCardItem::setObject(const engine::SnapshotObject& object)
{
    // Most cards show the same object from one step to the next (250 cards, one of them new): they are left
    // as they are, and a card whose values and geometry stayed is repainted without a new layout.
    if (object == m_object)
        return;
    const bool relayoutNeeded = !sameLook(object, m_object);
    if (relayoutNeeded)
        prepareGeometryChange();
    m_object = object;
    if (relayoutNeeded) {
        relayout();
    } else {
        m_changed.clear();
        if (m_object.array)
            m_changed.insert(m_object.array->changedCells.begin(), m_object.array->changedCells.end());
    }
    update();
}

QString ArrayCardItem::headerLine1() const
{
    if (!m_object.array)
        return QString::fromStdString(m_object.type);
    const engine::SnapshotArray& a = *m_object.array;
    return QString::fromStdString(a.dtype) + QStringLiteral("  ") + tupleText(a.shape);
}

QString ArrayCardItem::headerLine2() const
{
    if (!m_object.array)
        return {};
    const engine::SnapshotArray& a = *m_object.array;
    QString line = tr("strides %1  offset %2  %3").arg(tupleText(a.strides)).arg(a.storageOffset).arg(QString::fromStdString(a.device));
    if (a.requiresGrad)
        line += QStringLiteral("  requires_grad");
    if (!a.gradFn.empty())
        line += QStringLiteral("  ") + QString::fromStdString(a.gradFn);
    return line;
}

QString ArrayCardItem::headerLine3() const
{
    if (!m_object.array)
        return {};
    return QStringLiteral("data_ptr 0x") + QString::number(m_object.array->dataPtr, 16);
}

void ArrayCardItem::relayout()
{
    const QFontMetricsF mono(m_theme.monoFont);
    const QFontMetricsF sans(m_theme.font);
    m_changed.clear();
    if (m_object.array) {
        m_grid = layoutGrid(*m_object.array);
        m_changed.insert(m_object.array->changedCells.begin(), m_object.array->changedCells.end());
    } else {
        m_grid = CardGrid{};
        m_grid.rows = 1;
        m_grid.columns = 1;
        m_grid.cells.push_back({0, 0, -1, QString::fromStdString(m_object.repr)});
    }
    WidestText widestCell(m_theme.monoFont);
    widestCell.add(QStringLiteral("0.00"));
    for (const GridCell& cell : m_grid.cells)
        widestCell.add(cell.text);
    const qreal widest = widestCell.width();
    const qreal maxCellWidth = m_object.array ? 140 : 520;
    m_cellWidth = std::min<qreal>(widest + 12, maxCellWidth);
    m_elideCells = widest + 12 > maxCellWidth;
    m_cellHeight = mono.height() + 8;
    const qreal lineHeight = sans.height() + 2;
    const int headerLines = m_object.array ? 4 : 2;  // badge line, three lines of facts
    m_headerHeight = kPadding + headerLines * lineHeight + 4;
    qreal labelWidth = 0;
    for (const GridSlice& slice : m_grid.slices)
        labelWidth = std::max(labelWidth, mono.horizontalAdvance(slice.label));
    m_gridLeft = kPadding + (labelWidth > 0 ? labelWidth + 8 : kSliceLabelWidth);
    m_gridTop = m_headerHeight;
    const qreal gridWidth = m_grid.columns * m_cellWidth;
    qreal headerWidth = 0;
    for (const QString& line : {headerLine1(), headerLine2(), headerLine3()})
        headerWidth = std::max(headerWidth, sans.horizontalAdvance(line));
    headerWidth = std::max(headerWidth, sans.horizontalAdvance(QString::fromStdString(m_object.type)) + 80);
    // The flavour badge and the scene's "new"/"changed" badge share the top line (both bold, 12 px of padding
    // each): leave room for both and a gap, or "numpy.ndarray" disappears under "changed".
    QFont badgeFont = m_theme.font;
    badgeFont.setBold(true);
    const QFontMetricsF bold(badgeFont);
    const qreal stateBadge = std::max(bold.horizontalAdvance(QCoreApplication::translate("av::ui::GraphScene", "new")),
                                      bold.horizontalAdvance(QCoreApplication::translate("av::ui::GraphScene", "changed")));
    headerWidth = std::max(headerWidth, bold.horizontalAdvance(QString::fromStdString(m_object.type)) + 12 + 8 + stateBadge + 12);
    m_width = std::max(m_gridLeft + gridWidth + kPadding, headerWidth + 2 * kPadding);
    m_height = m_gridTop + m_grid.rows * m_cellHeight + kPadding;
}

QRectF ArrayCardItem::boundingRect() const { return QRectF(-2, -2, m_width + 4, m_height + 4); }

QPointF ArrayCardItem::linkAnchor() const { return QPointF(m_width, m_headerHeight / 2); }

std::optional<QRectF> ArrayCardItem::cellRect(std::int64_t flatIndex) const
{
    for (const GridCell& cell : m_grid.cells)
        if (cell.flatIndex == flatIndex)
            return QRectF(m_gridLeft + cell.column * m_cellWidth, m_gridTop + cell.row * m_cellHeight, m_cellWidth, m_cellHeight);
    return std::nullopt;
}

std::optional<std::int64_t> ArrayCardItem::cellAt(const QPointF& localPos) const
{
    if (!m_object.array)
        return std::nullopt;
    const int column = static_cast<int>(std::floor((localPos.x() - m_gridLeft) / m_cellWidth));
    const int row = static_cast<int>(std::floor((localPos.y() - m_gridTop) / m_cellHeight));
    for (const GridCell& cell : m_grid.cells)
        if (cell.row == row && cell.column == column && cell.flatIndex >= 0)
            return cell.flatIndex;
    return std::nullopt;
}

void ArrayCardItem::setHoveredBytes(std::uint64_t buffer, std::int64_t begin, std::int64_t end)
{
    std::set<std::int64_t> hovered;
    if (m_object.array && m_object.array->buffer == buffer) {
        const engine::SnapshotArray& a = *m_object.array;
        for (const GridCell& cell : m_grid.cells) {
            if (cell.flatIndex < 0)
                continue;
            const std::int64_t offset = cellByteOffset(a, cell.flatIndex);
            if (offset < end && begin < offset + a.itemsize)
                hovered.insert(cell.flatIndex);
        }
    }
    if (hovered != m_hovered) {
        m_hovered = std::move(hovered);
        update();
    }
}

void ArrayCardItem::clearHover()
{
    if (!m_hovered.empty()) {
        m_hovered.clear();
        update();
    }
}

void ArrayCardItem::setChangeIntensity(qreal intensity)
{
    if (intensity == m_changeIntensity)
        return;
    m_changeIntensity = intensity;
    if (!m_changed.empty())
        update();
}

void ArrayCardItem::setBadge(const QString& badge)
{
    if (badge == m_badge)
        return;
    m_badge = badge;
    update();
}

void ArrayCardItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event)
{
    const std::optional<std::int64_t> cell = cellAt(event->pos());
    if (!cell || !m_object.array) {
        emit hoverLeft();
        return;
    }
    const std::int64_t offset = cellByteOffset(*m_object.array, *cell);
    emit hovered(m_object.array->buffer, offset, offset + m_object.array->itemsize);
}

void ArrayCardItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) { emit hoverLeft(); }

void ArrayCardItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const bool readable = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) >= kReadableDetail;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor accent = accentFor(m_object, m_theme);
    const QRectF frame(0, 0, m_width, m_height);
    QPen border(isSelected() ? accent : m_theme.cardBorder, isSelected() ? 2.5 : 1.2);
    painter->setPen(border);
    painter->setBrush(m_theme.cardFill);
    painter->drawRoundedRect(frame, kRadius, kRadius);

    // The flavour badge.
    const QFontMetricsF sans(m_theme.font);
    const qreal lineHeight = sans.height() + 2;
    QFont badgeFont = m_theme.font;
    badgeFont.setBold(true);
    painter->setFont(badgeFont);
    const QString typeText = QString::fromStdString(m_object.type);
    const QFontMetricsF badgeMetrics(badgeFont);
    const QRectF badgeRect(kPadding, kPadding - 2, badgeMetrics.horizontalAdvance(typeText) + 12, lineHeight);
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawRoundedRect(badgeRect, 4, 4);
    if (readable) {
        painter->setPen(Qt::white);
        painter->drawText(badgeRect, Qt::AlignCenter, typeText);
    }

    if (!m_badge.isEmpty()) {
        const QColor color = m_badge == tr("new") ? m_theme.newBadge : m_theme.changedBadge;
        const QRectF stateRect(m_width - kPadding - badgeMetrics.horizontalAdvance(m_badge) - 12, kPadding - 2,
                               badgeMetrics.horizontalAdvance(m_badge) + 12, lineHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawRoundedRect(stateRect, 4, 4);
        if (readable) {
            painter->setPen(Qt::white);
            painter->drawText(stateRect, Qt::AlignCenter, m_badge);
        }
    }

    painter->setFont(m_theme.font);
    painter->setPen(m_theme.text);
    qreal y = kPadding + lineHeight;
    if (m_object.array && readable) {
        painter->drawText(QPointF(kPadding, y + sans.ascent()), headerLine1());
        y += lineHeight;
        painter->setPen(m_theme.mutedText);
        painter->drawText(QPointF(kPadding, y + sans.ascent()), headerLine2());
        y += lineHeight;
        painter->setFont(m_theme.monoFont);
        painter->drawText(QPointF(kPadding, y + sans.ascent()), headerLine3());
    }

    // The grid. Too small to read (a large graph fitted into the view), a card is drawn as its shape: one box
    // for the grid with the changed and hovered cells tinted, which is what the eye looks for at that
    // distance; 25,000 cells of text a few pixels high took 160 ms a frame.
    const auto cellFill = [this](std::int64_t flatIndex) -> std::optional<QColor> {
        if (m_hovered.count(flatIndex))
            return m_theme.hoverFill;
        if (m_changed.count(flatIndex)) {
            QColor fill = m_theme.changedFill;
            fill.setAlphaF(0.25 + 0.75 * m_changeIntensity);
            return fill;
        }
        return std::nullopt;
    };
    if (!readable) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_theme.cellFill);
        painter->drawRect(QRectF(m_gridLeft, m_gridTop, m_grid.columns * m_cellWidth, m_grid.rows * m_cellHeight));
        if (m_changed.empty() && m_hovered.empty())
            return;
        for (const GridCell& cell : m_grid.cells) {
            if (const std::optional<QColor> fill = cell.flatIndex >= 0 ? cellFill(cell.flatIndex) : std::nullopt) {
                painter->setBrush(*fill);
                painter->drawRect(QRectF(m_gridLeft + cell.column * m_cellWidth, m_gridTop + cell.row * m_cellHeight, m_cellWidth,
                                         m_cellHeight));
            }
        }
        return;
    }
    painter->setFont(m_theme.monoFont);
    const QFontMetricsF mono(m_theme.monoFont);
    for (const GridSlice& slice : m_grid.slices) {
        if (slice.label.isEmpty())
            continue;
        painter->setPen(m_theme.mutedText);
        painter->drawText(QRectF(kPadding, m_gridTop + slice.firstRow * m_cellHeight, m_gridLeft - kPadding - 4, m_cellHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, slice.label);
    }
    for (const GridCell& cell : m_grid.cells) {
        const QRectF rect(m_gridLeft + cell.column * m_cellWidth, m_gridTop + cell.row * m_cellHeight, m_cellWidth, m_cellHeight);
        if (cell.flatIndex >= 0 || !m_object.array) {
            painter->setPen(QPen(m_theme.cellBorder, 1));
            painter->setBrush(cellFill(cell.flatIndex).value_or(m_theme.cellFill));
            painter->drawRect(rect);
        }
        painter->setPen(cell.flatIndex >= 0 || !m_object.array ? m_theme.text : m_theme.mutedText);
        painter->drawText(rect.adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter,
                          m_elideCells ? mono.elidedText(cell.text, Qt::ElideRight, rect.width() - 8) : cell.text);
    }
}

}  // namespace av::ui
