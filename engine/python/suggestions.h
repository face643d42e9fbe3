#pragma once
// CPython 3.11's "Did you mean: 'shape'?" (Python/suggestions.c): the closest candidate to a mistyped name
// by its weighted Levenshtein distance, which the traceback of an uncaught NameError or AttributeError adds.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace av::engine::py {

// The candidate CPython would offer for `name`, in `candidates`' order (the first of equal distance wins);
// nothing when there are 750 candidates or more, or none is close enough.
std::optional<std::string> closestName(std::string_view name, std::span<const std::string_view> candidates);
// The same over several lists searched in turn (a NameError looks at globals, then builtins): the first
// list with a close enough name answers.
std::optional<std::string> closestName(std::string_view name, const std::vector<std::span<const std::string_view>>& lists);

}  // namespace av::engine::py
