#include "indexing.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "shape.h"
#include "views.h"
#include "warnings.h"
#include "writepath.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace av::engine {

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
const WriteContext kSetItemContext{"setitem"};

// ================================================================================================
// Shared helpers
// ================================================================================================

ArrayPtr rawView(const Array& src, Shape sizes, Strides strides, std::int64_t byteOffset)
{
    return Array::make({src.flavour(), src.dtype(), std::move(sizes), std::move(strides), src.storage(), byteOffset});
}

// What float(x) / int(x) / bool(x) give for a one-element array: the Python number of its element.
Scalar elementAsScalar(const Array& array)
{
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
        const T value = loadElement<T>(array.data());
        if constexpr (std::is_same_v<T, bool>)
            return Scalar(value);
        else if constexpr (kIsFloat<T>)
            return Scalar(static_cast<double>(static_cast<OpMathT<T>>(value)));
        else
            return Scalar(static_cast<std::int64_t>(value));
    });
}


// One element's bytes; fixed-size copies compile to single moves, where a runtime size would call memmove.
inline void copyElement(std::byte* target, const std::byte* source, std::size_t itemsize)
{
    switch (itemsize) {
    case 1: std::memmove(target, source, 1); break;
    case 2: std::memmove(target, source, 2); break;
    case 4: std::memmove(target, source, 4); break;
    default: std::memmove(target, source, 8); break;
    }
}

bool isIntegerType(DType dtype) { return isIntegral(dtype, /*includeBool=*/false); }

// A fresh array of the given flavour with these element strides (a permutation of a dense layout).
ArrayPtr freshWithStrides(Flavour flavour, DType dtype, Shape sizes, Strides strides)
{
    if (flavour == Flavour::Numpy)
        return freshNumpyArray(dtype, std::move(sizes), std::move(strides));
    ArrayPtr block = allocateArray(Flavour::Torch, dtype, {numelOf(sizes)}, Device::cpu(), /*zeroFill=*/false);
    return Array::make({Flavour::Torch, dtype, std::move(sizes), std::move(strides), block->storage(), 0});
}

bool rowMajorContiguous(IntSpan sizes, IntSpan strides)
{
    std::int64_t expected = 1;
    for (std::size_t k = sizes.size(); k-- > 0;) {
        if (sizes[k] == 0)
            return true;
        if (sizes[k] == 1)
            continue;
        if (strides[k] != expected)
            return false;
        expected *= sizes[k];
    }
    return true;
}

// Stores single elements scattered over an existing array, recording them exactly as writeElements
// records strided runs (writepath.h), and bumping torch's version counter once at the end.
class ScatterWriter {
public:
    explicit ScatterWriter(Array& dst)
        : m_dst(dst), m_itemsize(static_cast<std::size_t>(dst.itemsize())), m_recorder(activeRecorder())
    {
    }

    void store(std::byte* target, const std::byte* source)
    {
        if (!m_recorder) {
            copyElement(target, source, m_itemsize);
            return;
        }
        if (!m_record)
            m_record = &m_recorder->begin(m_dst.buffer()->id(), std::string(kSetItemContext.op), m_dst.dtype());
        std::byte old[8];
        copyElement(old, target, m_itemsize);
        copyElement(target, source, m_itemsize);
        detail::recordChunk(*m_record, m_dst.buffer()->data(), target, static_cast<std::int64_t>(m_itemsize), 1,
                            static_cast<std::int64_t>(m_itemsize), old);
    }

    void finish()
    {
        if (m_dst.isTensor())
            m_dst.bumpVersion();
    }

private:
    Array& m_dst;
    std::size_t m_itemsize;
    ChangeRecorder* m_recorder;
    WriteRecord* m_record = nullptr;
};

// Walks every element of `shape`, dims visited innermost-first as `order` lists them, calling
// body(offsets) with each operand's byte offset.
template <typename Body>
void walkElements(IntSpan shape, const std::vector<std::size_t>& order, const std::vector<Strides>& byteStrides,
                  Body&& body)
{
    if (numelOf(shape) == 0)
        return;
    const std::size_t nops = byteStrides.size();
    std::vector<std::int64_t> offsets(nops, 0);
    std::vector<std::int64_t> counter(shape.size(), 0);
    while (true) {
        body(offsets.data());
        std::size_t level = 0;
        for (; level < order.size(); ++level) {
            const std::size_t d = order[level];
            if (++counter[d] < shape[d]) {
                for (std::size_t k = 0; k < nops; ++k)
                    offsets[k] += byteStrides[k][d];
                break;
            }
            counter[d] = 0;
            for (std::size_t k = 0; k < nops; ++k)
                offsets[k] -= (shape[d] - 1) * byteStrides[k][d];
        }
        if (level == order.size())
            return;
    }
}

