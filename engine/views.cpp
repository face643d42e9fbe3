#include "views.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copykernel.h"
#include "errors.h"
#include "warnings.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <numeric>
#include <optional>

namespace av::engine {

namespace {

std::atomic<bool> g_torchWarnAlways{false};
std::atomic<bool> g_torchTWarned{false};

// TORCH_WARN_ONCE: the first call in the process warns, later ones only under torch.set_warn_always(True).
void torchWarnOnce(std::atomic<bool>& warned, std::string message)
{
    if (g_torchWarnAlways.load() || !warned.exchange(true))
        warn("UserWarning", std::move(message));
}

// ATen's toString() of a CPU tensor, as expand's message prints it: "torch.FloatTensor".
std::string torchTypeString(const Array& array) { return std::string(legacyTensorTypeName(array.dtype())); }

bool contiguousFor(IntSpan sizes, IntSpan strides, bool rowMajor)
{
    std::int64_t expected = 1;
    const std::size_t n = sizes.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t d = rowMajor ? n - 1 - k : k;
        if (sizes[d] == 0)
            return true;
        if (sizes[d] == 1)
            continue;
        if (strides[d] != expected)
            return false;
        expected *= sizes[d];
    }
    return true;
}

// NumPy's _array_fill_strides, in elements: Fortran strides only when asked for F and not also C.
Strides numpyFillStrides(IntSpan sizes, bool fortran)
{
    Strides strides(sizes.size());
    std::int64_t stride = 1;
    if (fortran) {
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            strides[i] = stride;
            stride *= std::max<std::int64_t>(sizes[i], 1);
        }
    } else {
        for (std::size_t i = sizes.size(); i-- > 0;) {
            strides[i] = stride;
            stride *= std::max<std::int64_t>(sizes[i], 1);
        }
    }
    return strides;
}

// A view with no library bookkeeping, for internal copies that read a source in some order.
ArrayPtr rawView(const Array& src, Shape sizes, Strides strides, std::int64_t byteOffset)
{
    return Array::make({src.flavour(), src.dtype(), std::move(sizes), std::move(strides), src.storage(), byteOffset});
}

// The new C-contiguous (1-D) copy NumPy's flatten/ravel make, reading self in the order `perm` gives
// (outermost first).
ArrayPtr numpyFlatCopy(const ArrayPtr& self, const std::vector<std::size_t>& perm)
{
    ArrayPtr out = freshNumpyArray(self->dtype(), {self->numel()}, {1});
    Shape sizes;
    Strides strides;
    for (const std::size_t d : perm) {
        sizes.push_back(self->size(static_cast<std::int64_t>(d)));
        strides.push_back(self->stride(static_cast<std::int64_t>(d)));
    }
    ArrayPtr source = rawView(*self, sizes, strides, self->byteOffset());
    ArrayPtr target = rawView(*out, sizes, contiguousStrides(sizes), out->byteOffset());
    copyIntoFresh(*target, *source);
    return out;
}

std::vector<std::size_t> identityPerm(std::size_t n)
{
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    return perm;
}

// NumPy's PyArray_CreateSortedStridePerm: dims by |stride|, largest first, ties in dim order.
std::vector<std::size_t> numpySortedStridePerm(IntSpan strides)
{
    std::vector<std::size_t> perm = identityPerm(strides.size());
    std::stable_sort(perm.begin(), perm.end(),
                     [&](std::size_t a, std::size_t b) { return std::llabs(strides[a]) > std::llabs(strides[b]); });
    return perm;
}

MemoryOrder resolveAnyOrder(const Array& self, MemoryOrder order)
{
    // PyArray_ISFORTRAN: F-contiguous and not also C-contiguous.
    if (order == MemoryOrder::A)
        return self.isFContiguous() && !self.isContiguous() ? MemoryOrder::F : MemoryOrder::C;
    return order;
}

// torch's infer_size: -1 inference and its messages, in the order ATen checks them.
Shape inferSizeTorch(IntSpan shape, std::int64_t numel)
{
    std::int64_t newSize = 1;
    std::optional<std::size_t> inferDim;
    bool overflow = false;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == -1) {
            AV_CHECK(!inferDim, runtimeError, "only one dimension can be inferred");
            inferDim = d;
        } else if (shape[d] >= 0) {
            overflow |= __builtin_mul_overflow(newSize, shape[d], &newSize);
        } else {
            throw runtimeError(concat("invalid shape dimension ", shape[d]));
        }
    }
    Shape result(shape.begin(), shape.end());
    if (!overflow && (numel == newSize || (inferDim && newSize > 0 && numel % newSize == 0))) {
        if (inferDim) {
            AV_CHECK(newSize != 0, runtimeError, "cannot reshape tensor of 0 elements into shape ", formatList(shape),
                     " because the unspecified dimension size -1 can be any value and is ambiguous");
            result[*inferDim] = numel / newSize;
        }
        return result;
    }
    throw runtimeError(concat("shape '", formatList(shape), "' is invalid for input of size ", numel));
}

