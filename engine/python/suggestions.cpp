#include "suggestions.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

namespace av::engine::py {

namespace {

// The constants of Python/suggestions.c: a case change costs half a move.
constexpr std::size_t kMaxCandidateItems = 750;
constexpr std::size_t kMaxStringSize = 40;
constexpr std::size_t kMoveCost = 2;
constexpr std::size_t kCaseCost = 1;

std::size_t substitutionCost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return kMoveCost;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = static_cast<char>(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = static_cast<char>(b + ('a' - 'A'));
    return a == b ? kCaseCost : kMoveCost;
}

// levenshtein_distance() of suggestions.c, including its early exits, so ties and cut-offs agree.
std::size_t levenshteinDistance(std::string_view a, std::string_view b, std::size_t maxCost)
{
    while (!a.empty() && !b.empty() && a.front() == b.front()) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.remove_suffix(1);
        b.remove_suffix(1);
    }
    if (a.empty() || b.empty())
        return (a.size() + b.size()) * kMoveCost;
    if (a.size() > kMaxStringSize || b.size() > kMaxStringSize)
        return maxCost + 1;
    if (b.size() < a.size())
        std::swap(a, b);
    if ((b.size() - a.size()) * kMoveCost > maxCost)
        return maxCost + 1;
    std::array<std::size_t, kMaxStringSize> buffer{};
    std::size_t tmp = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        tmp += kMoveCost;
        buffer[i] = tmp;
    }
    std::size_t result = 0;
    for (std::size_t bIndex = 0; bIndex < b.size(); ++bIndex) {
        const char code = b[bIndex];
        std::size_t distance = result = bIndex * kMoveCost;
        std::size_t minimum = std::numeric_limits<std::size_t>::max();
        for (std::size_t index = 0; index < a.size(); ++index) {
            const std::size_t substitute = distance + substitutionCost(code, a[index]);
            distance = buffer[index];
            const std::size_t insertDelete = std::min(result, distance) + kMoveCost;
            result = std::min(insertDelete, substitute);
            buffer[index] = result;
            minimum = std::min(minimum, result);
        }
        if (minimum > maxCost)
            return maxCost + 1;
    }
    return result;
}

}  // namespace

std::optional<std::string> closestName(std::string_view name, std::span<const std::string_view> candidates)
{
    if (candidates.size() >= kMaxCandidateItems)
        return std::nullopt;
    std::optional<std::string_view> suggestion;
    std::size_t suggestionDistance = std::numeric_limits<std::size_t>::max();
    for (const std::string_view item : candidates) {
        if (item == name)
            continue;
        // No more than a third of the characters involved may change; never accept what is already beaten.
        std::size_t maxDistance = (name.size() + item.size() + 3) * kMoveCost / 6;
        maxDistance = std::min(maxDistance, suggestionDistance - 1);
        const std::size_t distance = levenshteinDistance(name, item, maxDistance);
        if (distance > maxDistance)
            continue;
        if (!suggestion || distance < suggestionDistance) {
            suggestion = item;
            suggestionDistance = distance;
        }
    }
    if (!suggestion)
        return std::nullopt;
    return std::string(*suggestion);
}

std::optional<std::string> closestName(std::string_view name, const std::vector<std::span<const std::string_view>>& lists)
{
    for (const auto& list : lists)
        if (auto found = closestName(name, list))
            return found;
    return std::nullopt;
}

}  // namespace av::engine::py
