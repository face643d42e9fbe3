#include "changes.h"

#include "alias.h"

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

// NOTE [ Changed bytes inside changed elements ]
// A record keeps whole elements in `changed`. Splitting them into the bytes that really differ would turn
// the one range of a contiguous write into one per element (x += 1 leaves the high bytes of most ints
// alone), and views whose cells are whole elements of the write, the usual case, gain nothing from it.
// A view that cuts elements apart (a uint8 view of float32 memory, a float64 view that starts mid-element)
// is answered exactly from the per-element masks kept with the old values: the real libraries show such a
// byte as unchanged, and so must the GUI.

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

std::int64_t cellOffset(const Array& view, std::int64_t flat)
{
    std::int64_t offset = view.bufferByteOffset();
    for (std::int64_t d = view.dim(); d-- > 0;) {
        const std::int64_t size = view.size(d);
        offset += (flat % size) * view.stride(d) * view.itemsize();
        flat /= size;
    }
    return offset;
}

using Ranges = std::span<const IntervalSet::Range>;

// The ranges of a sorted, disjoint list that meet [begin, end).
Ranges rangesWithin(const std::vector<IntervalSet::Range>& ranges, std::int64_t begin, std::int64_t end)
{
    const auto first = std::upper_bound(ranges.begin(), ranges.end(), begin,
                                        [](std::int64_t value, const IntervalSet::Range& r) { return value < r.second; });
    const auto last = std::lower_bound(first, ranges.end(), end,
                                       [](const IntervalSet::Range& r, std::int64_t value) { return r.first < value; });
    return {first, last};
}

bool onRanges(const std::vector<IntervalSet::Range>& ranges, std::int64_t offset, std::int64_t itemsize)
{
    return !rangesWithin(ranges, offset, offset + itemsize).empty();
}

// Asking the locator once per range beats walking every cell when there are few ranges for the cells: a
// write to one row of a large matrix is one range, and the view's other rows are never visited. Each
// locator query costs roughly one step per dim besides the cells it finds.
bool fewerRangesThanCells(std::size_t ranges, const Array& view)
{
    return static_cast<std::int64_t>(ranges) * (view.dim() + 1) * 4 < view.numel();
}

// Flat indices of the cells of `view` meeting any of `within` (a stretch of the sorted `all`), unsorted.
void cellsOnRanges(const Array& view, const std::vector<IntervalSet::Range>& all, Ranges within,
                   std::vector<std::int64_t>& out)
{
    if (fewerRangesThanCells(within.size(), view)) {
        const CellLocator locator(view);
        for (const IntervalSet::Range& range : within)
            locator.collect(range.first, range.second, out);
        return;
    }
    forEachCellOffset(view, [&](std::int64_t flat, std::int64_t offset) {
        if (onRanges(all, offset, view.itemsize()))
            out.push_back(flat);
        return false;
    });
}

bool anyCellOnRanges(const Array& view, const std::vector<IntervalSet::Range>& all, Ranges within)
{
    if (fewerRangesThanCells(within.size(), view)) {
        const CellLocator locator(view);
        return std::any_of(within.begin(), within.end(),
                           [&](const IntervalSet::Range& range) { return locator.any(range.first, range.second); });
    }
    bool hit = false;
    forEachCellOffset(view, [&](std::int64_t, std::int64_t offset) {
        hit = onRanges(all, offset, view.itemsize());
        return hit;
    });
    return hit;
}

std::int64_t positiveModulo(std::int64_t value, std::int64_t modulus)
{
    const std::int64_t r = value % modulus;
    return r < 0 ? r + modulus : r;
}

// One record's changed bytes, exactly (see the NOTE above).
class ChangedBytes {
public:
    explicit ChangedBytes(const WriteRecord& record)
        : m_record(record), m_elementSize(itemSize(record.dtype)), m_exact(record.oldValuesComplete)
    {
        // Elements of one write lie on one grid: strides are whole elements.
        m_phase = positiveModulo(record.changed.ranges().front().first, m_elementSize);
    }

    // Every cell of `view` is made of whole elements of the write, so the element ranges are exact for it.
    bool cellsAreWholeElements(const Array& view) const
    {
        return m_elementSize == 1 || (view.itemsize() % m_elementSize == 0 &&
                                      positiveModulo(view.bufferByteOffset() - m_phase, m_elementSize) == 0);
    }

