#include "lexer.h"

#include "pythonnames.h"

#include <array>
#include <cstdio>

namespace av::engine::py {

namespace {

// CPython's tokenizer refuses deeper bracket nesting (MAXLEVEL) with this message.
constexpr std::size_t kMaxBracketDepth = 200;
// ... and deeper indentation (MAXINDENT).
constexpr std::size_t kMaxIndentLevels = 100;

[[noreturn]] void fail(std::string kind, std::string message, int line, int column, int endColumn = -1)
{
    throw SyntaxException(SyntaxIssue{std::move(kind), std::move(message), line, column,
                                      endColumn < 0 ? column + 1 : endColumn});
}

bool isAsciiIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isAsciiIdentifierChar(char c) { return isAsciiIdentifierStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Decodes one UTF-8 code point at text[pos]; returns its length (1 for a malformed byte, codepoint -1).
int decodeUtf8(std::string_view text, std::size_t pos, char32_t& codepoint)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || pos + static_cast<std::size_t>(length) > text.size()) {
        codepoint = static_cast<char32_t>(-1);
        return 1;
    }
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + static_cast<std::size_t>(i));
        if ((next & 0xC0) != 0x80) {
            codepoint = static_cast<char32_t>(-1);
            return 1;
        }
        value = (value << 6) | (next & 0x3F);
    }
    codepoint = value;
    return length;
}

// Identifier characters beyond ASCII: the letter blocks scripts are written in (Latin, Greek, Cyrillic,
// CJK, kana, Hangul). Punctuation such as the full-width comma is refused, as CPython refuses it.
bool isIdentifierCodepoint(char32_t c)
{
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x3FF && c != 0x37E) ||
           (c >= 0x400 && c <= 0x4FF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
}

std::string codepointText(std::string_view text, std::size_t pos, int length)
{
    return std::string(text.substr(pos, static_cast<std::size_t>(length)));
}

constexpr std::array<std::string_view, 48> kOperators = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=",
    "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",
    "^",   "~",   "<",   ">",   "(",   ")",  "[",  "]",  "{",  "}",  ",",  ":",  ";",  ".",  "=",  "!",
};

class Lexer {
public:
    explicit Lexer(const SourceText& source) : m_text(source.text()) {}

    std::vector<Token> run()
    {
        m_indents.push_back({0, 0});
        while (m_pos < m_text.size()) {
            if (m_atLineStart && m_brackets.empty()) {
                if (!readIndentation())
                    continue;  // a blank or comment-only line
            }
            const char c = m_text[m_pos];
            if (c == '\0')
                fail("SyntaxError", "source code cannot contain null bytes", m_line, column());
            if (c == '#') {
                skipComment();
            } else if (c == '\n' || c == '\r') {
                endOfLine();
            } else if (c == ' ' || c == '\t' || c == '\f') {
                ++m_pos;
            } else if (c == '\\') {
                continuation();
            } else if (isDigit(c) || (c == '.' && m_pos + 1 < m_text.size() && isDigit(m_text[m_pos + 1]))) {
                number();
            } else if (c == '\'' || c == '"') {
                string(m_pos, "");
            } else if (isAsciiIdentifierStart(c) || static_cast<unsigned char>(c) >= 0x80) {
                nameOrPrefixedString();
            } else {
                op();
            }
        }
        if (!m_brackets.empty()) {
            const Bracket& open = m_brackets.back();
            fail("SyntaxError", std::string("'") + open.symbol + "' was never closed", open.line, open.column);
        }
        if (!m_tokens.empty() && m_tokens.back().kind != TokenKind::Newline)
            push(TokenKind::Newline, "", m_line, column(), column());
        while (m_indents.size() > 1) {
            m_indents.pop_back();
            push(TokenKind::Dedent, "", m_line + 1, 0, 0);
        }
        push(TokenKind::End, "", m_line + 1, 0, 0);
        return std::move(m_tokens);
    }

private:
    struct Bracket {
        char symbol;
        int line;
        int column;
    };
    struct Indent {
        int column;     // tabs to multiples of 8
        int altColumn;  // tabs as one column; disagreeing comparisons are TabErrors, as in CPython
    };