std::vector<std::size_t> rowMajorOrder(std::size_t ndim)
{
    std::vector<std::size_t> order(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        order[i] = ndim - 1 - i;
    return order;
}

// Element strides of an operand broadcast (right-aligned) to `shape`, 0 where it is broadcast.
Strides broadcastStrides(IntSpan shape, IntSpan sizes, IntSpan strides)
{
    Strides out(shape.size(), 0);
    const std::size_t lead = shape.size() - sizes.size();
    for (std::size_t d = 0; d < sizes.size(); ++d)
        out[lead + d] = sizes[d] == 1 && shape[lead + d] != 1 ? 0 : strides[d];
    return out;
}

Strides timesItemsize(Strides strides, std::int64_t itemsize)
{
    for (std::int64_t& s : strides)
        s *= itemsize;
    return strides;
}

// The element indices, in C order, of the true elements of a mask: one int64 array per mask dim, as
// index.nonzero() columns / np.nonzero give them.
std::vector<ArrayPtr> nonzeroColumns(const Array& mask, Flavour flavour)
{
    const std::size_t k = static_cast<std::size_t>(mask.dim());
    AV_INTERNAL_ASSERT(k > 0 && mask.itemsize() == 1, "a mask has dims and one-byte elements");
    // Masks are bool or uint8, nonzero meaning true. One pass counts, a second fills the (count, k) table.
    const Strides strides = mask.byteStrides();
    const std::byte* base = mask.data();
    const std::int64_t n = mask.numel();
    const auto walk = [&](auto&& visit) {
        std::vector<std::int64_t> index(k, 0);
        std::int64_t offset = 0;
        for (std::int64_t flat = 0; flat < n; ++flat) {
            if (base[offset] != std::byte{0})
                visit(index);
            for (std::size_t d = k; d-- > 0;) {
                if (++index[d] < mask.size(static_cast<std::int64_t>(d))) {
                    offset += strides[d];
                    break;
                }
                offset -= (index[d] - 1) * strides[d];
                index[d] = 0;
            }
        }
    };
    std::int64_t count = 0;
    walk([&](const std::vector<std::int64_t>&) { ++count; });
    ArrayPtr table = allocateArray(flavour, DType::Int64, {count, static_cast<std::int64_t>(k)}, Device::cpu(), false);
    std::int64_t* out = reinterpret_cast<std::int64_t*>(table->data());
    walk([&](const std::vector<std::int64_t>& index) {
        for (const std::int64_t i : index)
            *out++ = i;
    });
    std::vector<ArrayPtr> columns;
    for (std::size_t d = 0; d < k; ++d)
        columns.push_back(rawView(*table, {count}, {static_cast<std::int64_t>(k)}, static_cast<std::int64_t>(d) * 8));
    return columns;
}

// c10's get_overlap_status.
enum class Overlap { No, Full, Partial, TooHard };

Overlap overlapStatus(const Array& a, const Array& b)
{
    if (&a == &b)
        return Overlap::Full;
    if (a.numel() == 0 || b.numel() == 0)
        return Overlap::No;
    if (!a.isNonOverlappingAndDense() || !b.isNonOverlappingAndDense())
        return Overlap::TooHard;
    if (a.storage() == b.storage()) {
        const std::int64_t aBegin = a.bufferByteOffset(), aEnd = aBegin + a.nbytes();
        const std::int64_t bBegin = b.bufferByteOffset(), bEnd = bBegin + b.nbytes();
        if (aBegin == bBegin && aEnd == bEnd)
            return a.strides() == b.strides() ? Overlap::Full : Overlap::Partial;
        if (aBegin < bEnd && bBegin < aEnd)
            return Overlap::Partial;
    }
    return Overlap::No;
}

bool hasInternalOverlapYes(const Array& a)
{
    if (a.isNonOverlappingAndDense())
        return false;
    for (std::int64_t d = 0; d < a.dim(); ++d)
        if (a.stride(d) == 0 && a.size(d) > 1)
            return true;
    return false;
}

// Whether two arrays may touch a common byte (NumPy copies an assigned value first when they may).
bool mayShareMemory(const Array& a, const Array& b)
{
    return a.buffer() == b.buffer() && a.numel() > 0 && b.numel() > 0 && a.extentBegin() < b.extentEnd() &&
           b.extentBegin() < a.extentEnd();
}

const char* kOverlapMessage = "unsupported operation: some elements of the input tensor and the written-to tensor "
                              "refer to a single memory location. Please clone() the tensor before performing the "
                              "operation.";
const char* kInternalOverlapMessage = "unsupported operation: more than one element of the written-to tensor refers "
                                      "to a single memory location. Please clone() the tensor before performing the "
                                      "operation.";

// ================================================================================================
// torch: python_variable_indexing.cpp / TensorIndexing.h / TensorAdvancedIndexing.cpp (1.13)
// ================================================================================================

std::string numpyScalarTypeName(DType dtype)
{
    return dtype == DType::Bool ? std::string("numpy.bool_") : concat("numpy.", numpyName(dtype));
}

// ATen's slice().
ArrayPtr atenSlice(const ArrayPtr& self, std::int64_t dim, std::int64_t start, std::int64_t end, std::int64_t step)
{
    AV_CHECK(self->dim() != 0, indexError, "slice() cannot be applied to a 0-dim tensor.");
    const std::int64_t d = wrapDimTorch(dim, self->dim());
    const std::int64_t size = self->size(d);
    AV_CHECK(step > 0, runtimeError, "slice step must be positive");
    if (start == kInt64Max)
        start = 0;
    if (start < 0)
        start += size;
    if (end < 0)
        end += size;
    if (start < 0)
        start = 0;
    else if (start >= size)
        start = size;
    if (end < start)
        end = start;
    else if (end >= size)
        end = size;
    const std::int64_t length = end - start;
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    sizes[static_cast<std::size_t>(d)] = length == 0 ? 0 : (length - 1) / step + 1;
    strides[static_cast<std::size_t>(d)] *= step;
    return deriveView(self, std::move(sizes), std::move(strides), start * self->stride(d), "SliceBackward0");
}

// impl::applySlice with the Python slice unpacked as torch unpacks it.
ArrayPtr torchApplySlice(const ArrayPtr& self, std::int64_t dim, const Slice& slice, bool disableOptimization)
{
    const std::int64_t step = slice.step.value_or(1);
    AV_CHECK(step != 0, valueError, "slice step cannot be zero");
    const std::int64_t start = slice.start ? *slice.start : (step < 0 ? kInt64Max : 0);
    const std::int64_t stop = slice.stop ? *slice.stop : (step < 0 ? kInt64Min : kInt64Max);
    AV_CHECK(step > 0, valueError, "step must be greater than zero");
    // A slice spelled to cover the whole dim exactly (0:n) returns self; `:` does not, its stop being maxsize.
    if (!disableOptimization && dim < self->dim() && start == 0 && stop == self->size(dim) && step == 1)
        return self;
    return atenSlice(self, dim, start, stop, step);
}

// impl::applySelect: realDim is the item's position in the index, which is what the message names.
ArrayPtr torchApplySelect(const ArrayPtr& self, std::int64_t dim, std::int64_t index, std::int64_t realDim)
{
    AV_CHECK(!(index == 0 && dim == 0 && self->dim() == 0), indexError,
             "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert "
             "a 0-dim tensor to a number");
    const std::int64_t size = dim < self->dim() ? self->size(dim) : 0;
    AV_CHECK(index >= -size && index < size, indexError, "index ", index, " is out of bounds for dimension ", realDim,
             " with size ", size);
    return select(self, dim, index);
}

// impl::boolToIndexingTensor: True indexes the new dim as [0], False as [].
ArrayPtr boolIndexingTensor(bool value)
{
    ArrayPtr out = allocateArray(Flavour::Torch, DType::Int64, {value ? 1 : 0});
    return out;
}

// An array item as torch sees it: a tensor, or torch.tensor(ndarray).
ArrayPtr asTorchIndexTensor(const ArrayPtr& item)
{
    if (item->isTensor())
        return item;
    return contiguousCopy(*item, Flavour::Torch, item->dtype());
}

struct TorchSliced {
    ArrayPtr result;
    std::vector<ArrayPtr> indices;  // by dim of result; nullptr where that dim is not advanced-indexed
};

void recordTensorIndex(TorchSliced& sliced, std::int64_t& dim, ArrayPtr index)
{
    sliced.indices.resize(static_cast<std::size_t>(dim + 1));
    sliced.indices[static_cast<std::size_t>(dim)] = std::move(index);
    ++dim;
}

// applySlicing: basic indices applied as views, advanced ones collected.
TorchSliced torchApplySlicing(const ArrayPtr& self, std::span<const IndexItem> index, bool disableOptimization)
{
    std::int64_t specified = 0;
    for (const IndexItem& item : index) {
        if (const ArrayPtr* array = std::get_if<ArrayPtr>(&item)) {
            const Array& a = **array;
            // Only tensors are counted by their dims; NumPy arrays count as one index.
            if (a.isTensor() && (a.dtype() == DType::UInt8 || a.dtype() == DType::Bool))
                specified += a.dim();
            else
                ++specified;
        } else if (std::holds_alternative<std::int64_t>(item) || std::holds_alternative<Slice>(item)) {
            ++specified;
        }
    }
    AV_CHECK(specified <= self->dim(), indexError, "too many indices for tensor of dimension ", self->dim());

    TorchSliced sliced{self, {}};
    std::int64_t dim = 0;
    for (std::size_t i = 0; i < index.size(); ++i) {
        const std::int64_t realDim = static_cast<std::int64_t>(i);
        const IndexItem& item = index[i];
        if (const std::int64_t* integer = std::get_if<std::int64_t>(&item)) {
            sliced.result = torchApplySelect(sliced.result, dim, *integer, realDim);
        } else if (const Slice* slice = std::get_if<Slice>(&item)) {
            sliced.result = torchApplySlice(sliced.result, dim, *slice, disableOptimization);
            ++dim;
        } else if (std::holds_alternative<IndexEllipsis>(item)) {
            dim += self->dim() - specified;
        } else if (std::holds_alternative<IndexNone>(item)) {
            sliced.result = unsqueeze(sliced.result, dim);
            ++dim;
        } else if (const bool* boolean = std::get_if<bool>(&item)) {
            sliced.result = unsqueeze(sliced.result, dim);
            recordTensorIndex(sliced, dim, boolIndexingTensor(*boolean));
        } else {
            const ArrayPtr& array = std::get<ArrayPtr>(item);
            if (array->isNumpyScalar()) {
                // np.int64 passes as an int, np.bool_ too (with NumPy's deprecation of its __index__);
                // other NumPy scalars are no valid index.
                if (array->dtype() == DType::Bool)
                    warn("DeprecationWarning", "In future, it will be an error for 'np.bool_' scalars to be interpreted as an index");
                AV_CHECK(isIntegral(array->dtype(), /*includeBool=*/true), indexError,
                         "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid "
                         "indices (got ",
                         numpyScalarTypeName(array->dtype()), ")");
                sliced.result = torchApplySelect(sliced.result, dim, elementAsScalar(*array).toInt(), realDim);
                continue;
            }
            ArrayPtr tensor = asTorchIndexTensor(array);
            if (tensor->dim() == 0 && isIntegral(tensor->dtype(), /*includeBool=*/true)) {
                const std::int64_t value = elementAsScalar(*tensor).toInt();
                if (tensor->dtype() != DType::UInt8 && tensor->dtype() != DType::Bool) {
                    sliced.result = torchApplySelect(sliced.result, dim, value, realDim);
                } else {
                    sliced.result = unsqueeze(sliced.result, dim);
                    recordTensorIndex(sliced, dim, boolIndexingTensor(value != 0));
                }
            } else {
                recordTensorIndex(sliced, dim, std::move(tensor));
            }
        }
    }
    return sliced;
}

// AdvancedIndex: the source restrided so that the indexed dims become the replacement shape with
// stride 0, and the index tensors reshaped to broadcast against it.
struct TorchAdvancedIndex {
    ArrayPtr src;  // self, possibly with the indexed dims transposed to the front
    Shape shape;   // the restrided source's shape, which is the result's
    Strides srcStrides;  // restrided, in elements
    std::vector<ArrayPtr> indices;  // int64, reshaped to broadcast against `shape`
    Shape indexedSizes;
    Strides indexedStrides;  // elements
};

TorchAdvancedIndex makeTorchAdvancedIndex(const ArrayPtr& self, const std::vector<ArrayPtr>& rawIndices)
{
    for (const ArrayPtr& index : rawIndices) {
        if (index && index->dtype() != DType::Int64 && index->dtype() != DType::UInt8 && index->dtype() != DType::Bool)
            throw indexError("tensors used as indices must be long, byte or bool tensors");
    }
    // expandTensors: masks become the long tensors of their nonzero() columns.
    std::vector<ArrayPtr> indices;
    for (const ArrayPtr& index : rawIndices) {
        if (!index) {
            indices.push_back(nullptr);
            continue;
        }
        if (index->dtype() != DType::UInt8 && index->dtype() != DType::Bool) {
            indices.push_back(index);
            continue;
        }
        if (index->dtype() == DType::UInt8)
            warn("UserWarning", "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool "
                                "instead. (Triggered internally at  ./aten/src/ATen/native/IndexingUtils.h:27.)");
        for (std::int64_t j = 0; j < index->dim(); ++j) {
            const std::int64_t srcIdx = static_cast<std::int64_t>(indices.size()) + j;
            const std::int64_t srcSize = self->size(wrapDimTorch(srcIdx, self->dim()));
            AV_CHECK(index->size(j) == srcSize, indexError, "The shape of the mask ", formatList(index->sizes()),
                     " at index ", j, " does not match the shape of the indexed tensor ", formatList(self->sizes()),
                     " at index ", srcIdx);
        }
        for (ArrayPtr& column : nonzeroColumns(*index, Flavour::Torch))
            indices.push_back(std::move(column));
    }
    // Broadcast them together.
    Shape common;
    bool first = true, broadcastOk = true;
    for (const ArrayPtr& index : indices) {
        if (!index)
            continue;
        if (first) {
            common = index->sizes();
            first = false;
            continue;
        }
        Shape next;
        broadcastOk = broadcastOk && broadcastShapes(common, index->sizes(), next);
        if (broadcastOk)
            common = next;
    }
    if (!broadcastOk) {
        std::string shapes;
        for (const ArrayPtr& index : indices) {
            if (!index)
                continue;
            shapes += (shapes.empty() ? "" : ", ") + formatList(index->sizes());
        }
        throw indexError(concat("shape mismatch: indexing tensors could not be broadcast together with shapes ", shapes));
    }
    for (ArrayPtr& index : indices) {
        if (index)
            index = rawView(*index, common, broadcastStrides(common, index->sizes(), index->strides()), index->byteOffset());
    }
    while (static_cast<std::int64_t>(indices.size()) < self->dim())
        indices.push_back(nullptr);

    // hasContiguousSubspace, else transposeToFront.
    ArrayPtr src = self;
    const auto firstDefined = std::find_if(indices.begin(), indices.end(), [](const ArrayPtr& p) { return p != nullptr; });
    const auto lastDefined = std::find_if(indices.rbegin(), indices.rend(), [](const ArrayPtr& p) { return p != nullptr; });
    if (std::find(firstDefined, lastDefined.base(), nullptr) != lastDefined.base()) {
        Shape sizes;
        Strides strides;
        std::vector<ArrayPtr> reordered;
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t d = 0; d < indices.size(); ++d) {
                if ((indices[d] != nullptr) == (pass == 0)) {
                    sizes.push_back(self->size(static_cast<std::int64_t>(d)));
                    strides.push_back(self->stride(static_cast<std::int64_t>(d)));
                    reordered.push_back(indices[d]);
                }
            }
        }
        src = rawView(*self, std::move(sizes), std::move(strides), self->byteOffset());
        indices = std::move(reordered);
    }

    TorchAdvancedIndex info;
    info.src = src;
    std::int64_t dimsBefore = 0, dimsAfter = 0, dimsIndexed = 0;
    for (std::size_t d = 0; d < indices.size(); ++d) {
        if (!indices[d]) {
            (dimsIndexed == 0 ? dimsBefore : dimsAfter) += 1;
        } else {
            ++dimsIndexed;
            info.indexedSizes.push_back(src->size(static_cast<std::int64_t>(d)));
            info.indexedStrides.push_back(src->stride(static_cast<std::int64_t>(d)));
        }
    }
    const bool indexedEmpty = std::find(info.indexedSizes.begin(), info.indexedSizes.end(), 0) != info.indexedSizes.end();
    AV_CHECK(!indexedEmpty || std::find(common.begin(), common.end(), 0) != common.end(), indexError,
             "index is out of bounds for dimension with size 0");

    // restride_src
    for (std::int64_t d = 0; d < dimsBefore; ++d) {
        info.shape.push_back(src->size(d));
        info.srcStrides.push_back(src->stride(d));
    }
    for (const std::int64_t size : common) {
        info.shape.push_back(size);
        info.srcStrides.push_back(0);
    }
    for (std::int64_t d = dimsBefore + dimsIndexed; d < src->dim(); ++d) {
        info.shape.push_back(src->size(d));
        info.srcStrides.push_back(src->stride(d));
    }
    // reshape_indexer
    Shape indexerShape(static_cast<std::size_t>(dimsBefore), 1);
    indexerShape.insert(indexerShape.end(), common.begin(), common.end());
    indexerShape.insert(indexerShape.end(), static_cast<std::size_t>(dimsAfter), 1);
    for (const ArrayPtr& index : indices) {
        if (!index)
            continue;
        Strides strides;
        AV_INTERNAL_ASSERT(computeViewStrides(index->sizes(), index->strides(), indexerShape, strides));
        info.indices.push_back(rawView(*index, indexerShape, std::move(strides), index->byteOffset()));
    }
    return info;
}