// NumPy's _fix_unknown_dimension: any negative entry is the unknown one.
Shape inferSizeNumpy(IntSpan shape, std::int64_t numel)
{
    const auto mismatch = [&] {
        return valueError(concat("cannot reshape array of size ", numel, " into shape ", numpyShapeString(shape)));
    };
    std::int64_t known = 1;
    std::optional<std::size_t> unknown;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] < 0) {
            AV_CHECK(!unknown, valueError, "can only specify one unknown dimension");
            unknown = d;
        } else if (__builtin_mul_overflow(known, shape[d], &known)) {
            throw mismatch();
        }
    }
    Shape result(shape.begin(), shape.end());
    if (unknown) {
        if (known == 0 || numel % known != 0)
            throw mismatch();
        result[*unknown] = numel / known;
    } else if (numel != known) {
        throw mismatch();
    }
    return result;
}

// NumPy's _attempt_nocopy_reshape, in element strides.
bool numpyNoCopyReshape(const Array& self, IntSpan newDims, bool fortran, Strides& newStrides)
{
    Shape oldDims;
    Strides oldStrides;
    for (std::int64_t d = 0; d < self.dim(); ++d) {
        if (self.size(d) != 1) {
            oldDims.push_back(self.size(d));
            oldStrides.push_back(self.stride(d));
        }
    }
    const std::size_t oldNd = oldDims.size(), newNd = newDims.size();
    newStrides.assign(newNd, 0);
    std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
    while (ni < newNd && oi < oldNd) {
        std::int64_t np = newDims[ni], op = oldDims[oi];
        while (np != op) {
            if (np < op)
                np *= newDims[nj++];  // trailing 1s are handled below
            else
                op *= oldDims[oj++];
        }
        for (std::size_t ok = oi; ok + 1 < oj; ++ok) {
            if (fortran ? oldStrides[ok + 1] != oldDims[ok] * oldStrides[ok]
                        : oldStrides[ok] != oldDims[ok + 1] * oldStrides[ok + 1])
                return false;
        }
        if (fortran) {
            newStrides[ni] = oldStrides[oi];
            for (std::size_t nk = ni + 1; nk < nj; ++nk)
                newStrides[nk] = newStrides[nk - 1] * newDims[nk - 1];
        } else {
            newStrides[nj - 1] = oldStrides[oj - 1];
            for (std::size_t nk = nj - 1; nk > ni; --nk)
                newStrides[nk - 1] = newStrides[nk] * newDims[nk];
        }
        ni = nj++;
        oi = oj++;
    }
    std::int64_t lastStride = ni >= 1 ? newStrides[ni - 1] : 1;
    if (fortran && ni >= 1)
        lastStride *= newDims[ni - 1];
    for (std::size_t nk = ni; nk < newNd; ++nk)
        newStrides[nk] = lastStride;
    return true;
}

// NumPy's PyArray_Newshape after the -1s are resolved.
ArrayPtr numpyNewShape(const ArrayPtr& self, Shape dims, MemoryOrder order)
{
    const bool fortran = order == MemoryOrder::F;
    ArrayPtr source = self;
    Strides strides;
    bool haveStrides = false;
    if ((!fortran && !self->isContiguous()) || (fortran && !self->isFContiguous())) {
        if (numpyNoCopyReshape(*self, dims, fortran, strides)) {
            haveStrides = true;
        } else {
            // PyArray_NewCopy(self, order): the result is then a view of this copy, which becomes its .base.
            source = freshNumpyArray(self->dtype(), self->sizes(), numpyFillStrides(self->sizes(), fortran));
            copyIntoFresh(*source, *self);
        }
    }
    if (!haveStrides) {
        // NumPy picks the fill order from flags it sets to the requested order (for 0-D and 1-D results
        // either order gives the same strides).
        strides = numpyFillStrides(dims, fortran);
    }
    return deriveView(source, std::move(dims), std::move(strides), 0, "");
}

Shape normalizedAxesNumpy(IntSpan axes, std::int64_t ndim, std::string_view duplicateMessage)
{
    Shape out;
    for (const std::int64_t axis : axes) {
        const std::int64_t wrapped = wrapAxisNumpy(axis, ndim);
        AV_CHECK(std::find(out.begin(), out.end(), wrapped) == out.end(), valueError, duplicateMessage);
        out.push_back(wrapped);
    }
    return out;
}

// NumPy's check_and_adjust_axis_msg: "axis1: axis 3 is out of bounds for array of dimension 2".
std::int64_t wrapAxisNumpyNamed(std::int64_t axis, std::int64_t ndim, std::string_view name)
{
    if (axis < -ndim || axis >= ndim)
        throw axisError(concat(name, ": axis ", axis, " is out of bounds for array of dimension ", ndim))
            .withArgsRepr(concat(axis, ", ", ndim, ", '", name, "'"));
    return axis < 0 ? axis + ndim : axis;
}

std::vector<ArrayPtr> withGradFn(std::vector<ArrayPtr> parts, std::string_view gradFn)
{
    // The parts come from narrow/select, which recorded their own grad_fn; they become the outputs of one
    // multi-output node named after the op.
    for (std::size_t i = 0; i < parts.size(); ++i)
        recordMultiOutputView(*parts[i], gradFn, static_cast<std::int64_t>(i));
    return parts;
}