    bool cellChanged(std::int64_t begin, std::int64_t end) const
    {
        const std::vector<IntervalSet::Range>& changed = m_record.changed.ranges();
        for (std::int64_t element = begin - positiveModulo(begin - m_phase, m_elementSize); element < end;
             element += m_elementSize) {
            if (rangesWithin(changed, element, element + m_elementSize).empty())
                continue;
            const std::int64_t low = std::max(begin, element) - element;
            const std::int64_t high = std::min(end, element + m_elementSize) - element;
            if ((low == 0 && high == m_elementSize) || !m_exact)
                return true;
            const std::uint32_t cut = ((1u << high) - 1u) & ~((1u << low) - 1u);
            if (maskAt(element) & cut)
                return true;
        }
        return false;
    }

private:
    std::uint8_t maskAt(std::int64_t element) const
    {
        if (m_masks.empty()) {
            // An element written twice by one record appears twice; its bytes changed if either write
            // changed them.
            m_masks.reserve(m_record.oldValues.size());
            for (const OldElement& old : m_record.oldValues)
                m_masks.emplace_back(old.bufferByteOffset, old.changedBytes);
            std::sort(m_masks.begin(), m_masks.end());
            std::vector<std::pair<std::int64_t, std::uint8_t>> merged;
            for (const auto& entry : m_masks) {
                if (!merged.empty() && merged.back().first == entry.first)
                    merged.back().second |= entry.second;
                else
                    merged.push_back(entry);
            }
            m_masks = std::move(merged);
        }
        const auto it = std::lower_bound(m_masks.begin(), m_masks.end(), std::make_pair(element, std::uint8_t{0}));
        return it != m_masks.end() && it->first == element ? it->second : std::uint8_t{0xff};
    }

    const WriteRecord& m_record;
    std::int64_t m_elementSize;
    std::int64_t m_phase = 0;
    bool m_exact;
    mutable std::vector<std::pair<std::int64_t, std::uint8_t>> m_masks;
};

// The records on the view's buffer whose changes meet its extent, with the changed ranges that do.
struct RelevantRecord {
    const WriteRecord* record;
    Ranges within;
};

std::vector<RelevantRecord> relevantRecords(const Array& view, std::span<const WriteRecord> records)
{
    std::vector<RelevantRecord> out;
    if (view.numel() == 0)
        return out;
    for (const WriteRecord& record : records) {
        if (record.buffer != view.buffer()->id() || record.changed.empty())
            continue;
        const Ranges within = rangesWithin(record.changed.ranges(), view.extentBegin(), view.extentEnd());
        if (!within.empty())
            out.push_back({&record, within});
    }
    return out;
}

// The cells of `view` that one record changed, for a view that cuts the record's elements apart.
std::vector<std::int64_t> cellsCutFromElements(const Array& view, const RelevantRecord& relevant,
                                               const ChangedBytes& bytes)
{
    std::vector<std::int64_t> candidates;
    cellsOnRanges(view, relevant.record->changed.ranges(), relevant.within, candidates);
    std::vector<std::int64_t> cells;
    for (const std::int64_t flat : candidates) {
        const std::int64_t offset = cellOffset(view, flat);
        if (bytes.cellChanged(offset, offset + view.itemsize()))
            cells.push_back(flat);
    }
    return cells;
}

}  // namespace

bool viewChanged(const Array& view, std::span<const WriteRecord> records)
{
    for (const RelevantRecord& relevant : relevantRecords(view, records)) {
        const ChangedBytes bytes(*relevant.record);
        if (bytes.cellsAreWholeElements(view)) {
            if (anyCellOnRanges(view, relevant.record->changed.ranges(), relevant.within))
                return true;
        } else if (!cellsCutFromElements(view, relevant, bytes).empty()) {
            return true;
        }
    }
    return false;
}

std::vector<std::int64_t> changedCells(const Array& view, std::span<const WriteRecord> records)
{
    std::vector<std::int64_t> cells;
    // Records whose elements the view's cells respect are merged into one set, so each cell is asked once,
    // not once per record; the others are refined one by one.
    IntervalSet whole;
    for (const RelevantRecord& relevant : relevantRecords(view, records)) {
        const ChangedBytes bytes(*relevant.record);
        if (bytes.cellsAreWholeElements(view)) {
            for (const IntervalSet::Range& range : relevant.within)
                whole.add(range.first, range.second);
        } else {
            const std::vector<std::int64_t> cut = cellsCutFromElements(view, relevant, bytes);
            cells.insert(cells.end(), cut.begin(), cut.end());
        }
    }
    if (!whole.empty()) {
        const std::vector<IntervalSet::Range>& ranges = whole.ranges();
        cellsOnRanges(view, ranges, ranges, cells);
    }
    // The locator reports cells in its own dim order, and two ranges can meet one cell.
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    return cells;
}

}  // namespace av::engine
