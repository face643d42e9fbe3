#include "exportrenderer.h"

#include "graphscene.h"
#include "narration.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>
#include <QSvgGenerator>
#include <QTranslator>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace av::ui {

// ---- stable addresses ------------------------------------------------------------------------------------

namespace {

struct AddressRange {
    std::uint64_t original = 0;
    std::int64_t nbytes = 0;
    std::uint64_t stable = 0;
};

constexpr std::uint64_t kPage = 0x1000;

std::uint64_t roundUpToPage(std::int64_t nbytes)
{
    const std::uint64_t n = nbytes > 0 ? static_cast<std::uint64_t>(nbytes) : 0;
    return std::max<std::uint64_t>(kPage, (n + kPage - 1) / kPage * kPage);
}

// An address inside (or one past the end of) a buffer seen in the trace, moved with it; others unchanged.
std::optional<std::uint64_t> moved(const std::vector<AddressRange>& ranges, std::uint64_t value)
{
    if (value == 0)
        return std::nullopt;
    for (const AddressRange& r : ranges)
        if (value >= r.original && value <= r.original + static_cast<std::uint64_t>(std::max<std::int64_t>(r.nbytes, 0)))
            return r.stable + (value - r.original);
    return std::nullopt;
}

// Integers in printed text (decimal, as data_ptr() prints, or 0x-hex) that are addresses of the trace.
std::string rewriteNumbers(const std::string& text, const std::vector<AddressRange>& ranges)
{
    static const QRegularExpression number(QStringLiteral("\\b(0x[0-9a-fA-F]{4,}|[0-9]{5,})\\b"));
    const QString in = QString::fromStdString(text);
    QString out;
    qsizetype last = 0;
    bool any = false;
    for (auto it = number.globalMatch(in); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString token = m.captured(1);
        const bool hex = token.startsWith(QStringLiteral("0x"));
        bool ok = false;
        const std::uint64_t value = hex ? token.mid(2).toULongLong(&ok, 16) : token.toULongLong(&ok, 10);
        const auto to = ok ? moved(ranges, value) : std::nullopt;
        if (!to)
            continue;
        out += in.mid(last, m.capturedStart(1) - last);
        out += hex ? QStringLiteral("0x") + QString::number(*to, 16) : QString::number(*to);
        last = m.capturedEnd(1);
        any = true;
    }
    if (!any)
        return text;
    out += in.mid(last);
    return out.toStdString();
}

}  // namespace

engine::Trace withStableAddresses(const engine::Trace& trace)
{
    engine::Trace out = trace;
    // Pass 1: every buffer (by id and real address: an id is kept for one allocation's life) in order of
    // first appearance gets its place.
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> stableOf;
    std::vector<AddressRange> ranges;
    std::uint64_t next = kPage;
    for (const engine::Snapshot& step : trace.steps)
        for (const engine::SnapshotBuffer& b : step.buffers) {
            const auto key = std::make_pair(b.id, b.address);
            if (stableOf.count(key))
                continue;
            stableOf[key] = next;
            ranges.push_back({b.address, b.nbytes, next});
            next += roundUpToPage(b.nbytes);
        }

    // Pass 2: addresses move with their buffer; offsets from the buffer's start are kept.
    std::unordered_map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> lastById;  // id → (real, stable)
    auto shift = [](std::uint64_t value, std::pair<std::uint64_t, std::uint64_t> base) {
        return value == 0 ? value : base.second + (value - base.first);
    };
    for (engine::Snapshot& step : out.steps) {
        for (engine::SnapshotBuffer& b : step.buffers) {
            const std::uint64_t stable = stableOf.at(std::make_pair(b.id, b.address));
            lastById[b.id] = {b.address, stable};
            b.address = stable;
        }
        for (engine::SnapshotStorage& s : step.storages) {
            if (const auto it = lastById.find(s.buffer); it != lastById.end())
                s.address = shift(s.address, it->second);
            else if (const auto to = moved(ranges, s.address))
                s.address = *to;
        }
        for (engine::SnapshotObject& o : step.objects) {
            if (o.array) {
                if (const auto it = lastById.find(o.array->buffer); it != lastById.end())
                    o.array->dataPtr = shift(o.array->dataPtr, it->second);
                else if (const auto to = moved(ranges, o.array->dataPtr))
                    o.array->dataPtr = *to;
            } else {
                o.repr = rewriteNumbers(o.repr, ranges);  // p = A.data_ptr()
            }
        }
        step.stdoutText = rewriteNumbers(step.stdoutText, ranges);
    }
    return out;
}

