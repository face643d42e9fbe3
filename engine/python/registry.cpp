#include "registry.h"

#include "bindings.h"
#include "interpreter.h"
#include "interpreterimpl.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace av::engine::py {

namespace {

std::mutex& registryMutex()
{
    static std::mutex mutex;
    return mutex;
}

// Keyed by (owner, name) so that modules built once per interpreter register each name once.
std::map<std::pair<std::string, std::string>, RegistryEntry>& entries()
{
    static std::map<std::pair<std::string, std::string>, RegistryEntry> table;
    return table;
}

}  // namespace

void registerEntry(RegistryEntry entry)
{
    const std::lock_guard lock(registryMutex());
    auto key = std::make_pair(entry.owner, entry.name);
    entries().insert_or_assign(std::move(key), std::move(entry));
}

std::vector<RegistryEntry> registry()
{
    // Building the namespaces is what fills the table.
    builtinNamespace();
    tensorType();
    ndarrayType();
    {
        Interpreter interpreter;
        interpreter.importModule("torch", {});
        interpreter.importModule("numpy", {});
    }
    const std::lock_guard lock(registryMutex());
    std::vector<RegistryEntry> out;
    for (const auto& [key, entry] : entries())
        out.push_back(entry);
    return out;
}

namespace {

std::string titleOf(const std::string& owner)
{
    if (owner == "builtins")
        return "Python builtins";
    if (owner == "torch.Tensor")
        return "torch.Tensor methods and attributes";
    if (owner == "numpy.ndarray")
        return "numpy.ndarray methods and attributes";
    return "`" + owner + "`";
}

}  // namespace

std::string registryMarkdown()
{
    const std::vector<RegistryEntry> all = registry();
    std::string out = "# What aliasview supports\n\n"
                      "Generated from the interpreter's registry by `aliasview --list-ops --markdown`; do not edit by hand.\n"
                      "Every name below behaves as in PyTorch 1.13.1 and NumPy 1.24, checked by the tests against the real "
                      "libraries. A name not listed raises a clear AttributeError or ImportError.\n";
    std::string owner;
    for (const RegistryEntry& entry : all) {
        if (entry.owner != owner) {
            owner = entry.owner;
            out += "\n## " + titleOf(owner) + "\n\n| name | kind | signature | what it does |\n| --- | --- | --- | --- |\n";
        }
        std::string signature = entry.signature;
        for (std::size_t p = 0; (p = signature.find('|', p)) != std::string::npos; p += 2)
            signature.replace(p, 1, "\\|");
        out += "| `" + entry.name + "` | " + entry.kind + " | " + (signature.empty() ? "" : "`" + signature + "`") + " | " +
               entry.summary + " |\n";
    }
    return out;
}

std::string registryText()
{
    std::string out;
    for (const RegistryEntry& entry : registry())
        out += entry.owner + "." + entry.name + entry.signature + "  [" + entry.kind + "]  " + entry.summary + "\n";
    return out;
}

}  // namespace av::engine::py
