#include "errors.h"

#include <algorithm>

namespace av::engine {

PyError::PyError(std::string qualifiedName, std::vector<std::string> mro, std::string message)
    : std::runtime_error(qualifiedName + ": " + message),
      m_typeName(std::move(qualifiedName)),
      m_mro(std::move(mro)),
      m_message(std::move(message))
{
}

bool PyError::isInstanceOf(std::string_view pythonClass) const
{
    if (pythonClass == "Exception" || pythonClass == "BaseException")
        return true;
    return std::find(m_mro.begin(), m_mro.end(), pythonClass) != m_mro.end();
}

std::string PyError::formatted() const
{
    return m_message.empty() ? m_typeName : m_typeName + ": " + m_message;
}

PyError runtimeError(std::string message) { return {"RuntimeError", {"RuntimeError"}, std::move(message)}; }
PyError valueError(std::string message) { return {"ValueError", {"ValueError"}, std::move(message)}; }
PyError typeError(std::string message) { return {"TypeError", {"TypeError"}, std::move(message)}; }
PyError indexError(std::string message) { return {"IndexError", {"IndexError", "LookupError"}, std::move(message)}; }
PyError attributeError(std::string message) { return {"AttributeError", {"AttributeError"}, std::move(message)}; }
PyError assertionError(std::string message) { return {"AssertionError", {"AssertionError"}, std::move(message)}; }
PyError notImplementedError(std::string message)
{
    return {"NotImplementedError", {"NotImplementedError", "RuntimeError"}, std::move(message)};
}
PyError zeroDivisionError(std::string message)
{
    return {"ZeroDivisionError", {"ZeroDivisionError", "ArithmeticError"}, std::move(message)};
}
PyError overflowError(std::string message)
{
    return {"OverflowError", {"OverflowError", "ArithmeticError"}, std::move(message)};
}
PyError ufuncOutputCastingError(std::string message)
{
    return {"numpy.core._exceptions._UFuncOutputCastingError",
            {"_UFuncOutputCastingError", "_UFuncCastingError", "UFuncTypeError", "TypeError"},
            std::move(message)};
}
PyError axisError(std::string message)
{
    return {"numpy.AxisError", {"AxisError", "ValueError", "IndexError", "LookupError"}, std::move(message)};
}
PyError arrayMemoryError(std::string message)
{
    return {"numpy.core._exceptions._ArrayMemoryError", {"_ArrayMemoryError", "MemoryError"}, std::move(message)};
}

void internalAssertFailed(const char* condition, const char* file, int line, const std::string& detail)
{
    throw InternalError(concat("aliasview internal error: ", condition, " failed at ", file, ":", line,
                               detail.empty() ? "" : ": ", detail,
                               ". This is a bug in aliasview, not in your script; please report it."));
}

}  // namespace av::engine
