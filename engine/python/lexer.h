#pragma once
// Python 3.11's tokenizer for the subset aliasview runs: logical lines, INDENT/DEDENT, implicit joining
// inside brackets and backslash continuations, numbers, strings and f-strings, with CPython's error
// messages for what goes wrong.

#include "source.h"

#include <string>
#include <vector>

namespace av::engine::py {

enum class TokenKind : std::uint8_t { Name, Number, String, Op, Newline, Indent, Dedent, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;  // the source text (for strings: the whole literal, prefix and quotes included)
    SourceSpan span;
    // Strings only: the decoded value of a plain string, or the raw body of an f-string (its {fields}
    // are parsed by the parser) with the body's first byte at bodyLine/bodyColumn.
    std::string value;
    bool fstring = false;
    bool raw = false;
    int bodyLine = 0;
    int bodyColumn = 0;

    bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
    bool isOp(std::string_view t) const { return kind == TokenKind::Op && text == t; }
    bool isName(std::string_view t) const { return kind == TokenKind::Name && text == t; }
};

// Splits a whole script into tokens; raises SyntaxException on the first lexical error.
std::vector<Token> tokenize(const SourceText& source);

// Decodes the escape sequences of a (non-raw) string body, as CPython does; raises on malformed \x / \u.
std::string decodeStringEscapes(std::string_view body, const SourceSpan& span);

}  // namespace av::engine::py