// torch's split_with_sizes, the grad_fn set by the caller.
std::vector<ArrayPtr> splitWithSizes(const ArrayPtr& self, IntSpan sizes, std::int64_t dim)
{
    AV_CHECK(self->dim() != 0, runtimeError, "split expects at least a 1-dimensional tensor");
    const std::int64_t wrapped = wrapDimTorch(dim, self->dim());
    const std::int64_t dimSize = self->size(wrapped);
    std::int64_t total = 0;
    for (const std::int64_t length : sizes) {
        AV_CHECK(length >= 0, runtimeError,
                 "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=",
                 formatList(sizes));
        total += length;
    }
    AV_CHECK(total == dimSize, runtimeError, "split_with_sizes expects split_sizes to sum exactly to ", dimSize,
             " (input tensor's size at dimension ", dim, "), but got split_sizes=", formatList(sizes));
    std::vector<ArrayPtr> parts;
    std::int64_t start = 0;
    for (const std::int64_t length : sizes) {
        parts.push_back(narrow(self, wrapped, start, length));
        start += length;
    }
    return parts;
}

}  // namespace

// --- shared helpers ---------------------------------------------------------------------------------------

ArrayPtr deriveView(const ArrayPtr& self, Shape sizes, Strides strides, std::int64_t elementDelta,
                    std::string_view gradFn)
{
    ArrayPtr out =
        makeView(self, std::move(sizes), std::move(strides), self->byteOffset() + elementDelta * self->itemsize());
    // A view made under no_grad records nothing, yet still reports its base's requires_grad (autograd.cpp).
    if (self->isTensor())
        recordOp(*out, gradFn, {self.get()});
    return out;
}

bool computeViewStrides(IntSpan oldShape, IntSpan oldStrides, IntSpan newShape, Strides& out)
{
    // ATen's computeStride_impl: old dims split into chunks that are contiguous among themselves; the new
    // shape must split into chunks of the same element counts, each of which inherits its chunk's stride.
    out.assign(newShape.size(), 1);
    if (oldShape.empty())
        return true;
    const std::int64_t numel = numelOf(oldShape);
    if (numel == 0 && std::equal(oldShape.begin(), oldShape.end(), newShape.begin(), newShape.end())) {
        out.assign(oldStrides.begin(), oldStrides.end());
        return true;
    }
    if (numel == 0) {
        for (std::size_t k = newShape.size(); k-- > 0;)
            out[k] = k + 1 == newShape.size() ? 1 : std::max<std::int64_t>(newShape[k + 1], 1) * out[k + 1];
        return true;
    }
    std::int64_t viewD = static_cast<std::int64_t>(newShape.size()) - 1;
    std::int64_t chunkBaseStride = oldStrides.back();
    std::int64_t tensorNumel = 1, viewNumel = 1;
    for (std::int64_t tensorD = static_cast<std::int64_t>(oldShape.size()) - 1; tensorD >= 0; --tensorD) {
        tensorNumel *= oldShape[tensorD];
        if (tensorD == 0 ||
            (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
            while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                out[viewD] = viewNumel * chunkBaseStride;
                viewNumel *= newShape[viewD];
                --viewD;
            }
            if (viewNumel != tensorNumel)
                return false;
            if (tensorD > 0) {
                chunkBaseStride = oldStrides[tensorD - 1];
                tensorNumel = 1;
                viewNumel = 1;
            }
        }
    }
    return viewD == -1;
}

Strides numpyKeepOrderStrides(IntSpan sizes, IntSpan strides)
{
    if (sizes.size() <= 1 || contiguousFor(sizes, strides, true))
        return numpyFillStrides(sizes, false);
    if (contiguousFor(sizes, strides, false))
        return numpyFillStrides(sizes, true);
    const std::vector<std::size_t> perm = numpySortedStridePerm(strides);
    Strides out(sizes.size());
    std::int64_t stride = 1;
    for (std::size_t i = perm.size(); i-- > 0;) {
        out[perm[i]] = stride;
        stride *= sizes[perm[i]];
    }
    return out;
}

ArrayPtr freshNumpyArray(DType dtype, Shape sizes, Strides strides)
{
    const std::int64_t numel = numelOf(sizes);
    ArrayPtr block = allocateArray(Flavour::Numpy, dtype, {numel}, Device::cpu(), /*zeroFill=*/false);
    if (numel == 0)
        std::fill(strides.begin(), strides.end(), 0);
    ArrayPtr out = Array::make({Flavour::Numpy, dtype, std::move(sizes), std::move(strides), block->storage(), 0});
    out->setOwnsData(true);
    return out;
}

std::string numpyShapeString(IntSpan shape, std::string_view ending)
{
    // Leading negative ("newaxis") entries are skipped, later ones print as "newaxis".
    std::size_t i = 0;
    while (i < shape.size() && shape[i] < 0)
        ++i;
    if (i == shape.size())
        return concat("()", ending);
    std::string body = std::to_string(shape[i++]);
    for (; i < shape.size(); ++i) {
        body += ',';
        body += shape[i] < 0 ? std::string("newaxis") : std::to_string(shape[i]);
    }
    return shape.size() == 1 ? concat("(", body, ",)", ending) : concat("(", body, ")", ending);
}

void setTorchWarnAlways(bool enabled) { g_torchWarnAlways.store(enabled); }
bool torchWarnAlways() { return g_torchWarnAlways.load(); }

