#pragma once
// Where a buffer lives: "cpu" or "cuda:N". Devices are part of the model from the start, as in c10.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace av::engine {

struct Device {
    enum class Type : std::uint8_t { CPU, CUDA };

    Type type = Type::CPU;
    int index = -1;  // INVARIANT: -1 for the CPU; >= 0 for CUDA

    static Device cpu() { return {}; }
    static Device cuda(int index) { return {Type::CUDA, index}; }

    bool isCpu() const { return type == Type::CPU; }
    bool isCuda() const { return type == Type::CUDA; }
    // "cpu", "cuda:0": what torch.device prints inside device='...'.
    std::string str() const { return isCpu() ? "cpu" : "cuda:" + std::to_string(index); }
    // Parses "cpu", "cuda", "cuda:1"; nullopt for anything else.
    static std::optional<Device> parse(std::string_view text);

    friend bool operator==(const Device&, const Device&) = default;
};

}  // namespace av::engine
