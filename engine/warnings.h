#pragma once
// Warnings the real libraries print (NumPy's DeprecationWarning for out-of-bound integers, torch's
// UserWarning for torch.tensor(tensor), ...). Ops report them here; the interpreter prints them the way
// Python's warnings module does. Without a handler they are dropped.

#include <functional>
#include <optional>
#include <string>

namespace av::engine {

// Where a warning points when that is a line of the library's own Python code rather than the script's:
// warnings.warn(..., stacklevel=2) inside numpy/core/_methods.py names _methods.py, and Python prints
// that file, line and source line.
struct LibraryLine {
    std::string file;  // "/usr/lib/python3/dist-packages/numpy/core/_methods.py"
    int line = 0;
    std::string source;  // the line's text, stripped
};

struct EngineWarning {
    std::string category;  // "DeprecationWarning", "UserWarning", "RuntimeWarning"
    std::string message;
    std::optional<LibraryLine> where;  // unset: the script's current line
};

using WarningHandler = std::function<void(const EngineWarning&)>;

void warn(std::string category, std::string message, std::optional<LibraryLine> where = std::nullopt);

// Installs a handler for this thread for the scope's lifetime.
class WarningScope {
public:
    explicit WarningScope(WarningHandler handler);
    ~WarningScope();
    WarningScope(const WarningScope&) = delete;
    WarningScope& operator=(const WarningScope&) = delete;

private:
    WarningHandler m_previous;
};

}  // namespace av::engine
