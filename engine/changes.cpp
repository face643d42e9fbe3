#include "changes.h"

#include <algorithm>

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

}  // namespace

bool viewChanged(const Array& view, std::span<const WriteRecord> records)
{
    for (const WriteRecord& record : records) {
        if (record.buffer != view.buffer()->id() || record.changed.empty())
            continue;
        if (!record.changed.intersects(view.extentBegin(), view.extentEnd()))
            continue;
        bool hit = false;
        forEachCellOffset(view, [&](std::int64_t, std::int64_t offset) {
            hit = record.changed.intersects(offset, offset + view.itemsize());
            return hit;
        });
        if (hit)
            return true;
    }
    return false;
}

std::vector<std::int64_t> changedCells(const Array& view, std::span<const WriteRecord> records)
{
    std::vector<const WriteRecord*> relevant;
    for (const WriteRecord& record : records)
        if (record.buffer == view.buffer()->id() && record.changed.intersects(view.extentBegin(), view.extentEnd()))
            relevant.push_back(&record);
    std::vector<std::int64_t> cells;
    if (relevant.empty())
        return cells;
    forEachCellOffset(view, [&](std::int64_t flat, std::int64_t offset) {
        for (const WriteRecord* record : relevant) {
            if (record->changed.intersects(offset, offset + view.itemsize())) {
                cells.push_back(flat);
                break;
            }
        }
        return false;
    });
    return cells;
}

}  // namespace av::engine