// --- reshaping ----------------------------------------------------------------------------------------------

ArrayPtr view(const ArrayPtr& self, IntSpan shape)
{
    AV_INTERNAL_ASSERT(self->isTensor(), "view(shape) is torch's");
    Shape sizes = inferSizeTorch(shape, self->numel());
    Strides strides;
    AV_CHECK(computeViewStrides(self->sizes(), self->strides(), sizes, strides), runtimeError,
             "view size is not compatible with input tensor's size and stride (at least one dimension spans across "
             "two contiguous subspaces). Use .reshape(...) instead.");
    return deriveView(self, std::move(sizes), std::move(strides), 0, "ViewBackward0");
}

ArrayPtr viewAsDType(const ArrayPtr& self, DType dtype)
{
    const std::int64_t oldSize = self->itemsize(), newSize = itemSize(dtype);
    Shape sizes = self->sizes();
    Strides strides = self->strides();  // in old elements until converted below
    const std::int64_t ndim = self->dim();
    if (self->isTensor()) {
        const auto what = [&] { return concat(" to view ", scalarTypeName(self->dtype()), " as ", scalarTypeName(dtype)); };
        std::int64_t offset = self->storageOffset();
        if (oldSize != newSize) {
            AV_CHECK(ndim != 0, runtimeError, "self.dim() cannot be 0", what(), " (different element sizes)");
            const auto checkLastStride = [&] {
                AV_CHECK(strides.back() == 1, runtimeError, "self.stride(-1) must be 1", what(),
                         " (different element sizes), but got ", strides.back());
            };
            if (oldSize > newSize) {
                checkLastStride();
                const std::int64_t ratio = oldSize / newSize;
                for (std::int64_t d = 0; d + 1 < ndim; ++d)
                    strides[d] *= ratio;
                sizes.back() *= ratio;
                offset *= ratio;
            } else {
                const std::int64_t ratio = newSize / oldSize;
                AV_CHECK(sizes.back() % ratio == 0, runtimeError, "self.size(-1) must be divisible by ", ratio, what(),
                         " (different element sizes), but got ", sizes.back());
                AV_CHECK(offset % ratio == 0, runtimeError, "self.storage_offset() must be divisible by ", ratio,
                         what(), " (different element sizes), but got ", offset);
                checkLastStride();
                for (std::int64_t d = 0; d + 1 < ndim; ++d) {
                    AV_CHECK(strides[d] % ratio == 0, runtimeError, "self.stride(", d, ") must be divisible by ",
                             ratio, what(), " (different element sizes), but got ", strides[d]);
                    strides[d] /= ratio;
                }
                sizes.back() /= ratio;
                offset /= ratio;
            }
            strides.back() = 1;
        }
        // view.dtype is not differentiable in 1.13: a plain tensor on the same storage and version counter,
        // with no _base and no grad, even for the same dtype.
        ArrayPtr out = makeView(self, std::move(sizes), std::move(strides), offset * newSize, dtype);
        out->setViewBase(nullptr);
        return out;
    }

    // NumPy: array_descr_set. Byte strides, since NumPy's may end up any multiple of neither itemsize.
    Strides byteStrides = self->byteStrides();
    if (oldSize != newSize) {
        AV_CHECK(ndim != 0, valueError, "Changing the dtype of a 0d array is only supported if the itemsize is unchanged");
        AV_CHECK(sizes.back() == 1 || self->numel() == 0 || byteStrides.back() == oldSize, valueError,
                 "To change to a dtype of a different size, the last axis must be contiguous");
        if (newSize < oldSize) {
            sizes.back() *= oldSize / newSize;
        } else {
            const std::int64_t lastBytes = sizes.back() * oldSize;
            AV_CHECK(lastBytes % newSize == 0, valueError,
                     "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the "
                     "last axis of the array.");
            sizes.back() = lastBytes / newSize;
        }
        byteStrides.back() = newSize;
    }
    for (std::size_t d = 0; d < byteStrides.size(); ++d) {
        AV_CHECK(byteStrides[d] % newSize == 0, notImplementedError,
                 "aliasview cannot show this view: NumPy gives it byte strides ", formatTuple(byteStrides),
                 ", which are not whole multiples of the new itemsize ", newSize,
                 " (aliasview keeps strides in elements)");
        strides[d] = byteStrides[d] / newSize;
    }
    if (self->isNumpyScalar()) {
        // A scalar's view is another scalar with its own copy of the bytes.
        ArrayPtr out = allocateArray(Flavour::Numpy, dtype, {}, Device::cpu(), false);
        std::memcpy(out->data(), self->data(), static_cast<std::size_t>(newSize));
        out->setNumpyScalar(true);
        return out;
    }
    return makeView(self, std::move(sizes), std::move(strides), self->byteOffset(), dtype);
}

ArrayPtr alias(const ArrayPtr& self)
{
    return deriveView(self, self->sizes(), self->strides(), 0, "AliasBackward0");
}

