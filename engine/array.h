#pragma once
// An Array is one view onto memory: a torch.Tensor or a numpy.ndarray. As in c10's TensorImpl, it is
// "a storage plus metadata describing this particular view": dtype, sizes, strides, offset, device, and
// each library's own bits (autograd state for torch, base and flags for NumPy).

#include "dtype.h"
#include "shape.h"
#include "storage.h"

#include <cstdint>
#include <memory>
#include <string>

namespace av::engine {

class Array;
using ArrayPtr = std::shared_ptr<Array>;

struct ArrayId {
    std::uint64_t value = 0;
    friend auto operator<=>(const ArrayId&, const ArrayId&) = default;
};

// NOTE [ Version Counter Sharing ]
// As in PyTorch, a tensor and its views (and its detach()) share one counter, bumped once by every in-place
// op through any of them; `.data` and torch.from_numpy start a fresh one. NumPy knows nothing of it, so
// writes through an ndarray never bump it.
struct VersionCounter {
    std::int64_t value = 0;
};

// How a torch view was made (torch's CreationMeta), which decides whether it, its base or another view of
// its base may later be written in place while grad mode is on.
enum class ViewCreation : std::uint8_t {
    Default,          // made with grad mode on by a single-output view op
    NoGradMode,       // made under torch.no_grad()
    MultiOutputNode,  // one output of split / chunk / unbind
};

// NOTE [ Why strides are in elements ]
// PyTorch's strides are in elements and NumPy's in bytes. Keeping elements here lets one iteration and one
// cell -> element map serve both; NumPy's byte strides are stride * itemsize. The element's byte position
// is kept separately (byteOffset), because NumPy may start a view at any byte, e.g. a float64 view of a
// float32 array that begins at its second element.
struct ArrayInit {
    Flavour flavour = Flavour::Torch;
    DType dtype = DType::Float32;
    Shape sizes;
    Strides strides;
    StoragePtr storage;
    std::int64_t byteOffset = 0;  // of element [0, ..., 0] from the storage's first byte
};

class Array {
public:
    // Checks the view invariants: as many strides as sizes, no negative size, every reachable element
    // inside the storage, and (for torch) an offset that is a whole number of elements.
    static ArrayPtr make(ArrayInit init);

    Array(const Array&) = delete;
    Array& operator=(const Array&) = delete;

    ArrayId id() const { return m_id; }
    Flavour flavour() const { return m_flavour; }
    bool isTensor() const { return m_flavour == Flavour::Torch; }
    bool isNdarray() const { return m_flavour == Flavour::Numpy; }
    DType dtype() const { return m_dtype; }
    std::int64_t itemsize() const { return itemSize(m_dtype); }

    const Shape& sizes() const { return m_sizes; }
    const Strides& strides() const { return m_strides; }  // in elements
    Strides byteStrides() const;                          // NumPy's .strides
    std::int64_t dim() const { return static_cast<std::int64_t>(m_sizes.size()); }
    std::int64_t size(std::int64_t dim) const { return m_sizes[static_cast<std::size_t>(dim)]; }
    std::int64_t stride(std::int64_t dim) const { return m_strides[static_cast<std::size_t>(dim)]; }
    std::int64_t numel() const { return m_numel; }
    std::int64_t nbytes() const { return m_numel * itemsize(); }

    const StoragePtr& storage() const { return m_storage; }
    const BufferPtr& buffer() const { return m_storage->buffer(); }
    Device device() const { return m_storage->device(); }
    // Bytes from the storage's start to element [0, ..., 0].
    std::int64_t byteOffset() const { return m_byteOffset; }
    // torch's storage_offset(), in elements.
    std::int64_t storageOffset() const { return m_byteOffset / itemsize(); }
    // Bytes from the buffer's start to element [0, ..., 0].
    std::int64_t bufferByteOffset() const { return m_storage->byteOffset() + m_byteOffset; }
    std::byte* data() const;
    // What data_ptr() / ctypes.data print: the address of element [0, ..., 0] (0 for torch's empty tensors).
    std::uintptr_t dataPtr() const { return reinterpret_cast<std::uintptr_t>(data()); }

    // Byte offset from the buffer's start of the element at this index (one entry per dim, in range).
    std::int64_t bufferByteOffsetOf(IntSpan index) const;
    // The lowest and one-past-highest buffer byte this view can touch; equal when it has no elements.
    std::int64_t extentBegin() const { return m_extentBegin; }
    std::int64_t extentEnd() const { return m_extentEnd; }

    // Contiguity as both libraries define it: dims of size 1 do not count, and empty arrays are both.
    bool isContiguous() const;
    bool isFContiguous() const;
    // c10's is_non_overlapping_and_dense: some permutation of the dims is contiguous.
    bool isNonOverlappingAndDense() const;
    // Some element is reachable through two indices (a stride-0 dim of size > 1, or worse); exact.
    bool hasInternalOverlap() const;

