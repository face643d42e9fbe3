#pragma once
// A hand-written recursive-descent parser for the Python subset aliasview runs, producing ast.h's tree
// with exact spans, and CPython 3.11's messages for the syntax errors learners make most.

#include "ast.h"
#include "lexer.h"

#include <memory>

namespace av::engine::py {

// Parses a whole script. Raises SyntaxException (SyntaxError / IndentationError / TabError).
std::unique_ptr<Module> parseModule(std::string fileName, std::string text);

// How deep expressions and blocks may nest before the parser refuses (CPython runs out of its C stack
// much later; a hostile script must not run out of ours).
inline constexpr int kMaxNestingDepth = 200;

}  // namespace av::engine::py
