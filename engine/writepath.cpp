#include "writepath.h"

#include "autograd.h"
#include "errors.h"

#include <cstdint>
#include <cstring>

namespace av::engine {

void checkWriteTarget(const Array& dst, const WriteContext& context)
{
    if (dst.isNdarray()) {
        AV_CHECK(dst.writeable(), valueError, context.readOnlyMessage);
        return;
    }
    checkInplaceAutograd(dst);
    // c10's has_internal_overlap answers YES only for a stride-0 dim of size > 1; anything subtler is
    // "too hard" and allowed, so the same is done here.
    if (!dst.isNonOverlappingAndDense()) {
        for (std::int64_t d = 0; d < dst.dim(); ++d)
            AV_CHECK(!(dst.size(d) > 1 && dst.stride(d) == 0), runtimeError,
                     "unsupported operation: more than one element of the written-to tensor refers to a single "
                     "memory location. Please clone() the tensor before performing the operation.");
    }
}

namespace detail {

namespace {

// An element's bytes as one unsigned word, so that comparing and masking are single instructions.
template <std::size_t Size> struct WordOf;
template <> struct WordOf<1> { using type = std::uint8_t; };
template <> struct WordOf<2> { using type = std::uint16_t; };
template <> struct WordOf<4> { using type = std::uint32_t; };
template <> struct WordOf<8> { using type = std::uint64_t; };

template <typename Word>
Word loadWord(const std::byte* p)
{
    Word word;
    std::memcpy(&word, p, sizeof(Word));
    return word;
}

template <typename Word>
std::uint8_t changedByteMask(Word now, Word before)
{
    const Word diff = static_cast<Word>(now ^ before);
    std::uint8_t mask = 0;
    for (std::size_t b = 0; b < sizeof(Word); ++b)
        if ((diff >> (8 * b)) & 0xff)
            mask |= static_cast<std::uint8_t>(1u << b);
    return mask;
}

// Element by element, as the record's meaning defines it (the bulk cases below must agree with this).
// Drops the old values past the cap; a staged list keeps its memory for the next write.
void dropOldValues(WriteRecord& record, bool staged)
{
    record.oldValues.clear();
    if (!staged)
        record.oldValues.shrink_to_fit();
    record.oldValuesComplete = false;
}

template <typename Word>
void recordElements(WriteRecord& record, std::int64_t firstOffset, const std::byte* dst, std::int64_t dstStride,
                    std::int64_t count, const std::byte* oldBytes, bool staged)
{
    constexpr std::int64_t itemsize = sizeof(Word);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t offset = firstOffset + i * dstStride;
        if (dstStride != itemsize)
            record.written.add(offset, offset + itemsize);
        const Word now = loadWord<Word>(dst + i * dstStride);
        const Word before = loadWord<Word>(oldBytes + i * itemsize);
        if (now == before)
            continue;
        ++record.elementsChanged;
        record.changed.add(offset, offset + itemsize);
        if (!record.oldValuesComplete)
            continue;
        if (record.oldValues.size() >= WriteRecord::kMaxOldValues) {
            dropOldValues(record, staged);
            continue;
        }
        record.oldValues.push_back(OldElement{offset, before, changedByteMask(now, before)});
    }
}

// The common cases of a contiguous run in bulk: nothing changed (writing values over themselves) and
// everything changed (x += 1), where the per-element work shrinks to old values, and to nothing once the
// record has dropped them. Mixed runs take the element loop.
template <typename Word>
void recordRun(WriteRecord& record, std::int64_t firstOffset, const std::byte* dst, std::int64_t dstStride,
               std::int64_t count, const std::byte* oldBytes, bool staged)
{
    constexpr std::int64_t itemsize = sizeof(Word);
    record.elementsWritten += count;
    if (dstStride != itemsize) {
        recordElements<Word>(record, firstOffset, dst, dstStride, count, oldBytes, staged);
        return;
    }
    record.written.add(firstOffset, firstOffset + count * itemsize);
    // A 32-bit count (chunks are short) keeps the comparison in the vector lanes' own width.
    std::uint32_t changedCount = 0;
    for (std::int64_t i = 0; i < count; ++i)
        changedCount += loadWord<Word>(dst + i * itemsize) != loadWord<Word>(oldBytes + i * itemsize);
    if (changedCount == 0)
        return;
    if (static_cast<std::int64_t>(changedCount) != count) {
        recordElements<Word>(record, firstOffset, dst, dstStride, count, oldBytes, staged);
        return;
    }
    record.elementsChanged += count;
    record.changed.add(firstOffset, firstOffset + count * itemsize);
    if (!record.oldValuesComplete)
        return;
    if (static_cast<std::int64_t>(record.oldValues.size()) + count > static_cast<std::int64_t>(WriteRecord::kMaxOldValues)) {
        dropOldValues(record, staged);
        return;
    }
    const std::size_t at = record.oldValues.size();
    record.oldValues.resize(at + static_cast<std::size_t>(count));
    OldElement* out = record.oldValues.data() + at;
    for (std::int64_t i = 0; i < count; ++i) {
        const Word now = loadWord<Word>(dst + i * itemsize);
        const Word before = loadWord<Word>(oldBytes + i * itemsize);
        out[i] = OldElement{firstOffset + i * itemsize, before, changedByteMask(now, before)};
    }
}

template <typename Word>
void saveWords(std::byte* old, const std::byte* src, std::int64_t srcStride, std::int64_t count)
{
    for (std::int64_t i = 0; i < count; ++i)
        std::memcpy(old + i * static_cast<std::int64_t>(sizeof(Word)), src + i * srcStride, sizeof(Word));
}

void recordChunkAs(WriteRecord& record, const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride,
                   std::int64_t count, std::int64_t itemsize, const std::byte* oldBytes, bool staged)
{
    const std::int64_t firstOffset = dst - bufferStart;
    switch (itemsize) {
    case 1: recordRun<WordOf<1>::type>(record, firstOffset, dst, dstStride, count, oldBytes, staged); return;
    case 2: recordRun<WordOf<2>::type>(record, firstOffset, dst, dstStride, count, oldBytes, staged); return;
    case 4: recordRun<WordOf<4>::type>(record, firstOffset, dst, dstStride, count, oldBytes, staged); return;
    case 8: recordRun<WordOf<8>::type>(record, firstOffset, dst, dstStride, count, oldBytes, staged); return;
    }
    AV_INTERNAL_ASSERT(false, "no element type has ", itemsize, " bytes");
}

thread_local std::vector<OldElement> t_stagedOldValues;

}  // namespace

void recordChunk(WriteRecord& record, const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride,
                 std::int64_t count, std::int64_t itemsize, const std::byte* oldBytes)
{
    recordChunkAs(record, bufferStart, dst, dstStride, count, itemsize, oldBytes, /*staged=*/false);
}

StagedOldValues::StagedOldValues(WriteRecord& record) : m_record(record)
{
    AV_INTERNAL_ASSERT(record.oldValues.empty(), "old values staged for a record that has some");
    t_stagedOldValues.clear();
    std::swap(m_record.oldValues, t_stagedOldValues);
}

void StagedOldValues::finish()
{
    std::vector<OldElement> kept(m_record.oldValues.begin(), m_record.oldValues.end());
    std::swap(m_record.oldValues, t_stagedOldValues);
    m_record.oldValues = std::move(kept);
    t_stagedOldValues.clear();
    m_finished = true;
}

StagedOldValues::~StagedOldValues()
{
    if (m_finished)
        return;
    // Unwinding from a failed write: the per-thread vector goes back, the record keeps no old values.
    std::swap(m_record.oldValues, t_stagedOldValues);
    t_stagedOldValues.clear();
    m_record.oldValues.clear();
    m_record.oldValuesComplete = false;
}

void StagedOldValues::recordChunk(const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride,
                                  std::int64_t count, std::int64_t itemsize, const std::byte* oldBytes)
{
    recordChunkAs(m_record, bufferStart, dst, dstStride, count, itemsize, oldBytes, /*staged=*/true);
}

void saveChunk(std::byte* old, const std::byte* src, std::int64_t srcStride, std::int64_t count, std::int64_t itemsize)
{
    if (srcStride == itemsize) {
        std::memcpy(old, src, static_cast<std::size_t>(count * itemsize));
        return;
    }
    switch (itemsize) {
    case 1: saveWords<WordOf<1>::type>(old, src, srcStride, count); return;
    case 2: saveWords<WordOf<2>::type>(old, src, srcStride, count); return;
    case 4: saveWords<WordOf<4>::type>(old, src, srcStride, count); return;
    case 8: saveWords<WordOf<8>::type>(old, src, srcStride, count); return;
    }
    AV_INTERNAL_ASSERT(false, "no element type has ", itemsize, " bytes");
}

LoopOrder unrecordedOrder(const Array& dst, std::span<const WriteInput> inputs)
{
    if (inputs.empty() || dst.numel() == 0 || !dst.isNonOverlappingAndDense())
        return LoopOrder::Memory;
    // Byte extents from the pointers: an input may view another storage of the same buffer, and its element
    // type is not known here, so its last element is taken to be as wide as the widest type (8 bytes).
    const auto extent = [&](const std::byte* data, IntSpan byteStrides, std::int64_t lastWidth) {
        std::int64_t low = 0, high = 0;
        for (std::size_t d = 0; d < byteStrides.size(); ++d) {
            const std::int64_t span = (dst.sizes()[d] - 1) * byteStrides[d];
            (span < 0 ? low : high) += span;
        }
        const auto begin = reinterpret_cast<std::uintptr_t>(data);
        return std::pair{begin + static_cast<std::uintptr_t>(low), begin + static_cast<std::uintptr_t>(high + lastWidth)};
    };
    const Strides dstStrides = dst.byteStrides();
    const auto [dstBegin, dstEnd] = extent(dst.data(), dstStrides, dst.itemsize());
    for (const WriteInput& input : inputs) {
        const auto [begin, end] = extent(input.data, input.byteStrides, 8);
        if (begin < dstEnd && dstBegin < end)
            return LoopOrder::Memory;
    }
    return LoopOrder::Tiled;
}

}  // namespace detail

}  // namespace av::engine
