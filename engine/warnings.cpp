#include "warnings.h"

namespace av::engine {

namespace {
thread_local WarningHandler t_handler;
}

void warn(std::string category, std::string message, std::optional<LibraryLine> where)
{
    if (t_handler)
        t_handler(EngineWarning{std::move(category), std::move(message), std::move(where)});
}

WarningScope::WarningScope(WarningHandler handler) : m_previous(std::move(t_handler)) { t_handler = std::move(handler); }

WarningScope::~WarningScope() { t_handler = std::move(m_previous); }

}  // namespace av::engine
