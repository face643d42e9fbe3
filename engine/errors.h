#pragma once
// The two kinds of failure, kept apart as c10 keeps TORCH_CHECK and TORCH_INTERNAL_ASSERT apart:
// PyError is what a script's user sees (the real library's exception class and exact text);
// InternalError is a bug in aliasview itself.

#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace av::engine {

class PyError : public std::runtime_error {
public:
    // mro: the class and its Python bases, most derived first, e.g. {"UFuncTypeError", "TypeError"};
    // qualifiedName: the name a traceback prints, e.g. "numpy.core._exceptions._UFuncOutputCastingError".
    PyError(std::string qualifiedName, std::vector<std::string> mro, std::string message);

    const std::string& typeName() const { return m_typeName; }
    const std::string& message() const { return m_message; }
    const std::vector<std::string>& mro() const { return m_mro; }
    bool isInstanceOf(std::string_view pythonClass) const;
    // The repr of the exception's args where they are not just the message, e.g. "3, 2, None" for
    // numpy's AxisError(3, 2, None); empty when args is (message,).
    const std::string& argsRepr() const { return m_argsRepr; }
    PyError&& withArgsRepr(std::string argsRepr) &&
    {
        m_argsRepr = std::move(argsRepr);
        return std::move(*this);
    }

    // "RuntimeError: message", as the last line of a traceback.
    std::string formatted() const;

private:
    std::string m_typeName;
    std::vector<std::string> m_mro;
    std::string m_message;
    std::string m_argsRepr;
};

class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

PyError runtimeError(std::string message);
PyError valueError(std::string message);
PyError typeError(std::string message);
PyError indexError(std::string message);
PyError attributeError(std::string message);
PyError assertionError(std::string message);
PyError notImplementedError(std::string message);
PyError zeroDivisionError(std::string message);
PyError overflowError(std::string message);
// numpy's casting failure in a ufunc with out= (also what `a += 1.5` raises on an int array).
PyError ufuncOutputCastingError(std::string message);
// numpy.AxisError, both a ValueError and an IndexError.
PyError axisError(std::string message);
// numpy's failed allocation, a MemoryError.
PyError arrayMemoryError(std::string message);

template <typename... Parts>
std::string concat(const Parts&... parts)
{
    std::ostringstream out;
    (out << ... << parts);
    return out.str();
}

[[noreturn]] void internalAssertFailed(const char* condition, const char* file, int line, const std::string& detail);

}  // namespace av::engine

// A Python-visible error: `AV_CHECK(dim >= 0, indexError, "Dimension out of range ...")`.
#define AV_CHECK(condition, errorFactory, ...)                                                                 \
    do {                                                                                                      \
        if (!(condition)) [[unlikely]]                                                                        \
            throw ::av::engine::errorFactory(::av::engine::concat(__VA_ARGS__));                              \
    } while (false)

// A bug in aliasview: never the user's fault.
#define AV_INTERNAL_ASSERT(condition, ...)                                                                    \
    do {                                                                                                      \
        if (!(condition)) [[unlikely]]                                                                        \
            ::av::engine::internalAssertFailed(#condition, __FILE__, __LINE__,                                \
                                               ::av::engine::concat("" __VA_OPT__(, ) __VA_ARGS__));           \
    } while (false)
