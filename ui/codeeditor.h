#pragma once
// The script editor: Python colouring, line numbers, an arrow on the current line, dots on lines already
// executed, and the error underlined at its column with its message as a tooltip.

#include <QPlainTextEdit>

#include <set>

namespace av::ui {

class PythonHighlighter;

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit CodeEditor(QWidget* parent = nullptr);

    // The line the next step executes (1-based; 0 for none) and the lines executed so far.
    void setCurrentLine(int line);
    int currentLine() const { return m_currentLine; }
    void setExecutedLines(std::set<int> lines);
    // Underlines [column, endColumn) of line (columns in characters, 0-based); an empty message clears.
    void setError(int line, int column, int endColumn, const QString& message);
    void clearError();
    int cursorLine() const;

    // For the gutter widget.
    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void refreshSelections();

    QWidget* m_gutter;
    PythonHighlighter* m_highlighter;
    int m_currentLine = 0;
    std::set<int> m_executed;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    int m_errorEndColumn = 0;
    QString m_errorMessage;
};

}  // namespace av::ui