// TensorIterator's operand strides in bytes over the iteration shape (compute_strides).
Strides iteratorStrides(IntSpan shape, const Array& op)
{
    Strides out(shape.size(), 0);
    const std::size_t lead = shape.size() - static_cast<std::size_t>(op.dim());
    for (std::size_t d = 0; d < static_cast<std::size_t>(op.dim()); ++d) {
        const std::int64_t size = op.size(static_cast<std::int64_t>(d));
        out[lead + d] = size == 1 && shape[lead + d] != 1 ? 0 : op.stride(static_cast<std::int64_t>(d)) * op.itemsize();
    }
    return out;
}

// TensorIterator::reorder_dimensions: dims innermost first, by the operands' strides in turn.
std::vector<std::size_t> torchIterationOrder(IntSpan shape, const std::vector<Strides>& ops)
{
    const std::size_t n = shape.size();
    std::vector<std::size_t> perm = rowMajorOrder(n);
    if (n <= 1)
        return perm;
    const auto shouldSwap = [&](std::size_t dim0, std::size_t dim1) {
        for (const Strides& strides : ops) {
            const std::int64_t s0 = strides[dim0], s1 = strides[dim1];
            if (s0 == 0 || s1 == 0)
                continue;
            if (s0 < s1)
                return -1;
            if (s0 > s1)
                return 1;
            if (shape[dim0] > shape[dim1])
                return 1;
        }
        return 0;
    };
    reorderDimensions(perm, shouldSwap);
    return perm;
}

// How TensorIterator would walk `ops` (the defined operands, an output it writes first), and the strides
// it gives an output it allocates: fast setup when all operands share shape and layout (channels-last
// fast setup is not modelled), else its dim reordering.
struct TorchIteration {
    std::vector<std::size_t> order;  // innermost first
    Strides outputStrides;           // elements
};

TorchIteration torchIteration(IntSpan shape, const std::vector<const Array*>& ops)
{
    TorchIteration it;
    bool sameShape = true, contiguous = true, dense = true, sameStrides = true;
    for (const Array* op : ops) {
        sameShape = sameShape && std::equal(op->sizes().begin(), op->sizes().end(), shape.begin(), shape.end());
        contiguous = contiguous && rowMajorContiguous(op->sizes(), op->strides());
        dense = dense && op->isNonOverlappingAndDense();
        sameStrides = sameStrides && op->strides() == ops.front()->strides();
    }
    if (sameShape && contiguous) {
        it.order = rowMajorOrder(shape.size());
        it.outputStrides = contiguousStrides(shape);
        return it;
    }
    if (sameShape && dense && sameStrides) {
        const Strides& strides = ops.front()->strides();
        it.order = rowMajorOrder(shape.size());
        std::stable_sort(it.order.begin(), it.order.end(), [&](std::size_t a, std::size_t b) { return strides[a] < strides[b]; });
        it.outputStrides = strides;
        return it;
    }
    std::vector<Strides> byteStrides;
    for (const Array* op : ops)
        byteStrides.push_back(iteratorStrides(shape, *op));
    it.order = torchIterationOrder(shape, byteStrides);
    if (it.order == rowMajorOrder(shape.size())) {
        it.outputStrides = contiguousStrides(shape);
    } else {
        it.outputStrides.assign(shape.size(), 0);
        std::int64_t stride = 1;
        for (const std::size_t d : it.order) {
            it.outputStrides[d] = stride;
            stride *= shape[d];
        }
    }
    return it;
}

// index(): the advanced-indexing read.
ArrayPtr torchIndex(const ArrayPtr& sliced, const std::vector<ArrayPtr>& indices)
{
    AV_CHECK(static_cast<std::int64_t>(indices.size()) <= sliced->dim(), indexError,
             "too many indices for tensor of dimension ", sliced->dim(), " (got ", indices.size(), ")");
    const TorchAdvancedIndex info = makeTorchAdvancedIndex(sliced, indices);
    const ArrayPtr restrided = rawView(*info.src, info.shape, info.srcStrides, info.src->byteOffset());
    std::vector<const Array*> ops{restrided.get()};
    for (const ArrayPtr& index : info.indices)
        ops.push_back(index.get());
    const TorchIteration iteration = torchIteration(info.shape, ops);
    ArrayPtr out = freshWithStrides(Flavour::Torch, sliced->dtype(), info.shape, iteration.outputStrides);

    std::vector<Strides> strides{timesItemsize(out->strides(), out->itemsize()), iteratorStrides(info.shape, *restrided)};
    for (const ArrayPtr& index : info.indices)
        strides.push_back(iteratorStrides(info.shape, *index));
    std::byte* outData = out->data();
    const std::byte* srcData = restrided->data();
    std::vector<const std::byte*> indexData;
    for (const ArrayPtr& index : info.indices)
        indexData.push_back(index->data());
    const std::size_t itemsize = static_cast<std::size_t>(out->itemsize());
    walkElements(info.shape, iteration.order, strides, [&](const std::int64_t* offsets) {
        std::int64_t srcOffset = offsets[1];
        for (std::size_t k = 0; k < indexData.size(); ++k) {
            std::int64_t value = loadElement<std::int64_t>(indexData[k] + offsets[2 + k]);
            const std::int64_t size = info.indexedSizes[k];
            AV_CHECK(value >= -size && value < size, indexError, "index ", value, " is out of bounds for dimension ", k,
                     " with size ", size);
            if (value < 0)
                value += size;
            srcOffset += value * info.indexedStrides[k] * static_cast<std::int64_t>(itemsize);
        }
        copyElement(outData + offsets[0], srcData + srcOffset, itemsize);
    });
    recordOp(*out, "IndexBackward0", {sliced.get()});
    return out;
}

ArrayPtr torchGetItem(const ArrayPtr& self, std::span<const IndexItem> index, bool tupleIndex)
{
    if (!tupleIndex && index.size() == 1 && !std::holds_alternative<ArrayPtr>(index[0])) {
        const IndexItem& item = index[0];
        if (const std::int64_t* integer = std::get_if<std::int64_t>(&item))
            return torchApplySelect(self, 0, *integer, 0);
        if (const Slice* slice = std::get_if<Slice>(&item))
            return torchApplySlice(self, 0, *slice, /*disableOptimization=*/true);
        if (std::holds_alternative<IndexNone>(item))
            return unsqueeze(self, 0);
        if (std::holds_alternative<IndexEllipsis>(item))
            return alias(self);
        const ArrayPtr unsqueezed = unsqueeze(self, 0);
        return torchIndex(unsqueezed, {boolIndexingTensor(std::get<bool>(item))});
    }
    TorchSliced sliced = torchApplySlicing(self, index, /*disableOptimization=*/false);
    if (sliced.indices.empty())
        return sliced.result == self ? alias(self) : sliced.result;
    return torchIndex(sliced.result, sliced.indices);
}

// --- torch setitem ---------------------------------------------------------------------------