ArrayPtr reshape(const ArrayPtr& self, IntSpan shape, MemoryOrder order)
{
    if (self->isTensor()) {
        AV_INTERNAL_ASSERT(order == MemoryOrder::C, "torch's reshape has no order");
        Shape sizes = inferSizeTorch(shape, self->numel());
        Strides strides;
        if (computeViewStrides(self->sizes(), self->strides(), sizes, strides))
            return deriveView(self, std::move(sizes), std::move(strides), 0, "ReshapeAliasBackward0");
        // at::_unsafe_view(self.clone(at::MemoryFormat::Contiguous), shape): a new tensor, not a view.
        ArrayPtr clone = contiguousCopy(*self, Flavour::Torch, self->dtype());
        AV_INTERNAL_ASSERT(computeViewStrides(clone->sizes(), clone->strides(), sizes, strides));
        ArrayPtr out = Array::make({Flavour::Torch, self->dtype(), std::move(sizes), std::move(strides), clone->storage(), 0});
        recordOp(*out, "UnsafeViewBackward0", {self.get()});
        return out;
    }
    AV_CHECK(order != MemoryOrder::K, valueError, "order 'K' is not permitted for reshaping");
    order = resolveAnyOrder(*self, order);
    if (std::equal(shape.begin(), shape.end(), self->sizes().begin(), self->sizes().end()))
        return deriveView(self, self->sizes(), self->strides(), 0, "");
    return numpyNewShape(self, inferSizeNumpy(shape, self->numel()), order);
}

