#include "source.h"

#include <algorithm>

namespace av::engine::py {

SourceText::SourceText(std::string fileName, std::string text) : m_fileName(std::move(fileName)), m_text(std::move(text))
{
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < m_text.size(); ++i)
        if (m_text[i] == '\n' && i + 1 < m_text.size())
            m_lineStarts.push_back(i + 1);
}

std::string_view SourceText::line(int n) const
{
    if (n < 1 || n > lineCount())
        return {};
    const std::size_t start = m_lineStarts[static_cast<std::size_t>(n - 1)];
    std::size_t end = m_text.find('\n', start);
    if (end == std::string::npos)
        end = m_text.size();
    std::string_view text(m_text.data() + start, end - start);
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    return text;
}

std::string formatSyntaxError(const SourceText& source, const SyntaxIssue& issue)
{
    std::string out = "  File \"" + source.fileName() + "\", line " + std::to_string(issue.line) + "\n";
    const std::string_view text = source.line(issue.line);
    // CPython prints the line without its indentation, four spaces in, and moves the caret with it.
    std::size_t lead = 0;
    while (lead < text.size() && (text[lead] == ' ' || text[lead] == '\t' || text[lead] == '\f'))
        ++lead;
    std::string_view shown = text.substr(lead);
    if (!shown.empty() || issue.line <= source.lineCount()) {
        out += "    " + std::string(shown) + "\n";
        // IndentationError: unexpected indent and TabError show no caret.
        const bool caret = issue.column >= 0 &&
                           !(issue.kind == "TabError" ||
                             (issue.kind == "IndentationError" && issue.message == "unexpected indent"));
        if (caret && !shown.empty()) {
            // Columns are bytes; the caret line counts characters, as CPython's does.
            const auto characters = [&](std::size_t from, std::size_t to) {
                int count = 0;
                for (std::size_t i = from; i < std::min(to, text.size()); ++i)
                    count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
                return count + static_cast<int>(to > text.size() ? to - text.size() : 0);
            };
            const std::size_t begin = static_cast<std::size_t>(std::max(issue.column, static_cast<int>(lead)));
            const int column = characters(lead, begin);
            const int width = std::max(1, characters(begin, static_cast<std::size_t>(std::max(issue.endColumn, issue.column))));
            out += "    " + std::string(static_cast<std::size_t>(column), ' ') + std::string(static_cast<std::size_t>(width), '^') + "\n";
        }
    }
    out += issue.kind + ": " + issue.message + "\n";
    return out;
}

}  // namespace av::engine::py
