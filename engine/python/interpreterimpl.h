#pragma once
// The interpreter's internals, shared by interpreter.cpp (statements and expressions), pyops.cpp (Python
// semantics of the builtin types) and builtins.cpp. Not for the bindings: they use interpreter.h.

#include "interpreter.h"
#include "parser.h"

#include "engine/creation.h"
#include "engine/indexing.h"
#include "engine/warnings.h"

#include <map>
#include <set>

namespace av::engine::py {

// Stops the script for good: budgets and internal failures. Unlike a PyError it is not catchable by
// `except`, or a hostile `while True: try: ... except: pass` would never end.
struct ScriptAbort {
    PyError error;
    SourceSpan span;
};

struct Interpreter::Impl {
    explicit Impl(Interpreter& owner, RunLimits limits) : self(owner), limits(limits) {}
    ~Impl() { containers.breakCycles(); }  // before the members go: cycles through globals, modules, frames

    // First, so it is destroyed last: once the globals and modules are gone it frees what cycles remain.
    ContainerRegistry containers;
    Interpreter& self;
    RunLimits limits;

    // ---- state of the run ------------------------------------------------------------------------------
    std::unordered_map<std::string, ObjectPtr> globals;
    std::vector<std::string> globalOrder;
    std::unordered_map<std::string, ObjectPtr> modules;
    std::unordered_map<const Array*, std::weak_ptr<ArrayObject>> arrayObjects;
    std::function<void(std::string_view)> out, err;
    LineObserver* observer = nullptr;
    const Module* module = nullptr;
    std::int64_t steps = 0;
    std::chrono::steady_clock::time_point started;
    int currentLine = 0;
    // Line events as CPython 3.11 reports them (see lineEvent): the last line reported, whether the next
    // event follows a backward jump, and whether the exception in flight was already reported.
    int lastEventLine = 0;
    bool forceNextLineEvent = false;
    bool raisedReported = false;
    SourceSpan currentStatementSpan;
    std::set<std::tuple<std::string, std::string, int>> warnedOnce;
    std::set<std::tuple<std::string, std::string, std::string>> warnedFromLibrary;  // category, text, file:line
    std::vector<RaisedError> handling;  // the exceptions being handled, innermost last (for a bare `raise`)
    std::vector<std::unordered_map<std::string, ObjectPtr>> localScopes;  // list comprehensions' own names
    std::vector<const Object*> reprInProgress;  // the containers repr() is inside, outermost first
    int nestingDepth = 0;  // how deep equal(), compare() and nestedListOf() recurse into containers
    struct NestingGuard;
    // One object per distinct literal, as CPython merges a code object's equal constants: x = 1000 and
    // y = 1000 make `x is y` True.
    std::map<std::pair<int, std::string>, ObjectPtr> constants;
    ObjectPtr pooledConstant(const ObjectPtr& value);
    struct ReprGuard;

    // ---- statements ----------------------------------------------------------------------------------
    enum class Flow { Normal, Break, Continue };
    Flow execBody(const Body& body);
    Flow exec(const Stmt& stmt);
    Flow execStatement(const Stmt& stmt);
    void lineEvent(int line, bool jumpedBack = false);
    void assign(const Expr& target, const ObjectPtr& value);
    void del(const Expr& target);
    Flow execFor(const ForStmt& stmt);
    Flow execWhile(const WhileStmt& stmt);
    Flow execIf(const IfStmt& stmt);
    Flow execWith(const WithStmt& stmt);
    Flow execTry(const TryStmt& stmt);
    void runHandlers(const TryStmt& stmt, const RaisedError& raised, Flow& flow);
    ObjectPtr exceptionObject(const PyError& error);
    // The value of a literal as a repr prints it ('k', 5, (1, 2)); nullopt for anything else.
    std::optional<ObjectPtr> literalValue(const std::string& text);
    void setGlobal(const std::string& name, ObjectPtr value);
    void execImport(const ImportStmt& stmt);
    void execAugAssign(const AugAssignStmt& stmt);
    void execRaise(const RaiseStmt& stmt);

    // ---- expressions ---------------------------------------------------------------------------------
    ObjectPtr eval(const Expr& expr);
    ObjectPtr evalChecked(const Expr& expr);
    ObjectPtr evalName(const NameExpr& expr);
    ObjectPtr evalConstant(const ConstantExpr& expr);
    ObjectPtr evalConstantValue(const ConstantExpr& expr);
    ObjectPtr evalFString(const FStringExpr& expr);
    ObjectPtr evalCall(const CallExpr& expr);
    ObjectPtr evalCompare(const CompareExpr& expr);
    ObjectPtr evalListComp(const ListCompExpr& expr);
    // Runs a comprehension whose outermost iterable was already read (a generator reads it when made).
    std::vector<ObjectPtr> runComprehension(const ListCompExpr& expr, std::vector<ObjectPtr> outermost);
    std::vector<ObjectPtr> evalElements(const std::vector<ExprPtr>& elements);
    void assignLocal(const Expr& target, const ObjectPtr& value);

