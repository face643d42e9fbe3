// The SyntaxWarnings CPython 3.11's compiler gives before a script runs (Python/compile.c): `x is 1`,
// `assert (x, "message")`, and calling or subscripting a literal where a comma is probably missing.
// They walk the tree in the compiler's order, after its constant folding (-1 and (1, 2) are literals).

#include "interpreterimpl.h"

#include <functional>

namespace av::engine::py {

namespace {

// What the AST optimizer folds into one constant: literals, signed numbers and tuples of them.
bool isFoldedConstant(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Constant: return true;
    case ExprKind::UnaryOp: {
        const auto& unary = static_cast<const UnaryOpExpr&>(e);
        if (unary.op == UnaryOpKind::Not || unary.operand->kind != ExprKind::Constant)
            return false;
        const ConstantValue& v = static_cast<const ConstantExpr&>(*unary.operand).value;
        return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v) || std::holds_alternative<bool>(v);
    }
    case ExprKind::Tuple: {
        for (const ExprPtr& element : static_cast<const SequenceExpr&>(e).elements)
            if (!isFoldedConstant(*element))
                return false;
        return true;
    }
    default: return false;
    }
}

// The type name infer_type() gives an expression, or "" when the compiler cannot tell.
std::string inferredType(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Tuple: return "tuple";
    case ExprKind::List: return "list";
    case ExprKind::ListComp: return static_cast<const ListCompExpr&>(e).generator ? "generator" : "list";
    case ExprKind::Dict: return "dict";
    case ExprKind::FString: return "str";
    case ExprKind::Constant: {
        const ConstantValue& v = static_cast<const ConstantExpr&>(e).value;
        if (std::holds_alternative<NoneValue>(v))
            return "NoneType";
        if (std::holds_alternative<bool>(v))
            return "bool";
        if (std::holds_alternative<std::int64_t>(v) || std::holds_alternative<BigIntLiteral>(v))
            return "int";
        if (std::holds_alternative<double>(v))
            return "float";
        if (std::holds_alternative<std::string>(v))
            return "str";
        return "ellipsis";
    }
    case ExprKind::UnaryOp: {
        if (!isFoldedConstant(e))
            return "";
        const auto& unary = static_cast<const UnaryOpExpr&>(e);
        const std::string operand = inferredType(*unary.operand);
        return operand == "bool" ? "int" : operand;
    }
    default: return "";
    }
}

// check_is_arg: None, True, False and ... are fine with `is`; any other literal is not.
bool isFineWithIs(const Expr& e)
{
    if (!isFoldedConstant(e))
        return true;
    if (e.kind != ExprKind::Constant)
        return false;
    const ConstantValue& v = static_cast<const ConstantExpr&>(e).value;
    return std::holds_alternative<NoneValue>(v) || std::holds_alternative<bool>(v) || std::holds_alternative<EllipsisValue>(v);
}

class CompileWarnings {
public:
    explicit CompileWarnings(std::function<void(const std::string&, int)> warn) : m_warn(std::move(warn)) {}

    void body(const Body& statements)
    {
        for (const StmtPtr& s : statements)
            statement(*s);
    }

private:
    std::function<void(const std::string&, int)> m_warn;

    void statement(const Stmt& s)
    {
        switch (s.kind) {
        case StmtKind::Expr: expression(*static_cast<const ExprStmt&>(s).value); break;
        case StmtKind::Assign: {
            const auto& assign = static_cast<const AssignStmt&>(s);
            expression(*assign.value);
            for (const ExprPtr& target : assign.targets)
                expression(*target, true);
            break;
        }
        case StmtKind::AugAssign: {
            const auto& aug = static_cast<const AugAssignStmt&>(s);
            expression(*aug.target, true);
            expression(*aug.value);
            break;
        }
        case StmtKind::For: {
            const auto& loop = static_cast<const ForStmt&>(s);
            expression(*loop.iter);
            expression(*loop.target, true);
            body(loop.body);
            body(loop.orelse);
            break;
        }
        case StmtKind::While: {
            const auto& loop = static_cast<const WhileStmt&>(s);
            expression(*loop.test);
            body(loop.body);
            body(loop.orelse);
            break;
        }
        case StmtKind::If: {
            const auto& branch = static_cast<const IfStmt&>(s);
            expression(*branch.test);
            body(branch.body);
            body(branch.orelse);
            break;
        }
        case StmtKind::With: {
            const auto& with = static_cast<const WithStmt&>(s);
            for (const WithItem& item : with.items) {
                expression(*item.context);
                if (item.target)
                    expression(*item.target, true);
            }
            body(with.body);
            break;
        }
        case StmtKind::Try: {
            const auto& attempt = static_cast<const TryStmt&>(s);
            body(attempt.body);
            for (const ExceptHandler& handler : attempt.handlers) {
                if (handler.type)
                    expression(*handler.type);
                body(handler.body);
            }
            body(attempt.orelse);
            body(attempt.finalbody);
            break;
        }
        case StmtKind::Delete:
            for (const ExprPtr& target : static_cast<const DeleteStmt&>(s).targets)
                expression(*target, true);
            break;
        case StmtKind::Raise:
            if (const auto& exception = static_cast<const RaiseStmt&>(s).exception)
                expression(*exception);
            break;
        case StmtKind::Assert: {
            const auto& assertion = static_cast<const AssertStmt&>(s);
            if (assertion.test->kind == ExprKind::Tuple && !static_cast<const SequenceExpr&>(*assertion.test).elements.empty())
                m_warn("assertion is always true, perhaps remove parentheses?", s.span.line);
            expression(*assertion.test);
            if (assertion.message)
                expression(*assertion.message);
            break;
        }
        default: break;
        }
    }

