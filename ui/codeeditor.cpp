#include "codeeditor.h"

#include "pythonhighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace av::ui {

namespace {

class Gutter : public QWidget {
public:
    explicit Gutter(CodeEditor* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return QSize(m_editor->gutterWidth(), 0); }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintGutter(event); }

private:
    CodeEditor* m_editor;
};

}  // namespace

CodeEditor::CodeEditor(QWidget* parent) : QPlainTextEdit(parent), m_gutter(new Gutter(this)), m_highlighter(new PythonHighlighter(document()))
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(11);
    setFont(font);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGutterWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    updateGutterWidth();
}

int CodeEditor::gutterWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 28 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeEditor::updateGutterWidth() { setViewportMargins(gutterWidth(), 0, 0, 0); }

void CodeEditor::updateGutter(const QRect& rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void CodeEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_gutter->setGeometry(QRect(contents.left(), contents.top(), gutterWidth(), contents.height()));
}

void CodeEditor::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), QColor(0xEE, 0xF0, 0xF3));
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            painter.setPen(number == m_currentLine ? QColor(0x1F, 0x23, 0x28) : QColor(0x8A, 0x90, 0x99));
            painter.drawText(0, top, m_gutter->width() - 20, lineHeight, Qt::AlignRight, QString::number(number));
            const QRectF mark(m_gutter->width() - 16, top + lineHeight / 2.0 - 5, 10, 10);
            painter.setRenderHint(QPainter::Antialiasing);
            if (number == m_currentLine) {
                QPolygonF arrow;
                arrow << mark.topLeft() << QPointF(mark.right(), mark.center().y()) << mark.bottomLeft();
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(0xEE, 0x4C, 0x2C));
                painter.drawPolygon(arrow);
            } else if (m_executed.count(number)) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(0x2E, 0x9E, 0x5B));
                painter.drawEllipse(mark.center(), 3, 3);
            }
            if (number == m_errorLine) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(QColor(0xC6, 0x28, 0x28));
                painter.drawEllipse(mark.center(), 4, 4);
            }
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

void CodeEditor::setCurrentLine(int line)
{
    m_currentLine = line;
    refreshSelections();
    m_gutter->update();
    if (line > 0) {
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        if (block.isValid()) {
            QTextCursor cursor(block);
            const QTextCursor saved = textCursor();
            setTextCursor(cursor);
            ensureCursorVisible();
            setTextCursor(saved);
        }
    }
}

void CodeEditor::setExecutedLines(std::set<int> lines)
{
    m_executed = std::move(lines);
    m_gutter->update();
}

void CodeEditor::setError(int line, int column, int endColumn, const QString& message)
{
    m_errorLine = line;
    m_errorColumn = column;
    m_errorEndColumn = std::max(endColumn, column + 1);
    m_errorMessage = message;
    refreshSelections();
    m_gutter->update();
}

void CodeEditor::clearError() { setError(0, 0, 0, QString()); }

int CodeEditor::cursorLine() const { return textCursor().blockNumber() + 1; }

void CodeEditor::refreshSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_currentLine > 0) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(QColor(0xFF, 0xF4, 0xD6));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = QTextCursor(document()->findBlockByNumber(m_currentLine - 1));
        selections.append(current);
    }
    if (m_errorLine > 0) {
        const QTextBlock block = document()->findBlockByNumber(m_errorLine - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection error;
            error.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            error.format.setUnderlineColor(QColor(0xC6, 0x28, 0x28));
            error.cursor = QTextCursor(block);
            const int length = block.length() - 1;
            const int column = std::clamp(m_errorColumn, 0, std::max(0, length - 1));
            error.cursor.setPosition(block.position() + column);
            error.cursor.setPosition(block.position() + std::clamp(m_errorEndColumn, column + 1, std::max(column + 1, length)),
                                     QTextCursor::KeepAnchor);
            selections.append(error);
        }
    }
    setExtraSelections(selections);
}

bool CodeEditor::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_errorLine > 0) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QTextCursor cursor = cursorForPosition(viewport()->mapFromGlobal(help->globalPos()));
        if (cursor.blockNumber() + 1 == m_errorLine) {
            QToolTip::showText(help->globalPos(), m_errorMessage, this);
            return true;
        }
        QToolTip::hideText();
    }
    return QPlainTextEdit::event(event);
}

}  // namespace av::ui
