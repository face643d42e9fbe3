#pragma once
// A Buffer is one real allocation: the bytes whose address users see as a data pointer. Everything that
// shares memory shares a Buffer; nothing ever copies one implicitly.

#include "device.h"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace av::engine {

struct BufferId {
    std::uint64_t value = 0;
    friend auto operator<=>(const BufferId&, const BufferId&) = default;
};

// Which library's allocator made the buffer; the GUI labels blocks with it.
enum class AllocatorKind : std::uint8_t { TorchCpu, NumpyCpu, Cuda };

class Buffer {
public:
    // Host buffers are 64-byte aligned, like c10's DefaultCPUAllocator. Returns nullptr when the memory
    // budget refuses the request or the system has no memory left; callers turn that into the owning
    // library's error (allocationError() below for torch, numpy's own text in creation.cpp).
    static std::shared_ptr<Buffer> tryAllocate(std::int64_t nbytes, Device device, AllocatorKind allocator,
                                               bool zeroFill);

    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer();

    BufferId id() const { return m_id; }
    std::byte* data() const { return m_data; }
    // The address users see; 0 for torch's empty allocations, as c10 returns nullptr for 0 bytes.
    std::uintptr_t address() const { return reinterpret_cast<std::uintptr_t>(m_data); }
    std::int64_t nbytes() const { return m_nbytes; }
    Device device() const { return m_device; }
    AllocatorKind allocator() const { return m_allocator; }

private:
    Buffer(BufferId id, std::byte* data, std::int64_t nbytes, std::int64_t reserved, Device device,
           AllocatorKind allocator);

    BufferId m_id;
    std::byte* m_data;
    std::int64_t m_nbytes;
    std::int64_t m_reservedBytes;  // what was counted against the budget
    Device m_device;
    AllocatorKind m_allocator;
};

using BufferPtr = std::shared_ptr<Buffer>;

// Bounds what scripts may allocate in total, so a hostile `torch.zeros(10**12)` is an error, not the OOM
// killer. The cap is process-wide; sessions set it before running a script.
class MemoryBudget {
public:
    // 2 GiB, or half the machine's physical memory if that is less.
    static std::int64_t defaultCapBytes();
    static std::int64_t capBytes();
    static void setCapBytes(std::int64_t bytes);
    static std::int64_t liveBytes();
};

// torch's allocation failure text: "[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: ...".
std::string torchAllocationFailureMessage(std::int64_t nbytes);

}  // namespace av::engine
