#pragma once
// Figures of a recorded run, for slides and handouts: one step's buffer graph (drawn by a GraphScene, as the
// window draws it), optionally beside the script with the step's line marked, the step's narration and what
// the script printed so far. One layout painted onto any QPainter, so a PNG (QImage), an SVG
// (QSvgGenerator, text stays text) and a PDF (QPdfWriter, a page per step, selectable text) show the same.

#include "theme.h"

#include "engine/session/snapshot.h"

#include <QImage>
#include <QSizeF>
#include <QString>

#include <functional>
#include <memory>

class QIODevice;
class QPainter;
class QTranslator;

namespace av::ui {

class GraphScene;

struct ExportOptions {
    qreal scale = 1.0;         // PNG pixels per layout unit (SVG and PDF are vector and ignore it)
    bool printTheme = false;   // Theme::print() (white paper) instead of the screen theme
    bool includeCode = true;
    bool includeNarration = true;
    bool includeConsole = true;
    QString language = QStringLiteral("en");  // "en" or "zh_CN" (narration comments and generated text)
    bool stableAddresses = false;             // see withStableAddresses()
};

// The trace with every buffer's address replaced by a deterministic one: buffers in order of first
// appearance start at 0x1000 and each next one at the previous one's end rounded up to 0x1000 (at least
// 0x1000 further). Storage addresses, data_ptrs and integer values equal to an address inside a buffer keep
// their byte offset from the buffer's start, so every equality and every offset stays as it was.
engine::Trace withStableAddresses(const engine::Trace& trace);

// The figure's file formats.
enum class ExportFormat { Png, Svg, Pdf };
bool exportFormatFromName(const QString& name, ExportFormat& format);  // "png", "svg", "pdf"

class ExportRenderer {
public:
    ExportRenderer(const engine::Trace& trace, ExportOptions options);
    ~ExportRenderer();
    ExportRenderer(const ExportRenderer&) = delete;
    ExportRenderer& operator=(const ExportRenderer&) = delete;

    const engine::Trace& trace() const { return m_trace; }
    const ExportOptions& options() const { return m_options; }
    int stepCount() const { return static_cast<int>(m_trace.steps.size()); }
    // The steps, plus a last page with the traceback when the script failed.
    int pageCount() const { return stepCount() + (hasErrorPage() ? 1 : 0); }
    bool hasErrorPage() const { return m_trace.error.has_value(); }

    // The figure of `page` (0-based), in layout units (1 unit = 1 px at scale 1).
    QSizeF pageSize(int page);
    // Paints `page` with its top left at the painter's origin, pageSize(page) units large.
    void paint(QPainter* painter, int page);

    QImage image(int page);                                  // scale applied
    bool writePng(int page, QIODevice* device);
    bool writeSvg(int page, QIODevice* device);
    // Pages [first, last] one after another in one PDF; progress(i) is called before each and may return
    // false to cancel (then nothing useful was written and false is returned).
    bool writePdf(QIODevice* device, int first, int last, const std::function<bool(int)>& progress = {});

    // Writes `page` (or, for PDF, all pages) to `path` atomically (QSaveFile); false with `error` set.
    bool save(const QString& path, ExportFormat format, int page, QString* error);
    bool savePdf(const QString& path, int first, int last, QString* error, const std::function<bool(int)>& progress = {});

private:
    struct Layout;
    Layout layout(int page);
    void showPage(int page);  // the scene shows the page's step (steps replayed in order: items keep places)
    QString consoleText(int page) const;

    engine::Trace m_trace;
    ExportOptions m_options;
    Theme m_theme;
    std::unique_ptr<GraphScene> m_scene;
    std::unique_ptr<QTranslator> m_translator;
    int m_shownStep = -1;
};

}  // namespace av::ui