bool exportFormatFromName(const QString& name, ExportFormat& format)
{
    const QString n = name.toLower();
    if (n == QStringLiteral("png"))
        format = ExportFormat::Png;
    else if (n == QStringLiteral("svg"))
        format = ExportFormat::Svg;
    else if (n == QStringLiteral("pdf"))
        format = ExportFormat::Pdf;
    else
        return false;
    return true;
}

// ---- layout ----------------------------------------------------------------------------------------------

namespace {

constexpr qreal kMargin = 16;
constexpr qreal kGap = 16;
constexpr qreal kPad = 8;
constexpr int kMaxCodeLines = 40;
constexpr int kMaxConsoleLines = 16;
constexpr qreal kMaxCodeWidth = 560;

QString lineOf(const QString& script, int line)
{
    const QStringList lines = script.split(QLatin1Char('\n'));
    return line >= 1 && line <= lines.size() ? lines.at(line - 1).trimmed() : QString();
}

QString lastLines(const QString& text, int count)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.size() > count) {
        lines = lines.mid(lines.size() - count);
        lines.prepend(QStringLiteral("…"));
    }
    return lines.join(QLatin1Char('\n'));
}

qreal wrappedHeight(const QFont& font, qreal width, const QString& text)
{
    const QFontMetricsF fm(font);
    return fm.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

}  // namespace

struct ExportRenderer::Layout {
    QSizeF size;
    QString title;
    QRectF titleRect;
    // Code: the shown lines [firstLine, firstLine + lines.size()), the marked one.
    QRectF codeRect;
    QStringList codeLines;
    int firstLine = 1;
    int markedLine = 0;
    qreal codeLineHeight = 0;
    qreal gutter = 0;
    QRectF graphRect;   // where the scene goes
    QRectF graphSource; // the scene's part drawn
    QRectF narrationRect;
    QString narration;
    QRectF consoleRect;
    QString console;
    QRectF errorRect;
    QString error;
};

ExportRenderer::ExportRenderer(const engine::Trace& trace, ExportOptions options)
    : m_trace(options.stableAddresses ? withStableAddresses(trace) : trace),
      m_options(std::move(options)),
      m_theme(m_options.printTheme ? Theme::print() : Theme::screen()),
      m_scene(std::make_unique<GraphScene>())
{
    if (m_options.language.startsWith(QStringLiteral("zh"))) {
        m_translator = std::make_unique<QTranslator>();
        if (m_translator->load(QStringLiteral(":/i18n/aliasview_zh_CN.qm")))
            QCoreApplication::installTranslator(m_translator.get());
        else
            m_translator.reset();
    }
    m_scene->setAnimated(false);
    m_scene->setTheme(m_theme);
}

