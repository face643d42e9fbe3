#include "buffer.h"

#include "errors.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace av::engine {

namespace {

constexpr std::int64_t kAlignment = 64;

std::atomic<std::uint64_t> g_nextBufferId{1};
std::atomic<std::int64_t> g_liveBytes{0};
std::atomic<std::int64_t> g_capBytes{MemoryBudget::defaultCapBytes()};

bool reserve(std::int64_t bytes)
{
    const std::int64_t cap = g_capBytes.load(std::memory_order_relaxed);
    std::int64_t live = g_liveBytes.load(std::memory_order_relaxed);
    do {
        if (bytes > cap - live)
            return false;
    } while (!g_liveBytes.compare_exchange_weak(live, live + bytes, std::memory_order_relaxed));
    return true;
}

// NumPy's allocator (npy_alloc_cache) asks Linux for transparent huge pages for any data of 4 MiB or
// more, which makes first touch of a big fresh array several times cheaper (512 times fewer page faults);
// aliasview does the same for both flavours. Addresses and contents are unaffected.
void adviseHugePages(void* data, std::int64_t bytes)
{
#ifdef MADV_HUGEPAGE
    constexpr std::int64_t kHugeAdviceMinBytes = std::int64_t{1} << 22;
    if (bytes < kHugeAdviceMinBytes)
        return;
    const auto pageSize = static_cast<std::uintptr_t>(::sysconf(_SC_PAGE_SIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + pageSize - 1) / pageSize * pageSize;
    const std::uintptr_t last = (begin + static_cast<std::uintptr_t>(bytes)) / pageSize * pageSize;
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advice only: failure is fine
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace

std::shared_ptr<Buffer> Buffer::tryAllocate(std::int64_t nbytes, Device device, AllocatorKind allocator, bool zeroFill)
{
    AV_INTERNAL_ASSERT(nbytes >= 0, "negative allocation of ", nbytes, " bytes");
    AV_INTERNAL_ASSERT(device.isCpu(), "host allocation asked for ", device.str());
    // c10 hands out nullptr for zero bytes; NumPy always allocates at least one element's worth, so its
    // empty arrays still have a real address.
    if (nbytes == 0 && allocator == AllocatorKind::TorchCpu) {
        const BufferId id{g_nextBufferId.fetch_add(1, std::memory_order_relaxed)};
        return std::shared_ptr<Buffer>(new Buffer(id, nullptr, 0, 0, device, allocator));
    }
    if (nbytes > std::numeric_limits<std::int64_t>::max() - kAlignment)
        return nullptr;
    const std::int64_t reserved = std::max<std::int64_t>((nbytes + kAlignment - 1) / kAlignment * kAlignment, kAlignment);
    if (!reserve(reserved))
        return nullptr;
    void* data = std::aligned_alloc(kAlignment, static_cast<std::size_t>(reserved));
    if (!data) {
        g_liveBytes.fetch_sub(reserved, std::memory_order_relaxed);
        return nullptr;
    }
    adviseHugePages(data, reserved);
    if (zeroFill)
        std::memset(data, 0, static_cast<std::size_t>(reserved));
    const BufferId id{g_nextBufferId.fetch_add(1, std::memory_order_relaxed)};
    return std::shared_ptr<Buffer>(
        new Buffer(id, static_cast<std::byte*>(data), nbytes, reserved, device, allocator));
}

Buffer::Buffer(BufferId id, std::byte* data, std::int64_t nbytes, std::int64_t reserved, Device device,
               AllocatorKind allocator)
    : m_id(id), m_data(data), m_nbytes(nbytes), m_reservedBytes(reserved), m_device(device), m_allocator(allocator)
{
}

Buffer::~Buffer()
{
    std::free(m_data);
    g_liveBytes.fetch_sub(m_reservedBytes, std::memory_order_relaxed);
}

std::int64_t MemoryBudget::defaultCapBytes()
{
    constexpr std::int64_t kTwoGiB = std::int64_t{2} << 30;
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return kTwoGiB;
    const std::int64_t halfOfRam = static_cast<std::int64_t>(pages) * pageSize / 2;
    return std::min(kTwoGiB, halfOfRam);
}

std::int64_t MemoryBudget::capBytes() { return g_capBytes.load(std::memory_order_relaxed); }
void MemoryBudget::setCapBytes(std::int64_t bytes) { g_capBytes.store(bytes, std::memory_order_relaxed); }
std::int64_t MemoryBudget::liveBytes() { return g_liveBytes.load(std::memory_order_relaxed); }

std::string torchAllocationFailureMessage(std::int64_t nbytes)
{
    return concat("[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you "
                  "tried to allocate ",
                  nbytes, " bytes. Error code 12 (Cannot allocate memory)");
}

}  // namespace av::engine