    void expression(const Expr& e, bool store = false)
    {
        switch (e.kind) {
        case ExprKind::FString:
            for (const FStringPart& part : static_cast<const FStringExpr&>(e).parts)
                fstringPart(part);
            break;
        case ExprKind::List:
        case ExprKind::Tuple:
            for (const ExprPtr& element : static_cast<const SequenceExpr&>(e).elements)
                expression(*element, store);
            break;
        case ExprKind::Dict: {
            const auto& dict = static_cast<const DictExpr&>(e);
            for (std::size_t i = 0; i < dict.keys.size(); ++i) {
                expression(*dict.keys[i]);
                expression(*dict.values[i]);
            }
            break;
        }
        case ExprKind::Attribute: expression(*static_cast<const AttributeExpr&>(e).value); break;
        case ExprKind::Subscript: {
            const auto& subscript = static_cast<const SubscriptExpr&>(e);
            if (!store)
                checkSubscript(subscript);
            expression(*subscript.value);
            expression(*subscript.index);
            break;
        }
        case ExprKind::Slice: {
            const auto& slice = static_cast<const SliceExpr&>(e);
            for (const ExprPtr* part : {&slice.lower, &slice.upper, &slice.step})
                if (*part)
                    expression(**part);
            break;
        }
        case ExprKind::Call: {
            const auto& call = static_cast<const CallExpr&>(e);
            checkCaller(*call.func, e.span.line);
            expression(*call.func);
            for (const ExprPtr& arg : call.args)
                expression(*arg);
            for (const Keyword& keyword : call.keywords)
                expression(*keyword.value);
            break;
        }
        case ExprKind::BinOp: {
            const auto& binop = static_cast<const BinOpExpr&>(e);
            expression(*binop.left);
            expression(*binop.right);
            break;
        }
        case ExprKind::UnaryOp: expression(*static_cast<const UnaryOpExpr&>(e).operand); break;
        case ExprKind::BoolOp:
            for (const ExprPtr& value : static_cast<const BoolOpExpr&>(e).values)
                expression(*value);
            break;
        case ExprKind::Compare: {
            const auto& compare = static_cast<const CompareExpr&>(e);
            const Expr* left = compare.left.get();
            for (std::size_t i = 0; i < compare.ops.size(); ++i) {
                const CompareKind op = compare.ops[i];
                const Expr& right = *compare.comparators[i];
                if ((op == CompareKind::Is || op == CompareKind::IsNot) && (!isFineWithIs(right) || !isFineWithIs(*left))) {
                    m_warn(op == CompareKind::Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                                 : "\"is not\" with a literal. Did you mean \"!=\"?",
                           e.span.line);
                    break;
                }
                left = &right;
            }
            expression(*compare.left);
            for (const ExprPtr& comparator : compare.comparators)
                expression(*comparator);
            break;
        }
        case ExprKind::IfExp: {
            const auto& ifexp = static_cast<const IfExpExpr&>(e);
            expression(*ifexp.test);
            expression(*ifexp.body);
            expression(*ifexp.orelse);
            break;
        }
        case ExprKind::Starred: expression(*static_cast<const StarredExpr&>(e).value, store); break;
        case ExprKind::ListComp: {
            const auto& comp = static_cast<const ListCompExpr&>(e);
            for (const Comprehension& generator : comp.generators) {
                expression(*generator.iter);
                expression(*generator.target, true);
                for (const ExprPtr& condition : generator.ifs)
                    expression(*condition);
            }
            expression(*comp.element);
            break;
        }
        default: break;
        }
    }

    void fstringPart(const FStringPart& part)
    {
        if (part.expression)
            expression(*part.expression);
        for (const FStringPart& spec : part.spec)
            fstringPart(spec);
    }

    // check_caller: calling a literal.
    void checkCaller(const Expr& func, int line)
    {
        const bool literal = isFoldedConstant(func) || func.kind == ExprKind::List || func.kind == ExprKind::ListComp ||
                             func.kind == ExprKind::Dict || func.kind == ExprKind::FString;
        if (!literal)
            return;
        m_warn("'" + inferredType(func) + "' object is not callable; perhaps you missed a comma?", line);
    }

    // check_subscripter and check_index: subscripting a literal that cannot be, or indexing a sequence
    // literal with a literal that is not an integer.
    void checkSubscript(const SubscriptExpr& subscript)
    {
        const Expr& value = *subscript.value;
        const int line = subscript.span.line;
        const std::string valueType = inferredType(value);
        if (isFoldedConstant(value) && valueType != "str" && valueType != "tuple") {
            m_warn("'" + valueType + "' object is not subscriptable; perhaps you missed a comma?", line);
            return;
        }
        if (value.kind == ExprKind::ListComp && static_cast<const ListCompExpr&>(value).generator) {
            m_warn("'generator' object is not subscriptable; perhaps you missed a comma?", line);
            return;
        }
        const std::string indexType = inferredType(*subscript.index);
        if (indexType.empty() || indexType == "int" || indexType == "bool")
            return;
        const bool sequenceLiteral = value.kind == ExprKind::Tuple || value.kind == ExprKind::List || value.kind == ExprKind::FString ||
                                     (value.kind == ExprKind::ListComp && !static_cast<const ListCompExpr&>(value).generator) ||
                                     (value.kind == ExprKind::Constant && valueType == "str");
        if (sequenceLiteral)
            m_warn(valueType + " indices must be integers or slices, not " + indexType + "; perhaps you missed a comma?", line);
    }
};

}  // namespace

void Interpreter::Impl::compileWarnings(const Module& parsed)
{
    CompileWarnings walker([this](const std::string& message, int line) { warnAt("SyntaxWarning", message, line, false); });
    walker.body(parsed.body);
}

}  // namespace av::engine::py
