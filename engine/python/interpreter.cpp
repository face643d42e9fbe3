#include "interpreterimpl.h"

#include "bindings.h"

#include "pythonnames.h"
#include "suggestions.h"

#include "engine/pyformat.h"
#include "engine/warnings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>

namespace av::engine::py {

// ---- the public face --------------------------------------------------------------------------------

Interpreter::Interpreter(RunLimits limits) : m_impl(std::make_unique<Impl>(*this, limits))
{
    // Building the builtins also gives list, str, dict and the number types their methods, which a
    // script can reach before it names any builtin ([].append).
    builtinNamespace();
}
Interpreter::~Interpreter() = default;

std::vector<std::pair<std::string, ObjectPtr>> Interpreter::globals() const
{
    std::vector<std::pair<std::string, ObjectPtr>> out;
    for (const std::string& name : m_impl->globalOrder) {
        const auto it = m_impl->globals.find(name);
        if (it != m_impl->globals.end())
            out.emplace_back(name, it->second);
    }
    return out;
}

ObjectPtr Interpreter::global(const std::string& name) const
{
    const auto it = m_impl->globals.find(name);
    return it == m_impl->globals.end() ? nullptr : it->second;
}

ObjectPtr Interpreter::wrap(const ArrayPtr& array) { return m_impl->wrap(array); }
ObjectPtr Interpreter::wrap(const Scalar& scalar)
{
    switch (scalar.kind()) {
    case Scalar::Kind::Bool: return makeBool(scalar.toBool());
    case Scalar::Kind::Int: return makeInt(scalar.toInt());
    case Scalar::Kind::Float: return makeFloat(scalar.toDouble());
    }
    return none();
}
ObjectPtr Interpreter::wrap(const Value& value)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value))
        return wrap(*array);
    return wrap(std::get<Scalar>(value));
}
std::string Interpreter::repr(const ObjectPtr& object) { return m_impl->repr(object); }
std::string Interpreter::str(const ObjectPtr& object) { return m_impl->str(object); }
bool Interpreter::truthy(const ObjectPtr& object) { return m_impl->truthy(object); }
ObjectPtr Interpreter::getAttribute(const ObjectPtr& object, const std::string& name)
{
    return m_impl->getAttribute(object, name);
}
ObjectPtr Interpreter::call(const ObjectPtr& callable, CallArgs& args) { return m_impl->call(callable, args); }
std::vector<ObjectPtr> Interpreter::iterate(const ObjectPtr& iterable) { return m_impl->iterate(iterable); }
void Interpreter::write(std::string_view text) { m_impl->write(text); }
void Interpreter::warnAt(const std::string& category, const std::string& message) { m_impl->warn(category, message); }
void Interpreter::tick() { m_impl->tick(); }
void Interpreter::checkContainerSize(std::int64_t items) const
{
    if (items > m_impl->limits.maxContainerItems)
        throw pythonError("MemoryError", concat("aliasview limits one list, tuple or string to ", m_impl->limits.maxContainerItems,
                                                " items; this one would have ", items));
}

namespace {

// A module a real Python may well have: the standard library's and the packages tutorials use next to
// torch. aliasview refuses those in its own words; any other name gets CPython's ModuleNotFoundError.
bool isModuleThatExistsElsewhere(const std::string& name)
{
    static const std::set<std::string, std::less<>> kThirdParty = {
        "IPython", "PIL", "cv2", "d2l", "einops", "h5py", "jax", "keras", "matplotlib", "mxnet", "numba", "pandas",
        "requests", "scipy", "seaborn", "sklearn", "sympy", "tensorflow", "torchaudio", "torchtext", "torchvision",
        "tqdm", "transformers", "yaml"};
    return isStandardLibraryModule(name) || kThirdParty.count(name) > 0;
}

}  // namespace

ObjectPtr Interpreter::importModule(const std::string& name, const SourceSpan& span)
{
    (void)span;
    const auto it = m_impl->modules.find(name);
    if (it != m_impl->modules.end())
        return it->second;
    ObjectPtr module;
    if (name == "torch")
        module = createTorchModule(*this);
    else if (name == "numpy")
        module = createNumpyModule(*this);
    else if (isModuleThatExistsElsewhere(name))
        throw pythonError("ImportError", "aliasview runs torch and numpy code only: cannot import '" + name + "'");
    else
        throw pythonError("ModuleNotFoundError", "No module named '" + name + "'");  // no Python has it either
    m_impl->modules.emplace(name, module);
    return module;
}

std::optional<ScriptFailure> Interpreter::run(const std::string& fileName, const std::string& source,
                                              std::function<void(std::string_view)> out,
                                              std::function<void(std::string_view)> err, LineObserver* observer)
{
    Impl& impl = *m_impl;
    const ContainerRegistry::Scope containers(impl.containers);
    impl.out = std::move(out);
    impl.err = std::move(err);
    impl.observer = observer;
    impl.steps = 0;
    impl.started = std::chrono::steady_clock::now();
    impl.constants.clear();
    impl.lastEventLine = 0;
    impl.forceNextLineEvent = false;
    impl.raisedReported = false;
    std::unique_ptr<Module> module;
    try {
        module = parseModule(fileName, source);
    } catch (const SyntaxException& error) {
        const SyntaxIssue& issue = error.issue();
        ScriptFailure failure{PyError(issue.kind, {issue.kind, "SyntaxError"}, issue.message),
                              SourceSpan{issue.line, issue.column, issue.line, issue.endColumn},
                              formatSyntaxError(SourceText(fileName, source), issue), true};
        if (observer)
            observer->finished(&failure);
        return failure;
    }
    impl.module = module.get();
    impl.compileWarnings(*module);
    std::optional<ScriptFailure> failure;
    // Engine warnings become Python warnings at the current line.
    const WarningScope warnings([&impl](const EngineWarning& w) {
        if (w.where)
            impl.warnFromLibrary(w.category, w.message, *w.where);
        else
            impl.warn(w.category, w.message);
    });
    try {
        impl.execBody(module->body);
    } catch (const RaisedError& raised) {
        failure = ScriptFailure{raised.error, raised.span, impl.traceback(raised.error, raised.span, raised.suggestion), false};
    } catch (const ScriptAbort& abort) {
        failure = ScriptFailure{abort.error, abort.span, impl.traceback(abort.error, abort.span), false};
    } catch (const PyError& error) {
        failure = ScriptFailure{error, impl.currentStatementSpan, impl.traceback(error, impl.currentStatementSpan), false};
    } catch (const InternalError& error) {
        const PyError asError("SystemError", {"SystemError"}, error.what());
        failure = ScriptFailure{asError, impl.currentStatementSpan, impl.traceback(asError, impl.currentStatementSpan), false};
    } catch (const std::bad_alloc&) {
        const PyError asError = pythonError("MemoryError", "");
        failure = ScriptFailure{asError, impl.currentStatementSpan, impl.traceback(asError, impl.currentStatementSpan), false};
    }
    if (observer)
        observer->finished(failure ? &*failure : nullptr);
    impl.module = nullptr;
    return failure;
}

