#include "device.h"

#include <charconv>

namespace av::engine {

std::optional<Device> Device::parse(std::string_view text)
{
    if (text == "cpu")
        return cpu();
    if (text == "cuda")
        return cuda(0);
    if (!text.starts_with("cuda:"))
        return std::nullopt;
    text.remove_prefix(5);
    int index = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (error != std::errc() || end != text.data() + text.size() || index < 0)
        return std::nullopt;
    return cuda(index);
}

}  // namespace av::engine
