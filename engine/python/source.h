#pragma once
// Positions in a script and the errors found while reading it, as CPython reports them.

#include <cstdint>
#include <string>
#include <vector>

namespace av::engine::py {

// A range in the source: 1-based lines, 0-based byte columns, end exclusive (CPython's lineno/col_offset).
struct SourceSpan {
    int line = 0;
    int column = 0;
    int endLine = 0;
    int endColumn = 0;
};

// SyntaxError, IndentationError or TabError, raised before anything runs. CPython prints them without a
// "Traceback" header: the file and line, the line's text, a caret under `column`, then "Kind: message".
struct SyntaxIssue {
    std::string kind = "SyntaxError";
    std::string message;
    int line = 1;
    int column = 0;     // 0-based byte column of the caret
    int endColumn = 0;  // exclusive; equal to column + 1 for a single caret
};

class SyntaxException : public std::exception {
public:
    explicit SyntaxException(SyntaxIssue issue) : m_issue(std::move(issue)) {}
    const SyntaxIssue& issue() const { return m_issue; }
    const char* what() const noexcept override { return m_issue.message.c_str(); }

private:
    SyntaxIssue m_issue;
};

// The script's text split into lines (without line ends), for tracebacks and carets.
class SourceText {
public:
    SourceText() = default;
    SourceText(std::string fileName, std::string text);

    const std::string& fileName() const { return m_fileName; }
    const std::string& text() const { return m_text; }
    // Line n (1-based), or "" past the end.
    std::string_view line(int n) const;
    int lineCount() const { return static_cast<int>(m_lineStarts.size()); }

private:
    std::string m_fileName;
    std::string m_text;
    std::vector<std::size_t> m_lineStarts;
};

// "  File "x.py", line 3\n    for i in range(3)\n                     ^\nSyntaxError: expected ':'\n"
std::string formatSyntaxError(const SourceText& source, const SyntaxIssue& issue);

}  // namespace av::engine::py
