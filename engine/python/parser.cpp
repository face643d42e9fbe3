#include "parser.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace av::engine::py {

std::string_view symbolOf(BinOpKind op)
{
    switch (op) {
    case BinOpKind::Add: return "+";
    case BinOpKind::Sub: return "-";
    case BinOpKind::Mul: return "*";
    case BinOpKind::MatMul: return "@";
    case BinOpKind::Div: return "/";
    case BinOpKind::FloorDiv: return "//";
    case BinOpKind::Mod: return "%";
    case BinOpKind::Pow: return "**";
    case BinOpKind::LShift: return "<<";
    case BinOpKind::RShift: return ">>";
    case BinOpKind::BitOr: return "|";
    case BinOpKind::BitXor: return "^";
    case BinOpKind::BitAnd: return "&";
    }
    return "?";
}

std::string_view symbolOf(CompareKind op)
{
    switch (op) {
    case CompareKind::Eq: return "==";
    case CompareKind::NotEq: return "!=";
    case CompareKind::Lt: return "<";
    case CompareKind::LtE: return "<=";
    case CompareKind::Gt: return ">";
    case CompareKind::GtE: return ">=";
    case CompareKind::Is: return "is";
    case CompareKind::IsNot: return "is not";
    case CompareKind::In: return "in";
    case CompareKind::NotIn: return "not in";
    }
    return "?";
}

namespace {

bool isKeyword(std::string_view word)
{
    static constexpr std::string_view kKeywords[] = {
        "False", "None",   "True",    "and",      "as",   "assert", "async", "await",  "break",
        "class", "continue", "def",   "del",      "elif", "else",   "except", "finally", "for",
        "from",  "global", "if",      "import",   "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",   "raise",   "return",   "try",  "while",  "with",  "yield"};
    for (const std::string_view keyword : kKeywords)
        if (keyword == word)
            return true;
    return false;
}

SourceSpan joinSpans(const SourceSpan& a, const SourceSpan& b) { return {a.line, a.column, b.endLine, b.endColumn}; }

// The name CPython uses for an expression in "cannot assign to ..." messages.
std::string_view describeExpr(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Constant: {
        const auto& value = static_cast<const ConstantExpr&>(e).value;
        if (std::holds_alternative<NoneValue>(value))
            return "None";
        if (const bool* b = std::get_if<bool>(&value))
            return *b ? "True" : "False";
        if (std::holds_alternative<EllipsisValue>(value))
            return "ellipsis";
        return "literal";
    }
    case ExprKind::FString: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Starred: return "starred";
    default: return "expression";
    }
}

class Parser {
public:
    Parser(const SourceText& source, std::vector<Token> tokens) : m_source(source), m_tokens(std::move(tokens)) {}

    Body parseFile()
    {
        Body body;
        while (peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                next();
                continue;
            }
            parseStatementInto(body);
        }
        return body;
    }

    // An f-string field's expression, parsed from its own tokens.
    ExprPtr parseStandaloneExpression()
    {
        ExprPtr e = parseStarExpressions();
        if (peek().kind != TokenKind::Newline && peek().kind != TokenKind::End)
            invalidSyntaxAt(peek());
        return e;
    }

