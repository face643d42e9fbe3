#include "storage.h"

#include "errors.h"

#include <atomic>

namespace av::engine {

namespace {
std::atomic<std::uint64_t> g_nextStorageId{1};
}

Storage::Storage(BufferPtr buffer, std::int64_t byteOffset, std::int64_t nbytes)
    : m_id{g_nextStorageId.fetch_add(1, std::memory_order_relaxed)},
      m_buffer(std::move(buffer)),
      m_byteOffset(byteOffset),
      m_nbytes(nbytes)
{
    AV_INTERNAL_ASSERT(m_buffer != nullptr);
    AV_INTERNAL_ASSERT(byteOffset >= 0 && nbytes >= 0 && byteOffset + nbytes <= m_buffer->nbytes(),
                       "storage window [", byteOffset, ", ", byteOffset + nbytes, ") outside a buffer of ",
                       m_buffer->nbytes(), " bytes");
}

std::shared_ptr<Storage> Storage::wholeBuffer(BufferPtr buffer)
{
    const std::int64_t nbytes = buffer->nbytes();
    return std::make_shared<Storage>(std::move(buffer), 0, nbytes);
}

}  // namespace av::engine
