#include "copies.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copykernel.h"
#include "errors.h"

#include <algorithm>

namespace av::engine {

namespace {

// A fresh array of `flavour` on its own buffer with the given strides (a permutation of dense strides).
ArrayPtr freshStrided(Flavour flavour, DType dtype, const Shape& sizes, const Strides& strides)
{
    ArrayPtr dense = allocateArray(flavour, dtype, sizes, Device::cpu(), /*zeroFill=*/false);
    // NumPy 1.24 gives every new zero-size array all-zero strides.
    const Strides actual = flavour == Flavour::Numpy && numelOf(sizes) == 0 ? Strides(sizes.size(), 0) : strides;
    if (actual == dense->strides())
        return dense;
    ArrayPtr out = Array::make({flavour, dtype, sizes, actual, dense->storage(), 0});
    if (flavour == Flavour::Numpy)
        out->setOwnsData(true);
    return out;
}

// c10's memory formats that torch.cat carries over from its inputs (MemoryFormat::ChannelsLast/3d).
enum class MemoryFormat : std::uint8_t { Contiguous, ChannelsLast, ChannelsLast3d };

// c10::is_channels_last_strides_2d_s4 / _3d_s5: the strides, read in the channels-last order, increase.
bool isChannelsLastStrides(const Shape& sizes, const Strides& strides, std::initializer_list<int> order)
{
    std::int64_t min = 0;
    if (strides[1] == 0)
        return false;
    for (const int d : order) {
        if (sizes[static_cast<std::size_t>(d)] == 0)
            return false;
        if (strides[static_cast<std::size_t>(d)] < min)
            return false;
        // Fallback to the contiguous format for ambiguous N111 tensors, as c10 does.
        if (d == 0 && min == strides[1])
            return false;
        min = strides[static_cast<std::size_t>(d)];
        if (sizes[static_cast<std::size_t>(d)] > 1)
            min *= sizes[static_cast<std::size_t>(d)];
    }
    return true;
}

// TensorBase::suggest_memory_format().
MemoryFormat suggestMemoryFormat(const Array& t)
{
    if (t.dim() == 4 && isChannelsLastStrides(t.sizes(), t.strides(), {1, 3, 2, 0}))
        return MemoryFormat::ChannelsLast;
    if (t.dim() == 5 && isChannelsLastStrides(t.sizes(), t.strides(), {1, 4, 3, 2, 0}))
        return MemoryFormat::ChannelsLast3d;
    return MemoryFormat::Contiguous;
}

// c10::get_channels_last_strides_2d / _3d, or plain C strides.
Strides stridesFor(const Shape& sizes, MemoryFormat format)
{
    if (format == MemoryFormat::ChannelsLast && sizes.size() == 4) {
        Strides s(4);
        s[1] = 1;
        s[3] = sizes[1];
        s[2] = s[3] * sizes[3];
        s[0] = s[2] * sizes[2];
        return s;
    }
    if (format == MemoryFormat::ChannelsLast3d && sizes.size() == 5) {
        Strides s(5);
        s[1] = 1;
        s[4] = sizes[1];
        s[3] = s[4] * sizes[4];
        s[2] = s[3] * sizes[3];
        s[0] = s[2] * sizes[2];
        return s;
    }
    return contiguousStrides(sizes);
}

// cat's compute_output_memory_format: the first input's suggestion, unless a later one disagrees with a
// channels-last first choice.
MemoryFormat catMemoryFormat(const std::vector<ArrayPtr>& tensors)
{
    std::optional<MemoryFormat> format;
    for (const ArrayPtr& t : tensors) {
        const MemoryFormat f = suggestMemoryFormat(*t);
        if (!format) {
            format = f;
            continue;
        }
        if (*format == f || *format == MemoryFormat::Contiguous)
            continue;
        format = MemoryFormat::Contiguous;
    }
    return format.value_or(MemoryFormat::Contiguous);
}

// The slice [begin, begin + length) of `out` along `dim`, as a plain array over out's memory.
ArrayPtr sliceOf(const ArrayPtr& out, std::size_t dim, std::int64_t begin, std::int64_t length)
{
    Shape sizes = out->sizes();
    sizes[dim] = length;
    return Array::make({out->flavour(), out->dtype(), sizes, out->strides(), out->storage(),
                        out->byteOffset() + begin * out->strides()[dim] * out->itemsize()});
}

// recordOp for a list of inputs: the result requires grad when any input does.
void recordAny(Array& out, std::string_view gradFn, const std::vector<ArrayPtr>& inputs)
{
    for (const ArrayPtr& t : inputs)
        if (t->requiresGrad()) {
            recordOp(out, gradFn, {t.get()});
            return;
        }
}

std::string_view pythonTypeName(const Array& a)
{
    return a.isTensor() ? "Tensor" : "numpy.ndarray";
}

// cat_should_skip_tensor: torch's legacy empty tensors, shape [0], are left out of cat's shape checks.
bool catSkips(const Array& t)
{
    return t.numel() == 0 && t.dim() == 1;
}

// torch.cat; gradFn names the autograd node the result gets (empty: the caller records its own).
ArrayPtr torchCat(const std::vector<ArrayPtr>& tensors, std::int64_t dim, std::string_view gradFn)
{
    for (std::size_t i = 0; i < tensors.size(); ++i)
        AV_CHECK(tensors[i]->isTensor(), typeError, "expected Tensor as element ", i, " in argument 0, but got ",
                 pythonTypeName(*tensors[i]));
    for (std::size_t i = 0; i < tensors.size(); ++i)
        AV_CHECK(tensors[i]->dim() != 0, runtimeError, "zero-dimensional tensor (at position ", i,
                 ") cannot be concatenated");
    // legacy_cat_wrap_dim: the dim is wrapped against the first tensor that is not skipped.
    for (const ArrayPtr& t : tensors) {
        if (catSkips(*t))
            continue;
        dim = wrapDimTorch(dim, t->dim());
        break;
    }
    AV_CHECK(!tensors.empty(), runtimeError, "torch.cat(): expected a non-empty list of Tensors");

    std::size_t valid = tensors.size();
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        if (!catSkips(*tensors[i])) {
            valid = i;
            break;
        }
    }
    const MemoryFormat format = catMemoryFormat(tensors);
    DType dtype = tensors[0]->dtype();
    for (const ArrayPtr& t : tensors)
        dtype = promoteTypesTorch(dtype, t->dtype());