// ---- services ---------------------------------------------------------------------------------------

ObjectPtr Interpreter::Impl::wrap(const ArrayPtr& array)
{
    AV_INTERNAL_ASSERT(array != nullptr, "wrapping a null array");
    auto& slot = arrayObjects[array.get()];
    if (auto existing = slot.lock(); existing && existing->array == array)
        return existing;
    auto object = std::make_shared<ArrayObject>(&arrayTypeFor(*array), array);
    slot = object;
    if (arrayObjects.size() > 4096 && arrayObjects.size() % 4096 == 0)
        std::erase_if(arrayObjects, [](const auto& entry) { return entry.second.expired(); });
    return object;
}

void Interpreter::Impl::tick()
{
    ++steps;
    if (steps > limits.maxSteps)
        throw ScriptAbort{pythonError("RuntimeError", concat("aliasview stopped the script: it ran past its budget of ",
                                                              limits.maxSteps, " steps (is there an endless loop?)")),
                          currentStatementSpan};
    if ((steps & 1023) == 0)
        checkClock();
}

void Interpreter::Impl::checkClock()
{
    if (limits.cancel && limits.cancel->load(std::memory_order_relaxed))
        throw ScriptAbort{pythonError("RuntimeError", "aliasview stopped the script: the recording was cancelled"), currentStatementSpan};
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (elapsed > limits.wallClockSeconds)
        throw ScriptAbort{pythonError("RuntimeError", concat("aliasview stopped the script: it ran past its time budget of ",
                                                              formatPythonFloat(limits.wallClockSeconds), " seconds")),
                          currentStatementSpan};
}

void Interpreter::Impl::write(std::string_view text) const
{
    if (out)
        out(text);
}

void Interpreter::Impl::warn(const std::string& category, const std::string& message)
{
    warnAt(category, message, currentLine);
}

void Interpreter::Impl::warnFromLibrary(const std::string& category, const std::string& message, const LibraryLine& where)
{
    // The default filter's registry is per module and line: a library line warns once per text.
    if (!warnedFromLibrary.emplace(category, message, where.file + ":" + std::to_string(where.line)).second)
        return;
    if (err)
        err(where.file + ":" + std::to_string(where.line) + ": " + category + ": " + message + "\n  " + where.source + "\n");
}

void Interpreter::Impl::warnAt(const std::string& category, const std::string& message, int lineNumber, bool once)
{
    // Python's default filters show a warning once per place and text; DeprecationWarning only in __main__,
    // which a script's top level is.
    if (!warnedOnce.emplace(category, message, lineNumber).second && once)
        return;
    if (!err || !module)
        return;
    std::string text = module->source.fileName() + ":" + std::to_string(lineNumber) + ": " + category + ": " + message + "\n";
    std::string_view line = module->source.line(lineNumber);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
        line.remove_prefix(first);
        text += "  " + std::string(line) + "\n";
    }
    err(text);
}

namespace {

// CPython 3.11's anchors for the caret line of a traceback (traceback._extract_caret_anchors_from_line_segment).
struct Anchors {
    int leftEnd;
    int rightStart;
};

// The segment of the line the error covers, parsed on its own: a binary operation gets `~` under its
// operands and `^` under the operator, a subscript `^` under the brackets. Byte offsets throughout; the
// scripts' lines are ASCII nearly always, and CPython's character offsets agree with bytes there.
std::optional<Anchors> caretAnchors(std::string_view segment)
{
    std::unique_ptr<Module> parsed;
    try {
        parsed = parseModule("<segment>", std::string(segment));
    } catch (const SyntaxException&) {
        return std::nullopt;
    }
    if (parsed->body.size() != 1 || parsed->body[0]->kind != StmtKind::Expr)
        return std::nullopt;
    const Expr& expr = *static_cast<const ExprStmt&>(*parsed->body[0]).value;
    if (expr.kind == ExprKind::BinOp) {
        const auto& binop = static_cast<const BinOpExpr&>(expr);
        const int operatorStart = binop.left->span.endColumn;
        const int operatorEnd = binop.right->span.column;
        const std::string_view operatorText = segment.substr(static_cast<std::size_t>(operatorStart),
                                                             static_cast<std::size_t>(std::max(0, operatorEnd - operatorStart)));
        const std::size_t offset = operatorText.find_first_not_of(" \t\n\f\r\v");
        const int operatorOffset = offset == std::string_view::npos ? static_cast<int>(operatorText.size()) : static_cast<int>(offset);
        const int left = operatorStart + operatorOffset;
        int right = left + 1;
        if (operatorOffset + 1 < static_cast<int>(operatorText.size()) &&
            !std::isspace(static_cast<unsigned char>(operatorText[static_cast<std::size_t>(operatorOffset + 1)])))
            ++right;
        return Anchors{left, right};
    }
    if (expr.kind == ExprKind::Subscript) {
        const auto& subscript = static_cast<const SubscriptExpr&>(expr);
        return Anchors{subscript.value->span.endColumn, subscript.index->span.endColumn + 1};
    }
    return std::nullopt;
}

}  // namespace

std::string Interpreter::Impl::nameSuggestion(const std::string& name) const
{
    // A NameError at module level searches the globals (which start with __name__, __doc__, ...) in the
    // order they were bound, then the builtins module.
    std::vector<std::string_view> globalNames(scriptGlobalNames().begin(), scriptGlobalNames().end());
    for (const std::string& global : globalOrder)
        globalNames.push_back(global);
    const std::optional<std::string> found = closestName(name, {globalNames, builtinModuleNames()});
    return found ? *found : std::string();
}

