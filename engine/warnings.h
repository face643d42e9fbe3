#pragma once
// Warnings the real libraries print (NumPy's DeprecationWarning for out-of-bound integers, torch's
// UserWarning for torch.tensor(tensor), ...). Ops report them here; the interpreter prints them the way
// Python's warnings module does. Without a handler they are dropped.

#include <functional>
#include <string>

namespace av::engine {

struct EngineWarning {
    std::string category;  // "DeprecationWarning", "UserWarning", "RuntimeWarning"
    std::string message;
};

using WarningHandler = std::function<void(const EngineWarning&)>;

void warn(std::string category, std::string message);

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