    Shape sizes{0};
    if (valid < tensors.size()) {
        const Array& first = *tensors[valid];
        std::int64_t sizeAtDim = 0;
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            const Array& t = *tensors[i];
            if (catSkips(t))
                continue;
            AV_CHECK(first.dim() == t.dim(), runtimeError, "Tensors must have same number of dimensions: got ",
                     first.dim(), " and ", t.dim());
            for (std::int64_t d = 0; d < first.dim(); ++d) {
                if (d == dim)
                    continue;
                AV_CHECK(first.size(d) == t.size(d), runtimeError, "Sizes of tensors must match except in dimension ",
                         dim, ". Expected size ", first.size(d), " but got size ", t.size(d), " for tensor number ", i,
                         " in the list.");
            }
            sizeAtDim += t.size(dim);
        }
        sizes = first.sizes();
        sizes[static_cast<std::size_t>(dim)] = sizeAtDim;
    }
    ArrayPtr out = freshStrided(Flavour::Torch, dtype, sizes, stridesFor(sizes, format));
    if (valid < tensors.size()) {
        std::int64_t offset = 0;
        for (const ArrayPtr& t : tensors) {
            if (catSkips(*t))
                continue;
            const std::int64_t length = t->size(dim);
            if (length > 0 && t->numel() > 0) {
                ArrayPtr slice = sliceOf(out, static_cast<std::size_t>(dim), offset, length);
                copyIntoFresh(*slice, *t);
            }
            offset += length;
        }
    }
    if (!gradFn.empty())
        recordAny(*out, gradFn, tensors);
    return out;
}

