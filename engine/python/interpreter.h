#pragma once
// Runs a parsed script: a tree-walking evaluator with CPython 3.11's semantics for the statements and
// expressions aliasview supports, the torch and numpy modules bound to the engine, budgets that stop
// runaway scripts with a clear error, and a line-event hook (like sys.settrace) for step-by-step tracing.

#include "ast.h"
#include "callargs.h"
#include "object.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace av::engine::py {

struct RunLimits {
    std::int64_t maxSteps = 10'000'000;  // statements and expression nodes evaluated
    double wallClockSeconds = 10.0;  // looked at on every line, and every 1024 steps within one
    // Set from another thread (the window's Cancel) to stop the run at its next line; null for none.
    const std::atomic<bool>* cancel = nullptr;
    std::int64_t maxContainerItems = 10'000'000;  // one list, tuple, str or range materialised
};

// An error that escaped the script, with what CPython would print for it.
struct ScriptFailure {
    PyError error;
    SourceSpan span;        // where it was raised
    std::string traceback;  // the whole stderr text, "Traceback (most recent call last):" to the last line
    bool syntaxError = false;
};

// Sees the run line by line, as sys.settrace's 'line' events do: beforeLine is called before the
// statement (or loop / if test) on that line executes, so everything the previous line did is complete.
// The events follow CPython 3.11's: one per line reached (two statements on one line are one event), again
// at each backward jump of a loop, and at a `with` line when its block is left.
class LineObserver {
public:
    virtual ~LineObserver() = default;
    // May throw a PyError to stop the script for good: the run ends with that error, which no `except`
    // catches (a trace's step cap).
    virtual void beforeLine(int line) = 0;
    // settrace's 'exception' event: an error was raised on the current line; it may still be caught.
    virtual void exceptionRaised(const PyError& error, const SourceSpan& span)
    {
        (void)error;
        (void)span;
    }
    // The script ended (normally or with `failure`).
    virtual void finished(const ScriptFailure* failure) = 0;
};

// An error raised at a known place in the script, on its way out to the nearest except.
struct RaisedError {
    PyError error;
    SourceSpan span;
    // CPython 3.11's "Did you mean: 'shape'?" for a NameError or AttributeError, which only the printed
    // traceback shows (str(e) never has it); empty when there is none.
    std::string suggestion;
    // The exception object a `raise` statement raised, so that `except ... as e` binds that same object
    // (with its args); null for errors the interpreter or the engine raised.
    ObjectPtr exception;
};

class Interpreter {
public:
    explicit Interpreter(RunLimits limits = {});
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // Parses and runs a script. stdout goes to `out` as it is printed; warnings and nothing else go to
    // `err` (the traceback of an uncaught error is returned, not written). Returns the uncaught error.
    std::optional<ScriptFailure> run(const std::string& fileName, const std::string& source,
                                     std::function<void(std::string_view)> out,
                                     std::function<void(std::string_view)> err = {}, LineObserver* observer = nullptr);

    // The script's variables in the order they were first bound.
    std::vector<std::pair<std::string, ObjectPtr>> globals() const;
    ObjectPtr global(const std::string& name) const;

    // ---- services for the bindings ----------------------------------------------------------------------
    ObjectPtr wrap(const ArrayPtr& array);  // the object for this array: the same one while it is alive
    ObjectPtr wrap(const Value& value);
    ObjectPtr wrap(const Scalar& scalar);
    std::string repr(const ObjectPtr& object);
    std::string str(const ObjectPtr& object);
    bool truthy(const ObjectPtr& object);
    ObjectPtr getAttribute(const ObjectPtr& object, const std::string& name);
    ObjectPtr call(const ObjectPtr& callable, CallArgs& args);
    std::vector<ObjectPtr> iterate(const ObjectPtr& iterable);
    void write(std::string_view text);
    void warnAt(const std::string& category, const std::string& message);
    // Counts toward the step budget; bindings that loop over Python data call it.
    void tick();
    void checkContainerSize(std::int64_t items) const;

    // The module objects torch and numpy, created on first import.
    ObjectPtr importModule(const std::string& name, const SourceSpan& span);

    // The interpreter's internals, for the builtins and the core's own files only (interpreterimpl.h).
    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace av::engine::py