// valueToTensor: a Python number becomes a 0-d tensor of self's dtype (checked for overflow, as fill_
// checks it); tensors are used as they are; anything else is refused.
ArrayPtr torchValueTensor(const Array& self, const Value& value)
{
    std::optional<Scalar> number;
    if (const Scalar* scalar = std::get_if<Scalar>(&value)) {
        number = *scalar;
    } else {
        const ArrayPtr& array = std::get<ArrayPtr>(value);
        if (array->isTensor())
            return array;
        // NumPy scalars that are Python ints or floats underneath (np.int32 ..., np.float64) pass.
        const bool passes = array->isNumpyScalar() && (isIntegerType(array->dtype()) || array->dtype() == DType::Float64);
        AV_CHECK(passes, typeError, "can't assign a ",
                 array->isNumpyScalar() ? numpyScalarTypeName(array->dtype()) : std::string("numpy.ndarray"), " to a ",
                 legacyTensorTypeName(self.dtype()));
        number = elementAsScalar(*array);
    }
    ArrayPtr tensor = allocateArray(Flavour::Torch, self.dtype(), {});
    storeScalar(tensor->data(), self.dtype(), *number, Flavour::Torch);
    return tensor;
}

// slicePrefix1sSize: the value without its leading size-1 dims.
ArrayPtr withoutLeadingOnes(const ArrayPtr& value)
{
    std::int64_t first = 0;
    while (first < value->dim() && value->size(first) == 1)
        ++first;
    if (first == 0)
        return value;
    Shape sizes(value->sizes().begin() + first, value->sizes().end());
    Strides strides(value->strides().begin() + first, value->strides().end());
    return rawView(*value, std::move(sizes), std::move(strides), value->byteOffset());
}

// After an in-place write through `written` (self or a view of it): the written tensor and the root get
// their grad_fn as in PyTorch; self, when it is a view, regenerates its own when next read, as every view
// of the root does (autograd.cpp).
void recordSetItem(Array& written, std::string_view gradFn, bool valueRequiresGrad)
{
    recordInplaceOp(written, gradFn, valueRequiresGrad);
}

// dst.copy_(src) for setitem.
void torchCopy(const ArrayPtr& dst, const ArrayPtr& src)
{
    checkInplaceAutograd(*dst, src->requiresGrad());
    const bool sameData = dst == src || (dst->storage() == src->storage() && dst->byteOffset() == src->byteOffset() &&
                                         dst->strides() == src->strides() && dst->sizes() == src->sizes() &&
                                         dst->dtype() == src->dtype());
    if (sameData) {
        dst->bumpVersion();  // copy_ returns early, but the in-place op still counts
    } else {
        AV_CHECK(!hasInternalOverlapYes(*dst), runtimeError, kInternalOverlapMessage);
        AV_CHECK(overlapStatus(*dst, *src) != Overlap::Partial, runtimeError, kOverlapMessage);
        copyIntoExisting(*dst, *src, kSetItemContext);
    }
    recordSetItem(*dst, "CopyBackwards", src->requiresGrad());
}

// impl::copy_to: copy_ for equal shapes, fill_ for a 0-d value, else copy_ of the value expanded.
void torchCopyTo(const ArrayPtr& dst, const ArrayPtr& value)
{
    if (dst->sizes() == value->sizes()) {
        torchCopy(dst, value);
        return;
    }
    if (value->dim() == 0) {
        checkInplaceAutograd(*dst, value->requiresGrad());
        fillExisting(*dst, elementAsScalar(*value), kSetItemContext);
        recordSetItem(*dst, "FillBackward3", value->requiresGrad());
        return;
    }
    const ArrayPtr stripped = withoutLeadingOnes(value);
    const ArrayPtr expanded = expand(stripped, dst->sizes());
    expanded->setRequiresGrad(value->requiresGrad());
    torchCopy(dst, expanded);
}

// canDispatchToMaskedFill: one boolean mask (the other indices absent) and a one-element value.
std::optional<ArrayPtr> maskedFillMask(const Array& self, const std::vector<ArrayPtr>& indices, const Array& value)
{
    if (value.numel() != 1)
        return std::nullopt;
    std::int64_t numInd = 0;
    ArrayPtr mask;
    for (const ArrayPtr& index : indices) {
        if (!index) {
            ++numInd;
            continue;
        }
        if ((index->dtype() != DType::UInt8 && index->dtype() != DType::Bool) || mask)
            return std::nullopt;
        mask = index;
        for (std::int64_t j = 0; j < index->dim(); ++j) {
            const std::int64_t srcIdx = numInd + j;
            AV_CHECK(index->size(j) == self.size(wrapDimTorch(srcIdx, self.dim())), indexError, "The shape of the mask ",
                     formatList(index->sizes()), " at index ", j, " does not match the shape of the indexed tensor ",
                     formatList(self.sizes()), " at index ", srcIdx);
        }
        numInd += mask->dim();
    }
    if (!mask)
        return std::nullopt;
    Shape sizes = mask->sizes();
    Strides strides = mask->strides();
    for (std::int64_t d = numInd; d < self.dim(); ++d) {
        sizes.push_back(1);
        strides.push_back(1);
    }
    return rawView(*mask, std::move(sizes), std::move(strides), mask->byteOffset());
}

void torchMaskedFill(Array& dst, const Array& mask, const Scalar& value)
{
    if (mask.dtype() == DType::UInt8)
        warn("UserWarning", "masked_fill_ received a mask with dtype torch.uint8, this behavior is now deprecated,please "
                            "use a mask with dtype torch.bool instead. (Triggered internally at  "
                            "./aten/src/ATen/native/TensorAdvancedIndexing.cpp:1646.)");
    if (hasInternalOverlapYes(dst))
        warn("UserWarning", "Use of masked_fill_ on expanded tensors is deprecated. Please clone() the tensor before "
                            "performing this operation. This also applies to advanced indexing e.g. tensor[mask] = "
                            "scalar (Triggered internally at  ./aten/src/ATen/native/TensorAdvancedIndexing.cpp:1651.)");
    AV_CHECK(overlapStatus(dst, mask) != Overlap::Partial, runtimeError, kOverlapMessage);
    std::byte element[8];
    storeScalar(element, dst.dtype(), value, Flavour::Torch);
    ScatterWriter writer(dst);
    const Strides maskStrides = broadcastByteStrides(dst.sizes(), mask.sizes(), mask.strides(), mask.itemsize());
    std::vector<std::size_t> order = rowMajorOrder(static_cast<std::size_t>(dst.dim()));
    const Strides dstStrides = dst.byteStrides();
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return std::llabs(dstStrides[a]) < std::llabs(dstStrides[b]); });
    std::byte* dstData = dst.data();
    const std::byte* maskData = mask.data();  // one byte per element, nonzero meaning true
    walkElements(dst.sizes(), order, {dstStrides, maskStrides}, [&](const std::int64_t* offsets) {
        if (maskData[offsets[1]] != std::byte{0})
            writer.store(dstData + offsets[0], element);
    });
    writer.finish();
}

// index_put_ (accumulate=False).
void torchIndexPut(const ArrayPtr& sliced, const std::vector<ArrayPtr>& indices, const ArrayPtr& value,
                   bool valueRequiresGrad)
{
    checkInplaceAutograd(*sliced, valueRequiresGrad);
    AV_CHECK(static_cast<std::int64_t>(indices.size()) <= sliced->dim(), indexError,
             "too many indices for tensor of dimension ", sliced->dim(), " (got ", indices.size(), ")");
    if (hasInternalOverlapYes(*sliced))
        warn("UserWarning",
             "Use of index_put_ on expanded tensors is deprecated. Please clone() the tensor before performing this "
             "operation. This also applies to advanced indexing e.g. tensor[indices] = tensor (Triggered internally "
             "at  ./aten/src/ATen/native/TensorAdvancedIndexing.cpp:631.)");
    if (const std::optional<ArrayPtr> mask = maskedFillMask(*sliced, indices, *value)) {
        torchMaskedFill(*sliced, **mask, elementAsScalar(*value));
        recordSetItem(*sliced, "IndexPutBackward0", valueRequiresGrad);
        return;
    }
    const auto overlapping = [](Overlap status) { return status == Overlap::Full || status == Overlap::Partial; };
    AV_CHECK(!overlapping(overlapStatus(*sliced, *value)), runtimeError, kOverlapMessage);
    for (const ArrayPtr& index : indices)
        AV_CHECK(!index || !overlapping(overlapStatus(*sliced, *index)), runtimeError, kOverlapMessage);

    const TorchAdvancedIndex info = makeTorchAdvancedIndex(sliced, indices);
    bool expandable = value->dim() <= static_cast<std::int64_t>(info.shape.size());
    for (std::int64_t i = 0; expandable && i < value->dim(); ++i) {
        const std::int64_t size = value->size(value->dim() - 1 - i);
        expandable = size == 1 || size == info.shape[info.shape.size() - 1 - static_cast<std::size_t>(i)];
    }
    AV_CHECK(expandable, runtimeError, "shape mismatch: value tensor of shape ", formatList(value->sizes()),
             " cannot be broadcast to indexing result of shape ", formatList(info.shape));
    AV_CHECK(value->dtype() == sliced->dtype(), runtimeError,
             "Index put requires the source and destination dtypes match, got ", scalarTypeName(sliced->dtype()),
             " for the destination and ", scalarTypeName(value->dtype()), " for the source.");

    const ArrayPtr restrided = rawView(*info.src, info.shape, info.srcStrides, info.src->byteOffset());
    const ArrayPtr broadcastValue =
        rawView(*value, info.shape, broadcastStrides(info.shape, value->sizes(), value->strides()), value->byteOffset());
    std::vector<const Array*> ops{restrided.get(), broadcastValue.get()};
    for (const ArrayPtr& index : info.indices)
        ops.push_back(index.get());
    const TorchIteration iteration = torchIteration(info.shape, ops);

    std::vector<Strides> strides;
    for (const Array* op : ops)
        strides.push_back(iteratorStrides(info.shape, *op));
    std::byte* dstData = restrided->data();
    const std::byte* valueData = broadcastValue->data();
    const std::int64_t itemsize = sliced->itemsize();
    std::vector<const std::byte*> indexData;
    for (const ArrayPtr& index : info.indices)
        indexData.push_back(index->data());
    ScatterWriter writer(*sliced);
    walkElements(info.shape, iteration.order, strides, [&](const std::int64_t* offsets) {
        std::int64_t dstOffset = offsets[0];
        for (std::size_t k = 0; k < indexData.size(); ++k) {
            std::int64_t index = loadElement<std::int64_t>(indexData[k] + offsets[2 + k]);
            const std::int64_t size = info.indexedSizes[k];
            // Elements before a bad index are already written, and the version is not bumped: as in ATen.
            AV_CHECK(index >= -size && index < size, indexError, "index ", index, " is out of bounds for dimension ", k,
                     " with size ", size);
            if (index < 0)
                index += size;
            dstOffset += index * info.indexedStrides[k] * itemsize;
        }
        writer.store(dstData + dstOffset, valueData + offsets[1]);
    });
    writer.finish();
    recordSetItem(*sliced, "IndexPutBackward0", valueRequiresGrad);
}

