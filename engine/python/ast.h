#pragma once
// The syntax tree of a script: Python 3.11's own node kinds (as in its ast module) for the subset aliasview
// runs, each with the source span the interpreter reports errors at.

#include "source.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace av::engine::py {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

enum class ExprKind : std::uint8_t {
    Name,
    Constant,
    FString,
    List,
    Tuple,
    Dict,
    Attribute,
    Subscript,
    Slice,
    Call,
    BinOp,
    UnaryOp,
    BoolOp,
    Compare,
    IfExp,
    Starred,
    ListComp,
};

enum class BinOpKind : std::uint8_t { Add, Sub, Mul, MatMul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd };
enum class UnaryOpKind : std::uint8_t { Neg, Pos, Invert, Not };
enum class CompareKind : std::uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

std::string_view symbolOf(BinOpKind op);
std::string_view symbolOf(CompareKind op);

struct Expr {
    explicit Expr(ExprKind k, SourceSpan s) : kind(k), span(s) {}
    virtual ~Expr() = default;
    ExprKind kind;
    SourceSpan span;
};

struct NameExpr : Expr {
    NameExpr(SourceSpan s, std::string n) : Expr(ExprKind::Name, s), id(std::move(n)) {}
    std::string id;
};

struct EllipsisValue {};
struct NoneValue {};
// An integer literal too large for 64 bits keeps its text; using it raises a clear error.
struct BigIntLiteral {
    std::string text;
};
using ConstantValue = std::variant<NoneValue, bool, std::int64_t, double, std::string, EllipsisValue, BigIntLiteral>;

struct ConstantExpr : Expr {
    ConstantExpr(SourceSpan s, ConstantValue v) : Expr(ExprKind::Constant, s), value(std::move(v)) {}
    ConstantValue value;
};

// f"...{expr!r:spec}...": literal text and formatted fields, in order.
struct FStringPart {
    std::string literal;         // used when expression is null
    ExprPtr expression;
    char conversion = 0;         // 0, 'r', 's' or 'a'
    std::vector<FStringPart> spec;  // the format spec, itself an f-string
    bool selfDocumenting = false;   // f"{x=}"
    std::string expressionText;     // for f"{x=}"
};

struct FStringExpr : Expr {
    explicit FStringExpr(SourceSpan s) : Expr(ExprKind::FString, s) {}
    std::vector<FStringPart> parts;
};

struct SequenceExpr : Expr {  // List and Tuple
    SequenceExpr(ExprKind k, SourceSpan s) : Expr(k, s) {}
    std::vector<ExprPtr> elements;
    bool parenthesized = false;
};

struct DictExpr : Expr {
    explicit DictExpr(SourceSpan s) : Expr(ExprKind::Dict, s) {}
    std::vector<ExprPtr> keys;
    std::vector<ExprPtr> values;
};

struct AttributeExpr : Expr {
    AttributeExpr(SourceSpan s, ExprPtr v, std::string a, SourceSpan as) : Expr(ExprKind::Attribute, s), value(std::move(v)), attr(std::move(a)), attrSpan(as) {}
    ExprPtr value;
    std::string attr;
    SourceSpan attrSpan;
};

struct SubscriptExpr : Expr {
    SubscriptExpr(SourceSpan s, ExprPtr v, ExprPtr i) : Expr(ExprKind::Subscript, s), value(std::move(v)), index(std::move(i)) {}
    ExprPtr value;
    ExprPtr index;  // a Tuple for x[a, b], a Slice for x[a:b]
};

struct SliceExpr : Expr {
    explicit SliceExpr(SourceSpan s) : Expr(ExprKind::Slice, s) {}
    ExprPtr lower, upper, step;
};

struct Keyword {
    std::string name;
    ExprPtr value;
    SourceSpan span;
};

struct CallExpr : Expr {
    CallExpr(SourceSpan s, ExprPtr f) : Expr(ExprKind::Call, s), func(std::move(f)) {}
    ExprPtr func;
    std::vector<ExprPtr> args;
    std::vector<Keyword> keywords;
};

struct BinOpExpr : Expr {
    BinOpExpr(SourceSpan s, BinOpKind o, ExprPtr l, ExprPtr r) : Expr(ExprKind::BinOp, s), op(o), left(std::move(l)), right(std::move(r)) {}
    BinOpKind op;
    ExprPtr left, right;
};

struct UnaryOpExpr : Expr {
    UnaryOpExpr(SourceSpan s, UnaryOpKind o, ExprPtr v) : Expr(ExprKind::UnaryOp, s), op(o), operand(std::move(v)) {}
    UnaryOpKind op;
    ExprPtr operand;
};

struct BoolOpExpr : Expr {
    BoolOpExpr(SourceSpan s, bool isAnd) : Expr(ExprKind::BoolOp, s), andOp(isAnd) {}
    bool andOp;
    std::vector<ExprPtr> values;
};