    int column() const { return static_cast<int>(m_pos - m_lineStart); }

    void push(TokenKind kind, std::string text, int line, int col, int endCol)
    {
        Token token;
        token.kind = kind;
        token.text = std::move(text);
        token.span = {line, col, line, endCol};
        m_tokens.push_back(std::move(token));
    }

    // At the start of a logical line outside brackets: measures indentation and emits INDENT/DEDENT.
    // Returns false for a blank or comment-only line, which is skipped whole.
    bool readIndentation()
    {
        int col = 0, alt = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ' ') {
                ++col;
                ++alt;
            } else if (c == '\t') {
                col = (col / 8 + 1) * 8;
                ++alt;
            } else if (c == '\f') {
                col = alt = 0;
            } else {
                break;
            }
            ++m_pos;
        }
        if (m_pos >= m_text.size() || m_text[m_pos] == '#' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r') {
            if (m_pos < m_text.size() && m_text[m_pos] == '#')
                skipComment();
            if (m_pos < m_text.size())
                newLine();
            return false;
        }
        m_atLineStart = false;
        const Indent& top = m_indents.back();
        if (col == top.column) {
            if (alt != top.altColumn)
                fail("TabError", "inconsistent use of tabs and spaces in indentation", m_line, -1);
        } else if (col > top.column) {
            if (alt <= top.altColumn)
                fail("TabError", "inconsistent use of tabs and spaces in indentation", m_line, -1);
            if (m_indents.size() > kMaxIndentLevels)
                fail("IndentationError", "too many levels of indentation", m_line, -1);
            m_indents.push_back({col, alt});
            push(TokenKind::Indent, "", m_line, 0, column());
        } else {
            while (m_indents.size() > 1 && col < m_indents.back().column) {
                m_indents.pop_back();
                push(TokenKind::Dedent, "", m_line, 0, column());
            }
            if (col != m_indents.back().column) {
                const std::size_t end = m_text.find('\n', m_pos);
                const int lineLength = static_cast<int>((end == std::string::npos ? m_text.size() : end) - m_lineStart);
                fail("IndentationError", "unindent does not match any outer indentation level", m_line, lineLength);
            }
            if (alt != m_indents.back().altColumn)
                fail("TabError", "inconsistent use of tabs and spaces in indentation", m_line, -1);
        }
        return true;
    }

    void skipComment()
    {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
            ++m_pos;
    }

    void newLine()
    {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
        m_lineStart = m_pos;
    }

    void endOfLine()
    {
        if (m_brackets.empty() && !m_tokens.empty() && m_tokens.back().kind != TokenKind::Newline) {
            push(TokenKind::Newline, "", m_line, column(), column() + 1);
            m_atLineStart = true;
        } else if (m_brackets.empty()) {
            m_atLineStart = true;
        }
        newLine();
    }

    void continuation()
    {
        const int col = column();
        std::size_t next = m_pos + 1;
        if (next < m_text.size() && (m_text[next] == '\n' || m_text[next] == '\r')) {
            m_pos = next;
            newLine();
            if (m_pos >= m_text.size())
                fail("SyntaxError", "unexpected EOF while parsing", m_line - 1, col);
            return;
        }
        fail("SyntaxError", "unexpected character after line continuation character", m_line, col + 1);
    }

    void number()
    {
        const std::size_t start = m_pos;
        const int col = column();
        // An underscore may only stand between two digits; one anywhere else ends the literal, and the
        // identifier character check below reports it.
        const auto digits = [&](auto accept) {
            while (m_pos < m_text.size()) {
                if (accept(m_text[m_pos]))
                    ++m_pos;
                else if (m_text[m_pos] == '_' && m_pos + 1 < m_text.size() && accept(m_text[m_pos + 1]))
                    m_pos += 2;
                else
                    break;
            }
        };
        bool isFloat = false;
        const char* kind = "decimal";
        if (m_text[m_pos] == '0' && m_pos + 1 < m_text.size() &&
            (m_text[m_pos + 1] == 'x' || m_text[m_pos + 1] == 'X' || m_text[m_pos + 1] == 'o' ||
             m_text[m_pos + 1] == 'O' || m_text[m_pos + 1] == 'b' || m_text[m_pos + 1] == 'B')) {
            const char base = static_cast<char>(m_text[m_pos + 1] | 0x20);
            kind = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
            m_pos += 2;
            if (m_pos < m_text.size() && m_text[m_pos] == '_')
                ++m_pos;  // 0x_1f: one underscore after the prefix is allowed
            const std::size_t firstDigit = m_pos;
            digits([&](char c) {
                return base == 'x' ? (isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                       : base == 'o' ? (c >= '0' && c <= '7')
                                     : (c == '0' || c == '1');
            });
            if (base != 'x' && m_pos < m_text.size() && isDigit(m_text[m_pos]))
                fail("SyntaxError", concatText("invalid digit '", std::string(1, m_text[m_pos]), "' in ", kind, " literal"), m_line,
                     column());
            if (m_pos == firstDigit)
                fail("SyntaxError", concatText("invalid ", kind, " literal"), m_line, col);
        } else {
            digits(isDigit);
            if (m_pos < m_text.size() && m_text[m_pos] == '.') {
                isFloat = true;
                ++m_pos;
                digits(isDigit);
            }
            if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
                std::size_t look = m_pos + 1;
                if (look < m_text.size() && (m_text[look] == '+' || m_text[look] == '-'))
                    ++look;
                if (look < m_text.size() && isDigit(m_text[look])) {
                    isFloat = true;
                    m_pos = look;
                    digits(isDigit);
                }
            }
            if (m_pos < m_text.size() && (m_text[m_pos] == 'j' || m_text[m_pos] == 'J'))
                ++m_pos;
            std::string_view text(m_text.data() + start, m_pos - start);
            if (!isFloat && text.size() > 1 && text[0] == '0' && text.find_first_not_of("0_") != std::string_view::npos &&
                text.back() != 'j' && text.back() != 'J')
                fail("SyntaxError",
                     "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                     m_line, col, col + static_cast<int>(text.size()));
        }
        if (m_pos < m_text.size() && (isAsciiIdentifierChar(m_text[m_pos]) || static_cast<unsigned char>(m_text[m_pos]) >= 0x80))
            fail("SyntaxError", concatText("invalid ", kind, " literal"), m_line, col);
        push(TokenKind::Number, std::string(m_text.substr(start, m_pos - start)), m_line, col, column());
    }

    void nameOrPrefixedString()
    {
        const std::size_t start = m_pos;
        const int col = column();
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (isAsciiIdentifierChar(c)) {
                ++m_pos;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x80)
                break;
            char32_t codepoint = 0;
            const int length = decodeUtf8(m_text, m_pos, codepoint);
            if (codepoint == static_cast<char32_t>(-1)) {
                fail("SyntaxError",
                     concatText("(unicode error) 'utf-8' codec can't decode byte 0x", hexByte(static_cast<unsigned char>(c)),
                                " in position ", std::to_string(m_pos - m_lineStart), ": invalid start byte"),
                     m_line, column());
            }
            if (!isIdentifierCodepoint(codepoint)) {
                if (m_pos == start)
                    invalidCharacter(codepoint, length);
                break;
            }
            m_pos += static_cast<std::size_t>(length);
        }
        const std::string_view word(m_text.data() + start, m_pos - start);
        if (m_pos < m_text.size() && (m_text[m_pos] == '\'' || m_text[m_pos] == '"') && word.size() <= 2) {
            std::string lower;
            for (const char c : word)
                lower += static_cast<char>(c | 0x20);
            if (lower == "r" || lower == "u" || lower == "f" || lower == "b" || lower == "rb" || lower == "br" ||
                lower == "fr" || lower == "rf") {
                string(start, lower);
                return;
            }
        }
        push(TokenKind::Name, std::string(word), m_line, col, column());
    }

    [[noreturn]] void invalidCharacter(char32_t codepoint, int length)
    {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(codepoint));
        fail("SyntaxError", "invalid character '" + codepointText(m_text, m_pos, length) + "' (" + hex + ")", m_line,
             column());
    }

    static std::string hexByte(unsigned char c)
    {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%02x", c);
        return hex;
    }

    template <typename... Parts>
    static std::string concatText(const Parts&... parts)
    {
        std::string out;
        ((out += parts), ...);
        return out;
    }

    void string(std::size_t start, const std::string& prefix)
    {
        const int line = m_line;
        const int col = static_cast<int>(start - m_lineStart);
        m_pos = start + prefix.size();
        const char quote = m_text[m_pos];
        const bool triple = m_pos + 2 < m_text.size() && m_text[m_pos + 1] == quote && m_text[m_pos + 2] == quote;
        const std::size_t quoteLength = triple ? 3 : 1;
        m_pos += quoteLength;
        const std::size_t bodyStart = m_pos;
        const int bodyLine = m_line;
        const int bodyColumn = column();
        const bool raw = prefix.find('r') != std::string::npos;
        while (true) {
            if (m_pos >= m_text.size()) {
                // The tokenizer's line number at the end of the file: a final line end opens no new line.
                const int detected = m_pos > 0 && (m_text[m_pos - 1] == '\n' || m_text[m_pos - 1] == '\r') ? m_line - 1 : m_line;
                if (triple)
                    fail("SyntaxError", "unterminated triple-quoted string literal (detected at line " + std::to_string(detected) + ")",
                         line, col);
                fail("SyntaxError", "unterminated string literal (detected at line " + std::to_string(detected) + ")", line, col);
            }
            const char c = m_text[m_pos];
            if (c == '\\' && m_pos + 1 < m_text.size()) {
                if (m_text[m_pos + 1] == '\n' || m_text[m_pos + 1] == '\r') {
                    ++m_pos;
                    newLine();
                } else {
                    m_pos += 2;
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (!triple)
                    fail("SyntaxError", "unterminated string literal (detected at line " + std::to_string(m_line) + ")", line, col);
                newLine();
                continue;
            }
            if (c == quote && (!triple || (m_pos + 2 < m_text.size() && m_text[m_pos + 1] == quote && m_text[m_pos + 2] == quote)))
                break;
            ++m_pos;
        }
        const std::string_view body(m_text.data() + bodyStart, m_pos - bodyStart);
        m_pos += quoteLength;
        Token token;
        token.kind = TokenKind::String;
        token.text = std::string(m_text.substr(start, m_pos - start));
        token.span = {line, col, m_line, column()};
        token.fstring = prefix.find('f') != std::string::npos;
        token.raw = raw;
        token.bodyLine = bodyLine;
        token.bodyColumn = bodyColumn;
        if (prefix.find('b') != std::string::npos)
            fail("SyntaxError", "aliasview does not support bytes literals", line, col, col + static_cast<int>(prefix.size()) + 1);
        token.value = token.fstring || raw ? std::string(body) : decodeStringEscapes(body, token.span);
        m_tokens.push_back(std::move(token));
    }

    void op()
    {
        const int col = column();
        for (const std::string_view candidate : kOperators) {
            if (m_text.compare(m_pos, candidate.size(), candidate) != 0)
                continue;
            if (candidate == "!")  // a lone '!' is no operator
                break;
            const char c = candidate[0];
            if (candidate.size() == 1 && (c == '(' || c == '[' || c == '{')) {
                if (m_brackets.size() >= kMaxBracketDepth)
                    fail("SyntaxError", "too many nested parentheses", m_line, col);
                m_brackets.push_back({c, m_line, col});
            } else if (candidate.size() == 1 && (c == ')' || c == ']' || c == '}')) {
                if (m_brackets.empty())
                    fail("SyntaxError", std::string("unmatched '") + c + "'", m_line, col);
                const Bracket open = m_brackets.back();
                const char expected = open.symbol == '(' ? ')' : open.symbol == '[' ? ']' : '}';
                if (c != expected) {
                    std::string message = std::string("closing parenthesis '") + c +
                                          "' does not match opening parenthesis '" + open.symbol + "'";
                    if (open.line != m_line)
                        message += " on line " + std::to_string(open.line);
                    fail("SyntaxError", message, m_line, col);
                }
                m_brackets.pop_back();
            }
            m_pos += candidate.size();
            push(TokenKind::Op, std::string(candidate), m_line, col, column());
            return;
        }
        char32_t codepoint = 0;
        const int length = decodeUtf8(m_text, m_pos, codepoint);
        if (static_cast<unsigned char>(m_text[m_pos]) >= 0x80 && codepoint != static_cast<char32_t>(-1))
            invalidCharacter(codepoint, length);
        fail("SyntaxError", "invalid syntax", m_line, col);
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_lineStart = 0;
    int m_line = 1;
    bool m_atLineStart = true;
    std::vector<Indent> m_indents;
    std::vector<Bracket> m_brackets;
    std::vector<Token> m_tokens;
};

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::vector<Token> tokenize(const SourceText& source) { return Lexer(source).run(); }

std::string decodeStringEscapes(std::string_view body, const SourceSpan& span)
{
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const char e = body[++i];
        switch (e) {
        case '\n': break;  // line continuation inside the literal
        case '\r':
            if (i + 1 < body.size() && body[i + 1] == '\n')
                ++i;
            break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
        case 'u':
        case 'U': {
            const std::size_t width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            char32_t value = 0;
            std::size_t j = 0;
            for (; j < width && i + 1 + j < body.size(); ++j) {
                const char h = body[i + 1 + j];
                const int digit = isDigit(h) ? h - '0' : ((h | 0x20) >= 'a' && (h | 0x20) <= 'f') ? (h | 0x20) - 'a' + 10 : -1;
                if (digit < 0)
                    break;
                value = value * 16 + static_cast<char32_t>(digit);
            }
            if (j < width) {
                const char* kind = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                throw SyntaxException(SyntaxIssue{"SyntaxError",
                                                  std::string("(unicode error) 'unicodeescape' codec can't decode bytes in position ") +
                                                      std::to_string(i - 1) + "-" + std::to_string(i + j) + ": " + kind,
                                                  span.line, span.column, span.column + 1});
            }
            appendUtf8(out, value);
            i += width;
            break;
        }
        case 'N': {
            // \N{GREEK SMALL LETTER ALPHA}
            const std::size_t close = i + 1 < body.size() && body[i + 1] == '{' ? body.find('}', i + 2) : std::string_view::npos;
            const auto unicodeError = [&](std::size_t last, const char* what) {
                return SyntaxException(SyntaxIssue{"SyntaxError",
                                                   "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                                                       std::to_string(i - 1) + "-" + std::to_string(last) + ": " + what,
                                                   span.line, span.column, span.column + 1});
            };
            if (close == std::string_view::npos || close == i + 2)
                throw unicodeError(close == std::string_view::npos ? body.size() - 1 : close, "malformed \\N character escape");
            const std::optional<char32_t> named = unicodeCharacterNamed(body.substr(i + 2, close - i - 2));
            if (!named)
                throw unicodeError(close, "unknown Unicode character name");
            appendUtf8(out, *named);
            i = close;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    value = value * 8 + (body[++i] - '0');
                appendUtf8(out, static_cast<char32_t>(value));
            } else {
                out += '\\';  // unknown escapes stay as written (with a DeprecationWarning in CPython)
                out += e;
            }
        }
    }
    return out;
}

}  // namespace av::engine::py