void torchSetItem(const ArrayPtr& self, std::span<const IndexItem> index, const Value& value, bool tupleIndex)
{
    const ArrayPtr tensor = torchValueTensor(*self, value);
    if (!tupleIndex && index.size() == 1 && !std::holds_alternative<ArrayPtr>(index[0])) {
        const IndexItem& item = index[0];
        if (const bool* boolean = std::get_if<bool>(&item)) {
            if (!*boolean)
                return;  // nothing is written, not even the version moves
            torchCopyTo(unsqueeze(self, 0), tensor);
        } else if (std::holds_alternative<IndexEllipsis>(item)) {
            torchCopyTo(self, tensor);
        } else if (std::holds_alternative<IndexNone>(item)) {
            torchCopyTo(unsqueeze(self, 0), tensor);
        } else if (const std::int64_t* integer = std::get_if<std::int64_t>(&item)) {
            torchCopyTo(torchApplySelect(self, 0, *integer, 0), tensor);
        } else {
            torchCopyTo(torchApplySlice(self, 0, std::get<Slice>(item), false), tensor);
        }
        return;
    }
    TorchSliced sliced = torchApplySlicing(self, index, /*disableOptimization=*/false);
    if (sliced.indices.empty()) {
        torchCopyTo(sliced.result, tensor);
        return;
    }
    torchIndexPut(sliced.result, sliced.indices, withoutLeadingOnes(tensor), tensor->requiresGrad());
}

// ================================================================================================
// NumPy: mapping.c (1.24)
// ================================================================================================

enum NumpyIndexType : int {
    kHasInteger = 1,
    kHasNewaxis = 2,
    kHasSlice = 4,
    kHasEllipsis = 8,
    kHasFancy = 16,
    kHasBool = 32,
    kHasScalarArray = 64,
};

enum class NpKind { Integer, Newaxis, Slice, Ellipsis, Fancy, ZeroDBool, Bool };

struct NpEntry {
    NpKind kind;
    std::int64_t value = 0;  // Integer: the index; Ellipsis: dims it stands for; Fancy from a mask: its dim size
    Slice slice;
    ArrayPtr array;     // Fancy / ZeroDBool: the index array as given (or made); Bool: the mask
    ArrayPtr indices;   // Fancy / ZeroDBool: the same as int64, C-contiguous
};

struct NpIndex {
    std::vector<NpEntry> entries;
    int type = 0;
    std::int64_t fancyNdim = 0;
};

const char* kNumpyInvalidIndex = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
                                 "or boolean arrays are valid indices";

ArrayPtr asInt64Array(const ArrayPtr& array)
{
    if (array->dtype() == DType::Int64 && array->isContiguous() && array->isNdarray())
        return array;
    return contiguousCopy(*array, Flavour::Numpy, DType::Int64);
}

// The ndarray NumPy makes of a tensor (its __array__, which is t.numpy()).
ArrayPtr numpyViewOfTensor(const ArrayPtr& tensor)
{
    AV_CHECK(!tensor->requiresGrad(), runtimeError,
             "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    ArrayPtr out = Array::make({Flavour::Numpy, tensor->dtype(), tensor->sizes(), tensor->strides(), tensor->storage(),
                                tensor->byteOffset()});
    out->setBase(tensor);
    return out;
}

// prepare_index.
NpIndex numpyPrepareIndex(const Array& self, std::span<const IndexItem> items)
{
    NpIndex out;
    const std::int64_t ndim = self.dim();
    const std::int64_t indexNdim = static_cast<std::int64_t>(items.size());
    std::int64_t usedNdim = 0;
    std::optional<std::size_t> ellipsisPos;
    for (const IndexItem& item : items) {
        if (std::holds_alternative<IndexEllipsis>(item)) {
            AV_CHECK(!(out.type & kHasEllipsis), indexError, "an index can only have a single ellipsis ('...')");
            out.type |= kHasEllipsis;
            ellipsisPos = out.entries.size();
            out.entries.push_back({NpKind::Ellipsis});
            continue;
        }
        if (std::holds_alternative<IndexNone>(item)) {
            out.type |= kHasNewaxis;
            out.entries.push_back({NpKind::Newaxis});
            continue;
        }
        if (const Slice* slice = std::get_if<Slice>(&item)) {
            out.type |= kHasSlice;
            NpEntry entry{NpKind::Slice};
            entry.slice = *slice;
            out.entries.push_back(entry);
            ++usedNdim;
            continue;
        }
        const ArrayPtr* given = std::get_if<ArrayPtr>(&item);
        if (ndim != 0) {
            // An integer, or anything with __index__: NumPy integer scalars, one-element integer tensors.
            std::optional<std::int64_t> integer;
            if (const std::int64_t* value = std::get_if<std::int64_t>(&item))
                integer = *value;
            else if (given && (*given)->isNumpyScalar() && isIntegerType((*given)->dtype()))
                integer = elementAsScalar(**given).toInt();
            else if (given && (*given)->isTensor() && (*given)->numel() == 1 &&
                     isIntegral((*given)->dtype(), /*includeBool=*/true))
                integer = elementAsScalar(**given).toInt();  // Tensor.__index__, which takes bools too
            if (integer) {
                out.type |= kHasInteger;
                NpEntry entry{NpKind::Integer};
                entry.value = *integer;
                out.entries.push_back(entry);
                ++usedNdim;
                continue;
            }
        }
        // An index array (or something made one).
        ArrayPtr array;
        bool wasArray = false;
        if (const bool* boolean = std::get_if<bool>(&item)) {
            array = allocateArray(Flavour::Numpy, DType::Bool, {});
            storeElement<bool>(array->data(), *boolean);
        } else if (const std::int64_t* value = std::get_if<std::int64_t>(&item)) {
            array = allocateArray(Flavour::Numpy, DType::Int64, {});
            storeElement<std::int64_t>(array->data(), *value);
        } else {
            array = *given;
            wasArray = array->isNdarray() && !array->isNumpyScalar();
            if (array->isTensor())
                array = numpyViewOfTensor(array);
        }
        if (!wasArray && array->numel() == 0 && array->dtype() != DType::Bool) {
            // An empty array-like (an empty float tensor, say) is cast to an integer index.
            array = contiguousCopy(*array, Flavour::Numpy, DType::Int64);
        }
        if (array->dtype() == DType::Bool) {
            if (indexNdim == 1 && array->sizes() == self.sizes()) {
                // A single mask shaped like the array: the plain boolean subscript.
                out.type = kHasBool;
                NpEntry entry{NpKind::Bool};
                entry.array = array;
                out.entries = {entry};
                out.fancyNdim = ndim;
                usedNdim = ndim;
                break;
            }
            out.type |= kHasFancy;
            out.fancyNdim = std::max<std::int64_t>(out.fancyNdim, 1);
            if (array->dim() == 0) {
                // A new axis of length 1 (True) or 0 (False) that uses no dim of the array.
                NpEntry entry{NpKind::ZeroDBool};
                entry.value = loadElement<bool>(array->data()) ? 1 : 0;
                entry.indices = allocateArray(Flavour::Numpy, DType::Int64, {entry.value});
                entry.array = entry.indices;
                out.entries.push_back(entry);
                continue;
            }
            // Any other mask becomes its nonzero() columns; each remembers its dim's size to check later.
            std::vector<ArrayPtr> columns = nonzeroColumns(*array, Flavour::Numpy);
            for (std::int64_t j = 0; j < array->dim(); ++j) {
                NpEntry entry{NpKind::Fancy};
                entry.value = array->size(j);
                entry.array = columns[static_cast<std::size_t>(j)];
                out.entries.push_back(entry);
            }
            usedNdim += array->dim();
            continue;
        }
        if (isIntegerType(array->dtype())) {
            if (array->dim() == 0) {
                out.type |= kHasInteger | kHasScalarArray;
                NpEntry entry{NpKind::Integer};
                entry.value = elementAsScalar(*array).toInt();
                out.entries.push_back(entry);
                ++usedNdim;
                continue;
            }
            out.type |= kHasFancy;
            NpEntry entry{NpKind::Fancy};
            entry.value = -1;
            entry.array = array;
            out.entries.push_back(entry);
            ++usedNdim;
            out.fancyNdim = std::max(out.fancyNdim, array->dim());
            continue;
        }
        throw indexError(wasArray ? "arrays used as indices must be of integer (or boolean) type" : kNumpyInvalidIndex);
    }

    if (out.type == kHasBool)
        return out;
    if (usedNdim < ndim) {
        if (ellipsisPos) {
            out.entries[*ellipsisPos].value = ndim - usedNdim;
        } else {
            out.type |= kHasEllipsis;
            NpEntry entry{NpKind::Ellipsis};
            entry.value = ndim - usedNdim;
            out.entries.push_back(entry);
        }
    } else if (usedNdim > ndim) {
        throw indexError(concat("too many indices for array: array is ", ndim, "-dimensional, but ", usedNdim,
                                " were indexed"));
    } else if (indexNdim == 0) {
        out.type = kHasInteger;  // a[()] on a 0-d array gives the scalar
    }
    if (out.type & (kHasNewaxis | kHasFancy)) {
        std::int64_t used = 0;
        for (const NpEntry& entry : out.entries) {
            if (entry.kind == NpKind::Fancy && entry.value > 0 && entry.value != self.size(used))
                throw indexError(concat("boolean index did not match indexed array along dimension ", used,
                                        "; dimension is ", self.size(used), " but corresponding boolean dimension is ",
                                        entry.value));
            if (entry.kind == NpKind::Ellipsis)
                used += entry.value;
            else if (entry.kind != NpKind::Newaxis && entry.kind != NpKind::ZeroDBool)
                used += 1;
        }
    }
    if (out.type & kHasScalarArray) {
        if (out.type & kHasFancy)
            out.type &= ~kHasScalarArray;
        else if (out.type == (kHasInteger | kHasScalarArray))
            out.type = kHasInteger;
    }
    return out;
}