private:
    // ---- tokens ---------------------------------------------------------------------------------------

    const Token& peek(std::size_t ahead = 0) const
    {
        const std::size_t i = std::min(m_pos + ahead, m_tokens.size() - 1);
        return m_tokens[i];
    }
    const Token& next()
    {
        const Token& token = m_tokens[m_pos];
        if (m_pos + 1 < m_tokens.size())
            ++m_pos;
        return token;
    }
    const Token& previous() const { return m_tokens[m_pos == 0 ? 0 : m_pos - 1]; }
    bool acceptOp(std::string_view op)
    {
        if (!peek().isOp(op))
            return false;
        next();
        return true;
    }
    bool acceptName(std::string_view name)
    {
        if (!peek().isName(name))
            return false;
        next();
        return true;
    }

    [[noreturn]] void fail(std::string message, const SourceSpan& span, std::string kind = "SyntaxError") const
    {
        SyntaxIssue issue;
        issue.kind = std::move(kind);
        issue.message = std::move(message);
        issue.line = span.line;
        issue.column = span.column;
        issue.endColumn = span.endLine == span.line ? std::max(span.endColumn, span.column + 1) : span.column + 1;
        throw SyntaxException(issue);
    }

    [[noreturn]] void invalidSyntaxAt(const Token& token) const
    {
        if (token.kind == TokenKind::Indent)
            fail("unexpected indent", token.span, "IndentationError");
        SourceSpan span = token.span;
        if (token.kind == TokenKind::Newline || token.kind == TokenKind::End) {
            // At the end of a line CPython puts the caret just past the last token.
            const Token& last = previous();
            span = {last.span.endLine, last.span.endColumn, last.span.endLine, last.span.endColumn + 1};
        }
        fail("invalid syntax", span);
    }

    void expectColon()
    {
        if (acceptOp(":"))
            return;
        if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End || peek().isOp("=")) {
            const Token& last = previous();
            fail("expected ':'", {last.span.endLine, last.span.endColumn, last.span.endLine, last.span.endColumn + 1});
        }
        invalidSyntaxAt(peek());
    }

    void expectOp(std::string_view op)
    {
        if (!acceptOp(op))
            invalidSyntaxAt(peek());
    }

    struct DepthGuard {
        explicit DepthGuard(Parser& p, const Token& at) : parser(p)
        {
            if (++parser.m_depth > kMaxNestingDepth * 5)
                parser.fail("too many nested expressions (aliasview's parser stops at this depth)", at.span);
        }
        ~DepthGuard() { --parser.m_depth; }
        Parser& parser;
    };

    // ---- statements -------------------------------------------------------------------------------

    std::vector<std::string> takeComments(int line) const
    {
        // Comment lines directly above `line` (contiguous, possibly indented) are its narration.
        std::vector<std::string> comments;
        for (int l = line - 1; l >= 1; --l) {
            std::string_view text = m_source.line(l);
            const std::size_t first = text.find_first_not_of(" \t");
            if (first == std::string_view::npos || text[first] != '#')
                break;
            text.remove_prefix(first + 1);
            if (!text.empty() && text.front() == ' ')
                text.remove_prefix(1);
            comments.insert(comments.begin(), std::string(text));
        }
        return comments;
    }

    void parseStatementInto(Body& body)
    {
        const Token& first = peek();
        if (first.kind == TokenKind::Indent)
            fail("unexpected indent", first.span, "IndentationError");
        if (first.kind == TokenKind::Dedent)
            invalidSyntaxAt(first);
        const std::size_t before = body.size();
        if (first.kind == TokenKind::Name && isCompoundKeyword(first.text)) {
            body.push_back(parseCompound());
        } else {
            parseSimpleStatements(body);
        }
        for (std::size_t i = before; i < body.size(); ++i)
            if (i == before)
                body[i]->leadingComments = takeComments(body[i]->span.line);
    }

    static bool isCompoundKeyword(std::string_view word)
    {
        return word == "if" || word == "for" || word == "while" || word == "with" || word == "try" || word == "def" ||
               word == "class" || word == "async" || word == "elif" || word == "else" || word == "except" ||
               word == "finally";
    }

    // The keyword a block header began with; an elif is parsed as an if (see parseIf).
    std::string keywordOf(const Token& header) const { return header.text; }

    Body parseBlock(const Token& header)
    {
        expectColon();
        Body body;
        if (peek().kind != TokenKind::Newline) {
            // `if x: y = 1` puts simple statements on the header's line.
            parseSimpleStatements(body);
            return body;
        }
        next();
        while (peek().kind == TokenKind::Newline)
            next();
        if (peek().kind != TokenKind::Indent) {
            const Token& at = peek();
            SourceSpan span = at.span;
            if (at.kind == TokenKind::End || at.kind == TokenKind::Dedent)
                span = {header.span.line, -1, header.span.line, -1};
            fail("expected an indented block after '" + keywordOf(header) + "' statement on line " +
                     std::to_string(header.span.line),
                 span, "IndentationError");
        }
        next();
        while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                next();
                continue;
            }
            parseStatementInto(body);
        }
        if (peek().kind == TokenKind::Dedent)
            next();
        return body;
    }

    StmtPtr parseCompound()
    {
        const Token& keyword = peek();
        if (keyword.text == "if")
            return parseIf();
        if (keyword.text == "for")
            return parseFor();
        if (keyword.text == "while")
            return parseWhile();
        if (keyword.text == "with")
            return parseWith();
        if (keyword.text == "try")
            return parseTry();
        if (keyword.text == "def" || keyword.text == "class" || keyword.text == "async")
            fail("aliasview runs scripts of statements: '" + keyword.text +
                     "' definitions are not supported (see docs/supported.md)",
                 keyword.span);
        invalidSyntaxAt(keyword);  // a stray elif / else / except / finally
    }

    ExprPtr parseCondition()
    {
        ExprPtr test = parseNamedExpression();
        if (peek().isOp("=")) {
            next();
            ExprPtr value = parseExpression();
            fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", joinSpans(test->span, value->span));
        }
        return test;
    }

    StmtPtr parseIf()
    {
        const Token header = next();  // `if`, or `elif` for a nested branch
        auto stmt = std::make_unique<IfStmt>(header.span);
        stmt->test = parseCondition();
        stmt->body = parseBlock(header);
        if (peek().isName("elif")) {
            stmt->orelse.push_back(parseIf());  // an elif is an if nested in the else branch
        } else if (peek().isName("else")) {
            const Token elseToken = next();
            stmt->orelse = parseBlock(elseToken);
        }
        return stmt;
    }

    StmtPtr parseFor()
    {
        const Token header = next();
        auto stmt = std::make_unique<ForStmt>(header.span);
        stmt->target = parseTargetList();
        checkAssignable(*stmt->target, AssignContext::Plain);
        if (!acceptName("in"))
            invalidSyntaxAt(peek());
        stmt->iter = parseStarExpressions();
        ++m_loopDepth;
        stmt->body = parseBlock(header);
        --m_loopDepth;
        if (peek().isName("else")) {
            const Token elseToken = next();
            stmt->orelse = parseBlock(elseToken);
        }
        return stmt;
    }

    StmtPtr parseWhile()
    {
        const Token header = next();
        auto stmt = std::make_unique<WhileStmt>(header.span);
        stmt->test = parseCondition();
        ++m_loopDepth;
        stmt->body = parseBlock(header);
        --m_loopDepth;
        if (peek().isName("else")) {
            const Token elseToken = next();
            stmt->orelse = parseBlock(elseToken);
        }
        return stmt;
    }

    StmtPtr parseWith()
    {
        const Token header = next();
        auto stmt = std::make_unique<WithStmt>(header.span);
        do {
            WithItem item;
            item.context = parseExpression();
            if (acceptName("as")) {
                item.target = parseTarget();
                checkAssignable(*item.target, AssignContext::Plain);
            }
            stmt->items.push_back(std::move(item));
        } while (acceptOp(","));
        stmt->body = parseBlock(header);
        return stmt;
    }

    StmtPtr parseTry()
    {
        const Token header = next();
        auto stmt = std::make_unique<TryStmt>(header.span);
        stmt->body = parseBlock(header);
        while (peek().isName("except")) {
            const Token exceptToken = next();
            ExceptHandler handler;
            handler.span = exceptToken.span;
            if (!peek().isOp(":")) {
                handler.type = parseExpression();
                if (acceptName("as")) {
                    if (peek().kind != TokenKind::Name || isKeyword(peek().text))
                        invalidSyntaxAt(peek());
                    handler.name = next().text;
                }
            }
            handler.body = parseBlock(exceptToken);
            stmt->handlers.push_back(std::move(handler));
        }
        if (peek().isName("else")) {
            if (stmt->handlers.empty())
                invalidSyntaxAt(peek());
            const Token elseToken = next();
            stmt->orelse = parseBlock(elseToken);
        }
        if (peek().isName("finally")) {
            const Token finallyToken = next();
            stmt->finalbody = parseBlock(finallyToken);
        }
        if (stmt->handlers.empty() && stmt->finalbody.empty())
            fail("expected 'except' or 'finally' block", peek().span);
        return stmt;
    }

    void parseSimpleStatements(Body& body)
    {
        while (true) {
            body.push_back(parseSimpleStatement());
            if (acceptOp(";")) {
                if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End)
                    break;
                continue;
            }
            break;
        }
        if (peek().kind == TokenKind::Newline) {
            next();
            return;
        }
        if (peek().kind == TokenKind::End)
            return;
        invalidSyntaxAt(peek());
    }

    StmtPtr parseSimpleStatement()
    {
        const Token& first = peek();
        if (first.kind == TokenKind::Name) {
            const std::string& word = first.text;
            if (word == "pass" || word == "break" || word == "continue") {
                const Token token = next();
                if (word == "break" && m_loopDepth == 0)
                    fail("'break' outside loop", token.span);
                if (word == "continue" && m_loopDepth == 0)
                    fail("'continue' not properly in loop", token.span);
                return std::make_unique<SimpleStmt>(word == "pass" ? StmtKind::Pass : word == "break" ? StmtKind::Break : StmtKind::Continue,
                                                    token.span);
            }
            if (word == "del")
                return parseDel();
            if (word == "import")
                return parseImport();
            if (word == "from")
                return parseImportFrom();
            if (word == "raise")
                return parseRaise();
            if (word == "assert")
                return parseAssert();
            if (word == "return") {
                const Token token = next();
                SourceSpan span = token.span;
                if (peek().kind != TokenKind::Newline && peek().kind != TokenKind::End && !peek().isOp(";"))
                    span = joinSpans(token.span, parseStarExpressions()->span);
                fail("'return' outside function", span);
            }
            if (word == "global" || word == "nonlocal" || word == "yield" || word == "lambda" || word == "await")
                fail("aliasview runs scripts of statements: '" + word + "' is not supported (see docs/supported.md)",
                     first.span);
        }
        ExprPtr expr = parseStarExpressions();
        const Token& after = peek();
        if (after.isOp("=")) {
            auto stmt = std::make_unique<AssignStmt>(expr->span);
            stmt->targets.push_back(std::move(expr));
            while (acceptOp("=")) {
                if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End)
                    invalidSyntaxAt(peek());
                stmt->targets.push_back(parseStarExpressions());
            }
            stmt->value = std::move(stmt->targets.back());
            stmt->targets.pop_back();
            for (const ExprPtr& target : stmt->targets)
                checkAssignable(*target, AssignContext::Statement);
            stmt->span = joinSpans(stmt->targets.front()->span, stmt->value->span);
            return stmt;
        }
        if (after.kind == TokenKind::Op && after.text.size() >= 2 && after.text.back() == '=' && after.text != "==" &&
            after.text != "<=" && after.text != ">=" && after.text != "!=") {
            const std::optional<BinOpKind> op = augmentedOp(after.text);
            if (!op)
                invalidSyntaxAt(after);
            if (expr->kind != ExprKind::Name && expr->kind != ExprKind::Attribute && expr->kind != ExprKind::Subscript)
                fail("'" + std::string(describeExpr(*expr)) + "' is an illegal expression for augmented assignment",
                     expr->span);
            next();
            auto stmt = std::make_unique<AugAssignStmt>(expr->span, *op);
            stmt->target = std::move(expr);
            stmt->value = parseStarExpressions();
            stmt->span = joinSpans(stmt->target->span, stmt->value->span);
            return stmt;
        }
        if (after.isOp(":"))
            fail("aliasview does not support annotated assignments (x: int = ...)", after.span);
        if (after.isOp(":="))
            invalidSyntaxAt(after);
        if (after.kind != TokenKind::Newline && after.kind != TokenKind::End && !after.isOp(";")) {
            // `print 'hi'`: Python 2's print statement.
            if (expr->kind == ExprKind::Name && static_cast<const NameExpr&>(*expr).id == "print" &&
                (after.kind == TokenKind::Name || after.kind == TokenKind::String || after.kind == TokenKind::Number)) {
                ExprPtr rest = parseStarExpressions();
                fail("Missing parentheses in call to 'print'. Did you mean print(...)?", joinSpans(expr->span, rest->span));
            }
            invalidSyntaxAt(after);
        }
        if (expr->kind == ExprKind::Starred)
            fail("can't use starred expression here", expr->span);
        return std::make_unique<ExprStmt>(expr->span, std::move(expr));
    }

    static std::optional<BinOpKind> augmentedOp(std::string_view text)
    {
        static constexpr std::pair<std::string_view, BinOpKind> kOps[] = {
            {"+=", BinOpKind::Add},    {"-=", BinOpKind::Sub},      {"*=", BinOpKind::Mul},    {"@=", BinOpKind::MatMul},
            {"/=", BinOpKind::Div},    {"//=", BinOpKind::FloorDiv}, {"%=", BinOpKind::Mod},    {"**=", BinOpKind::Pow},
            {"<<=", BinOpKind::LShift}, {">>=", BinOpKind::RShift},   {"|=", BinOpKind::BitOr},  {"^=", BinOpKind::BitXor},
            {"&=", BinOpKind::BitAnd}};
        for (const auto& [symbol, op] : kOps)
            if (symbol == text)
                return op;
        return std::nullopt;
    }

    StmtPtr parseDel()
    {
        const Token keyword = next();
        auto stmt = std::make_unique<DeleteStmt>(keyword.span);
        do {
            if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End)
                break;
            ExprPtr target = parseBitwiseOr();
            checkAssignable(*target, AssignContext::Delete);
            stmt->targets.push_back(std::move(target));
        } while (acceptOp(","));
        if (stmt->targets.empty())
            invalidSyntaxAt(peek());
        stmt->span = joinSpans(keyword.span, stmt->targets.back()->span);
        return stmt;
    }

    std::string parseDottedName(SourceSpan& span)
    {
        if (peek().kind != TokenKind::Name || isKeyword(peek().text))
            invalidSyntaxAt(peek());
        const Token first = next();
        span = first.span;
        std::string name = first.text;
        while (acceptOp(".")) {
            if (peek().kind != TokenKind::Name)
                invalidSyntaxAt(peek());
            const Token part = next();
            name += "." + part.text;
            span.endColumn = part.span.endColumn;
        }
        return name;
    }

    StmtPtr parseImport()
    {
        const Token keyword = next();
        auto stmt = std::make_unique<ImportStmt>(StmtKind::Import, keyword.span);
        do {
            ImportAlias alias;
            alias.name = parseDottedName(alias.span);
            if (acceptName("as")) {
                if (peek().kind != TokenKind::Name || isKeyword(peek().text))
                    invalidSyntaxAt(peek());
                alias.asname = next().text;
                alias.span.endColumn = previous().span.endColumn;
            }
            stmt->names.push_back(std::move(alias));
        } while (acceptOp(","));
        stmt->span = joinSpans(keyword.span, previous().span);
        return stmt;
    }

    StmtPtr parseImportFrom()
    {
        const Token keyword = next();
        auto stmt = std::make_unique<ImportStmt>(StmtKind::ImportFrom, keyword.span);
        SourceSpan moduleSpan;
        stmt->module = parseDottedName(moduleSpan);
        if (!acceptName("import"))
            invalidSyntaxAt(peek());
        const bool parenthesized = acceptOp("(");
        do {
            ImportAlias alias;
            if (peek().isOp("*")) {
                alias.name = "*";
                alias.span = next().span;
            } else {
                if (peek().kind != TokenKind::Name || isKeyword(peek().text))
                    invalidSyntaxAt(peek());
                alias.span = peek().span;
                alias.name = next().text;
                if (acceptName("as")) {
                    if (peek().kind != TokenKind::Name)
                        invalidSyntaxAt(peek());
                    alias.asname = next().text;
                }
            }
            stmt->names.push_back(std::move(alias));
        } while (acceptOp(",") && !(parenthesized && peek().isOp(")")));
        if (parenthesized)
            expectOp(")");
        stmt->span = joinSpans(keyword.span, previous().span);
        return stmt;
    }

    StmtPtr parseRaise()
    {
        const Token keyword = next();
        auto stmt = std::make_unique<RaiseStmt>(keyword.span);
        if (peek().kind != TokenKind::Newline && peek().kind != TokenKind::End && !peek().isOp(";")) {
            stmt->exception = parseExpression();
            if (peek().isName("from"))
                fail("aliasview does not support 'raise ... from ...'", peek().span);
            stmt->span = joinSpans(keyword.span, stmt->exception->span);
        }
        return stmt;
    }

    StmtPtr parseAssert()
    {
        const Token keyword = next();
        auto stmt = std::make_unique<AssertStmt>(keyword.span);
        stmt->test = parseExpression();
        if (acceptOp(","))
            stmt->message = parseExpression();
        stmt->span = joinSpans(keyword.span, (stmt->message ? stmt->message : stmt->test)->span);
        return stmt;
    }

    // ---- assignment targets ---------------------------------------------------------------------------

    enum class AssignContext { Statement, Plain, Delete };

    void checkAssignable(const Expr& target, AssignContext context)
    {
        switch (target.kind) {
        case ExprKind::Name: {
            const std::string& id = static_cast<const NameExpr&>(target).id;
            if (id == "__debug__")
                fail("cannot assign to __debug__", target.span);
            return;
        }
        case ExprKind::Attribute:
        case ExprKind::Subscript: return;
        case ExprKind::Tuple:
        case ExprKind::List: {
            for (const ExprPtr& element : static_cast<const SequenceExpr&>(target).elements)
                checkAssignable(*element, context == AssignContext::Statement ? AssignContext::Plain : context);
            return;
        }
        case ExprKind::Starred:
            if (context == AssignContext::Delete)
                fail("cannot delete starred", target.span);
            checkAssignable(*static_cast<const StarredExpr&>(target).value, context);
            return;
        default: break;
        }
        const std::string what(describeExpr(target));
        if (context == AssignContext::Delete)
            fail("cannot delete " + what, target.span);
        if (what == "None" || what == "True" || what == "False" || what == "ellipsis")
            fail("cannot assign to " + what, target.span);
        if (context == AssignContext::Statement)
            fail("cannot assign to " + what + " here. Maybe you meant '==' instead of '='?", target.span);
        fail("cannot assign to " + what, target.span);
    }

    // for-loop targets: a comma-separated list of targets (no `in` inside).
    ExprPtr parseTargetList()
    {
        const Token& start = peek();
        ExprPtr first = parseTarget();
        if (!peek().isOp(","))
            return first;
        auto tuple = std::make_unique<SequenceExpr>(ExprKind::Tuple, first->span);
        tuple->elements.push_back(std::move(first));
        while (acceptOp(",")) {
            if (peek().isName("in"))
                break;
            tuple->elements.push_back(parseTarget());
        }
        tuple->span = joinSpans(start.span, tuple->elements.back()->span);
        return tuple;
    }

    ExprPtr parseTarget()
    {
        if (peek().isOp("*")) {
            const Token star = next();
            ExprPtr value = parseTarget();
            return std::make_unique<StarredExpr>(joinSpans(star.span, value->span), std::move(value));
        }
        return parseBitwiseOr();
    }

    // ---- expressions ------------------------------------------------------------------------------------

    // star_expressions: a tuple when there is a comma.
    ExprPtr parseStarExpressions()
    {
        ExprPtr first = parseStarExpression();
        if (!peek().isOp(","))
            return first;
        auto tuple = std::make_unique<SequenceExpr>(ExprKind::Tuple, first->span);
        tuple->elements.push_back(std::move(first));
        while (acceptOp(",")) {
            if (!startsExpression(peek()))
                break;
            tuple->elements.push_back(parseStarExpression());
        }
        tuple->span = joinSpans(tuple->elements.front()->span, previous().span);
        return tuple;
    }

    ExprPtr parseStarExpression()
    {
        if (peek().isOp("*")) {
            const Token star = next();
            ExprPtr value = parseBitwiseOr();
            return std::make_unique<StarredExpr>(joinSpans(star.span, value->span), std::move(value));
        }
        return parseExpression();
    }

    static bool startsExpression(const Token& token)
    {
        switch (token.kind) {
        case TokenKind::Name:
            return !isKeyword(token.text) || token.text == "None" || token.text == "True" || token.text == "False" ||
                   token.text == "not" || token.text == "lambda" || token.text == "await";
        case TokenKind::Number:
        case TokenKind::String: return true;
        case TokenKind::Op:
            return token.text == "(" || token.text == "[" || token.text == "{" || token.text == "-" || token.text == "+" ||
                   token.text == "~" || token.text == "..." || token.text == "*";
        default: return false;
        }
    }

    ExprPtr parseNamedExpression()
    {
        ExprPtr e = parseExpression();
        if (peek().isOp(":="))
            fail("aliasview does not support assignment expressions (:=)", peek().span);
        return e;
    }

    ExprPtr parseExpression()
    {
        const DepthGuard guard(*this, peek());
        if (peek().isName("lambda"))
            fail("aliasview does not support lambda expressions", peek().span);
        ExprPtr body = parseDisjunction();
        if (peek().isName("if")) {
            next();
            auto ifExp = std::make_unique<IfExpExpr>(body->span);
            ifExp->body = std::move(body);
            ifExp->test = parseDisjunction();
            if (!acceptName("else"))
                fail("expected 'else' after 'if' expression", joinSpans(ifExp->body->span, ifExp->test->span));
            ifExp->orelse = parseExpression();
            ifExp->span = joinSpans(ifExp->body->span, ifExp->orelse->span);
            return ifExp;
        }
        return body;
    }

    ExprPtr parseDisjunction()
    {
        ExprPtr first = parseConjunction();
        if (!peek().isName("or"))
            return first;
        auto op = std::make_unique<BoolOpExpr>(first->span, false);
        op->values.push_back(std::move(first));
        while (acceptName("or"))
            op->values.push_back(parseConjunction());
        op->span = joinSpans(op->values.front()->span, op->values.back()->span);
        return op;
    }

    ExprPtr parseConjunction()
    {
        ExprPtr first = parseInversion();
        if (!peek().isName("and"))
            return first;
        auto op = std::make_unique<BoolOpExpr>(first->span, true);
        op->values.push_back(std::move(first));
        while (acceptName("and"))
            op->values.push_back(parseInversion());
        op->span = joinSpans(op->values.front()->span, op->values.back()->span);
        return op;
    }

    ExprPtr parseInversion()
    {
        if (peek().isName("not")) {
            const DepthGuard guard(*this, peek());
            const Token keyword = next();
            ExprPtr operand = parseInversion();
            return std::make_unique<UnaryOpExpr>(joinSpans(keyword.span, operand->span), UnaryOpKind::Not, std::move(operand));
        }
        return parseComparison();
    }

    std::optional<CompareKind> compareOp()
    {
        const Token& t = peek();
        if (t.kind == TokenKind::Op) {
            if (t.text == "==") return CompareKind::Eq;
            if (t.text == "!=") return CompareKind::NotEq;
            if (t.text == "<") return CompareKind::Lt;
            if (t.text == "<=") return CompareKind::LtE;
            if (t.text == ">") return CompareKind::Gt;
            if (t.text == ">=") return CompareKind::GtE;
        } else if (t.kind == TokenKind::Name) {
            if (t.text == "in")
                return CompareKind::In;
            if (t.text == "is")
                return peek(1).isName("not") ? CompareKind::IsNot : CompareKind::Is;
            if (t.text == "not" && peek(1).isName("in"))
                return CompareKind::NotIn;
        }
        return std::nullopt;
    }

    ExprPtr parseComparison()
    {
        ExprPtr left = parseBitwiseOr();
        std::optional<CompareKind> op = compareOp();
        if (!op)
            return left;
        auto compare = std::make_unique<CompareExpr>(left->span, std::move(left));
        while (op) {
            next();
            if (*op == CompareKind::IsNot || *op == CompareKind::NotIn)
                next();
            compare->ops.push_back(*op);
            compare->comparators.push_back(parseBitwiseOr());
            op = compareOp();
        }
        compare->span = joinSpans(compare->left->span, compare->comparators.back()->span);
        return compare;
    }

    template <typename Next>
    ExprPtr parseBinaryLevel(std::initializer_list<std::pair<std::string_view, BinOpKind>> ops, Next nextLevel)
    {
        ExprPtr left = (this->*nextLevel)();
        while (true) {
            std::optional<BinOpKind> op;
            for (const auto& [symbol, kind] : ops)
                if (peek().isOp(symbol))
                    op = kind;
            if (!op)
                return left;
            next();
            if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End)
                invalidSyntaxAt(peek());
            ExprPtr right = (this->*nextLevel)();
            const SourceSpan span = joinSpans(left->span, right->span);
            left = std::make_unique<BinOpExpr>(span, *op, std::move(left), std::move(right));
        }
    }

    ExprPtr parseBitwiseOr() { return parseBinaryLevel({{"|", BinOpKind::BitOr}}, &Parser::parseBitwiseXor); }
    ExprPtr parseBitwiseXor() { return parseBinaryLevel({{"^", BinOpKind::BitXor}}, &Parser::parseBitwiseAnd); }
    ExprPtr parseBitwiseAnd() { return parseBinaryLevel({{"&", BinOpKind::BitAnd}}, &Parser::parseShift); }
    ExprPtr parseShift() { return parseBinaryLevel({{"<<", BinOpKind::LShift}, {">>", BinOpKind::RShift}}, &Parser::parseSum); }
    ExprPtr parseSum() { return parseBinaryLevel({{"+", BinOpKind::Add}, {"-", BinOpKind::Sub}}, &Parser::parseTerm); }
    ExprPtr parseTerm()
    {
        return parseBinaryLevel({{"*", BinOpKind::Mul}, {"/", BinOpKind::Div}, {"//", BinOpKind::FloorDiv},
                                 {"%", BinOpKind::Mod}, {"@", BinOpKind::MatMul}},
                                &Parser::parseFactor);
    }

    ExprPtr parseFactor()
    {
        const Token& t = peek();
        if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
            const DepthGuard guard(*this, t);
            const Token op = next();
            ExprPtr operand = parseFactor();
            const UnaryOpKind kind = op.text == "-" ? UnaryOpKind::Neg : op.text == "+" ? UnaryOpKind::Pos : UnaryOpKind::Invert;
            return std::make_unique<UnaryOpExpr>(joinSpans(op.span, operand->span), kind, std::move(operand));
        }
        return parsePower();
    }

    ExprPtr parsePower()
    {
        ExprPtr base = parsePrimary();
        if (!peek().isOp("**"))
            return base;
        const DepthGuard guard(*this, peek());
        next();
        ExprPtr exponent = parseFactor();  // right-associative, binds a unary minus: 2 ** -1
        const SourceSpan span = joinSpans(base->span, exponent->span);
        return std::make_unique<BinOpExpr>(span, BinOpKind::Pow, std::move(base), std::move(exponent));
    }

    ExprPtr parsePrimary()
    {
        ExprPtr e = parseAtom();
        while (true) {
            if (peek().isOp(".")) {
                next();
                if (peek().kind != TokenKind::Name || isKeyword(peek().text))
                    invalidSyntaxAt(peek());
                const Token name = next();
                const SourceSpan span = joinSpans(e->span, name.span);
                e = std::make_unique<AttributeExpr>(span, std::move(e), name.text, name.span);
            } else if (peek().isOp("(")) {
                e = parseCall(std::move(e));
            } else if (peek().isOp("[")) {
                next();
                ExprPtr index = parseSubscriptIndex();
                const Token close = peek();
                expectOp("]");
                const SourceSpan span = joinSpans(e->span, close.span);
                e = std::make_unique<SubscriptExpr>(span, std::move(e), std::move(index));
            } else {
                return e;
            }
        }
    }

    ExprPtr parseCall(ExprPtr func)
    {
        next();  // (
        auto call = std::make_unique<CallExpr>(func->span, std::move(func));
        bool sawKeyword = false;
        while (!peek().isOp(")")) {
            if (peek().isOp("**"))
                fail("aliasview does not support **kwargs in calls", peek().span);
            if (peek().kind == TokenKind::Name && peek(1).isOp("=") && !isKeyword(peek().text)) {
                const Token name = next();
                next();
                Keyword keyword;
                keyword.name = name.text;
                keyword.value = parseExpression();
                keyword.span = joinSpans(name.span, keyword.value->span);
                for (const Keyword& other : call->keywords)
                    if (other.name == keyword.name)
                        fail("keyword argument repeated: " + keyword.name, keyword.span);
                call->keywords.push_back(std::move(keyword));
                sawKeyword = true;
            } else {
                if (peek().isOp("*") && !startsExpression(peek(1)))
                    invalidSyntaxAt(peek(1));
                ExprPtr arg = parseStarExpression();
                if (sawKeyword && arg->kind != ExprKind::Starred)
                    fail("positional argument follows keyword argument", arg->span);
                if (peek().isName("for"))
                    arg = parseComprehensionTail(std::move(arg), true, call->args.empty() && call->keywords.empty());
                call->args.push_back(std::move(arg));
            }
            if (acceptOp(","))
                continue;
            if (!peek().isOp(")"))
                forgotComma(call->args.empty() ? *call->keywords.back().value : *call->args.back());
        }
        const Token close = next();
        call->span = joinSpans(call->span, close.span);
        return call;
    }

    // Two expressions side by side inside brackets: CPython suggests the missing comma.
    [[noreturn]] void forgotComma(const Expr& before)
    {
        if (startsExpression(peek()) && !peek().isName("for") && !peek().isName("if")) {
            ExprPtr after = parseExpression();
            fail("invalid syntax. Perhaps you forgot a comma?", joinSpans(before.span, after->span));
        }
        invalidSyntaxAt(peek());
    }

    ExprPtr parseSubscriptIndex()
    {
        const Token& start = peek();
        ExprPtr first = parseSliceItem();
        if (!peek().isOp(","))
            return first;
        auto tuple = std::make_unique<SequenceExpr>(ExprKind::Tuple, first->span);
        tuple->elements.push_back(std::move(first));
        while (acceptOp(",")) {
            if (peek().isOp("]"))
                break;
            tuple->elements.push_back(parseSliceItem());
        }
        tuple->span = joinSpans(start.span, previous().span);
        return tuple;
    }

    ExprPtr parseSliceItem()
    {
        const Token& start = peek();
        ExprPtr lower;
        if (!peek().isOp(":")) {
            lower = parseStarExpression();
            if (!peek().isOp(":"))
                return lower;
        }
        auto slice = std::make_unique<SliceExpr>(start.span);
        slice->lower = std::move(lower);
        next();  // :
        if (!peek().isOp(":") && !peek().isOp("]") && !peek().isOp(","))
            slice->upper = parseExpression();
        if (acceptOp(":")) {
            if (!peek().isOp("]") && !peek().isOp(","))
                slice->step = parseExpression();
        }
        slice->span = joinSpans(start.span, previous().span);
        return slice;
    }

    ExprPtr parseComprehensionTail(ExprPtr element, bool inCall, bool onlyArgument)
    {
        auto comp = std::make_unique<ListCompExpr>(element->span);
        comp->element = std::move(element);
        while (peek().isName("for")) {
            next();
            Comprehension generator;
            generator.target = parseTargetList();
            checkAssignable(*generator.target, AssignContext::Plain);
            if (!acceptName("in"))
                invalidSyntaxAt(peek());
            generator.iter = parseDisjunction();
            while (peek().isName("if")) {
                next();
                generator.ifs.push_back(parseDisjunction());
            }
            comp->generators.push_back(std::move(generator));
        }
        comp->span = joinSpans(comp->span, previous().span);
        if (inCall) {
            if (!onlyArgument || !peek().isOp(")"))
                fail("Generator expression must be parenthesized", comp->span);
            comp->generator = true;
        }
        return comp;
    }

    ExprPtr parseAtom()
    {
        const Token& t = peek();
        switch (t.kind) {
        case TokenKind::Name: {
            if (t.text == "None" || t.text == "True" || t.text == "False") {
                const Token token = next();
                if (token.text == "None")
                    return std::make_unique<ConstantExpr>(token.span, NoneValue{});
                return std::make_unique<ConstantExpr>(token.span, token.text == "True");
            }
            if (isKeyword(t.text)) {
                if (t.text == "lambda")
                    fail("aliasview does not support lambda expressions", t.span);
                if (t.text == "yield" || t.text == "await")
                    fail("aliasview does not support '" + t.text + "'", t.span);
                invalidSyntaxAt(t);
            }
            const Token token = next();
            return std::make_unique<NameExpr>(token.span, token.text);
        }
        case TokenKind::Number: return parseNumber(next());
        case TokenKind::String: return parseStrings();
        case TokenKind::Op:
            if (t.text == "(")
                return parseParenthesized();
            if (t.text == "[")
                return parseList();
            if (t.text == "{")
                return parseDict();
            if (t.text == "...") {
                const Token token = next();
                return std::make_unique<ConstantExpr>(token.span, EllipsisValue{});
            }
            break;
        default: break;
        }
        invalidSyntaxAt(t);
    }

    ExprPtr parseNumber(const Token& token)
    {
        std::string text;
        for (const char c : token.text)
            if (c != '_')
                text += c;
        if (!text.empty() && (text.back() == 'j' || text.back() == 'J'))
            fail("aliasview does not support complex numbers", token.span);
        const bool isFloat = text.find_first_of(".eE") != std::string::npos && !(text.size() > 1 && (text[1] == 'x' || text[1] == 'X'));
        if (isFloat) {
            const double value = std::strtod(text.c_str(), nullptr);
            return std::make_unique<ConstantExpr>(token.span, value);
        }
        int base = 10;
        std::string_view digits = text;
        if (text.size() > 1 && text[0] == '0' && text[1] != '0') {
            const char prefix = static_cast<char>(text[1] | 0x20);
            base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
            if (base != 10)
                digits.remove_prefix(2);
        }
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
        if (error == std::errc::result_out_of_range || end != digits.data() + digits.size())
            return std::make_unique<ConstantExpr>(token.span, BigIntLiteral{token.text});
        return std::make_unique<ConstantExpr>(token.span, value);
    }

    // Adjacent string literals concatenate; any f-string among them makes the whole an f-string.
    ExprPtr parseStrings()
    {
        std::vector<Token> pieces;
        while (peek().kind == TokenKind::String)
            pieces.push_back(next());
        const SourceSpan span = joinSpans(pieces.front().span, pieces.back().span);
        bool anyF = false;
        for (const Token& piece : pieces)
            anyF |= piece.fstring;
        if (!anyF) {
            std::string value;
            for (const Token& piece : pieces)
                value += piece.value;
            return std::make_unique<ConstantExpr>(span, value);
        }
        auto fstring = std::make_unique<FStringExpr>(span);
        for (const Token& piece : pieces) {
            if (piece.fstring)
                parseFStringBody(piece, fstring->parts);
            else if (!piece.value.empty())
                fstring->parts.push_back(FStringPart{piece.value, nullptr, 0, {}, false, {}});
        }
        return fstring;
    }

    void parseFStringBody(const Token& token, std::vector<FStringPart>& parts)
    {
        const std::string& body = token.value;
        std::string literal;
        const auto flushLiteral = [&]() {
            if (literal.empty())
                return;
            parts.push_back(FStringPart{token.raw ? literal : decodeStringEscapes(literal, token.span), nullptr, 0, {}, false, {}});
            literal.clear();
        };
        const auto columnOf = [&](std::size_t i) { return token.bodyColumn + static_cast<int>(i); };
        std::size_t i = 0;
        while (i < body.size()) {
            const char c = body[i];
            if (c == '{' && i + 1 < body.size() && body[i + 1] == '{') {
                literal += '{';
                i += 2;
                continue;
            }
            if (c == '}') {
                if (i + 1 < body.size() && body[i + 1] == '}') {
                    literal += '}';
                    i += 2;
                    continue;
                }
                fail("f-string: single '}' is not allowed", {token.span.line, token.span.endColumn, token.span.line, token.span.endColumn + 1});
            }
            if (c != '{') {
                literal += c;
                ++i;
                continue;
            }
            flushLiteral();
            // Find the field's end, skipping nested brackets and strings.
            const std::size_t exprStart = i + 1;
            std::size_t j = exprStart;
            int depth = 0;
            char quote = 0;
            std::size_t exprEnd = std::string::npos;
            for (; j < body.size(); ++j) {
                const char d = body[j];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                    continue;
                }
                if (d == '\'' || d == '"')
                    quote = d;
                else if (d == '(' || d == '[' || d == '{')
                    ++depth;
                else if ((d == ')' || d == ']' || d == '}') && depth > 0)
                    --depth;
                else if (depth == 0 && (d == '}' || d == ':' || (d == '!' && j + 1 < body.size() && body[j + 1] != '=') ||
                                        (d == '=' && j + 1 < body.size() && body[j + 1] != '=' && j > exprStart &&
                                         body[j - 1] != '=' && body[j - 1] != '!' && body[j - 1] != '<' && body[j - 1] != '>'))) {
                    exprEnd = j;
                    break;
                }
            }
            const SourceSpan endSpan{token.span.line, token.span.endColumn, token.span.line, token.span.endColumn + 1};
            if (exprEnd == std::string::npos)
                fail("f-string: expecting '}'", endSpan);
            FStringPart field;
            std::string exprText = body.substr(exprStart, exprEnd - exprStart);
            if (exprText.find_first_not_of(" \t") == std::string::npos)
                fail(body[exprEnd] == '!' ? "f-string: expression required before '!'" : "f-string: empty expression not allowed",
                     endSpan);
            j = exprEnd;
            if (body[j] == '=') {
                field.selfDocumenting = true;
                ++j;
                // f"{x = }" keeps the spaces around '=' in the text it prints.
                while (j < body.size() && (body[j] == ' ' || body[j] == '\t'))
                    ++j;
                field.expressionText = body.substr(exprStart, j - exprStart);
                // `{x=}` reprs unless a conversion or spec says otherwise.
                field.conversion = 'r';
            }
            if (j < body.size() && body[j] == '!') {
                if (j + 1 >= body.size() || (body[j + 1] != 'r' && body[j + 1] != 's' && body[j + 1] != 'a'))
                    fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", endSpan);
                field.conversion = body[j + 1];
                j += 2;
            }
            if (j < body.size() && body[j] == ':') {
                std::size_t specEnd = j + 1;
                int nested = 0;
                for (; specEnd < body.size(); ++specEnd) {
                    if (body[specEnd] == '{')
                        ++nested;
                    else if (body[specEnd] == '}') {
                        if (nested == 0)
                            break;
                        --nested;
                    }
                }
                if (specEnd >= body.size())
                    fail("f-string: expecting '}'", endSpan);
                Token specToken = token;
                specToken.value = body.substr(j + 1, specEnd - j - 1);
                specToken.bodyColumn = columnOf(j + 1);
                parseFStringBody(specToken, field.spec);
                if (field.selfDocumenting && field.conversion == 'r' && body[exprEnd] == '=')
                    field.conversion = 0;  // {x=:spec} formats with the spec instead of repr
                j = specEnd;
            }
            if (j >= body.size() || body[j] != '}')
                fail("f-string: expecting '}'", endSpan);
            field.expression = parseFieldExpression(exprText, token.span.line, columnOf(exprStart));
            parts.push_back(std::move(field));
            i = j + 1;
        }
        flushLiteral();
    }

    ExprPtr parseFieldExpression(const std::string& text, int line, int column)
    {
        // Parsed as "(text)" so that newlines and leading spaces inside the braces are harmless.
        SourceText fieldSource(m_source.fileName(), "(" + text + ")");
        std::vector<Token> tokens;
        try {
            tokens = tokenize(fieldSource);
        } catch (const SyntaxException& error) {
            SyntaxIssue issue = error.issue();
            issue.message = "f-string: " + issue.message;
            issue.line = line;
            issue.column = column + std::max(0, issue.column - 1);
            issue.endColumn = issue.column + 1;
            throw SyntaxException(issue);
        }
        for (Token& token : tokens) {
            token.span.line = token.span.endLine = line;
            token.span.column += column - 1;
            token.span.endColumn += column - 1;
        }
        Parser inner(m_source, std::move(tokens));
        inner.m_depth = m_depth;
        try {
            return inner.parseStandaloneExpression();
        } catch (const SyntaxException& error) {
            SyntaxIssue issue = error.issue();
            if (issue.message.rfind("f-string", 0) != 0)
                issue.message = "f-string: " + issue.message;
            throw SyntaxException(issue);
        }
    }

    ExprPtr parseParenthesized()
    {
        const Token open = next();
        if (peek().isOp(")")) {
            const Token close = next();
            auto tuple = std::make_unique<SequenceExpr>(ExprKind::Tuple, joinSpans(open.span, close.span));
            tuple->parenthesized = true;
            return tuple;
        }
        ExprPtr first = parseStarExpression();
        if (peek().isName("for")) {
            ExprPtr comp = parseComprehensionTail(std::move(first), false, false);
            static_cast<ListCompExpr&>(*comp).generator = true;
            const Token close = peek();
            expectOp(")");
            comp->span = joinSpans(open.span, close.span);
            return comp;
        }
        if (peek().isOp(")")) {
            next();
            if (first->kind == ExprKind::Starred)
                fail("cannot use starred expression here", first->span);
            if (first->kind == ExprKind::Tuple)
                static_cast<SequenceExpr&>(*first).parenthesized = true;
            return first;  // grouping keeps the inner span, as CPython does
        }
        auto tuple = std::make_unique<SequenceExpr>(ExprKind::Tuple, open.span);
        tuple->parenthesized = true;
        tuple->elements.push_back(std::move(first));
        while (true) {
            if (acceptOp(",")) {
                if (peek().isOp(")"))
                    break;
                tuple->elements.push_back(parseStarExpression());
                continue;
            }
            if (peek().isOp(")"))
                break;
            forgotComma(*tuple->elements.back());
        }
        const Token close = next();
        tuple->span = joinSpans(open.span, close.span);
        return tuple;
    }

    ExprPtr parseList()
    {
        const Token open = next();
        auto list = std::make_unique<SequenceExpr>(ExprKind::List, open.span);
        if (!peek().isOp("]")) {
            ExprPtr first = parseStarExpression();
            if (peek().isName("for")) {
                ExprPtr comp = parseComprehensionTail(std::move(first), false, false);
                const Token close = peek();
                expectOp("]");
                comp->span = joinSpans(open.span, close.span);
                return comp;
            }
            list->elements.push_back(std::move(first));
            while (true) {
                if (acceptOp(",")) {
                    if (peek().isOp("]"))
                        break;
                    list->elements.push_back(parseStarExpression());
                    continue;
                }
                if (peek().isOp("]"))
                    break;
                forgotComma(*list->elements.back());
            }
        }
        const Token close = next();
        list->span = joinSpans(open.span, close.span);
        return list;
    }

    ExprPtr parseDict()
    {
        const Token open = next();
        auto dict = std::make_unique<DictExpr>(open.span);
        while (!peek().isOp("}")) {
            if (peek().isOp("**"))
                fail("aliasview does not support ** in dict displays", peek().span);
            ExprPtr key = parseExpression();
            if (!peek().isOp(":")) {
                if ((peek().isOp(",") || peek().isOp("}")) && !dict->keys.empty())
                    fail("':' expected after dictionary key", key->span);
                if (peek().isOp(",") || peek().isOp("}"))
                    fail("aliasview does not support set literals; use a list", key->span);
                forgotComma(*key);
            }
            const Token colon = next();
            if (peek().isOp(",") || peek().isOp("}"))
                fail("expression expected after dictionary key and ':'", colon.span);
            dict->keys.push_back(std::move(key));
            dict->values.push_back(parseExpression());
            if (acceptOp(","))
                continue;
            if (!peek().isOp("}"))
                forgotComma(*dict->values.back());
        }
        const Token close = next();
        dict->span = joinSpans(open.span, close.span);
        return dict;
    }

    const SourceText& m_source;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;
};

}  // namespace

std::unique_ptr<Module> parseModule(std::string fileName, std::string text)
{
    auto module = std::make_unique<Module>();
    module->source = SourceText(std::move(fileName), std::move(text));
    std::vector<Token> tokens = tokenize(module->source);
    Parser parser(module->source, std::move(tokens));
    module->body = parser.parseFile();
    return module;
}

}  // namespace av::engine::py