std::string Interpreter::Impl::attributeSuggestion(const PyError& error, const ObjectPtr& object, const std::string& name) const
{
    // Only the generic lookup's AttributeError carries the object and name CPython suggests from.
    if (error.typeName() != "AttributeError" || !error.message().ends_with("has no attribute '" + name + "'"))
        return {};
    std::string key;
    if (object->kind() == ObjectKind::Module)
        key = "module " + static_cast<const ModuleObject&>(*object).name;
    else if (object->kind() == ObjectKind::Type)
        key = "type object " + static_cast<const TypeObject&>(*object).info->qualifiedName;
    else
        key = object->type()->qualifiedName;
    std::optional<std::string> found;
    if (const auto real = realDir(key)) {
        found = closestName(name, *real);
    } else {
        // A type the generated table does not know: dir() is what aliasview binds.
        std::vector<std::string> names;
        if (object->kind() == ObjectKind::Module) {
            for (const auto& [attribute, value] : static_cast<const ModuleObject&>(*object).attributes)
                names.push_back(attribute);
        }
        const TypeInfo* type = object->kind() == ObjectKind::Type ? static_cast<const TypeObject&>(*object).info : object->type();
        for (; type; type = type->base) {
            for (const auto& [method, function] : type->methods)
                names.push_back(method);
            for (const auto& [property, getter] : type->properties)
                names.push_back(property);
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        const std::vector<std::string_view> views(names.begin(), names.end());
        found = closestName(name, views);
    }
    return found ? *found : std::string();
}

std::string Interpreter::Impl::traceback(const PyError& error, const SourceSpan& span, const std::string& suggestion) const
{
    std::string text = "Traceback (most recent call last):\n";
    const int line = span.line > 0 ? span.line : currentLine;
    text += "  File \"" + (module ? module->source.fileName() : std::string("<script>")) + "\", line " +
            std::to_string(line) + ", in <module>\n";
    if (module) {
        const std::string_view full = module->source.line(line);
        std::size_t lead = full.find_first_not_of(" \t\f");
        if (lead == std::string_view::npos)
            lead = full.size();
        std::string_view stripped = full.substr(lead);
        while (!stripped.empty() && (stripped.back() == ' ' || stripped.back() == '\t'))
            stripped.remove_suffix(1);
        if (!stripped.empty()) {
            text += "    " + std::string(stripped) + "\n";
            if (span.line == line && span.column >= 0) {
                const int start = span.column;
                const int end = span.endLine == span.line ? span.endColumn : static_cast<int>(lead + stripped.size());
                const int width = end - start;
                std::optional<Anchors> anchors;
                if (span.endLine == span.line && start >= 0 && end <= static_cast<int>(full.size()) && start < end)
                    anchors = caretAnchors(full.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
                const bool show = width < static_cast<int>(stripped.size()) ||
                                  (anchors && anchors->rightStart - anchors->leftEnd > 0);
                if (show && width > 0) {
                    std::string carets(static_cast<std::size_t>(start - static_cast<int>(lead)), ' ');
                    if (anchors) {
                        carets += std::string(static_cast<std::size_t>(anchors->leftEnd), '~');
                        carets += std::string(static_cast<std::size_t>(anchors->rightStart - anchors->leftEnd), '^');
                        carets += std::string(static_cast<std::size_t>(std::max(0, width - anchors->rightStart)), '~');
                    } else {
                        carets += std::string(static_cast<std::size_t>(width), '^');
                    }
                    text += "    " + carets + "\n";
                }
            }
        }
    }
    text += error.formatted();
    if (!suggestion.empty())
        text += ". Did you mean: '" + suggestion + "'?";
    return text + "\n";
}

// ---- statements -------------------------------------------------------------------------------------

void Interpreter::Impl::lineEvent(int line, bool jumpedBack)
{
    currentLine = line;
    tick();
    // Every line, not only every 1024 steps: a few statements that each write 2^26 elements take seconds
    // between two looks at the clock otherwise.
    checkClock();
    // CPython 3.11 reports a line when execution moves to another line, or comes back to one by a backward
    // jump (a loop's next iteration): `x = 1; y = 2` and `if x: y = 1` are one event each.
    const bool report = line != lastEventLine || jumpedBack || forceNextLineEvent;
    lastEventLine = line;
    forceNextLineEvent = false;
    if (!observer || !report)
        return;
    try {
        observer->beforeLine(line);
    } catch (const PyError& error) {
        // An observer stops the script with an error no `except` can catch (a trace's step cap).
        throw ScriptAbort{error, currentStatementSpan};
    }
}

Interpreter::Impl::Flow Interpreter::Impl::exec(const Stmt& stmt)
{
    try {
        return execStatement(stmt);
    } catch (const RaisedError& raised) {
        // settrace's 'exception' event: once, on the line that raised, however many statements the error
        // then leaves; an error raised anew inside a handler is reported again (runHandlers clears it).
        if (!raisedReported && observer) {
            raisedReported = true;
            observer->exceptionRaised(raised.error, raised.span);
        }
        raisedReported = true;
        throw;
    }
}

Interpreter::Impl::Flow Interpreter::Impl::execBody(const Body& body)
{
    for (const StmtPtr& stmt : body) {
        const Flow flow = exec(*stmt);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

Interpreter::Impl::Flow Interpreter::Impl::execStatement(const Stmt& stmt)
{
    currentStatementSpan = stmt.span;
    switch (stmt.kind) {
    case StmtKind::For: return execFor(static_cast<const ForStmt&>(stmt));
    case StmtKind::While: return execWhile(static_cast<const WhileStmt&>(stmt));
    case StmtKind::If: return execIf(static_cast<const IfStmt&>(stmt));
    case StmtKind::With: return execWith(static_cast<const WithStmt&>(stmt));
    case StmtKind::Try: return execTry(static_cast<const TryStmt&>(stmt));
    default: break;
    }
    lineEvent(stmt.span.line);
    currentStatementSpan = stmt.span;
    try {
        switch (stmt.kind) {
        case StmtKind::Expr: eval(*static_cast<const ExprStmt&>(stmt).value); break;
        case StmtKind::Assign: {
            const auto& assignStmt = static_cast<const AssignStmt&>(stmt);
            const ObjectPtr value = eval(*assignStmt.value);
            for (const ExprPtr& target : assignStmt.targets)
                assign(*target, value);
            break;
        }
        case StmtKind::AugAssign: execAugAssign(static_cast<const AugAssignStmt&>(stmt)); break;
        case StmtKind::Delete:
            for (const ExprPtr& target : static_cast<const DeleteStmt&>(stmt).targets)
                del(*target);
            break;
        case StmtKind::Pass: break;
        case StmtKind::Break: return Flow::Break;
        case StmtKind::Continue: return Flow::Continue;
        case StmtKind::Import:
        case StmtKind::ImportFrom: execImport(static_cast<const ImportStmt&>(stmt)); break;
        case StmtKind::Raise: execRaise(static_cast<const RaiseStmt&>(stmt)); break;
        case StmtKind::Assert: {
            const auto& assertStmt = static_cast<const AssertStmt&>(stmt);
            if (!truthy(eval(*assertStmt.test))) {
                std::string message = assertStmt.message ? str(eval(*assertStmt.message)) : std::string();
                throw RaisedError{pythonError("AssertionError", std::move(message)), stmt.span};
            }
            break;
        }
        default: AV_INTERNAL_ASSERT(false, "unhandled statement kind");
        }
    } catch (const PyError& error) {
        throw RaisedError{error, stmt.span};
    }
    return Flow::Normal;
}

void Interpreter::Impl::execImport(const ImportStmt& stmt)
{
    const auto importOne = [&](const std::string& dotted, const SourceSpan& span) -> ObjectPtr {
        const std::string top = dotted.substr(0, dotted.find('.'));
        try {
            ObjectPtr module = self.importModule(top, span);
            // `import torch.nn`: only submodules the bindings provide.
            std::size_t pos = top.size();
            ObjectPtr current = module;
            while (pos < dotted.size()) {
                const std::size_t next = dotted.find('.', pos + 1);
                const std::string part = dotted.substr(pos + 1, next - pos - 1);
                const auto* mod = static_cast<const ModuleObject*>(current.get());
                const auto it = mod->attributes.find(part);
                if (it == mod->attributes.end() || it->second->kind() != ObjectKind::Module)
                    throw pythonError("ImportError", "aliasview runs torch and numpy code only: cannot import '" + dotted + "'");
                current = it->second;
                pos = next == std::string::npos ? dotted.size() : next;
            }
            return dotted.find('.') == std::string::npos ? module : current;
        } catch (const PyError& error) {
            throw RaisedError{error, span};
        }
    };
    if (stmt.kind == StmtKind::Import) {
        for (const ImportAlias& alias : stmt.names) {
            ObjectPtr module = importOne(alias.name, alias.span);
            if (!alias.asname.empty()) {
                setGlobal(alias.asname, module);
            } else {
                // `import torch.nn` binds `torch`.
                const std::string top = alias.name.substr(0, alias.name.find('.'));
                setGlobal(top, self.importModule(top, alias.span));
            }
        }
        return;
    }
    ObjectPtr module = importOne(stmt.module, stmt.span);
    for (const ImportAlias& alias : stmt.names) {
        if (alias.name == "*")
            throw RaisedError{pythonError("ImportError", "aliasview does not support 'from " + stmt.module + " import *'; use 'import " +
                                                             stmt.module + "'"),
                              alias.span};
        const auto* mod = static_cast<const ModuleObject*>(module.get());
        const auto it = mod->attributes.find(alias.name);
        if (it == mod->attributes.end())
            throw RaisedError{pythonError("ImportError", "cannot import name '" + alias.name + "' from '" + stmt.module +
                                                             "' (aliasview provides only the names in docs/supported.md)"),
                              alias.span};
        setGlobal(alias.asname.empty() ? alias.name : alias.asname, it->second);
    }
}

void Interpreter::Impl::execRaise(const RaiseStmt& stmt)
{
    if (!stmt.exception) {
        if (handling.empty())
            throw pythonError("RuntimeError", "No active exception to reraise");
        // CPython 3.11's RERAISE gives a tracer no new 'exception' event: the error was reported where it
        // was first raised.
        raisedReported = true;
        throw handling.back();
    }
    ObjectPtr value = eval(*stmt.exception);
    if (value->kind() == ObjectKind::Type) {
        CallArgs none({}, {});
        value = call(value, none);
    }
    if (value->kind() != ObjectKind::Exception)
        throw pythonError("TypeError", "exceptions must derive from BaseException");
    throw RaisedError{static_cast<const ExceptionObject&>(*value).error, stmt.span, {}, value};
}

void Interpreter::Impl::execAugAssign(const AugAssignStmt& stmt)
{
    // Python reads the target once, applies the in-place operator, and stores the result back (so x[i] += v
    // is getitem, __iadd__, setitem: three steps, two version bumps for a tensor).
    switch (stmt.target->kind) {
    case ExprKind::Name: {
        const auto& name = static_cast<const NameExpr&>(*stmt.target);
        const ObjectPtr current = evalName(name);
        const ObjectPtr value = eval(*stmt.value);
        setGlobal(name.id, inplaceOp(stmt.op, current, value));
        return;
    }
    case ExprKind::Attribute: {
        const auto& attribute = static_cast<const AttributeExpr&>(*stmt.target);
        const ObjectPtr object = eval(*attribute.value);
        const ObjectPtr current = getAttribute(object, attribute.attr);
        const ObjectPtr value = eval(*stmt.value);
        setAttribute(object, attribute.attr, inplaceOp(stmt.op, current, value));
        return;
    }
    case ExprKind::Subscript: {
        const auto& subscript = static_cast<const SubscriptExpr&>(*stmt.target);
        const ObjectPtr object = eval(*subscript.value);
        const ObjectPtr index = eval(*subscript.index);
        const ObjectPtr current = getItem(object, index);
        const ObjectPtr value = eval(*stmt.value);
        setItem(object, index, inplaceOp(stmt.op, current, value));
        return;
    }
    default: AV_INTERNAL_ASSERT(false, "augmented assignment target");
    }
}

void Interpreter::Impl::assign(const Expr& target, const ObjectPtr& value)
{
    switch (target.kind) {
    case ExprKind::Name: setGlobal(static_cast<const NameExpr&>(target).id, value); return;
    case ExprKind::Attribute: {
        const auto& attribute = static_cast<const AttributeExpr&>(target);
        setAttribute(eval(*attribute.value), attribute.attr, value);
        return;
    }
    case ExprKind::Subscript: {
        const auto& subscript = static_cast<const SubscriptExpr&>(target);
        const ObjectPtr object = eval(*subscript.value);
        const ObjectPtr index = eval(*subscript.index);
        try {
            setItem(object, index, value);
        } catch (const PyError& error) {
            throw RaisedError{error, target.span};
        }
        return;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
        const auto& elements = static_cast<const SequenceExpr&>(target).elements;
        std::vector<ObjectPtr> items;
        try {
            items = iterate(value);
        } catch (const PyError& error) {
            // UNPACK_SEQUENCE words a non-iterable its own way.
            if (error.typeName() == "TypeError" && error.message().ends_with("' object is not iterable"))
                throw pythonError("TypeError", "cannot unpack non-iterable " + typeNameOf(value) + " object");
            throw;
        }
        std::size_t starred = elements.size();
        for (std::size_t i = 0; i < elements.size(); ++i)
            if (elements[i]->kind == ExprKind::Starred)
                starred = i;
        if (starred == elements.size()) {
            if (items.size() > elements.size())
                throw pythonError("ValueError", concat("too many values to unpack (expected ", elements.size(), ")"));
            if (items.size() < elements.size())
                throw pythonError("ValueError", concat("not enough values to unpack (expected ", elements.size(), ", got ",
                                                        items.size(), ")"));
            for (std::size_t i = 0; i < elements.size(); ++i)
                assign(*elements[i], items[i]);
            return;
        }
        const std::size_t fixed = elements.size() - 1;
        if (items.size() < fixed)
            throw pythonError("ValueError", concat("not enough values to unpack (expected at least ", fixed, ", got ",
                                                    items.size(), ")"));
        const std::size_t rest = items.size() - fixed;
        for (std::size_t i = 0; i < starred; ++i)
            assign(*elements[i], items[i]);
        assign(*static_cast<const StarredExpr&>(*elements[starred]).value,
               makeList(std::vector<ObjectPtr>(items.begin() + static_cast<std::ptrdiff_t>(starred),
                                               items.begin() + static_cast<std::ptrdiff_t>(starred + rest))));
        for (std::size_t i = starred + 1; i < elements.size(); ++i)
            assign(*elements[i], items[rest + i - 1]);
        return;
    }
    default: AV_INTERNAL_ASSERT(false, "assignment target kind");
    }
}

void Interpreter::Impl::del(const Expr& target)
{
    switch (target.kind) {
    case ExprKind::Name: {
        const std::string& id = static_cast<const NameExpr&>(target).id;
        if (globals.erase(id) == 0)
            throw RaisedError{pythonError("NameError", "name '" + id + "' is not defined"), target.span, nameSuggestion(id)};
        std::erase(globalOrder, id);
        return;
    }
    case ExprKind::Subscript: {
        const auto& subscript = static_cast<const SubscriptExpr&>(target);
        delItem(eval(*subscript.value), eval(*subscript.index));
        return;
    }
    case ExprKind::Attribute:
        throw pythonError("AttributeError", "aliasview cannot delete attributes");
    case ExprKind::Tuple:
    case ExprKind::List:
        for (const ExprPtr& element : static_cast<const SequenceExpr&>(target).elements)
            del(*element);
        return;
    default: AV_INTERNAL_ASSERT(false, "del target kind");
    }
}

Interpreter::Impl::Flow Interpreter::Impl::execFor(const ForStmt& stmt)
{
    lineEvent(stmt.span.line);
    std::vector<ObjectPtr> items;
    try {
        items = iterate(eval(*stmt.iter));
    } catch (const PyError& error) {
        throw RaisedError{error, stmt.iter->span};
    }
    for (const ObjectPtr& item : items) {
        try {
            assign(*stmt.target, item);
        } catch (const PyError& error) {
            throw RaisedError{error, stmt.target->span};
        }
        const Flow flow = execBody(stmt.body);
        if (flow == Flow::Break)
            return Flow::Normal;
        // Each new iteration (and the end of the last) jumps back to the `for` line, as settrace reports it.
        lineEvent(stmt.span.line, true);
        currentStatementSpan = stmt.span;
    }
    if (!stmt.orelse.empty())
        return execBody(stmt.orelse);
    return Flow::Normal;
}

Interpreter::Impl::Flow Interpreter::Impl::execWhile(const WhileStmt& stmt)
{
    // CPython 3.11 tests a while loop at its top once and then at its bottom, from where it jumps back to
    // the body's first line; `continue` jumps back to the top. The backward jumps are line events even
    // when the line does not change (a one-line `while n < 3: n += 1`).
    bool continued = false;
    bool atBottom = false;
    while (true) {
        lineEvent(stmt.span.line, continued);
        currentStatementSpan = stmt.span;
        bool test = false;
        try {
            test = truthy(eval(*stmt.test));
        } catch (const PyError& error) {
            throw RaisedError{error, stmt.test->span};
        }
        if (!test)
            break;
        if (atBottom)
            forceNextLineEvent = true;
        const Flow flow = execBody(stmt.body);
        if (flow == Flow::Break)
            return Flow::Normal;
        continued = flow == Flow::Continue;
        atBottom = !continued;
    }
    if (!stmt.orelse.empty())
        return execBody(stmt.orelse);
    return Flow::Normal;
}

Interpreter::Impl::Flow Interpreter::Impl::execIf(const IfStmt& stmt)
{
    lineEvent(stmt.span.line);
    currentStatementSpan = stmt.span;
    bool test = false;
    try {
        test = truthy(eval(*stmt.test));
    } catch (const PyError& error) {
        throw RaisedError{error, stmt.test->span};
    }
    if (test)
        return execBody(stmt.body);
    return execBody(stmt.orelse);
}

Interpreter::Impl::Flow Interpreter::Impl::execWith(const WithStmt& stmt)
{
    lineEvent(stmt.span.line);
    currentStatementSpan = stmt.span;
    // Context managers are native objects with enter/exit methods (torch.no_grad()).
    std::vector<ObjectPtr> managers;
    for (const WithItem& item : stmt.items) {
        ObjectPtr manager;
        ObjectPtr entered;
        try {
            manager = eval(*item.context);
            const ObjectPtr enter = getAttribute(manager, "__enter__");
            CallArgs none({}, {});
            entered = call(enter, none);
        } catch (const PyError& error) {
            throw RaisedError{error, item.context->span};
        }
        managers.push_back(manager);
        if (item.target)
            assign(*item.target, entered);
    }
    const auto exitAll = [&]() {
        for (auto it = managers.rbegin(); it != managers.rend(); ++it) {
            CallArgs none({}, {});
            call(getAttribute(*it, "__exit__"), none);
        }
    };
    // Leaving the block, however it is left, calls __exit__ on the `with` line: settrace reports that line
    // again before the next one.
    Flow flow;
    try {
        flow = execBody(stmt.body);
    } catch (const ScriptAbort&) {
        exitAll();
        throw;
    } catch (...) {
        try {
            lineEvent(stmt.span.line);
        } catch (...) {
            exitAll();
            throw;
        }
        exitAll();
        throw;
    }
    lineEvent(stmt.span.line);
    exitAll();
    return flow;
}

namespace {

bool matchesHandler(const PyError& error, const ObjectPtr& handlerType)
{
    if (handlerType->kind() == ObjectKind::Tuple) {
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*handlerType).items)
            if (matchesHandler(error, item))
                return true;
        return false;
    }
    if (handlerType->kind() != ObjectKind::Type)
        throw pythonError("TypeError", "catching classes that do not inherit from BaseException is not allowed");
    const TypeInfo* info = static_cast<const TypeObject&>(*handlerType).info;
    return error.isInstanceOf(info->name) || error.typeName() == info->qualifiedName;
}

}  // namespace

Interpreter::Impl::Flow Interpreter::Impl::execTry(const TryStmt& stmt)
{
    lineEvent(stmt.span.line);
    Flow flow = Flow::Normal;
    std::exception_ptr pending;
    bool bodyCompleted = false;
    try {
        flow = execBody(stmt.body);
        bodyCompleted = true;
    } catch (const RaisedError& raised) {
        try {
            runHandlers(stmt, raised, flow);
        } catch (...) {
            pending = std::current_exception();
        }
    } catch (...) {
        pending = std::current_exception();
    }
    if (bodyCompleted && flow == Flow::Normal && !stmt.orelse.empty()) {
        try {
            flow = execBody(stmt.orelse);
        } catch (...) {
            pending = std::current_exception();
        }
    }
    if (!stmt.finalbody.empty()) {
        const Flow finalFlow = execBody(stmt.finalbody);
        if (finalFlow != Flow::Normal)
            return finalFlow;  // break / continue in finally discards the pending exception, as in Python
    }
    if (pending)
        std::rethrow_exception(pending);
    return flow;
}

void Interpreter::Impl::runHandlers(const TryStmt& stmt, const RaisedError& raised, Flow& flow)
{
    const ExceptHandler* chosen = nullptr;
    for (const ExceptHandler& handler : stmt.handlers) {
        lineEvent(handler.span.line);
        if (!handler.type) {
            chosen = &handler;
            break;
        }
        try {
            if (matchesHandler(raised.error, eval(*handler.type))) {
                chosen = &handler;
                break;
            }
        } catch (const PyError& error) {
            throw RaisedError{error, handler.type->span};
        }
    }
    if (!chosen)
        throw raised;
    raisedReported = false;
    if (!chosen->name.empty())
        setGlobal(chosen->name, raised.exception ? raised.exception : exceptionObject(raised.error));
    handling.push_back(raised);
    const auto cleanUp = [&]() {
        handling.pop_back();
        // Python deletes the `as` name when the handler ends, however it ends.
        if (!chosen->name.empty() && globals.erase(chosen->name))
            std::erase(globalOrder, chosen->name);
    };
    try {
        flow = execBody(chosen->body);
    } catch (...) {
        cleanUp();
        throw;
    }
    cleanUp();
}

namespace {

// The class of an error the engine raised that is not a builtin one, such as
// numpy.core._exceptions._UFuncOutputCastingError: printed with its own qualified name, named after its
// first public class (NumPy's _display_as_base makes type(e).__name__ 'UFuncTypeError'), a subclass of
// the first builtin exception in its mro.
const TypeInfo* libraryExceptionType(const PyError& error)
{
    static std::map<std::string, std::unique_ptr<TypeInfo>> types;
    auto& slot = types[error.typeName()];
    if (!slot) {
        slot = std::make_unique<TypeInfo>();
        slot->qualifiedName = error.typeName();
        for (const std::string& name : error.mro()) {
            if (slot->name.empty() && !name.starts_with("_"))
                slot->name = name;
            if (!slot->base)
                slot->base = builtinTypes().exception(name);
        }
        if (slot->name.empty())
            slot->name = error.mro().empty() ? error.typeName() : error.mro().front();
        if (!slot->base)
            slot->base = builtinTypes().exception("Exception");
    }
    return slot.get();
}

}  // namespace

ObjectPtr Interpreter::Impl::exceptionObject(const PyError& error)
{
    const TypeInfo* type = builtinTypes().exception(error.typeName());
    for (std::size_t i = 0; !type && i < error.mro().size(); ++i)
        type = libraryException(error.mro()[i]);  // numpy.AxisError before its base ValueError
    if (!type)
        type = libraryExceptionType(error);
    // An error raised inside the interpreter or the engine has one argument, its message; a KeyError's
    // message is the repr of the missing key, and its argument is the key itself.
    std::vector<ObjectPtr> args;
    if (error.isInstanceOf("KeyError") && !error.message().empty())
        args.push_back(literalValue(error.message()).value_or(makeStr(error.message())));
    else if (!error.message().empty())
        args.push_back(makeStr(error.message()));
    return std::make_shared<ExceptionWithArgs>(type, error, std::move(args));
}

std::optional<ObjectPtr> Interpreter::Impl::literalValue(const std::string& text)
{
    // What ast.literal_eval reads: constants and tuples or lists of them, as a repr prints them.
    std::unique_ptr<Module> parsed;
    try {
        parsed = parseModule("<repr>", text);
    } catch (const SyntaxException&) {
        return std::nullopt;
    }
    if (parsed->body.size() != 1 || parsed->body[0]->kind != StmtKind::Expr)
        return std::nullopt;
    const std::function<std::optional<ObjectPtr>(const Expr&)> evaluate = [&](const Expr& expr) -> std::optional<ObjectPtr> {
        if (expr.kind == ExprKind::Constant) {
            const auto& constant = static_cast<const ConstantExpr&>(expr);
            if (std::holds_alternative<BigIntLiteral>(constant.value))
                return std::nullopt;
            return evalConstant(constant);
        }
        if (expr.kind == ExprKind::UnaryOp && static_cast<const UnaryOpExpr&>(expr).op == UnaryOpKind::Neg) {
            const std::optional<ObjectPtr> operand = evaluate(*static_cast<const UnaryOpExpr&>(expr).operand);
            if (!operand)
                return std::nullopt;
            return unaryOp(UnaryOpKind::Neg, *operand);
        }
        if (expr.kind == ExprKind::Tuple || expr.kind == ExprKind::List) {
            std::vector<ObjectPtr> items;
            for (const ExprPtr& element : static_cast<const SequenceExpr&>(expr).elements) {
                std::optional<ObjectPtr> item = evaluate(*element);
                if (!item)
                    return std::nullopt;
                items.push_back(std::move(*item));
            }
            return expr.kind == ExprKind::Tuple ? makeTuple(std::move(items)) : makeList(std::move(items));
        }
        return std::nullopt;
    };
    return evaluate(*static_cast<const ExprStmt&>(*parsed->body[0]).value);
}

void Interpreter::Impl::setGlobal(const std::string& name, ObjectPtr value)
{
    auto [it, inserted] = globals.try_emplace(name, nullptr);
    if (inserted)
        globalOrder.push_back(name);
    it->second = std::move(value);
}

// ---- expressions -----------------------------------------------------------------------------------

ObjectPtr Interpreter::Impl::eval(const Expr& expr)
{
    tick();
    switch (expr.kind) {
    case ExprKind::Name: return evalName(static_cast<const NameExpr&>(expr));
    case ExprKind::Constant: return evalConstant(static_cast<const ConstantExpr&>(expr));
    case ExprKind::FString: return evalFString(static_cast<const FStringExpr&>(expr));
    case ExprKind::List: return makeList(evalElements(static_cast<const SequenceExpr&>(expr).elements));
    case ExprKind::Tuple: return makeTuple(evalElements(static_cast<const SequenceExpr&>(expr).elements));
    case ExprKind::Dict: {
        const auto& dict = static_cast<const DictExpr&>(expr);
        auto object = std::make_shared<DictObject>();
        for (std::size_t i = 0; i < dict.keys.size(); ++i) {
            ObjectPtr key = eval(*dict.keys[i]);
            ObjectPtr value = eval(*dict.values[i]);
            try {
                setItem(object, key, value);
            } catch (const PyError& error) {
                throw RaisedError{error, dict.keys[i]->span};
            }
        }
        return object;
    }
    case ExprKind::Slice: {
        const auto& slice = static_cast<const SliceExpr&>(expr);
        return std::make_shared<SliceObject>(slice.lower ? eval(*slice.lower) : none(), slice.upper ? eval(*slice.upper) : none(),
                                             slice.step ? eval(*slice.step) : none());
    }
    case ExprKind::BoolOp: {
        const auto& boolop = static_cast<const BoolOpExpr&>(expr);
        ObjectPtr value;
        for (const ExprPtr& operand : boolop.values) {
            value = eval(*operand);
            bool truth;
            try {
                truth = truthy(value);
            } catch (const PyError& error) {
                throw RaisedError{error, operand->span};
            }
            if (truth != boolop.andOp)
                return value;
        }
        return value;
    }
    case ExprKind::IfExp: {
        const auto& ifexp = static_cast<const IfExpExpr&>(expr);
        bool truth;
        const ObjectPtr test = eval(*ifexp.test);
        try {
            truth = truthy(test);
        } catch (const PyError& error) {
            throw RaisedError{error, ifexp.test->span};
        }
        return eval(truth ? *ifexp.body : *ifexp.orelse);
    }
    case ExprKind::ListComp: return evalListComp(static_cast<const ListCompExpr&>(expr));
    case ExprKind::Starred: throw RaisedError{pythonError("SyntaxError", "can't use starred expression here"), expr.span};
    default: break;
    }
    // The kinds that can fail in a way a traceback points at.
    try {
        switch (expr.kind) {
        case ExprKind::Attribute: {
            const auto& attribute = static_cast<const AttributeExpr&>(expr);
            const ObjectPtr value = eval(*attribute.value);
            try {
                return getAttribute(value, attribute.attr);
            } catch (const PyError& error) {
                throw RaisedError{error, expr.span, attributeSuggestion(error, value, attribute.attr)};
            }
        }
        case ExprKind::Subscript: {
            const auto& subscript = static_cast<const SubscriptExpr&>(expr);
            const ObjectPtr value = eval(*subscript.value);
            const ObjectPtr index = eval(*subscript.index);
            return getItem(value, index);
        }
        case ExprKind::Call: return evalCall(static_cast<const CallExpr&>(expr));
        case ExprKind::BinOp: {
            const auto& binop = static_cast<const BinOpExpr&>(expr);
            const ObjectPtr left = eval(*binop.left);
            const ObjectPtr right = eval(*binop.right);
            return binaryOp(binop.op, left, right);
        }
        case ExprKind::UnaryOp: {
            const auto& unary = static_cast<const UnaryOpExpr&>(expr);
            const ObjectPtr operand = eval(*unary.operand);
            // -1000 is one folded constant in CPython, merged with any other -1000 literal.
            if (unary.operand->kind == ExprKind::Constant && unary.op != UnaryOpKind::Not)
                return pooledConstant(unaryOp(unary.op, operand));
            return unaryOp(unary.op, operand);
        }
        case ExprKind::Compare: return evalCompare(static_cast<const CompareExpr&>(expr));
        default: AV_INTERNAL_ASSERT(false, "unhandled expression kind");
        }
    } catch (const PyError& error) {
        throw RaisedError{error, expr.span};
    }
    return none();
}

std::vector<ObjectPtr> Interpreter::Impl::evalElements(const std::vector<ExprPtr>& elements)
{
    std::vector<ObjectPtr> items;
    items.reserve(elements.size());
    for (const ExprPtr& element : elements) {
        if (element->kind == ExprKind::Starred) {
            const ObjectPtr value = eval(*static_cast<const StarredExpr&>(*element).value);
            try {
                for (ObjectPtr& item : iterate(value))
                    items.push_back(std::move(item));
            } catch (const PyError& error) {
                throw RaisedError{error, element->span};
            }
            self.checkContainerSize(static_cast<std::int64_t>(items.size()));
        } else {
            items.push_back(eval(*element));
        }
    }
    return items;
}

ObjectPtr Interpreter::Impl::evalName(const NameExpr& expr)
{
    for (auto scope = localScopes.rbegin(); scope != localScopes.rend(); ++scope)
        if (const auto it = scope->find(expr.id); it != scope->end())
            return it->second;
    if (const auto it = globals.find(expr.id); it != globals.end())
        return it->second;
    const auto& builtins = builtinNamespace();
    if (const auto it = builtins.find(expr.id); it != builtins.end())
        return it->second;
    throw RaisedError{pythonError("NameError", "name '" + expr.id + "' is not defined"), expr.span, nameSuggestion(expr.id)};
}

ObjectPtr Interpreter::Impl::pooledConstant(const ObjectPtr& value)
{
    std::string key;
    switch (value->kind()) {
    case ObjectKind::Int: key = std::to_string(static_cast<const IntObject&>(*value).value); break;
    case ObjectKind::Float: {
        const double v = static_cast<const FloatObject&>(*value).value;
        key.assign(reinterpret_cast<const char*>(&v), sizeof v);  // 0.0 and -0.0 are different constants
        break;
    }
    case ObjectKind::Str: key = static_cast<const StrObject&>(*value).value; break;
    default: return value;
    }
    auto [it, inserted] = constants.try_emplace({static_cast<int>(value->kind()), std::move(key)}, value);
    return it->second;
}

ObjectPtr Interpreter::Impl::evalConstant(const ConstantExpr& expr)
{
    return pooledConstant(evalConstantValue(expr));
}

ObjectPtr Interpreter::Impl::evalConstantValue(const ConstantExpr& expr)
{
    return std::visit(
        [&](const auto& value) -> ObjectPtr {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, NoneValue>)
                return none();
            else if constexpr (std::is_same_v<T, bool>)
                return makeBool(value);
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return makeInt(value);
            else if constexpr (std::is_same_v<T, double>)
                return makeFloat(value);
            else if constexpr (std::is_same_v<T, std::string>)
                return makeStr(value);
            else if constexpr (std::is_same_v<T, EllipsisValue>)
                return ellipsis();
            else
                throw RaisedError{pythonError("OverflowError", "aliasview's integers are 64-bit: " + value.text +
                                                                  " does not fit (Python's would grow without bound)"),
                                  expr.span};
        },
        expr.value);
}

ObjectPtr Interpreter::Impl::evalFString(const FStringExpr& expr)
{
    std::string text;
    const std::function<std::string(const std::vector<FStringPart>&)> render = [&](const std::vector<FStringPart>& parts) {
        std::string out;
        for (const FStringPart& part : parts) {
            if (!part.expression) {
                out += part.literal;
                continue;
            }
            const ObjectPtr value = eval(*part.expression);
            try {
                const std::string spec = render(part.spec);
                if (part.selfDocumenting)
                    out += part.expressionText;
                if (part.conversion == 'r' || part.conversion == 'a')
                    out += formatValue(makeStr(repr(value)), spec);
                else if (part.conversion == 's')
                    out += formatValue(makeStr(str(value)), spec);
                else
                    out += formatValue(value, spec);
            } catch (const PyError& error) {
                throw RaisedError{error, part.expression->span};
            }
        }
        return out;
    };
    text = render(expr.parts);
    return makeStr(std::move(text));
}

ObjectPtr Interpreter::Impl::evalCall(const CallExpr& expr)
{
    const ObjectPtr callable = eval(*expr.func);
    std::vector<ObjectPtr> positional = evalElements(expr.args);
    std::vector<std::pair<std::string, ObjectPtr>> keywords;
    keywords.reserve(expr.keywords.size());
    for (const Keyword& keyword : expr.keywords)
        keywords.emplace_back(keyword.name, eval(*keyword.value));
    CallArgs args(std::move(positional), std::move(keywords));
    return call(callable, args);
}

ObjectPtr Interpreter::Impl::evalCompare(const CompareExpr& expr)
{
    ObjectPtr left = eval(*expr.left);
    ObjectPtr result;
    for (std::size_t i = 0; i < expr.ops.size(); ++i) {
        ObjectPtr right = eval(*expr.comparators[i]);
        result = compare(expr.ops[i], left, right);
        // a < b < c is (a < b) and (b < c), stopping at the first false.
        if (i + 1 < expr.ops.size() && !truthy(result))
            return result;
        left = std::move(right);
    }
    return result;
}

namespace {

const TypeInfo& generatorType()
{
    static const TypeInfo type = [] {
        TypeInfo t;
        t.name = "generator";
        t.qualifiedName = "generator";
        t.base = &builtinTypes().object;
        t.methods["__iter__"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs&) {
            auto& generator = static_cast<GeneratorObject&>(*self);
            if (generator.exhausted)
                return makeList({});
            generator.exhausted = true;
            return makeList(interpreter.impl().runComprehension(generator.expr, std::move(generator.outermost)));
        };
        t.methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            char address[32];
            std::snprintf(address, sizeof address, "0x%lx", static_cast<unsigned long>(self->id()));
            return makeStr(std::string("<generator object <genexpr> at ") + address + ">");
        };
        return t;
    }();
    return type;
}

}  // namespace