    // --- torch: autograd and versions (the rules are torch's; they live in autograd.cpp) ---------------
    // requires_grad as torch reports it: the tensor's own flag, a grad_fn, or, for a view, its base's
    // requires_grad (which is why a view made under no_grad of such a base reports True). Defined in
    // autograd.cpp.
    bool requiresGrad() const;
    // The flag requires_grad_() sets (torch's AutogradMeta::requires_grad_).
    bool ownRequiresGrad() const { return m_requiresGrad; }
    void setRequiresGrad(bool value) { m_requiresGrad = value; }
    // The class name of t.grad_fn ("AddBackward0"); empty for none. Reading it is reading t.grad_fn in
    // Python: a view whose memory was written in place since its grad_fn was set gets a regenerated
    // AsStridedBackward0, or raises torch's RuntimeError when the view may not be rebased (made under
    // no_grad, or one output of split/chunk/unbind). Defined in autograd.cpp (NOTE [ View grad_fn regeneration ]).
    const std::string& gradFn() const;
    // The grad_fn as last stored, without regenerating it (what torch's messages name).
    const std::string& storedGradFn() const { return m_gradFn; }
    // Sets grad_fn; for a view also marks it current at this version (torch's set_gradient_edge).
    void setGradFn(std::string name);
    // t.is_leaf: no grad_fn. Reads gradFn(), so it can raise as reading grad_fn does.
    bool isLeaf() const { return gradFn().empty(); }
    // torch's _base: the tensor this one is a view of (always the root, never a view itself).
    const ArrayPtr& viewBase() const { return m_viewBase; }
    void setViewBase(ArrayPtr base) { m_viewBase = std::move(base); }
    bool isView() const { return m_viewBase != nullptr; }
    // torch's CreationMeta of a view and, for one output of a multi-output view op, its output number.
    ViewCreation viewCreation() const { return m_viewCreation; }
    void setViewCreation(ViewCreation creation) { m_viewCreation = creation; }
    std::int64_t outputNumber() const { return m_outputNumber; }
    void setOutputNumber(std::int64_t number) { m_outputNumber = number; }
    // The version at which a view's grad_fn was set or regenerated (torch's attr_version).
    std::int64_t gradFnVersion() const { return m_gradFnVersion; }
    void setGradFnVersion(std::int64_t version) const { m_gradFnVersion = version; }

    std::int64_t version() const { return m_version->value; }
    const std::shared_ptr<VersionCounter>& versionCounter() const { return m_version; }
    void setVersionCounter(std::shared_ptr<VersionCounter> counter) { m_version = std::move(counter); }
    void bumpVersion() { ++m_version->value; }

    // --- NumPy: base chain and flags ----------------------------------------------------------------
    // The object .base returns: an ndarray, the tensor behind .numpy(), or nullptr.
    const ArrayPtr& base() const { return m_base; }
    void setBase(ArrayPtr base) { m_base = std::move(base); }
    bool ownsData() const { return m_ownsData; }
    void setOwnsData(bool value) { m_ownsData = value; }
    bool writeable() const { return m_writeable; }
    void setWriteable(bool value) { m_writeable = value; }
    // A NumPy scalar (np.float32(3.0)) rather than a 0-d array: what reductions and indexing return.
    bool isNumpyScalar() const { return m_numpyScalar; }
    void setNumpyScalar(bool value) { m_numpyScalar = value; }

private:
    explicit Array(ArrayInit init);

    ArrayId m_id;
    Flavour m_flavour;
    DType m_dtype;
    Shape m_sizes;
    Strides m_strides;
    StoragePtr m_storage;     // INVARIANT: never null, also for NumPy (their storage is internal)
    std::int64_t m_byteOffset;
    std::int64_t m_numel;
    std::int64_t m_extentBegin = 0;  // buffer bytes; INVARIANT: within the storage's window
    std::int64_t m_extentEnd = 0;

    bool m_requiresGrad = false;
    mutable std::string m_gradFn;  // mutable: reading a view's grad_fn may regenerate it, as in torch
    mutable std::int64_t m_gradFnVersion = 0;
    ArrayPtr m_viewBase;
    ViewCreation m_viewCreation = ViewCreation::Default;
    std::int64_t m_outputNumber = 0;
    std::shared_ptr<VersionCounter> m_version = std::make_shared<VersionCounter>();

    ArrayPtr m_base;
    bool m_ownsData = false;
    bool m_writeable = true;
    bool m_numpyScalar = false;
};

// The flavour's type name as Python prints it: "Tensor" / "numpy.ndarray" style names live in the
// interpreter; this one is for messages such as "'Tensor' object has no attribute 'x'".
std::string_view flavourTypeName(Flavour flavour);

}  // namespace av::engine