ExportRenderer::~ExportRenderer()
{
    m_scene.reset();
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

void ExportRenderer::showPage(int page)
{
    const int step = std::min(page, stepCount() - 1);
    if (step < m_shownStep || step < 0) {
        m_scene->clearGraph();
        m_shownStep = -1;
    }
    // Step by step from where the scene is, as the window does: every item keeps its place.
    while (m_shownStep < step) {
        ++m_shownStep;
        m_scene->showSnapshot(m_trace.steps[static_cast<std::size_t>(m_shownStep)]);
    }
}

QString ExportRenderer::consoleText(int page) const
{
    QString text;
    for (int i = 0; i <= page && i < stepCount(); ++i) {
        const engine::Snapshot& s = m_trace.steps[static_cast<std::size_t>(i)];
        text += QString::fromStdString(s.stdoutText);
        text += QString::fromStdString(s.stderrText);
    }
    return text;
}

ExportRenderer::Layout ExportRenderer::layout(int page)
{
    showPage(page);
    Layout l;
    const bool errorPage = hasErrorPage() && page >= stepCount();
    const engine::Snapshot* snapshot =
        !errorPage && page >= 0 && page < stepCount() ? &m_trace.steps[static_cast<std::size_t>(page)] : nullptr;
    const QString script = QString::fromStdString(m_trace.source);
    const QString file = QString::fromStdString(m_trace.fileName).section(QLatin1Char('/'), -1);

    if (errorPage)
        l.title = QCoreApplication::translate("Export", "%1 — the script failed").arg(file);
    else
        l.title = QCoreApplication::translate("Export", "%1 — step %2 of %3, line %4")
                      .arg(file)
                      .arg(page + 1)
                      .arg(stepCount())
                      .arg(snapshot ? snapshot->line : 0);
    const QFontMetricsF titleFm(m_theme.titleFont);
    qreal y = kMargin;
    l.titleRect = QRectF(kMargin, y, titleFm.horizontalAdvance(l.title) + 2, titleFm.height());
    y += l.titleRect.height() + kGap;

    // The row: code on the left, the graph on the right.
    qreal x = kMargin;
    qreal rowHeight = 0;
    if (m_options.includeCode) {
        const QStringList all = script.split(QLatin1Char('\n'));
        l.markedLine = errorPage && m_trace.error ? m_trace.error->line : snapshot ? snapshot->line : 0;
        int first = 1;
        int count = static_cast<int>(all.size());
        if (count > kMaxCodeLines) {
            first = std::clamp(l.markedLine - kMaxCodeLines / 2, 1, count - kMaxCodeLines + 1);
            count = kMaxCodeLines;
        }
        l.firstLine = first;
        l.codeLines = all.mid(first - 1, count);
        const QFontMetricsF fm(m_theme.monoFont);
        l.codeLineHeight = fm.lineSpacing();
        l.gutter = fm.horizontalAdvance(QString::number(first + count)) + fm.horizontalAdvance(QStringLiteral("▶  "));
        qreal widest = 0;
        for (const QString& line : l.codeLines)
            widest = std::max(widest, fm.horizontalAdvance(line));
        const qreal width = std::min(kMaxCodeWidth, l.gutter + widest + 2 * kPad);
        l.codeRect = QRectF(x, y, width, l.codeLineHeight * l.codeLines.size() + 2 * kPad);
        rowHeight = l.codeRect.height();
        x += width + kGap;
    }
    QRectF source = m_scene->itemsBoundingRect().adjusted(-kPad, -kPad, kPad, kPad);
    if (source.width() < 200)
        source.setWidth(200);
    if (source.height() < 100)
        source.setHeight(100);
    l.graphSource = source;
    l.graphRect = QRectF(x, y, source.width(), source.height());
    rowHeight = std::max(rowHeight, l.graphRect.height());
    const qreal width = std::max<qreal>(640, l.graphRect.right() + kMargin);
    const qreal inner = width - 2 * kMargin;
    y += rowHeight + kGap;

    if (errorPage && m_trace.error) {
        const engine::SnapshotError& e = *m_trace.error;
        l.error = QCoreApplication::translate("Export", "line %1: ").arg(e.line) + QString::fromStdString(e.traceback);
        if (e.traceback.empty())
            l.error += QString::fromStdString(e.type + ": " + e.message);
        l.errorRect = QRectF(kMargin, y, inner, wrappedHeight(m_theme.monoFont, inner - 2 * kPad, l.error) + 2 * kPad);
        y += l.errorRect.height() + kGap;
    }
    if (m_options.includeNarration && snapshot) {
        const QString narration = narrationFor(script, snapshot->line, m_options.language);
        const QString described = describeStep(*snapshot, lineOf(script, snapshot->line));
        l.narration = narration.isEmpty() ? described : narration + QStringLiteral("\n") + described;
        l.narrationRect = QRectF(kMargin, y, inner, wrappedHeight(m_theme.font, inner - 2 * kPad, l.narration) + 2 * kPad);
        y += l.narrationRect.height() + kGap;
    }
    if (m_options.includeConsole) {
        l.console = lastLines(consoleText(page), kMaxConsoleLines);
        if (!l.console.isEmpty()) {
            l.consoleRect = QRectF(kMargin, y, inner, wrappedHeight(m_theme.monoFont, inner - 2 * kPad, l.console) + 2 * kPad);
            y += l.consoleRect.height() + kGap;
        }
    }
    l.size = QSizeF(std::ceil(width), std::ceil(y - kGap + kMargin));
    return l;
}

QSizeF ExportRenderer::pageSize(int page) { return layout(page).size; }

void ExportRenderer::paint(QPainter* painter, int page)
{
    const Layout l = layout(page);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(QRectF(QPointF(0, 0), l.size), m_theme.background);

    painter->setPen(m_theme.text);
    painter->setFont(m_theme.titleFont);
    painter->drawText(l.titleRect, Qt::AlignLeft | Qt::AlignVCenter, l.title);

    auto panel = [&](const QRectF& rect) {
        painter->setPen(QPen(m_theme.cardBorder, 1));
        painter->setBrush(m_theme.cardFill);
        painter->drawRoundedRect(rect, 4, 4);
    };

    if (!l.codeRect.isEmpty()) {
        panel(l.codeRect);
        painter->setFont(m_theme.monoFont);
        const QFontMetricsF fm(m_theme.monoFont);
        for (int i = 0; i < l.codeLines.size(); ++i) {
            const int number = l.firstLine + i;
            const QRectF row(l.codeRect.left() + 1, l.codeRect.top() + kPad + i * l.codeLineHeight, l.codeRect.width() - 2,
                             l.codeLineHeight);
            const bool marked = number == l.markedLine;
            if (marked)
                painter->fillRect(row, m_theme.changedFill.lighter(130));
            painter->setPen(marked ? m_theme.text : m_theme.mutedText);
            const QString gutter = (marked ? QStringLiteral("▶ ") : QStringLiteral("  ")) + QString::number(number);
            painter->drawText(QRectF(row.left() + kPad, row.top(), l.gutter, row.height()), Qt::AlignLeft | Qt::AlignVCenter, gutter);
            painter->setPen(m_theme.text);
            const QRectF code(row.left() + kPad + l.gutter, row.top(), row.right() - kPad - (row.left() + kPad + l.gutter), row.height());
            painter->drawText(code, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(l.codeLines.at(i), Qt::ElideRight, code.width()));
        }
    }

    m_scene->render(painter, l.graphRect, l.graphSource, Qt::KeepAspectRatio);

    auto textPanel = [&](const QRectF& rect, const QString& text, const QFont& font, const QColor& color) {
        if (rect.isEmpty())
            return;
        panel(rect);
        painter->setFont(font);
        painter->setPen(color);
        painter->drawText(rect.adjusted(kPad, kPad, -kPad, -kPad), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    };
    textPanel(l.errorRect, l.error, m_theme.monoFont, m_theme.errorText);
    textPanel(l.narrationRect, l.narration, m_theme.font, m_theme.text);
    textPanel(l.consoleRect, l.console, m_theme.monoFont, m_theme.text);
    painter->restore();
}

QImage ExportRenderer::image(int page)
{
    const QSizeF size = pageSize(page);
    const qreal scale = m_options.scale > 0 ? m_options.scale : 1.0;
    QImage image(QSize(static_cast<int>(std::ceil(size.width() * scale)), static_cast<int>(std::ceil(size.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(m_theme.background);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paint(&painter, page);
    painter.end();
    return image;
}

bool ExportRenderer::writePng(int page, QIODevice* device) { return image(page).save(device, "PNG"); }

bool ExportRenderer::writeSvg(int page, QIODevice* device)
{
    const QSizeF size = pageSize(page);
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    generator.setTitle(QString::fromStdString(m_trace.fileName).section(QLatin1Char('/'), -1));
    generator.setDescription(QStringLiteral("aliasview"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    paint(&painter, page);
    return painter.end();
}

bool ExportRenderer::writePdf(QIODevice* device, int first, int last, const std::function<bool(int)>& progress)
{
    QPdfWriter writer(device);
    writer.setCreator(QStringLiteral("aliasview"));
    writer.setTitle(QString::fromStdString(m_trace.fileName).section(QLatin1Char('/'), -1));
    writer.setResolution(96);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    auto pageSizeOf = [](QSizeF units) { return QPageSize(units * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch); };
    writer.setPageSize(pageSizeOf(pageSize(first)));
    QPainter painter;
    for (int page = first; page <= last; ++page) {
        if (progress && !progress(page))
            return false;
        const QSizeF size = pageSize(page);
        if (page == first) {
            if (!painter.begin(&writer))
                return false;
        } else {
            writer.setPageSize(pageSizeOf(size));
            if (!writer.newPage())
                return false;
        }
        // The page is the figure's size up to rounding to points: fit it.
        const qreal fit = std::min(writer.width() / size.width(), writer.height() / size.height());
        painter.save();
        painter.scale(fit, fit);
        paint(&painter, page);
        painter.restore();
    }
    return painter.end();
}

namespace {

bool commit(QSaveFile& file, bool written, QString* error)
{
    if (!written) {
        file.cancelWriting();
        if (error)
            *error = QCoreApplication::translate("Export", "could not draw '%1'").arg(file.fileName());
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = QCoreApplication::translate("Export", "could not write '%1': %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

}  // namespace

bool ExportRenderer::save(const QString& path, ExportFormat format, int page, QString* error)
{
    if (format == ExportFormat::Pdf)
        return savePdf(path, page, page, error);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("Export", "could not write '%1': %2").arg(path, file.errorString());
        return false;
    }
    const bool written = format == ExportFormat::Png ? writePng(page, &file) : writeSvg(page, &file);
    return commit(file, written, error);
}

bool ExportRenderer::savePdf(const QString& path, int first, int last, QString* error, const std::function<bool(int)>& progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("Export", "could not write '%1': %2").arg(path, file.errorString());
        return false;
    }
    bool cancelled = false;
    const bool written = writePdf(&file, first, last, [&](int page) {
        if (progress && !progress(page)) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled) {
        file.cancelWriting();
        if (error)
            *error = QCoreApplication::translate("Export", "cancelled");
        return false;
    }
    return commit(file, written, error);
}

}  // namespace av::ui