struct NpGeometry {
    Shape sizes;
    Strides strides;  // elements
    std::int64_t byteOffset = 0;
};

// PySlice_GetIndicesEx: start, step and length of a slice over `length` elements.
void pySliceIndices(const Slice& slice, std::int64_t length, std::int64_t& start, std::int64_t& step, std::int64_t& count)
{
    step = slice.step.value_or(1);
    AV_CHECK(step != 0, valueError, "slice step cannot be zero");
    start = slice.start ? *slice.start : (step < 0 ? kInt64Max : 0);
    std::int64_t stop = slice.stop ? *slice.stop : (step < 0 ? kInt64Min : kInt64Max);
    const auto adjust = [&](std::int64_t& value) {
        if (value < 0) {
            value += length;
            if (value < 0)
                value = step < 0 ? -1 : 0;
        } else if (value >= length) {
            value = step < 0 ? length - 1 : length;
        }
    };
    adjust(start);
    adjust(stop);
    count = 0;
    if (step < 0 && stop < start)
        count = (start - stop - 1) / (-step) + 1;
    else if (step > 0 && start < stop)
        count = (stop - start - 1) / step + 1;
}

// get_view_from_index: integers, slices, new axes and the ellipsis applied; advanced dims left out.
NpGeometry numpyViewGeometry(const Array& self, const std::vector<NpEntry>& entries)
{
    NpGeometry g;
    g.byteOffset = self.byteOffset();
    const std::int64_t itemsize = self.itemsize();
    std::int64_t origDim = 0;
    for (const NpEntry& entry : entries) {
        switch (entry.kind) {
        case NpKind::Integer: {
            const std::int64_t size = self.size(origDim);
            std::int64_t value = entry.value;
            AV_CHECK(value >= -size && value < size, indexError, "index ", value, " is out of bounds for axis ", origDim,
                     " with size ", size);
            if (value < 0)
                value += size;
            g.byteOffset += value * self.stride(origDim) * itemsize;
            ++origDim;
            break;
        }
        case NpKind::Ellipsis:
            for (std::int64_t j = 0; j < entry.value; ++j, ++origDim) {
                g.sizes.push_back(self.size(origDim));
                g.strides.push_back(self.stride(origDim));
            }
            break;
        case NpKind::Slice: {
            std::int64_t start, step, count;
            pySliceIndices(entry.slice, self.size(origDim), start, step, count);
            if (count <= 0) {  // an empty slice keeps the data pointer and the plain stride
                count = 0;
                step = 1;
                start = 0;
            }
            g.byteOffset += self.stride(origDim) * start * itemsize;
            g.sizes.push_back(count);
            g.strides.push_back(self.stride(origDim) * step);
            ++origDim;
            break;
        }
        case NpKind::Newaxis:
            g.sizes.push_back(1);
            g.strides.push_back(0);
            break;
        case NpKind::ZeroDBool: break;
        default: ++origDim; break;
        }
    }
    return g;
}

// PyArray_NewCopy(view, NPY_KEEPORDER).
ArrayPtr numpyKeepOrderCopy(const Array& source)
{
    ArrayPtr out = freshNumpyArray(source.dtype(), source.sizes(), numpyKeepOrderStrides(source.sizes(), source.strides()));
    copyIntoFresh(*out, source);
    return out;
}

std::int64_t countTrue(const Array& mask)
{
    std::int64_t count = 0;
    const std::byte* maskData = mask.data();
    walkElements(mask.sizes(), rowMajorOrder(static_cast<std::size_t>(mask.dim())), {mask.byteStrides()},
                 [&](const std::int64_t* offsets) { count += maskData[offsets[0]] != std::byte{0} ? 1 : 0; });
    return count;
}

// array_boolean_subscript: the selected elements, in C order, in a new 1-D array.
ArrayPtr numpyBoolSubscript(const ArrayPtr& self, const Array& mask)
{
    ArrayPtr out = freshNumpyArray(self->dtype(), {countTrue(mask)}, {1});
    std::byte* target = out->data();
    const std::byte* source = self->data();
    const std::byte* maskData = mask.data();
    const std::size_t itemsize = static_cast<std::size_t>(self->itemsize());
    walkElements(self->sizes(), rowMajorOrder(static_cast<std::size_t>(self->dim())),
                 {self->byteStrides(), broadcastByteStrides(self->sizes(), mask.sizes(), mask.strides(), 1)},
                 [&](const std::int64_t* offsets) {
                     if (maskData[offsets[1]] != std::byte{0}) {
                         copyElement(target, source + offsets[0], itemsize);
                         target += itemsize;
                     }
                 });
    return out;
}