struct CompareExpr : Expr {
    CompareExpr(SourceSpan s, ExprPtr l) : Expr(ExprKind::Compare, s), left(std::move(l)) {}
    ExprPtr left;
    std::vector<CompareKind> ops;
    std::vector<ExprPtr> comparators;
};

struct IfExpExpr : Expr {
    explicit IfExpExpr(SourceSpan s) : Expr(ExprKind::IfExp, s) {}
    ExprPtr test, body, orelse;
};

struct StarredExpr : Expr {
    StarredExpr(SourceSpan s, ExprPtr v) : Expr(ExprKind::Starred, s), value(std::move(v)) {}
    ExprPtr value;
};

struct Comprehension {
    ExprPtr target;
    ExprPtr iter;
    std::vector<ExprPtr> ifs;
};

struct ListCompExpr : Expr {
    explicit ListCompExpr(SourceSpan s) : Expr(ExprKind::ListComp, s) {}
    ExprPtr element;
    std::vector<Comprehension> generators;
    bool generator = false;  // (x for x in y): a generator expression, run when something iterates it
};

// ---- statements ------------------------------------------------------------------------------------

enum class StmtKind : std::uint8_t {
    Expr,
    Assign,
    AugAssign,
    For,
    While,
    If,
    With,
    Try,
    Delete,
    Pass,
    Break,
    Continue,
    Import,
    ImportFrom,
    Raise,
    Assert,
};

struct Stmt {
    Stmt(StmtKind k, SourceSpan s) : kind(k), span(s) {}
    virtual ~Stmt() = default;
    StmtKind kind;
    SourceSpan span;
    // Comment lines directly above the statement, without '#': the GUI's narration for this step.
    std::vector<std::string> leadingComments;
};

struct ExprStmt : Stmt {
    ExprStmt(SourceSpan s, ExprPtr v) : Stmt(StmtKind::Expr, s), value(std::move(v)) {}
    ExprPtr value;
};

struct AssignStmt : Stmt {
    explicit AssignStmt(SourceSpan s) : Stmt(StmtKind::Assign, s) {}
    std::vector<ExprPtr> targets;  // a = b = value has two
    ExprPtr value;
};

struct AugAssignStmt : Stmt {
    AugAssignStmt(SourceSpan s, BinOpKind o) : Stmt(StmtKind::AugAssign, s), op(o) {}
    ExprPtr target;
    BinOpKind op;
    ExprPtr value;
};

struct ForStmt : Stmt {
    explicit ForStmt(SourceSpan s) : Stmt(StmtKind::For, s) {}
    ExprPtr target, iter;
    Body body, orelse;
};

struct WhileStmt : Stmt {
    explicit WhileStmt(SourceSpan s) : Stmt(StmtKind::While, s) {}
    ExprPtr test;
    Body body, orelse;
};

struct IfStmt : Stmt {
    explicit IfStmt(SourceSpan s) : Stmt(StmtKind::If, s) {}
    ExprPtr test;
    Body body, orelse;  // elif is a nested IfStmt alone in orelse
};

struct WithItem {
    ExprPtr context;
    ExprPtr target;  // may be null
};

struct WithStmt : Stmt {
    explicit WithStmt(SourceSpan s) : Stmt(StmtKind::With, s) {}
    std::vector<WithItem> items;
    Body body;
};

struct ExceptHandler {
    ExprPtr type;  // null for a bare except
    std::string name;
    Body body;
    SourceSpan span;
};

struct TryStmt : Stmt {
    explicit TryStmt(SourceSpan s) : Stmt(StmtKind::Try, s) {}
    Body body;
    std::vector<ExceptHandler> handlers;
    Body orelse, finalbody;
};

struct DeleteStmt : Stmt {
    explicit DeleteStmt(SourceSpan s) : Stmt(StmtKind::Delete, s) {}
    std::vector<ExprPtr> targets;
};

struct SimpleStmt : Stmt {  // pass, break, continue
    SimpleStmt(StmtKind k, SourceSpan s) : Stmt(k, s) {}
};

struct ImportAlias {
    std::string name;    // dotted
    std::string asname;  // empty when absent
    SourceSpan span;
};

struct ImportStmt : Stmt {
    ImportStmt(StmtKind k, SourceSpan s) : Stmt(k, s) {}
    std::string module;  // ImportFrom only
    std::vector<ImportAlias> names;
};

struct RaiseStmt : Stmt {
    explicit RaiseStmt(SourceSpan s) : Stmt(StmtKind::Raise, s) {}
    ExprPtr exception;  // null for a bare `raise`
};

struct AssertStmt : Stmt {
    explicit AssertStmt(SourceSpan s) : Stmt(StmtKind::Assert, s) {}
    ExprPtr test;
    ExprPtr message;  // may be null
};

struct Module {
    SourceText source;
    Body body;
};

}  // namespace av::engine::py