// PyArray_CreateMultiSortedStridePerm: the axes ordered from the biggest stride to the smallest, by the
// inputs' strides (axes of size 1 compare as ambiguous), stably, C order winning conflicts.
std::vector<std::size_t> multiSortedStridePerm(const std::vector<ArrayPtr>& arrays, std::size_t ndim)
{
    std::vector<std::size_t> perm(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        perm[i] = i;
    for (std::size_t i0 = 1; i0 < ndim; ++i0) {
        std::size_t ipos = i0;
        const std::size_t j0 = perm[i0];
        for (std::size_t i1 = i0; i1-- > 0;) {
            const std::size_t j1 = perm[i1];
            bool ambiguous = true, shouldSwap = false;
            for (const ArrayPtr& a : arrays) {
                if (a->sizes()[j0] != 1 && a->sizes()[j1] != 1) {
                    if (std::llabs(a->strides()[j0]) <= std::llabs(a->strides()[j1]))
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
    return perm;
}

ArrayPtr numpyConcatenateArrays(const std::vector<ArrayPtr>& arrays, std::int64_t axis)
{
    AV_CHECK(!arrays.empty(), valueError, "need at least one array to concatenate");
    const std::int64_t ndim = arrays[0]->dim();
    AV_CHECK(ndim != 0, valueError, "zero-dimensional arrays cannot be concatenated");
    axis = wrapAxisNumpy(axis, ndim);
    Shape shape = arrays[0]->sizes();
    for (std::size_t i = 1; i < arrays.size(); ++i) {
        const Array& a = *arrays[i];
        AV_CHECK(a.dim() == ndim, valueError,
                 "all the input arrays must have same number of dimensions, but the array at index 0 has ", ndim,
                 " dimension(s) and the array at index ", i, " has ", a.dim(), " dimension(s)");
        for (std::int64_t d = 0; d < ndim; ++d) {
            if (d == axis) {
                shape[static_cast<std::size_t>(d)] += a.size(d);
            } else {
                AV_CHECK(shape[static_cast<std::size_t>(d)] == a.size(d), valueError,
                         "all the input array dimensions except for the concatenation axis must match exactly, but "
                         "along dimension ",
                         d, ", the array at index 0 has size ", shape[static_cast<std::size_t>(d)],
                         " and the array at index ", i, " has size ", a.size(d));
            }
        }
    }
    // NOTE: NumPy 1.24 applies value-based casting when 0-d arrays meet n-d ones (only possible with
    // axis=None); the plain promotion here differs from it in that case alone.
    DType dtype = arrays[0]->dtype();
    for (const ArrayPtr& a : arrays)
        dtype = promoteTypesNumpy(dtype, a->dtype());
    const std::vector<std::size_t> perm = multiSortedStridePerm(arrays, static_cast<std::size_t>(ndim));
    Strides strides(static_cast<std::size_t>(ndim));
    std::int64_t s = 1;
    for (std::size_t k = perm.size(); k-- > 0;) {
        strides[perm[k]] = s;
        s *= shape[perm[k]];
    }
    ArrayPtr out = freshStrided(Flavour::Numpy, dtype, shape, strides);
    std::int64_t offset = 0;
    for (const ArrayPtr& a : arrays) {
        const std::int64_t length = a->size(axis);
        if (length > 0 && a->numel() > 0)
            copyIntoFresh(*sliceOf(out, static_cast<std::size_t>(axis), offset, length), *a);
        offset += length;
    }
    return out;
}

// arr.ravel() as concatenate(axis=None) flattens: a C-order 1-d array holding the values.
ArrayPtr flattenedC(const ArrayPtr& a)
{
    if (a->isContiguous())
        return Array::make({Flavour::Numpy, a->dtype(), {a->numel()}, {1}, a->storage(), a->byteOffset()});
    ArrayPtr copy = contiguousCopy(*a, Flavour::Numpy, a->dtype());
    return Array::make({Flavour::Numpy, a->dtype(), {a->numel()}, {1}, copy->storage(), 0});
}

}  // namespace

ArrayPtr allocateLike(const Array& src, DType dtype)
{
    AV_INTERNAL_ASSERT(src.isTensor(), "allocateLike is torch's empty_like");
    if (src.isNonOverlappingAndDense())
        return freshStrided(Flavour::Torch, dtype, src.sizes(), src.strides());
    return freshStrided(Flavour::Torch, dtype, src.sizes(), inferDenseStrides(src.sizes(), src.strides()));
}

ArrayPtr asNumpyOperand(const ArrayPtr& value)
{
    if (value->isNdarray())
        return value;
    // Tensor.__array__ is self.numpy(): refused while grad mode is on for a tensor that requires grad; the
    // array's base is self.detach(), a new tensor object over the same memory.
    AV_CHECK(!(GradMode::isEnabled() && value->requiresGrad()), runtimeError,
             "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    ArrayPtr detached = Array::make(
        {Flavour::Torch, value->dtype(), value->sizes(), value->strides(), value->storage(), value->byteOffset()});
    detached->setVersionCounter(value->versionCounter());
    ArrayPtr view;
    if (value->numel() == 0) {
        // NumPy allocates its own (empty) data for a zero-size tensor, with zero strides, and owns it.
        view = freshStrided(Flavour::Numpy, value->dtype(), value->sizes(), value->strides());
    } else {
        view = Array::make(
            {Flavour::Numpy, value->dtype(), value->sizes(), value->strides(), value->storage(), value->byteOffset()});
    }
    view->setBase(detached);
    return view;
}

ArrayPtr clone(const ArrayPtr& self)
{
    if (self->isTensor()) {
        ArrayPtr out = allocateLike(*self, self->dtype());
        if (self->numel() > 0)
            copyIntoFresh(*out, *self);
        recordOp(*out, "CloneBackward0", {self.get()});
        return out;
    }
    // a.copy(): order='C'; a NumPy scalar's copy is a NumPy scalar.
    ArrayPtr out = freshStrided(Flavour::Numpy, self->dtype(), self->sizes(), contiguousStrides(self->sizes()));
    if (self->numel() > 0)
        copyIntoFresh(*out, *self);
    out->setNumpyScalar(self->isNumpyScalar());
    return out;
}

ArrayPtr contiguous(const ArrayPtr& self)
{
    AV_INTERNAL_ASSERT(self->isTensor(), "contiguous() is a tensor method");
    if (self->isContiguous())
        return self;
    ArrayPtr out = contiguousCopy(*self, Flavour::Torch, self->dtype());
    recordOp(*out, "CloneBackward0", {self.get()});
    return out;
}

ArrayPtr ascontiguousarray(const ArrayPtr& input)
{
    ArrayPtr a = asNumpyOperand(input);
    if (a->dim() == 0) {
        // ndmin=1 makes a 1-element view; a NumPy scalar is first made into an array of its own.
        ArrayPtr owner = a;
        if (a->isNumpyScalar())
            owner = contiguousCopy(*a, Flavour::Numpy, a->dtype());
        return makeView(owner, {1}, {1}, owner->byteOffset());
    }
    if (a->isContiguous())
        return a;
    ArrayPtr out = freshStrided(Flavour::Numpy, a->dtype(), a->sizes(), contiguousStrides(a->sizes()));
    copyIntoFresh(*out, *a);
    return out;
}

ArrayPtr concatenate(Flavour library, const std::vector<ArrayPtr>& arrays, std::optional<std::int64_t> axis)
{
    if (library == Flavour::Torch) {
        AV_INTERNAL_ASSERT(axis.has_value(), "torch.cat has no axis=None");
        return torchCat(arrays, *axis, "CatBackward0");
    }
    std::vector<ArrayPtr> converted;
    converted.reserve(arrays.size());
    for (const ArrayPtr& a : arrays)
        converted.push_back(asNumpyOperand(a));
    if (!axis) {
        AV_CHECK(!converted.empty(), valueError, "need at least one array to concatenate");
        for (ArrayPtr& a : converted)
            a = flattenedC(a);
        return numpyConcatenateArrays(converted, 0);
    }
    return numpyConcatenateArrays(converted, *axis);
}

ArrayPtr stack(Flavour library, const std::vector<ArrayPtr>& arrays, std::int64_t axis)
{
    if (library == Flavour::Torch) {
        for (std::size_t i = 0; i < arrays.size(); ++i)
            AV_CHECK(arrays[i]->isTensor(), typeError, "expected Tensor as element ", i, " in argument 0, but got ",
                     pythonTypeName(*arrays[i]));
        AV_CHECK(!arrays.empty(), runtimeError, "stack expects a non-empty TensorList");
        const Shape& entry = arrays[0]->sizes();
        const std::int64_t ndim = arrays[0]->dim();
        const std::int64_t dim = wrapDimTorch(axis, ndim + 1);
        for (std::size_t i = 1; i < arrays.size(); ++i)
            AV_CHECK(arrays[i]->sizes() == entry, runtimeError, "stack expects each tensor to be equal size, but got ",
                     formatList(entry), " at entry 0 and ", formatList(arrays[i]->sizes()), " at entry ", i);
        ArrayPtr out;
        if (dim < ndim) {
            // at::cat(tensors, dim).view(result_sizes): splitting dim `dim` into (count, size) is always a view.
            ArrayPtr joined = torchCat(arrays, dim, {});
            Shape sizes = entry;
            sizes.insert(sizes.begin() + dim, static_cast<std::int64_t>(arrays.size()));
            Strides strides = joined->strides();
            const std::int64_t inner = joined->strides()[static_cast<std::size_t>(dim)];
            strides.insert(strides.begin() + dim, inner * entry[static_cast<std::size_t>(dim)]);
            // computeStride: an empty tensor viewed to another shape gets resize-like strides.
            if (numelOf(sizes) == 0)
                strides = contiguousStrides(sizes);
            out = Array::make({Flavour::Torch, joined->dtype(), sizes, strides, joined->storage(), 0});
        } else {
            std::vector<ArrayPtr> expanded;
            for (const ArrayPtr& t : arrays) {
                Shape sizes = t->sizes();
                Strides strides = t->strides();
                sizes.push_back(1);
                strides.push_back(1);  // unsqueeze at the end: stride 1
                expanded.push_back(
                    Array::make({Flavour::Torch, t->dtype(), sizes, strides, t->storage(), t->byteOffset()}));
            }
            out = torchCat(expanded, dim, {});
        }
        recordAny(*out, "StackBackward0", arrays);
        return out;
    }
    std::vector<ArrayPtr> converted;
    for (const ArrayPtr& a : arrays)
        converted.push_back(asNumpyOperand(a));
    AV_CHECK(!converted.empty(), valueError, "need at least one array to stack");
    for (const ArrayPtr& a : converted)
        AV_CHECK(a->sizes() == converted[0]->sizes(), valueError, "all input arrays must have the same shape");
    const std::int64_t ndim = converted[0]->dim();
    const std::int64_t wrapped = wrapAxisNumpy(axis, ndim + 1);
    std::vector<ArrayPtr> expanded;
    for (const ArrayPtr& a : converted) {
        Shape sizes = a->sizes();
        Strides strides = a->strides();
        sizes.insert(sizes.begin() + wrapped, 1);
        strides.insert(strides.begin() + wrapped, 0);  // arr[..., np.newaxis]: stride 0
        expanded.push_back(Array::make({Flavour::Numpy, a->dtype(), sizes, strides, a->storage(), a->byteOffset()}));
    }
    return numpyConcatenateArrays(expanded, wrapped);
}

}  // namespace av::engine
