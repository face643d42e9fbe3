#include "pythonhighlighter.h"

namespace av::ui {

namespace {

QTextCharFormat textFormat(const QColor& color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

}  // namespace

PythonHighlighter::PythonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    const QStringList keywords = {"and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else",
                                  "except", "finally", "for", "from", "if", "import", "in", "is", "not", "or",
                                  "pass", "raise", "return", "try", "while", "with", "None", "True", "False"};
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(") + keywords.join(QLatin1Char('|')) + QStringLiteral(")\\b")),
                       textFormat(QColor(0x7A, 0x2E, 0x9E), true)});
    const QStringList builtins = {"print", "len", "range", "type", "id", "isinstance", "hasattr", "str", "repr", "int",
                                  "float", "bool", "list", "tuple", "min", "max", "abs", "round", "sum", "enumerate", "zip"};
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(") + builtins.join(QLatin1Char('|')) + QStringLiteral(")\\b(?=\\s*\\()")),
                       textFormat(QColor(0x1B, 0x6A, 0xA5))});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(torch|numpy|np)\\b")), textFormat(QColor(0xB3, 0x3A, 0x1F), true)});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b[0-9][0-9_]*(\\.[0-9_]*)?([eE][+-]?[0-9]+)?\\b|\\.[0-9]+\\b")),
                       textFormat(QColor(0x0B, 0x7A, 0x55))});
    m_stringFormat = textFormat(QColor(0xA3, 0x5A, 0x00));
    m_commentFormat = textFormat(QColor(0x6A, 0x73, 0x7D), false, true);
}

void PythonHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : m_rules) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()), rule.format);
        }
    }
    // Strings and comments last, scanning quotes so that '#' inside a string is no comment.
    QChar quote;
    int start = -1;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (start >= 0) {
            if (c == QLatin1Char('\\')) {
                ++i;
                continue;
            }
            if (c == quote) {
                setFormat(start, i - start + 1, m_stringFormat);
                start = -1;
            }
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            start = i;
        } else if (c == QLatin1Char('#')) {
            setFormat(i, text.size() - i, m_commentFormat);
            return;
        }
    }
    if (start >= 0)
        setFormat(start, text.size() - start, m_stringFormat);
}

}  // namespace av::ui
