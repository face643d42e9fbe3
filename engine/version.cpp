#include "version.h"

namespace av::engine {

std::string_view engineVersion() { return AV_VERSION; }

}  // namespace av::engine