ArrayPtr flatten(const ArrayPtr& self, std::int64_t startDim, std::int64_t endDim, MemoryOrder order)
{
    if (self->isNdarray()) {
        // PyArray_Flatten: always a new array, in the requested order.
        switch (resolveAnyOrder(*self, order)) {
        case MemoryOrder::F: {
            std::vector<std::size_t> perm = identityPerm(static_cast<std::size_t>(self->dim()));
            std::reverse(perm.begin(), perm.end());
            return numpyFlatCopy(self, perm);
        }
        case MemoryOrder::K: return numpyFlatCopy(self, numpySortedStridePerm(self->strides()));
        default: return numpyFlatCopy(self, identityPerm(static_cast<std::size_t>(self->dim())));
        }
    }
    AV_INTERNAL_ASSERT(order == MemoryOrder::C, "torch's flatten has no order");
    const std::int64_t ndim = self->dim();
    const std::int64_t start = wrapDimTorch(startDim, ndim);
    const std::int64_t end = wrapDimTorch(endDim, ndim);
    AV_CHECK(start <= end, runtimeError, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (ndim == 0) {
        const std::int64_t one[] = {1};
        return reshape(self, one);
    }
    if (start == end)
        return self;
    Shape shape;
    std::int64_t product = 1;
    for (std::int64_t d = 0; d < ndim; ++d) {
        if (d < start || d > end) {
            shape.push_back(self->size(d));
        } else {
            product *= self->size(d);
            if (d == end)
                shape.push_back(product);
        }
    }
    return reshape(self, shape);
}

ArrayPtr ravel(const ArrayPtr& self, MemoryOrder order)
{
    const std::int64_t minusOne[] = {-1};
    if (self->isTensor()) {
        AV_INTERNAL_ASSERT(order == MemoryOrder::C, "torch's ravel has no order");
        // self.contiguous().view(-1)
        ArrayPtr source = self;
        if (!self->isContiguous()) {
            source = contiguousCopy(*self, Flavour::Torch, self->dtype());
            recordOp(*source, "CloneBackward0", {self.get()});
        }
        return view(source, minusOne);
    }
    // PyArray_Ravel.
    if (order == MemoryOrder::K) {
        if (self->isContiguous())
            order = MemoryOrder::C;
        else if (self->isFContiguous())
            order = MemoryOrder::F;
    } else {
        order = resolveAnyOrder(*self, order);
    }
    if (order == MemoryOrder::C && self->isContiguous())
        return numpyNewShape(self, {self->numel()}, MemoryOrder::C);
    if (order == MemoryOrder::F && self->isFContiguous())
        return numpyNewShape(self, {self->numel()}, MemoryOrder::F);
    if (order == MemoryOrder::K) {
        const std::vector<std::size_t> perm = numpySortedStridePerm(self->strides());
        std::int64_t stride = 1;
        bool dense = true;
        for (std::size_t i = perm.size(); i-- > 0 && dense;) {
            const std::int64_t d = static_cast<std::int64_t>(perm[i]);
            if (self->size(d) == 1)
                continue;
            dense = self->stride(d) == stride;
            stride *= self->size(d);
        }
        if (dense)
            return deriveView(self, {self->numel()}, {1}, 0, "");
    }
    return flatten(self, 0, -1, order);
}

// --- reordering dims ------------------------------------------------------------------------------------------

ArrayPtr transpose(const ArrayPtr& self, std::int64_t dim0, std::int64_t dim1)
{
    const std::int64_t ndim = self->dim();
    std::int64_t a, b;
    if (self->isTensor()) {
        a = wrapDimTorch(dim0, ndim);
        b = wrapDimTorch(dim1, ndim);
    } else {
        a = wrapAxisNumpyNamed(dim0, ndim, "axis1");
        b = wrapAxisNumpyNamed(dim1, ndim, "axis2");
    }
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    if (ndim > 0) {
        std::swap(sizes[static_cast<std::size_t>(a)], sizes[static_cast<std::size_t>(b)]);
        std::swap(strides[static_cast<std::size_t>(a)], strides[static_cast<std::size_t>(b)]);
    }
    return deriveView(self, std::move(sizes), std::move(strides), 0, "TransposeBackward0");
}

ArrayPtr t(const ArrayPtr& self)
{
    AV_INTERNAL_ASSERT(self->isTensor(), "t() is torch's");
    AV_CHECK(self->dim() <= 2, runtimeError, "t() expects a tensor with <= 2 dimensions, but self is ", self->dim(), "D");
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    std::reverse(sizes.begin(), sizes.end());
    std::reverse(strides.begin(), strides.end());
    return deriveView(self, std::move(sizes), std::move(strides), 0, "TBackward0");
}

ArrayPtr reversedDims(const ArrayPtr& self)
{
    if (self->isTensor() && self->dim() != 2 && self->dim() != 0)
        torchWarnOnce(g_torchTWarned,
                      "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it "
                      "will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
                      "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered "
                      "internally at  ./aten/src/ATen/native/TensorShape.cpp:3277.)");
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    std::reverse(sizes.begin(), sizes.end());
    std::reverse(strides.begin(), strides.end());
    return deriveView(self, std::move(sizes), std::move(strides), 0, "PermuteBackward0");
}

ArrayPtr permute(const ArrayPtr& self, IntSpan dims)
{
    const std::int64_t ndim = self->dim();
    std::vector<bool> seen(static_cast<std::size_t>(ndim), false);
    Shape sizes;
    Strides strides;
    if (self->isTensor()) {
        AV_CHECK(static_cast<std::int64_t>(dims.size()) == ndim, runtimeError,
                 "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
                 "desired ordering of dimensions i.e. input.dim() = ",
                 ndim, " is not equal to len(dims) = ", dims.size());
        for (const std::int64_t dim : dims) {
            const std::int64_t d = wrapDimTorch(dim, ndim);
            AV_CHECK(!seen[static_cast<std::size_t>(d)], runtimeError, "permute(): duplicate dims are not allowed.");
            seen[static_cast<std::size_t>(d)] = true;
            sizes.push_back(self->size(d));
            strides.push_back(self->stride(d));
        }
        return deriveView(self, std::move(sizes), std::move(strides), 0, "PermuteBackward0");
    }
    AV_CHECK(static_cast<std::int64_t>(dims.size()) == ndim, valueError, "axes don't match array");
    for (const std::int64_t axis : dims) {
        const std::int64_t d = wrapAxisNumpy(axis, ndim);
        AV_CHECK(!seen[static_cast<std::size_t>(d)], valueError, "repeated axis in transpose");
        seen[static_cast<std::size_t>(d)] = true;
        sizes.push_back(self->size(d));
        strides.push_back(self->stride(d));
    }
    return deriveView(self, std::move(sizes), std::move(strides), 0, "");
}

// --- picking parts ----------------------------------------------------------------------------------------------

ArrayPtr select(const ArrayPtr& self, std::int64_t dim, std::int64_t index)
{
    AV_CHECK(self->dim() != 0, indexError, "select() cannot be applied to a 0-dim tensor.");
    const std::int64_t d = wrapDimTorch(dim, self->dim());
    const std::int64_t size = self->size(d);
    AV_CHECK(index >= -size && index < size, indexError, "select(): index ", index,
             " out of range for tensor of size ", formatList(self->sizes()), " at dimension ", d);
    if (index < 0)
        index += size;
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    const std::int64_t stride = strides[static_cast<std::size_t>(d)];
    sizes.erase(sizes.begin() + d);
    strides.erase(strides.begin() + d);
    return deriveView(self, std::move(sizes), std::move(strides), index * stride, "SelectBackward0");
}

ArrayPtr narrow(const ArrayPtr& self, std::int64_t dim, std::int64_t start, std::int64_t length)
{
    AV_CHECK(self->dim() > 0, runtimeError, "narrow() cannot be applied to a 0-dim tensor.");
    const std::int64_t d = wrapDimTorch(dim, self->dim());
    const std::int64_t size = self->size(d);
    if (start != size)  // start at the end is valid, though it is no valid dim
        start = wrapDimTorch(start, size);
    AV_CHECK(length >= 0 && start <= size - length, runtimeError, "start (", start, ") + length (", length,
             ") exceeds dimension size (", size, ").");
    Shape sizes = self->sizes();
    sizes[static_cast<std::size_t>(d)] = length;
    return deriveView(self, std::move(sizes), self->strides(), start * self->stride(d), "SliceBackward0");
}

ArrayPtr diagonal(const ArrayPtr& self, std::int64_t offset, std::int64_t dim1, std::int64_t dim2)
{
    const std::int64_t ndim = self->dim();
    std::int64_t a, b;
    if (self->isTensor()) {
        a = wrapDimTorch(dim1, ndim);
        b = wrapDimTorch(dim2, ndim);
        AV_CHECK(a != b, runtimeError, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
    } else {
        AV_CHECK(ndim >= 2, valueError, "diag requires an array of at least two dimensions");
        a = wrapAxisNumpyNamed(dim1, ndim, "axis1");
        b = wrapAxisNumpyNamed(dim2, ndim, "axis2");
        AV_CHECK(a != b, valueError, "axis1 and axis2 cannot be the same");
    }
    const std::int64_t sizeA = self->size(a), sizeB = self->size(b);
    const std::int64_t strideA = self->stride(a), strideB = self->stride(b);
    std::int64_t diagSize = 0, delta = 0;
    if (self->isTensor()) {
        diagSize = offset >= 0 ? std::max<std::int64_t>(std::min(sizeA, sizeB - offset), 0)
                               : std::max<std::int64_t>(std::min(sizeA + offset, sizeB), 0);
        // ATen leaves the offset alone for an empty diagonal, "to be kosher".
        if (diagSize != 0)
            delta = offset >= 0 ? offset * strideB : -offset * strideA;
    } else {
        const std::int64_t rows = offset >= 0 ? sizeA : sizeA + offset;
        const std::int64_t cols = offset >= 0 ? sizeB - offset : sizeB;
        diagSize = std::min(rows, cols);
        // NumPy moves the data pointer unless the diagonal is negative-sized, even for an empty one.
        if (diagSize < 0)
            diagSize = 0;
        else
            delta = offset >= 0 ? offset * strideB : -offset * strideA;
    }
    Shape sizes;
    Strides strides;
    for (std::int64_t d = 0; d < ndim; ++d) {
        if (d != a && d != b) {
            sizes.push_back(self->size(d));
            strides.push_back(self->stride(d));
        }
    }
    sizes.push_back(diagSize);
    strides.push_back(strideA + strideB);
    ArrayPtr out = deriveView(self, std::move(sizes), std::move(strides), delta, "DiagonalBackward0");
    if (out->isNdarray())
        out->setWriteable(false);  // NumPy's diagonal views are read-only
    return out;
}

std::vector<ArrayPtr> chunk(const ArrayPtr& self, std::int64_t chunks, std::int64_t dim)
{
    AV_CHECK(self->dim() > 0, runtimeError, "chunk expects at least a 1-dimensional tensor");
    AV_CHECK(chunks > 0, runtimeError, "chunk expects `chunks` to be greater than 0, got: ", chunks);
    const std::int64_t dimSize = self->size(wrapDimTorch(dim, self->dim()));
    const std::int64_t splitSize = (dimSize + chunks - 1) / chunks;
    if (splitSize == 0 && dimSize == 0) {
        // split() would lose the number of chunks, so ATen asks split_with_sizes for them.
        const Shape sizes(static_cast<std::size_t>(chunks), 0);
        return withGradFn(splitWithSizes(self, sizes, dim), "SplitWithSizesBackward0");
    }
    return split(self, splitSize, dim);
}

std::vector<ArrayPtr> split(const ArrayPtr& self, std::int64_t splitSize, std::int64_t dim)
{
    AV_CHECK(self->dim() != 0, runtimeError, "split expects at least a 1-dimensional tensor");
    AV_CHECK(splitSize >= 0, runtimeError, "split expects split_size be non-negative, but got split_size=", splitSize);
    const std::int64_t d = wrapDimTorch(dim, self->dim());
    const std::int64_t dimSize = self->size(d);
    AV_CHECK(splitSize > 0 || dimSize == 0, runtimeError,
             "split_size can only be 0 if dimension size is 0, but got dimension size of ", dimSize);
    std::int64_t numSplits = 1;
    if (splitSize != 0)
        numSplits = std::max<std::int64_t>((dimSize + splitSize - 1) / splitSize, 1);
    const std::int64_t lastSize = splitSize - (splitSize * numSplits - dimSize);
    std::vector<ArrayPtr> parts;
    for (std::int64_t i = 0; i < numSplits; ++i)
        parts.push_back(narrow(self, d, i * splitSize, i < numSplits - 1 ? splitSize : lastSize));
    return withGradFn(std::move(parts), "SplitBackward0");
}

std::vector<ArrayPtr> split(const ArrayPtr& self, IntSpan splitSizes, std::int64_t dim)
{
    return withGradFn(splitWithSizes(self, splitSizes, dim), "SplitWithSizesBackward0");
}

std::vector<ArrayPtr> unbind(const ArrayPtr& self, std::int64_t dim)
{
    const std::int64_t d = wrapDimTorch(dim, self->dim());
    AV_CHECK(self->dim() > 0, indexError, "Dimension specified as ", d, " but tensor has no dimensions");
    std::vector<ArrayPtr> parts;
    for (std::int64_t i = 0; i < self->size(d); ++i)
        parts.push_back(select(self, d, i));
    return withGradFn(std::move(parts), "UnbindBackward0");
}

// --- size-1 dims and broadcasting ---------------------------------------------------------------------------

ArrayPtr squeeze(const ArrayPtr& self)
{
    Shape sizes;
    Strides strides;
    for (std::int64_t d = 0; d < self->dim(); ++d) {
        if (self->size(d) != 1) {
            sizes.push_back(self->size(d));
            strides.push_back(self->stride(d));
        }
    }
    if (self->isNdarray() && static_cast<std::int64_t>(sizes.size()) == self->dim())
        return self;  // PyArray_Squeeze: nothing to squeeze, the same array
    return deriveView(self, std::move(sizes), std::move(strides), 0, "SqueezeBackward0");
}

ArrayPtr squeeze(const ArrayPtr& self, IntSpan dims)
{
    const std::int64_t ndim = self->dim();
    std::vector<bool> drop(static_cast<std::size_t>(ndim), false);
    if (self->isTensor()) {
        AV_INTERNAL_ASSERT(dims.size() == 1, "torch 1.13 squeezes one dim at a time");
        const std::int64_t d = wrapDimTorch(dims[0], ndim);
        if (ndim > 0 && self->size(d) == 1)
            drop[static_cast<std::size_t>(d)] = true;
    } else {
        bool any = false;
        for (const std::int64_t axis : dims) {
            // PyArray_ConvertMultiAxis lets axis 0 / -1 through for 0-d arrays.
            if (ndim == 0 && (axis == 0 || axis == -1))
                continue;
            const std::int64_t d = wrapAxisNumpy(axis, ndim);
            AV_CHECK(!drop[static_cast<std::size_t>(d)], valueError, "duplicate value in 'axis'");
            drop[static_cast<std::size_t>(d)] = true;
        }
        for (std::int64_t d = 0; d < ndim; ++d) {
            if (!drop[static_cast<std::size_t>(d)])
                continue;
            AV_CHECK(self->size(d) == 1, valueError,
                     "cannot select an axis to squeeze out which has size not equal to one");
            any = true;
        }
        if (!any)
            return self;
    }
    Shape sizes;
    Strides strides;
    for (std::int64_t d = 0; d < ndim; ++d) {
        if (!drop[static_cast<std::size_t>(d)]) {
            sizes.push_back(self->size(d));
            strides.push_back(self->stride(d));
        }
    }
    return deriveView(self, std::move(sizes), std::move(strides), 0, "SqueezeBackward1");
}

ArrayPtr unsqueeze(const ArrayPtr& self, std::int64_t dim)
{
    const std::int64_t ndim = self->dim();
    const std::int64_t d = wrapDimTorch(dim, ndim + 1);
    Shape sizes = self->sizes();
    Strides strides = self->strides();
    const std::int64_t stride = d >= ndim ? 1 : sizes[static_cast<std::size_t>(d)] * strides[static_cast<std::size_t>(d)];
    sizes.insert(sizes.begin() + d, 1);
    strides.insert(strides.begin() + d, stride);
    return deriveView(self, std::move(sizes), std::move(strides), 0, "UnsqueezeBackward0");
}

ArrayPtr expandDims(const ArrayPtr& self, IntSpan axes)
{
    const std::int64_t outNdim = self->dim() + static_cast<std::int64_t>(axes.size());
    const Shape normalized = normalizedAxesNumpy(axes, outNdim, "repeated axis");
    Shape shape;
    std::int64_t next = 0;
    for (std::int64_t d = 0; d < outNdim; ++d) {
        if (std::find(normalized.begin(), normalized.end(), d) != normalized.end())
            shape.push_back(1);
        else
            shape.push_back(self->size(next++));
    }
    return reshape(self, shape);
}

ArrayPtr expand(const ArrayPtr& self, IntSpan sizes)
{
    const std::int64_t ndim = static_cast<std::int64_t>(sizes.size());
    const std::int64_t tensorDim = self->dim();
    AV_CHECK(ndim >= tensorDim, runtimeError, "expand(", torchTypeString(*self), "{", formatList(self->sizes()),
             "}, size=", formatList(sizes), "): the number of sizes provided (", ndim,
             ") must be greater or equal to the number of dimensions in the tensor (", tensorDim, ")");
    Shape outSizes(static_cast<std::size_t>(ndim));
    Strides outStrides(static_cast<std::size_t>(ndim), 0);
    if (tensorDim == 0) {
        for (std::int64_t i = 0; i < ndim; ++i) {
            AV_CHECK(sizes[i] >= 0, runtimeError, "numel: integer multiplication overflow");
            outSizes[i] = sizes[i];
        }
    } else {
        for (std::int64_t i = ndim - 1; i >= 0; --i) {
            const std::int64_t dim = tensorDim - 1 - (ndim - 1 - i);
            std::int64_t size = dim >= 0 ? self->size(dim) : 1;
            std::int64_t stride = dim >= 0 ? self->stride(dim) : outSizes[i + 1] * outStrides[i + 1];
            std::int64_t target = sizes[i];
            if (target == -1) {
                AV_CHECK(dim >= 0, runtimeError, "The expanded size of the tensor (", target,
                         ") isn't allowed in a leading, non-existing dimension ", i);
                target = size;
            }
            if (size != target) {
                AV_CHECK(size == 1, runtimeError, "The expanded size of the tensor (", target,
                         ") must match the existing size (", size, ") at non-singleton dimension ", i,
                         ".  Target sizes: ", formatList(sizes), ".  Tensor sizes: ", formatList(self->sizes()));
                size = target;
                stride = 0;
            }
            outSizes[i] = size;
            outStrides[i] = stride;
        }
    }
    return deriveView(self, std::move(outSizes), std::move(outStrides), 0, "ExpandBackward0");
}

ArrayPtr expandAs(const ArrayPtr& self, const ArrayPtr& other) { return expand(self, other->sizes()); }

}  // namespace av::engine
