#include "writepath.h"

#include "autograd.h"
#include "errors.h"

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

void recordChunk(WriteRecord& record, const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride,
                 std::int64_t count, std::int64_t itemsize, const std::byte* oldBytes)
{
    record.elementsWritten += count;
    const std::int64_t firstOffset = dst - bufferStart;
    if (dstStride == itemsize)
        record.written.add(firstOffset, firstOffset + count * itemsize);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t offset = firstOffset + i * dstStride;
        if (dstStride != itemsize)
            record.written.add(offset, offset + itemsize);
        const std::byte* now = dst + i * dstStride;
        const std::byte* before = oldBytes + i * itemsize;
        if (std::memcmp(now, before, static_cast<std::size_t>(itemsize)) == 0)
            continue;
        ++record.elementsChanged;
        record.changed.add(offset, offset + itemsize);
        if (!record.oldValuesComplete)
            continue;
        if (record.oldValues.size() >= WriteRecord::kMaxOldValues) {
            record.oldValues.clear();
            record.oldValues.shrink_to_fit();
            record.oldValuesComplete = false;
            continue;
        }
        OldElement element{offset, 0, 0};
        std::memcpy(&element.bits, before, static_cast<std::size_t>(itemsize));
        for (std::int64_t b = 0; b < itemsize; ++b)
            if (now[b] != before[b])
                element.changedBytes |= static_cast<std::uint8_t>(1u << b);
        record.oldValues.push_back(element);
    }
}

}  // namespace detail

}  // namespace av::engine