GeneratorObject::GeneratorObject(const ListCompExpr& expr, std::vector<ObjectPtr> outermost)
    : Object(ObjectKind::Other, &generatorType()), expr(expr), outermost(std::move(outermost))
{
}

ObjectPtr Interpreter::Impl::evalListComp(const ListCompExpr& expr)
{
    const Comprehension& first = expr.generators.front();
    std::vector<ObjectPtr> outermost;
    try {
        outermost = iterate(eval(*first.iter));
    } catch (const PyError& error) {
        throw RaisedError{error, first.iter->span};
    }
    if (expr.generator)
        return std::make_shared<GeneratorObject>(expr, std::move(outermost));
    return makeList(runComprehension(expr, std::move(outermost)));
}

std::vector<ObjectPtr> Interpreter::Impl::runComprehension(const ListCompExpr& expr, std::vector<ObjectPtr> outermost)
{
    std::vector<ObjectPtr> items;
    localScopes.emplace_back();
    const auto leave = [&]() { localScopes.pop_back(); };
    try {
        const std::function<void(std::size_t)> loop = [&](std::size_t level) {
            if (level == expr.generators.size()) {
                items.push_back(eval(*expr.element));
                self.checkContainerSize(static_cast<std::int64_t>(items.size()));
                return;
            }
            const Comprehension& generator = expr.generators[level];
            std::vector<ObjectPtr> values;
            if (level == 0) {
                values = std::move(outermost);
            } else {
                try {
                    values = iterate(eval(*generator.iter));
                } catch (const PyError& error) {
                    throw RaisedError{error, generator.iter->span};
                }
            }
            for (const ObjectPtr& value : values) {
                assignLocal(*generator.target, value);
                bool keep = true;
                for (const ExprPtr& condition : generator.ifs) {
                    const ObjectPtr test = eval(*condition);
                    if (!truthy(test)) {
                        keep = false;
                        break;
                    }
                }
                if (keep)
                    loop(level + 1);
            }
        };
        loop(0);
    } catch (...) {
        leave();
        throw;
    }
    leave();
    return items;
}

void Interpreter::Impl::assignLocal(const Expr& target, const ObjectPtr& value)
{
    if (target.kind == ExprKind::Name) {
        localScopes.back()[static_cast<const NameExpr&>(target).id] = value;
        return;
    }
    if (target.kind == ExprKind::Tuple || target.kind == ExprKind::List) {
        const auto& elements = static_cast<const SequenceExpr&>(target).elements;
        const std::vector<ObjectPtr> items = iterate(value);
        if (items.size() != elements.size())
            throw pythonError("ValueError", items.size() > elements.size()
                                                ? concat("too many values to unpack (expected ", elements.size(), ")")
                                                : concat("not enough values to unpack (expected ", elements.size(), ", got ",
                                                         items.size(), ")"));
        for (std::size_t i = 0; i < elements.size(); ++i)
            assignLocal(*elements[i], items[i]);
        return;
    }
    assign(target, value);
}

}  // namespace av::engine::py