// npyiter_find_best_axis_ordering for the index arrays: dims innermost first, C order where it cannot tell.
std::vector<std::size_t> numpyIterOrder(IntSpan shape, const std::vector<Strides>& ops)
{
    const std::size_t n = shape.size();
    std::vector<std::size_t> perm(n);  // over NpyIter's axes, which run from the last C dim
    std::iota(perm.begin(), perm.end(), 0);
    const auto strideOf = [&](const Strides& strides, std::size_t axis) { return strides[n - 1 - axis]; };
    for (std::size_t i0 = 1; i0 < n; ++i0) {
        std::size_t ipos = i0;
        const std::size_t j0 = perm[i0];
        for (std::size_t i1 = i0; i1-- > 0;) {
            const std::size_t j1 = perm[i1];
            bool ambiguous = true, shouldSwap = false;
            for (const Strides& strides : ops) {
                const std::int64_t s0 = strideOf(strides, j0), s1 = strideOf(strides, j1);
                if (s0 != 0 && s1 != 0) {
                    if (std::llabs(s1) <= std::llabs(s0))
                        shouldSwap = false;
                    else if (ambiguous)
                        shouldSwap = true;
                    ambiguous = false;
                }
            }
            if (!ambiguous) {
                if (shouldSwap)
                    ipos = i1;
                else
                    break;
            }
        }
        if (ipos != i0) {
            for (std::size_t i1 = i0; i1 > ipos; --i1)
                perm[i1] = perm[i1 - 1];
            perm[ipos] = j0;
        }
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = n - 1 - perm[i];
    return order;
}

// What PyArray_MapIterNew works out for advanced indices: the index arrays with the axes they act on,
// their broadcast shape, where the advanced dims go (consec), and the subspace the other indices leave.
struct NumpyFancy {
    struct Operand {
        ArrayPtr indices;   // int64, C-contiguous
        ArrayPtr original;  // as given, for its layout
        std::int64_t axis;  // in self; -1 for a 0-d boolean
    };
    std::vector<Operand> operands;
    Shape fancyShape;
    std::int64_t consec = 0;
    NpGeometry subspace;
    bool haveSubspace = false;
    std::vector<std::int64_t> fancyOffsets;  // bytes from the subspace start, per fancy element in C order
};

NumpyFancy numpyFancyInfo(const Array& self, const NpIndex& index, bool viewBased)
{
    NumpyFancy info;
    // The view of the other indices comes first, so a bad integer is reported before anything advanced.
    info.haveSubspace = viewBased;
    if (viewBased)
        info.subspace = numpyViewGeometry(self, index.entries);
    else
        info.subspace.byteOffset = self.byteOffset();
    int consecStatus = -1;
    std::int64_t resultDim = 0, currDim = 0;
    for (const NpEntry& entry : index.entries) {
        const bool advanced = entry.kind == NpKind::Fancy || entry.kind == NpKind::ZeroDBool || entry.kind == NpKind::Integer;
        if (advanced) {
            if (consecStatus == -1) {
                info.consec = resultDim;
                consecStatus = 0;
            } else if (consecStatus == 1) {
                consecStatus = 2;
                info.consec = 0;
            }
        } else if (consecStatus == 0) {
            consecStatus = 1;
        }
        if (entry.kind == NpKind::Fancy) {
            info.operands.push_back({asInt64Array(entry.array), entry.array, currDim++});
        } else if (entry.kind == NpKind::ZeroDBool) {
            info.operands.push_back({entry.indices, entry.indices, -1});
        } else if (entry.kind == NpKind::Ellipsis) {
            currDim += entry.value;
            resultDim += entry.value;
        } else if (entry.kind != NpKind::Newaxis) {
            ++currDim;
            ++resultDim;
        } else {
            ++resultDim;
        }
    }
    return info;
}

// mapiter_fill_info's broadcast of the index arrays.
void numpyBroadcastFancy(NumpyFancy& info)
{
    bool ok = true;
    for (const NumpyFancy::Operand& op : info.operands) {
        Shape next;
        ok = ok && broadcastShapes(info.fancyShape, op.indices->sizes(), next);
        if (ok)
            info.fancyShape = next;
    }
    if (!ok) {
        std::string shapes;
        for (const NumpyFancy::Operand& op : info.operands)
            shapes += numpyShapeString(op.indices->sizes(), " ");
        throw indexError("shape mismatch: indexing arrays could not be broadcast together with shapes " + shapes);
    }
}

// The bounds check NumPy makes on every index before reading or writing anything, and the byte offset
// (from the subspace's start) of every advanced element.
void numpyLocateFancy(NumpyFancy& info, const Array& self)
{
    for (const NumpyFancy::Operand& op : info.operands) {
        if (op.axis < 0)
            continue;
        const std::int64_t size = self.size(op.axis);
        const std::int64_t* values = reinterpret_cast<const std::int64_t*>(op.indices->data());
        for (std::int64_t i = 0; i < op.indices->numel(); ++i)
            AV_CHECK(values[i] >= -size && values[i] < size, indexError, "index ", values[i],
                     " is out of bounds for axis ", op.axis, " with size ", size);
    }
    // Byte offsets of every advanced element.
    std::vector<Strides> strides;
    for (const NumpyFancy::Operand& op : info.operands)
        strides.push_back(timesItemsize(broadcastStrides(info.fancyShape, op.indices->sizes(), op.indices->strides()), 8));
    const std::int64_t itemsize = self.itemsize();
    struct Axis {
        const std::byte* data;
        std::int64_t size, byteStride;
    };
    std::vector<Axis> axes;
    for (const NumpyFancy::Operand& op : info.operands)
        axes.push_back(op.axis < 0 ? Axis{nullptr, 0, 0}
                                   : Axis{op.indices->data(), self.size(op.axis), self.stride(op.axis) * itemsize});
    info.fancyOffsets.reserve(static_cast<std::size_t>(numelOf(info.fancyShape)));
    walkElements(info.fancyShape, rowMajorOrder(info.fancyShape.size()), strides, [&](const std::int64_t* offsets) {
        std::int64_t total = 0;
        for (std::size_t k = 0; k < axes.size(); ++k) {
            if (!axes[k].data)
                continue;
            std::int64_t value = loadElement<std::int64_t>(axes[k].data + offsets[k]);
            if (value < 0)
                value += axes[k].size;
            total += value * axes[k].byteStride;
        }
        info.fancyOffsets.push_back(total);
    });
}

// The result's strides, advanced dims first (before MapIterSwapAxes), as MapIterNew allocates it.
Strides numpyFancyResultStrides(const NumpyFancy& info)
{
    const std::size_t nFancy = info.fancyShape.size();
    const Shape& subSizes = info.subspace.sizes;
    Strides out(nFancy + subSizes.size(), 1);
    std::int64_t stride = 1;
    if (info.haveSubspace && numelOf(subSizes) != 1) {
        // The subspace keeps its own memory order; the advanced dims go outside it in C order.
        std::vector<std::size_t> perm(subSizes.size());
        std::iota(perm.begin(), perm.end(), 0);
        const Strides& subStrides = info.subspace.strides;
        std::stable_sort(perm.begin(), perm.end(),
                         [&](std::size_t a, std::size_t b) { return std::llabs(subStrides[a]) > std::llabs(subStrides[b]); });
        for (std::size_t i = perm.size(); i-- > 0;) {
            out[nFancy + perm[i]] = stride;
            stride *= subSizes[perm[i]];
        }
        for (std::size_t i = nFancy; i-- > 0;) {
            out[i] = stride;
            stride *= info.fancyShape[i];
        }
        return out;
    }
    // No subspace to iterate: the iterator over the index arrays allocates it in their memory order.
    std::vector<Strides> ops;
    for (const NumpyFancy::Operand& op : info.operands) {
        Strides s = broadcastStrides(info.fancyShape, op.original->sizes(), op.original->strides());
        for (std::size_t d = 0; d < s.size(); ++d)
            if (info.fancyShape[d] == 1)
                s[d] = 0;
        ops.push_back(std::move(s));
    }
    for (const std::size_t d : numpyIterOrder(info.fancyShape, ops)) {
        out[d] = stride;
        stride *= info.fancyShape[d];
    }
    return out;
}

// MapIterSwapAxes' permutation for reading: the dims before the advanced ones first, then those.
std::vector<std::size_t> numpyGetPermutation(std::size_t nFancy, std::size_t consec, std::size_t nd)
{
    std::vector<std::size_t> perm;
    for (std::size_t v = nFancy; v < nFancy + consec; ++v)
        perm.push_back(v);
    for (std::size_t v = 0; v < nFancy; ++v)
        perm.push_back(v);
    for (std::size_t v = nFancy + consec; v < nd; ++v)
        perm.push_back(v);
    return perm;
}

// Calls body(dstOffset, fancyIndex, subOffsetsOfOperands) for every result element, advanced dims
// outermost in C order, the subspace inside in C order.
template <typename Body>
void forEachFancyElement(const NumpyFancy& info, const std::vector<Strides>& subOperandStrides, Body&& body)
{
    const Shape& subSizes = info.subspace.sizes;
    const std::vector<std::size_t> subOrder = rowMajorOrder(subSizes.size());
    for (std::size_t f = 0; f < info.fancyOffsets.size(); ++f)
        walkElements(subSizes, subOrder, subOperandStrides, [&](const std::int64_t* offsets) { body(f, offsets); });
}

ArrayPtr numpyFancyGet(const ArrayPtr& self, const NpIndex& index, bool viewBased)
{
    NumpyFancy info = numpyFancyInfo(*self, index, viewBased);
    numpyBroadcastFancy(info);
    numpyLocateFancy(info, *self);
    const std::size_t nFancy = info.fancyShape.size();
    Shape shape = info.fancyShape;
    shape.insert(shape.end(), info.subspace.sizes.begin(), info.subspace.sizes.end());
    const Strides strides = numpyFancyResultStrides(info);
    ArrayPtr out = freshNumpyArray(self->dtype(), shape, strides);

    const std::int64_t itemsize = self->itemsize();
    const Strides outBytes = out->byteStrides();
    Strides outSub(outBytes.begin() + static_cast<std::ptrdiff_t>(nFancy), outBytes.end());
    Strides outFancy(outBytes.begin(), outBytes.begin() + static_cast<std::ptrdiff_t>(nFancy));
    std::vector<std::int64_t> outFancyOffsets;
    walkElements(info.fancyShape, rowMajorOrder(nFancy), {outFancy},
                 [&](const std::int64_t* offsets) { outFancyOffsets.push_back(offsets[0]); });
    const std::byte* source = self->storage()->data() + info.subspace.byteOffset;
    std::byte* target = out->data();
    forEachFancyElement(info, {outSub, timesItemsize(info.subspace.strides, itemsize)},
                        [&](std::size_t f, const std::int64_t* offsets) {
                            copyElement(target + outFancyOffsets[f] + offsets[0], source + info.fancyOffsets[f] + offsets[1],
                                        static_cast<std::size_t>(itemsize));
                        });
    if (info.consec == 0)
        return out;
    const std::vector<std::size_t> perm = numpyGetPermutation(nFancy, static_cast<std::size_t>(info.consec), shape.size());
    Shape sizes;
    Strides permuted;
    for (const std::size_t d : perm) {
        sizes.push_back(out->sizes()[d]);
        permuted.push_back(out->strides()[d]);
    }
    return makeView(out, std::move(sizes), std::move(permuted), out->byteOffset());
}

ArrayPtr numpyGetItem(const ArrayPtr& self, std::span<const IndexItem> items)
{
    const NpIndex index = numpyPrepareIndex(*self, items);
    if (index.type == kHasInteger) {
        const NpGeometry g = numpyViewGeometry(*self, index.entries);
        ArrayPtr out = allocateArray(Flavour::Numpy, self->dtype(), {}, Device::cpu(), false);
        std::memcpy(out->data(), self->storage()->data() + g.byteOffset, static_cast<std::size_t>(self->itemsize()));
        out->setNumpyScalar(true);
        return out;
    }
    if (index.type == kHasBool)
        return numpyBoolSubscript(self, *index.entries.front().array);
    if (index.type == kHasEllipsis)
        return deriveView(self, self->sizes(), self->strides(), 0, "");
    const bool viewBased = index.type & (kHasSlice | kHasNewaxis | kHasEllipsis | kHasInteger);
    if (!(index.type & kHasFancy)) {
        NpGeometry g = numpyViewGeometry(*self, index.entries);
        ArrayPtr view = makeView(self, std::move(g.sizes), std::move(g.strides), g.byteOffset);
        if (index.type & kHasScalarArray)
            return numpyKeepOrderCopy(*view);  // a 0-d integer array index copies, as fancy indexing would
        return view;
    }
    return numpyFancyGet(self, index, viewBased);
}

// --- NumPy setitem -------------------------------------------------------------------------------

// The value as an array NumPy assigns from: a Python number packed into self's dtype (with NumPy's
// conversion warnings), a tensor through its __array__, arrays as they are.
ArrayPtr numpyValueArray(const Array& self, const Value& value)
{
    if (const Scalar* scalar = std::get_if<Scalar>(&value)) {
        ArrayPtr packed = allocateArray(Flavour::Numpy, self.dtype(), {});
        storeScalar(packed->data(), self.dtype(), *scalar, Flavour::Numpy);
        return packed;
    }
    const ArrayPtr& array = std::get<ArrayPtr>(value);
    return array->isTensor() ? numpyViewOfTensor(array) : array;
}

// PyArray_CopyObject / PyArray_AssignArray into a view.
void numpyAssign(const ArrayPtr& dst, const Value& value)
{
    if (const Scalar* scalar = std::get_if<Scalar>(&value)) {
        fillExisting(*dst, *scalar, kSetItemContext);
        return;
    }
    ArrayPtr src = numpyValueArray(*dst, value);
    // PyArray_AssignArray skips a copy of values onto themselves (same data pointer, dtype, shape and
    // strides), which is what `a[1000:6000] += x` ends with: nothing is written.
    if (src->data() == dst->data() && src->dtype() == dst->dtype() && src->sizes() == dst->sizes() &&
        src->strides() == dst->strides())
        return;
    if (mayShareMemory(*dst, *src))
        src = contiguousCopy(*src, Flavour::Numpy, src->dtype());
    std::int64_t first = 0;
    while (src->dim() - first > dst->dim() && src->size(first) == 1)
        ++first;
    const Shape srcSizes(src->sizes().begin() + first, src->sizes().end());
    const Strides srcStrides(src->strides().begin() + first, src->strides().end());
    bool ok = static_cast<std::int64_t>(srcSizes.size()) <= dst->dim();
    for (std::size_t i = 0; ok && i < srcSizes.size(); ++i) {
        const std::int64_t s = srcSizes[srcSizes.size() - 1 - i];
        ok = s == 1 || s == dst->sizes()[dst->sizes().size() - 1 - i];
    }
    AV_CHECK(ok, valueError, "could not broadcast input array from shape ", numpyShapeString(srcSizes), " into shape ",
             numpyShapeString(dst->sizes()));
    const ArrayPtr trimmed = rawView(*src, srcSizes, srcStrides, src->byteOffset());
    copyIntoExisting(*dst, *trimmed, kSetItemContext);
}

// PyArray_Pack into one element.
void numpyPack(Array& element, const Value& value)
{
    if (const Scalar* scalar = std::get_if<Scalar>(&value)) {
        fillExisting(element, *scalar, kSetItemContext);
        return;
    }
    const ArrayPtr& array = std::get<ArrayPtr>(value);
    if (array->isTensor()) {
        // float(t) / int(t)
        AV_CHECK(array->numel() == 1, valueError, "only one element tensors can be converted to Python scalars");
        fillExisting(element, elementAsScalar(*array), kSetItemContext);
        return;
    }
    AV_CHECK(array->numel() == 1, valueError, "setting an array element with a sequence.");
    const ArrayPtr single = rawView(*array, {}, {}, array->byteOffset());
    copyIntoExisting(element, *single, kSetItemContext);
}

// The value in self's dtype and not sharing self's memory, for the assignments NumPy buffers.
ArrayPtr numpyDetachedValue(const Array& self, const ArrayPtr& value)
{
    if (value->dtype() != self.dtype() || mayShareMemory(self, *value))
        return contiguousCopy(*value, Flavour::Numpy, self.dtype());
    return value;
}

// array_assign_boolean_subscript.
void numpyBoolAssign(const ArrayPtr& self, const Array& mask, const Value& value)
{
    ArrayPtr v = numpyValueArray(*self, value);
    AV_CHECK(v->dim() <= 1, typeError,
             "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has ", v->dim(),
             " dimensions");
    const std::int64_t count = countTrue(mask);
    AV_CHECK(v->dim() == 0 || v->size(0) == 1 || v->size(0) == count, valueError,
             "NumPy boolean array indexing assignment cannot assign ", v->dim() == 0 ? 1 : v->size(0),
             " input values to the ", count, " output values where the mask is true");
    v = numpyDetachedValue(*self, v);
    const std::int64_t step = v->dim() == 1 && v->size(0) != 1 ? v->stride(0) * v->itemsize() : 0;
    const std::byte* source = v->data();
    std::byte* target = self->data();
    const std::byte* maskData = mask.data();
    ScatterWriter writer(*self);
    walkElements(self->sizes(), rowMajorOrder(static_cast<std::size_t>(self->dim())),
                 {self->byteStrides(), broadcastByteStrides(self->sizes(), mask.sizes(), mask.strides(), 1)},
                 [&](const std::int64_t* offsets) {
                     if (maskData[offsets[1]] != std::byte{0}) {
                         writer.store(target + offsets[0], source);
                         source += step;
                     }
                 });
    writer.finish();
}

void numpyFancySet(const ArrayPtr& self, const NpIndex& index, bool viewBased, const Value& value)
{
    // NumPy's order: the other indices' view, the value, the index arrays' broadcast, the value's
    // broadcast, and only then the bounds.
    NumpyFancy info = numpyFancyInfo(*self, index, viewBased);
    ArrayPtr v = numpyValueArray(*self, value);
    numpyBroadcastFancy(info);
    const std::size_t nFancy = info.fancyShape.size();
    Shape shapeFancyFirst = info.fancyShape;
    shapeFancyFirst.insert(shapeFancyFirst.end(), info.subspace.sizes.begin(), info.subspace.sizes.end());
    const std::size_t nd = shapeFancyFirst.size();
    const std::vector<std::size_t> perm =
        info.consec ? numpyGetPermutation(nFancy, static_cast<std::size_t>(info.consec), nd) : rowMajorOrder(0);
    Shape resultShape = shapeFancyFirst;
    if (info.consec)
        for (std::size_t i = 0; i < nd; ++i)
            resultShape[i] = shapeFancyFirst[perm[i]];

    // The value broadcasts to the result as the library shows it; leading 1s beyond its dims may go.
    const auto mismatch = [&] {
        return valueError(concat("shape mismatch: value array of shape ", numpyShapeString(v->sizes()),
                                 " could not be broadcast to indexing result of shape ", numpyShapeString(resultShape)));
    };
    std::int64_t first = 0;
    if (v->dim() > static_cast<std::int64_t>(nd)) {
        first = v->dim() - static_cast<std::int64_t>(nd);
        for (std::int64_t d = 0; d < first; ++d)
            if (v->size(d) != 1)
                throw mismatch();
    }
    const Shape vSizes(v->sizes().begin() + first, v->sizes().end());
    const Strides vStrides(v->strides().begin() + first, v->strides().end());
    for (std::size_t i = 0; i < vSizes.size(); ++i) {
        const std::int64_t s = vSizes[vSizes.size() - 1 - i];
        if (s != 1 && s != resultShape[nd - 1 - i])
            throw mismatch();
    }
    numpyLocateFancy(info, *self);
    v = rawView(*v, vSizes, vStrides, v->byteOffset());
    // A value of another dtype is cast first; in the same dtype NumPy reads it as it writes, so an
    // assignment from an overlapping view sees its own earlier writes.
    if (v->dtype() != self->dtype())
        v = contiguousCopy(*v, Flavour::Numpy, self->dtype());
    const Strides valueResult = timesItemsize(broadcastStrides(resultShape, v->sizes(), v->strides()), v->itemsize());
    Strides valueFancyFirst(nd, 0);
    for (std::size_t i = 0; i < nd; ++i)
        valueFancyFirst[info.consec ? perm[i] : i] = valueResult[i];
    const Strides valueFancy(valueFancyFirst.begin(), valueFancyFirst.begin() + static_cast<std::ptrdiff_t>(nFancy));
    const Strides valueSub(valueFancyFirst.begin() + static_cast<std::ptrdiff_t>(nFancy), valueFancyFirst.end());
    std::vector<std::int64_t> valueFancyOffsets;
    walkElements(info.fancyShape, rowMajorOrder(nFancy), {valueFancy},
                 [&](const std::int64_t* offsets) { valueFancyOffsets.push_back(offsets[0]); });

    std::byte* target = self->storage()->data() + info.subspace.byteOffset;
    const std::byte* source = v->data();
    ScatterWriter writer(*self);
    forEachFancyElement(info, {timesItemsize(info.subspace.strides, self->itemsize()), valueSub},
                        [&](std::size_t f, const std::int64_t* offsets) {
                            writer.store(target + info.fancyOffsets[f] + offsets[0],
                                         source + valueFancyOffsets[f] + offsets[1]);
                        });
    writer.finish();
}

void numpySetItem(const ArrayPtr& self, std::span<const IndexItem> items, const Value& value)
{
    AV_CHECK(self->writeable(), valueError, "assignment destination is read-only");
    const NpIndex index = numpyPrepareIndex(*self, items);
    if (index.type == kHasInteger) {
        const NpGeometry g = numpyViewGeometry(*self, index.entries);
        const ArrayPtr element = rawView(*self, {}, {}, g.byteOffset);
        numpyPack(*element, value);
        return;
    }
    if (index.type == kHasBool) {
        numpyBoolAssign(self, *index.entries.front().array, value);
        return;
    }
    if (index.type == kHasEllipsis) {
        if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value); array && *array == self)
            return;  // a[...] = a: NumPy does nothing
        numpyAssign(self, value);
        return;
    }
    const bool viewBased = index.type & (kHasSlice | kHasNewaxis | kHasEllipsis | kHasInteger);
    if (!(index.type & kHasFancy)) {
        NpGeometry g = numpyViewGeometry(*self, index.entries);
        numpyAssign(rawView(*self, std::move(g.sizes), std::move(g.strides), g.byteOffset), value);
        return;
    }
    numpyFancySet(self, index, viewBased, value);
}

}  // namespace

ArrayPtr getItem(const ArrayPtr& self, std::span<const IndexItem> index, bool tupleIndex)
{
    if (self->isTensor())
        return torchGetItem(self, index, tupleIndex);
    if (self->isNumpyScalar()) {
        // gen_arrtype_subscript: the scalar as a fresh 0-d array, indexed, with one message for any failure.
        const ArrayPtr array = allocateArray(Flavour::Numpy, self->dtype(), {}, Device::cpu(), false);
        std::memcpy(array->data(), self->data(), static_cast<std::size_t>(self->itemsize()));
        try {
            return numpyGetItem(array, index);
        } catch (const PyError&) {
            throw indexError("invalid index to scalar variable.");
        }
    }
    return numpyGetItem(self, index);
}

void setItem(const ArrayPtr& self, std::span<const IndexItem> index, const Value& value, bool tupleIndex)
{
    if (self->isTensor()) {
        torchSetItem(self, index, value, tupleIndex);
        return;
    }
    AV_CHECK(!self->isNumpyScalar(), typeError, "'", numpyScalarTypeName(self->dtype()),
             "' object does not support item assignment");
    numpySetItem(self, index, value);
}

}  // namespace av::engine
