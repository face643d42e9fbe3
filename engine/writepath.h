#pragma once
// The one path by which an existing storage is written. Every in-place op, copy_, fill_ and item
// assignment ends in writeElements(): it walks the destination in memory order, and when a ChangeRecorder
// is active it records, chunk by chunk, which bytes were written and which actually changed, with their
// old values. "Which views changed" is computed from that record (changes.h), never guessed.

#include "array.h"
#include "changes.h"
#include "stridedloop.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>

namespace av::engine {

struct WriteContext {
    std::string_view op;  // recorded as WriteRecord::op
    // NumPy's refusal for a read-only destination; ufuncs and item assignment word it differently.
    std::string_view readOnlyMessage = "assignment destination is read-only";
    // torch bumps the version only when the op completes; a kernel that fails part-way (integer // by zero)
    // has written the elements before the failure and leaves the version as it was.
    bool bumpsVersion = true;
};

// The checks both libraries make before touching the destination, in their order:
// torch: the autograd leaf rules (while grad mode is on), then "more than one element of the written-to
// tensor refers to a single memory location"; NumPy: the WRITEABLE flag.
void checkWriteTarget(const Array& dst, const WriteContext& context);

struct WriteInput {
    const std::byte* data;
    Strides byteStrides;  // broadcast to the destination's shape
};

namespace detail {
// Records one run of `count` elements just written at dst (byte stride dstStride), whose bytes before the
// write are packed in oldBytes (count * itemsize bytes).
void recordChunk(WriteRecord& record, const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride,
                 std::int64_t count, std::int64_t itemsize, const std::byte* oldBytes);
// Until finish(), the record's old values grow in a per-thread vector kept from write to write; finish() hands
// the record those it keeps in a vector of their own size. A write past the cap then costs no allocation,
// page fault or free, where growing and dropping a fresh vector of 2^20 old values cost more than the
// write itself.
class StagedOldValues {
public:
    explicit StagedOldValues(WriteRecord& record);
    ~StagedOldValues();
    StagedOldValues(const StagedOldValues&) = delete;
    StagedOldValues& operator=(const StagedOldValues&) = delete;

    // recordChunk for this record, dropping old values past the cap without giving back their memory.
    void recordChunk(const std::byte* bufferStart, const std::byte* dst, std::int64_t dstStride, std::int64_t count,
                     std::int64_t itemsize, const std::byte* oldBytes);
    // The write is complete: the record takes its old values.
    void finish();

private:
    WriteRecord& m_record;
    bool m_finished = false;
};
// Packs the `count` elements at src (byte stride srcStride) into old, before they are written.
void saveChunk(std::byte* old, const std::byte* src, std::int64_t srcStride, std::int64_t count, std::int64_t itemsize);
// Elements per recorded chunk: their old bytes sit on the stack (8 KiB at itemsize 8) and stay in L1 between
// the save, the kernel and the comparison.
inline constexpr std::int64_t kRecordChunk = 1024;
// LoopOrder::Tiled when the order of an unrecorded write cannot show: dst holds no element twice and no
// input's bytes meet dst's; else LoopOrder::Memory.
LoopOrder unrecordedOrder(const Array& dst, std::span<const WriteInput> inputs);
}  // namespace detail

// Runs kernel(InnerRun<1 + K>) over dst (operand 0) and the inputs, in dst's memory order (in tiles of it
// where that order cannot show, see LoopOrder::Tiled; never while recording). The caller has
// done checkWriteTarget and all shape/type checks; inputs never partially overlap dst (torch refuses that,
// NumPy callers copy the input first). Bumps torch's version counter once.
template <std::size_t K, typename Kernel>
void writeElements(Array& dst, const WriteContext& context, const std::array<WriteInput, K>& inputs, Kernel&& kernel)
{
    constexpr std::size_t N = K + 1;
    const Strides dstStrides = dst.byteStrides();
    LoopOperands<N> operands;
    operands.data[0] = dst.data();
    operands.byteStrides[0] = dstStrides.data();
    for (std::size_t k = 0; k < K; ++k) {
        operands.data[k + 1] = const_cast<std::byte*>(inputs[k].data);
        operands.byteStrides[k + 1] = inputs[k].byteStrides.data();
    }
    if (ChangeRecorder* recorder = activeRecorder(); recorder && dst.numel() > 0) {
        WriteRecord& record = recorder->begin(dst.buffer()->id(), std::string(context.op), dst.dtype());
        const std::byte* bufferStart = dst.buffer()->data();
        const std::int64_t itemsize = dst.itemsize();
        detail::StagedOldValues staged(record);
        forEachInMemoryOrder<N>(dst.sizes(), operands, [&](const InnerRun<N>& run) {
            std::byte old[detail::kRecordChunk * 8];
            for (std::int64_t start = 0; start < run.count; start += detail::kRecordChunk) {
                InnerRun<N> chunk = run;
                chunk.count = std::min(detail::kRecordChunk, run.count - start);
                for (std::size_t k = 0; k < N; ++k)
                    chunk.data[k] += start * run.byteStrides[k];
                detail::saveChunk(old, chunk.data[0], chunk.byteStrides[0], chunk.count, itemsize);
                kernel(chunk);
                staged.recordChunk(bufferStart, chunk.data[0], chunk.byteStrides[0], chunk.count, itemsize, old);
            }
        });
        staged.finish();
    } else {
        forEachInMemoryOrder<N>(dst.sizes(), operands, kernel, detail::unrecordedOrder(dst, inputs));
    }
    if (dst.isTensor() && context.bumpsVersion)
        dst.bumpVersion();
}

}  // namespace av::engine
