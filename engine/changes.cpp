#include "changes.h"

#include "alias.h"

#include <algorithm>
#include <optional>

namespace av::engine {

void IntervalSet::add(std::int64_t begin, std::int64_t end)
{
    if (begin >= end)
        return;
    if (!m_ranges.empty() && m_sorted) {
        Range& last = m_ranges.back();
        if (begin >= last.first && begin <= last.second) {
            last.second = std::max(last.second, end);
            return;
        }
        if (begin < last.first)
            m_sorted = false;
    }
    m_ranges.emplace_back(begin, end);
}

void IntervalSet::normalize() const
{
    if (m_sorted)
        return;
    std::sort(m_ranges.begin(), m_ranges.end());
    std::vector<Range> merged;
    merged.reserve(m_ranges.size());
    for (const Range& range : m_ranges) {
        if (!merged.empty() && range.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, range.second);
        else
            merged.push_back(range);
    }
    m_ranges = std::move(merged);
    m_sorted = true;
}

const std::vector<IntervalSet::Range>& IntervalSet::ranges() const
{
    normalize();
    return m_ranges;
}

bool IntervalSet::intersects(std::int64_t begin, std::int64_t end) const
{
    normalize();
    // The first range that ends after `begin` is the only candidate.
    const auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), begin,
                                     [](std::int64_t value, const Range& range) { return value < range.second; });
    return it != m_ranges.end() && it->first < end;
}

bool IntervalSet::contains(std::int64_t begin, std::int64_t end) const
{
    normalize();
    const auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), begin,
                                     [](std::int64_t value, const Range& range) { return value < range.second; });
    return it != m_ranges.end() && it->first <= begin && end <= it->second;
}

std::int64_t IntervalSet::totalBytes() const
{
    normalize();
    std::int64_t total = 0;
    for (const Range& range : m_ranges)
        total += range.second - range.first;
    return total;
}

namespace {
thread_local ChangeRecorder* t_activeRecorder = nullptr;
}

WriteRecord& ChangeRecorder::begin(BufferId buffer, std::string op, DType dtype)
{
    WriteRecord& record = m_records.emplace_back();
    record.buffer = buffer;
    record.op = std::move(op);
    record.dtype = dtype;
    return record;
}

RecordingScope::RecordingScope(ChangeRecorder& recorder) : m_previous(t_activeRecorder)
{
    t_activeRecorder = &recorder;
}

RecordingScope::~RecordingScope() { t_activeRecorder = m_previous; }

ChangeRecorder* activeRecorder() { return t_activeRecorder; }

namespace {

// Visits every cell of `view` in row-major order with its buffer byte offset; stops when visit returns true.
template <typename Visit>
void forEachCellOffset(const Array& view, Visit&& visit)
{
    const std::int64_t n = view.numel();
    if (n == 0)
        return;
    const std::size_t rank = view.sizes().size();
    const Strides byteStrides = view.byteStrides();
    std::vector<std::int64_t> index(rank, 0);
    std::int64_t offset = view.bufferByteOffset();
    for (std::int64_t flat = 0; flat < n; ++flat) {
        if (visit(flat, offset))
            return;
        for (std::size_t d = rank; d-- > 0;) {
            if (++index[d] < view.sizes()[d]) {
                offset += byteStrides[d];
                break;
            }
            offset -= (view.sizes()[d] - 1) * byteStrides[d];
            index[d] = 0;
        }
    }
}

// The changed ranges of `record` that meet the view's extent: the only ones that can touch its cells.
std::span<const IntervalSet::Range> changedWithinExtent(const WriteRecord& record, const Array& view)
{
    const std::vector<IntervalSet::Range>& ranges = record.changed.ranges();
    const auto first = std::upper_bound(ranges.begin(), ranges.end(), view.extentBegin(),
                                        [](std::int64_t value, const IntervalSet::Range& r) { return value < r.second; });
    const auto last = std::lower_bound(first, ranges.end(), view.extentEnd(),
                                       [](const IntervalSet::Range& r, std::int64_t value) { return r.first < value; });
    return {first, last};
}

// Asking the locator once per changed range beats walking every cell when there are few ranges for the
// cells: a write to one row of a large matrix is one range, and the view's other rows are never visited.
// Each locator query costs roughly one step per dim besides the cells it finds.
bool fewerRangesThanCells(std::size_t ranges, const Array& view)
{
    return static_cast<std::int64_t>(ranges) * (view.dim() + 1) * 4 < view.numel();
}

bool cellOnChangedBytes(const std::vector<IntervalSet::Range>& ranges, std::int64_t offset, std::int64_t itemsize)
{
    const auto it = std::upper_bound(ranges.begin(), ranges.end(), offset,
                                     [](std::int64_t value, const IntervalSet::Range& r) { return value < r.second; });
    return it != ranges.end() && it->first < offset + itemsize;
}

}  // namespace

bool viewChanged(const Array& view, std::span<const WriteRecord> records)
{
    if (view.numel() == 0)
        return false;
    std::optional<CellLocator> locator;
    for (const WriteRecord& record : records) {
        if (record.buffer != view.buffer()->id() || record.changed.empty())
            continue;
        const std::span<const IntervalSet::Range> ranges = changedWithinExtent(record, view);
        if (ranges.empty())
            continue;
        if (fewerRangesThanCells(ranges.size(), view)) {
            if (!locator)
                locator.emplace(view);
            for (const IntervalSet::Range& range : ranges)
                if (locator->any(range.first, range.second))
                    return true;
            continue;
        }
        const std::vector<IntervalSet::Range>& all = record.changed.ranges();
        bool hit = false;
        forEachCellOffset(view, [&](std::int64_t, std::int64_t offset) {
            hit = cellOnChangedBytes(all, offset, view.itemsize());
            return hit;
        });
        if (hit)
            return true;
    }
    return false;
}

std::vector<std::int64_t> changedCells(const Array& view, std::span<const WriteRecord> records)
{
    std::vector<std::int64_t> cells;
    if (view.numel() == 0)
        return cells;
    // One union of every record's changed ranges inside the extent, so each cell is asked once, not once
    // per record.
    IntervalSet changed;
    std::size_t recordsSeen = 0;
    for (const WriteRecord& record : records) {
        if (record.buffer != view.buffer()->id() || record.changed.empty())
            continue;
        const std::span<const IntervalSet::Range> ranges = changedWithinExtent(record, view);
        for (const IntervalSet::Range& range : ranges)
            changed.add(range.first, range.second);
        recordsSeen += ranges.empty() ? 0 : 1;
    }
    if (recordsSeen == 0)
        return cells;
    const std::vector<IntervalSet::Range>& ranges = changed.ranges();
    if (fewerRangesThanCells(ranges.size(), view)) {
        const CellLocator locator(view);
        for (const IntervalSet::Range& range : ranges)
            locator.collect(range.first, range.second, cells);
        // Two ranges can meet the same cell when a range ends inside an element (a uint8 write under a
        // float32 view).
        std::sort(cells.begin(), cells.end());
        cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
        return cells;
    }
    forEachCellOffset(view, [&](std::int64_t flat, std::int64_t offset) {
        if (cellOnChangedBytes(ranges, offset, view.itemsize()))
            cells.push_back(flat);
        return false;
    });
    return cells;
}

}  // namespace av::engine