    // ---- Python semantics (pyops.cpp) ------------------------------------------------------------------
    std::string repr(const ObjectPtr& object);
    std::string str(const ObjectPtr& object);
    bool truthy(const ObjectPtr& object);
    ObjectPtr binaryOp(BinOpKind op, const ObjectPtr& left, const ObjectPtr& right);
    ObjectPtr inplaceOp(BinOpKind op, const ObjectPtr& left, const ObjectPtr& right);
    ObjectPtr unaryOp(UnaryOpKind op, const ObjectPtr& operand);
    ObjectPtr compare(CompareKind op, const ObjectPtr& left, const ObjectPtr& right);
    bool equal(const ObjectPtr& a, const ObjectPtr& b);
    bool contains(const ObjectPtr& container, const ObjectPtr& item);
    ObjectPtr getAttribute(const ObjectPtr& object, const std::string& name);
    void setAttribute(const ObjectPtr& object, const std::string& name, const ObjectPtr& value);
    ObjectPtr getItem(const ObjectPtr& object, const ObjectPtr& index);
    void setItem(const ObjectPtr& object, const ObjectPtr& index, const ObjectPtr& value);
    void delItem(const ObjectPtr& object, const ObjectPtr& index);
    ObjectPtr call(const ObjectPtr& callable, CallArgs& args);
    std::vector<ObjectPtr> iterate(const ObjectPtr& iterable);
    std::int64_t length(const ObjectPtr& object);
    std::string formatValue(const ObjectPtr& value, const std::string& spec);
    std::vector<IndexItem> indexItems(const ObjectPtr& index, const Array& indexed, bool& tupleIndex);
    NestedList nestedListOf(const ObjectPtr& object);
    ObjectPtr positiveOf(const ArrayPtr& array);
    ObjectPtr invertOf(const ArrayPtr& array);
    ObjectPtr bitwiseArrayOp(BinOpKind op, const Value& a, const Value& b, const ObjectPtr& left, const ObjectPtr& right);
    std::string percentFormat(const std::string& format, const ObjectPtr& values);

    // ---- services --------------------------------------------------------------------------------------
    ObjectPtr wrap(const ArrayPtr& array);
    void tick();
    // The wall clock and the cancel flag (RunLimits): on each line event, and every 1024 ticks.
    void checkClock();
    void write(std::string_view text) const;
    void warn(const std::string& category, const std::string& message);
    // A warning whose location is a line of the library's Python code (numpy/core/_methods.py:192).
    void warnFromLibrary(const std::string& category, const std::string& message, const LibraryLine& where);
    // once: show a given text at a given line only once, as the default filter does at run time (the
    // compiler warns without a registry, so each of its warnings shows).
    void warnAt(const std::string& category, const std::string& message, int line, bool once = true);
    // The compiler's SyntaxWarnings for a parsed script (compilewarnings.cpp), given before it runs.
    void compileWarnings(const Module& parsed);
    std::string traceback(const PyError& error, const SourceSpan& span, const std::string& suggestion = {}) const;
    // What CPython's traceback would suggest for a mistyped name or attribute ("" for nothing).
    std::string nameSuggestion(const std::string& name) const;
    std::string attributeSuggestion(const PyError& error, const ObjectPtr& object, const std::string& name) const;
};

// An exception as a Python object together with its args: ValueError("a", 1).args == ("a", 1). Its
// error's message is str(e), which CPython derives from the args.
class ExceptionWithArgs : public ExceptionObject {
public:
    ExceptionWithArgs(const TypeInfo* type, PyError error, std::vector<ObjectPtr> args)
        : ExceptionObject(type, std::move(error)), args(std::move(args))
    {
    }
    std::vector<ObjectPtr> args;
};

// A generator expression's object: the outermost iterable is read when it is made, as CPython does, and
// the rest runs the first time something iterates it; after that it is exhausted.
class GeneratorObject : public Object {
public:
    GeneratorObject(const ListCompExpr& expr, std::vector<ObjectPtr> outermost);
    const ListCompExpr& expr;
    std::vector<ObjectPtr> outermost;
    bool exhausted = false;
};

// The builtins: print, len, range, int, ValueError, ... (builtins.cpp).
const std::unordered_map<std::string, ObjectPtr>& builtinNamespace();
// The methods of list, tuple, dict and str (builtinmethods.cpp).
void defineBuiltinTypeMethods(Builtins& types);

// Python type names as messages print them: "int", "Tensor", "numpy.ndarray".
std::string typeNameOf(const ObjectPtr& object);

// The value of an int-like object (int, bool, NumPy integer scalar, 0-d integer tensor): Python's __index__.
std::optional<std::int64_t> asIndex(const ObjectPtr& object);
// The value of a number (int, bool, float, NumPy scalar, one-element array).
std::optional<double> asDouble(const ObjectPtr& object);

}  // namespace av::engine::py
