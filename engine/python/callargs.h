#pragma once
// The arguments of a call, matched against a native function's Python signature with CPython's
// TypeError messages for missing, duplicate and unexpected arguments.

#include "object.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace av::engine::py {

// A signature written as Python writes one: "(input, dim=None, *, keepdim=False)" or "(*size, dtype=None)".
// Defaults are documentation only; an absent argument reads as null and the binding decides.
class Signature {
public:
    explicit Signature(std::string_view text);
    // Parsed once per distinct text and kept for the process's lifetime.
    static const Signature& of(std::string_view text);

    struct Parameter {
        std::string name;
        bool hasDefault = false;
        bool keywordOnly = false;
        bool variadic = false;  // *name
        bool positionalOnly = false;  // before a '/'
    };
    const std::vector<Parameter>& parameters() const { return m_parameters; }
    const std::string& text() const { return m_text; }

private:
    std::string m_text;
    std::vector<Parameter> m_parameters;
};

class CallArgs {
public:
    CallArgs(std::vector<ObjectPtr> positional, std::vector<std::pair<std::string, ObjectPtr>> keywords);

    // Matches the arguments to `signature` for the function `name` (as messages print it, e.g. "view()").
    void bind(std::string_view name, const Signature& signature);
    void bind(std::string_view name, std::string_view signatureText) { bind(name, Signature::of(signatureText)); }

    // After bind: the argument for a parameter, or null when it was not given.
    const ObjectPtr& get(std::string_view parameter) const;
    bool has(std::string_view parameter) const { return get(parameter) != nullptr; }
    // After bind: what *name collected.
    const std::vector<ObjectPtr>& variadic() const { return m_variadic; }

    const std::vector<ObjectPtr>& positional() const { return m_positional; }
    const std::vector<std::pair<std::string, ObjectPtr>>& keywords() const { return m_keywords; }
    // For functions without a signature: refuse any argument.
    void expectNone(std::string_view name) const;

    // CPython's own builtins word a bad call after the C calling convention each one uses; these match
    // them. `name` is the bare name ("len", "list.append").
    // Argument Clinic with keywords (print, round, int, str, sum, list.sort, str.split ...):
    // "'foo' is an invalid keyword argument for print()", "round() missing required argument 'number' (pos 1)".
    void bindClinic(std::string_view name, std::string_view signatureText);
    // METH_O (len, abs, repr, id, any, all, list.append): "len() takes exactly one argument (0 given)".
    const ObjectPtr& expectOneArgument(std::string_view name) const;
    // Positional only, checked by _PyArg_CheckPositional (isinstance, hasattr, float, list, range ...):
    // "isinstance expected 2 arguments, got 1", "float() takes no keyword arguments".
    void expectPositional(std::string_view name, std::size_t min, std::size_t max) const;
    // "float() takes no keyword arguments".
    void expectNoKeywords(std::string_view name) const;

private:
    std::vector<ObjectPtr> m_positional;
    std::vector<std::pair<std::string, ObjectPtr>> m_keywords;
    const Signature* m_signature = nullptr;
    std::vector<ObjectPtr> m_bound;
    std::vector<ObjectPtr> m_variadic;
};

}  // namespace av::engine::py
