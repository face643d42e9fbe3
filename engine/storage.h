#pragma once
// torch's Storage (c10::StorageImpl): a window onto a Buffer, usually all of it. torch.from_numpy of a
// NumPy slice makes a window that starts at the slice's first element, which is why such a tensor has
// storage_offset() 0 while its storage().data_ptr() is the slice's address.

#include "buffer.h"

#include <cstdint>
#include <memory>

namespace av::engine {

struct StorageId {
    std::uint64_t value = 0;
    friend auto operator<=>(const StorageId&, const StorageId&) = default;
};

class Storage {
public:
    // INVARIANT: [byteOffset, byteOffset + nbytes) lies within the buffer.
    Storage(BufferPtr buffer, std::int64_t byteOffset, std::int64_t nbytes);

    static std::shared_ptr<Storage> wholeBuffer(BufferPtr buffer);

    StorageId id() const { return m_id; }
    const BufferPtr& buffer() const { return m_buffer; }
    std::int64_t byteOffset() const { return m_byteOffset; }
    std::int64_t nbytes() const { return m_nbytes; }
    std::byte* data() const { return m_buffer->data() ? m_buffer->data() + m_byteOffset : nullptr; }
    std::uintptr_t dataPtr() const { return reinterpret_cast<std::uintptr_t>(data()); }
    Device device() const { return m_buffer->device(); }

private:
    StorageId m_id;
    BufferPtr m_buffer;
    std::int64_t m_byteOffset;
    std::int64_t m_nbytes;
};

using StoragePtr = std::shared_ptr<Storage>;

}  // namespace av::engine
