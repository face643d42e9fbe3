#pragma once
// The table of every name aliasview supports: builtins, torch functions, Tensor methods and attributes,
// numpy functions, ndarray methods and attributes. The bindings register into it as they define each
// name, so the table and the behaviour cannot drift apart. `aliasview --list-ops` prints it and
// docs/supported.md is generated from it.

#include <string>
#include <vector>

namespace av::engine::py {

struct RegistryEntry {
    std::string owner;      // "builtins", "torch", "torch.Tensor", "numpy", "numpy.ndarray"
    std::string name;       // "arange"
    std::string signature;  // "(start=0, end, step=1, *, dtype=None, device=None, requires_grad=False)"
    std::string kind;       // "function", "method", "attribute", "type", "exception", "object"
    std::string summary;    // one line; for ops, whether the result shares memory or copies
};

void registerEntry(RegistryEntry entry);

// Every supported name, sorted by owner then name. Builds the modules once to fill the table.
std::vector<RegistryEntry> registry();

// The table as Markdown (docs/supported.md) and as the plain text of --list-ops.
std::string registryMarkdown();
std::string registryText();

}  // namespace av::engine::py
