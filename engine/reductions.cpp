#include "reductions.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copies.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "shape.h"
#include "warnings.h"

#include <algorithm>
#include <array>
#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>

namespace av::engine {

// NOTE [ Summation order ]
// Float sums are not associative, so "the same value as the real library" means "the same additions in the
// same order". Both libraries' orders are replicated here, layout by layout:
//  * NumPy (1.24) reduces through a buffered nditer: axes sorted by the input's strides, coalesced, and
//    handed to the add loop in calls of at most 8192 (the ufunc buffer size) iterations. When the innermost
//    axis is reduced, a call adds pairwise_sum(call's elements) to the output element (loops_utils.h.src:
//    blocks of at most 128 with 8 accumulators, halved recursively); otherwise each call adds element by
//    element. float16 is summed in float and rounded back to half once per call.
//  * PyTorch (1.13) reduces through TensorIterator: reduced dims moved innermost, dims sorted by stride and
//    coalesced, then SumKernel.cpp's cascade_sum on each 2-d slice: multi-level accumulators whose exact
//    grouping depends on the vector width (8 floats / 4 doubles, as both torch's AVX2 and its default
//    kernels use 32-byte vectors; float16 loads 16 halves and accumulates 8 floats). The result is exact
//    for torch running on one thread, which is what torch.get_num_threads() reports on the machines this
//    project targets; with several threads torch splits reductions of more than 32768 elements and
//    combines the partial sums in another order.
// tests/engine/tst_reductions.cpp checks random float data of many sizes and layouts against both.

namespace {

// ---------------------------------------------------------------------------------------------------
// Which dims are reduced
// ---------------------------------------------------------------------------------------------------

std::vector<bool> torchReducedDims(const Array& self, const ReduceDims& spec)
{
    const std::int64_t ndim = self.dim();
    std::vector<bool> reduced(static_cast<std::size_t>(ndim), false);
    if (!spec.list || spec.list->empty()) {
        std::fill(reduced.begin(), reduced.end(), true);
        return reduced;
    }
    // A 0-d tensor accepts dim 0 / -1 (wrapDimTorch); it has no dims to mark.
    std::vector<bool> seen(static_cast<std::size_t>(std::max<std::int64_t>(ndim, 1)), false);
    for (const std::int64_t dim : *spec.list) {
        const std::int64_t wrapped = wrapDimTorch(dim, ndim);
        AV_CHECK(!seen[static_cast<std::size_t>(wrapped)], runtimeError, "dim ", wrapped,
                 " appears multiple times in the list of dims");
        seen[static_cast<std::size_t>(wrapped)] = true;
        if (ndim > 0)
            reduced[static_cast<std::size_t>(wrapped)] = true;
    }
    return reduced;
}

std::vector<bool> numpyReducedAxes(const Array& self, const ReduceDims& spec)
{
    const std::int64_t ndim = self.dim();
    std::vector<bool> reduced(static_cast<std::size_t>(ndim), !spec.list.has_value());
    if (!spec.list)
        return reduced;
    // ufunc.reduce's legacy special case: a 0-d array accepts axis=0 or -1 written as an int.
    if (ndim == 0 && !spec.writtenAsTuple && spec.list->size() == 1 && ((*spec.list)[0] == 0 || (*spec.list)[0] == -1))
        return reduced;
    for (const std::int64_t axis : *spec.list) {
        const std::int64_t wrapped = wrapAxisNumpy(axis, ndim);
        AV_CHECK(!reduced[static_cast<std::size_t>(wrapped)], valueError, "duplicate value in 'axis'");
        reduced[static_cast<std::size_t>(wrapped)] = true;
    }
    return reduced;
}

Shape reducedShape(const Array& self, const std::vector<bool>& reduced, bool keepdim)
{
    Shape out;
    for (std::size_t d = 0; d < reduced.size(); ++d) {
        if (!reduced[d])
            out.push_back(self.sizes()[d]);
        else if (keepdim)
            out.push_back(1);
    }
    return out;
}

// torch's autograd refuses to record an op whose result cannot carry a gradient; x.sum(dtype=torch.int64)
// on a tensor that requires grad trips this (internal) assertion in 1.13, and users see exactly this text.
void checkDifferentiableResult(const Array& self, DType resultDtype)
{
    if (GradMode::isEnabled() && self.requiresGrad() && !isFloating(resultDtype))
        throw runtimeError(
            "isDifferentiableType(variable.scalar_type()) INTERNAL ASSERT FAILED at "
            "\"./torch/csrc/autograd/functions/utils.h\":75, please report a bug to PyTorch. ");
}

// A NumPy result with no dims is a NumPy scalar (np.float64(15.0)), as PyArray_Return makes it.
ArrayPtr numpyResult(ArrayPtr out)
{
    if (out->dim() == 0)
        out->setNumpyScalar(true);
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Element access shared by the kernels
// ---------------------------------------------------------------------------------------------------

// One rounded IEEE addition in the accumulator type, as in both libraries: the engine is compiled as ISO C++
// (no floating-point contraction into FMA) and without -ffast-math, so nothing is reassociated.
template <typename Acc>
inline Acc addAcc(Acc a, Acc b)
{
    return a + b;
}

// ---------------------------------------------------------------------------------------------------
// PyTorch: TensorIterator layout and cascade_sum (aten/src/ATen/native/cpu/SumKernel.cpp)
// ---------------------------------------------------------------------------------------------------

struct TorchIterDim {
    std::int64_t size;
    std::int64_t outStride;  // bytes; 0 on reduced dims
    std::int64_t inStride;   // bytes
};

// TensorIterator::reorder_dimensions + coalesce_dimensions for a reduction (output operand first).
std::vector<TorchIterDim> torchReductionLayout(const Array& out, const Array& in, const std::vector<bool>& reduced)
{
    const std::size_t ndim = in.sizes().size();
    Shape keep = in.sizes();
    for (std::size_t d = 0; d < ndim; ++d)
        if (reduced[d])
            keep[d] = 1;
    const Strides keepStrides = contiguousStrides(keep);
    std::vector<TorchIterDim> dims(ndim);
    for (std::size_t d = 0; d < ndim; ++d) {
        const bool broadcastOut = reduced[d];  // review_reduce_result sets reduced dims' strides to 0
        dims[d] = {in.sizes()[d], broadcastOut ? 0 : keepStrides[d] * out.itemsize(), in.strides()[d] * in.itemsize()};
        // compute_strides: an operand of size 1 along a dim of the iteration shape > 1 gets stride 0
        // (not possible here: the input defines the shape).
    }
    // perm_ starts as n-1, ..., 0 (innermost first); insertion sort with ambiguous comparisons.
    std::vector<std::size_t> perm(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        perm[i] = ndim - 1 - i;
    if (ndim > 1) {
        const auto shouldSwap = [&](std::size_t dim0, std::size_t dim1) -> int {
            // operand 0: the output, a reduction output
            {
                const std::int64_t s0 = dims[dim0].outStride, s1 = dims[dim1].outStride;
                if ((s0 == 0) != (s1 == 0))
                    return s1 == 0 ? 1 : -1;
                if (s0 != 0 && s1 != 0) {
                    if (s0 < s1)
                        return -1;
                    if (s0 > s1)
                        return 1;
                    if (dims[dim0].size > dims[dim1].size)
                        return 1;
                }
            }
            {
                const std::int64_t s0 = dims[dim0].inStride, s1 = dims[dim1].inStride;
                if (s0 != 0 && s1 != 0) {
                    if (s0 < s1)
                        return -1;
                    if (s0 > s1)
                        return 1;
                    if (dims[dim0].size > dims[dim1].size)
                        return 1;
                }
            }
            return 0;
        };
        reorderDimensions(perm, shouldSwap);
    }
    std::vector<TorchIterDim> ordered(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        ordered[i] = dims[perm[i]];
    if (ordered.empty())
        return ordered;
    // coalesce_dimensions
    std::size_t prev = 0;
    for (std::size_t dim = 1; dim < ordered.size(); ++dim) {
        const TorchIterDim& a = ordered[prev];
        const TorchIterDim& b = ordered[dim];
        const bool canCoalesce =
            a.size == 1 || b.size == 1 || (a.size * a.outStride == b.outStride && a.size * a.inStride == b.inStride);
        if (canCoalesce) {
            if (ordered[prev].size == 1) {
                ordered[prev].outStride = b.outStride;
                ordered[prev].inStride = b.inStride;
            }
            ordered[prev].size *= b.size;
        } else {
            ++prev;
            if (prev != dim)
                ordered[prev] = b;
        }
    }
    ordered.resize(prev + 1);
    return ordered;
}

// Calls loop2d(outPtr, inPtr, strides[4], size0, size1) as TensorIterator::serial_for_each does: the two
// innermost dims per call, the outer dims walked in order.
template <typename Loop2d>
void torchSerialForEach(const std::vector<TorchIterDim>& dims, std::byte* out, const std::byte* in, Loop2d&& loop2d)
{
    if (dims.size() <= 1) {
        const std::int64_t size0 = dims.empty() ? 1 : dims[0].size;
        const std::array<std::int64_t, 4> strides{dims.empty() ? 0 : dims[0].outStride,
                                                  dims.empty() ? 0 : dims[0].inStride, 0, 0};
        loop2d(out, in, strides, size0, std::int64_t{1});
        return;
    }
    const std::array<std::int64_t, 4> strides{dims[0].outStride, dims[0].inStride, dims[1].outStride, dims[1].inStride};
    const std::size_t outer = dims.size() - 2;
    std::vector<std::int64_t> counter(outer, 0);
    std::byte* o = out;
    const std::byte* i = in;
    while (true) {
        loop2d(o, i, strides, dims[0].size, dims[1].size);
        std::size_t level = 0;
        for (; level < outer; ++level) {
            const TorchIterDim& d = dims[level + 2];
            if (++counter[level] < d.size) {
                o += d.outStride;
                i += d.inStride;
                break;
            }
            counter[level] = 0;
            o -= (d.size - 1) * d.outStride;
            i -= (d.size - 1) * d.inStride;
        }
        if (level == outer)
            return;
    }
}

// Accumulator lanes: one Vectorized<acc_t> of W lanes (W = 1 for the scalar policies).
template <typename Acc, int W>
struct Lanes {
    std::array<Acc, W> v{};
    Lanes& operator+=(const Lanes& o)
    {
        for (int w = 0; w < W; ++w)
            v[w] = addAcc(v[w], o.v[w]);
        return *this;
    }
};

inline std::int64_t ceilLog2(std::int64_t x)
{
    if (x <= 2)
        return 1;
    return (63 - __builtin_clzll(static_cast<std::uint64_t>(x - 1))) + 1;
}

// multi_row_sum: NROWS interleaved rows summed over `size` steps with four levels of accumulators.
template <typename Acc, int W, int NROWS, typename Load>
std::array<Lanes<Acc, W>, NROWS> multiRowSum(const std::byte* in, std::int64_t rowStride, std::int64_t colStride,
                                             std::int64_t size, const Load& load)
{
    constexpr int kLevels = 4;
    const std::int64_t levelPower = std::max<std::int64_t>(4, ceilLog2(size) / kLevels);
    const std::int64_t levelStep = std::int64_t{1} << levelPower;
    const std::int64_t levelMask = levelStep - 1;
    std::array<std::array<Lanes<Acc, W>, NROWS>, kLevels> acc{};
    std::int64_t i = 0;
    for (; i + levelStep <= size;) {
        for (std::int64_t j = 0; j < levelStep; ++j, ++i) {
            const std::byte* base = in + i * rowStride;
            for (int k = 0; k < NROWS; ++k)
                acc[0][k] += load(base + k * colStride);
        }
        for (int j = 1; j < kLevels; ++j) {
            for (int k = 0; k < NROWS; ++k) {
                acc[j][k] += acc[j - 1][k];
                acc[j - 1][k] = Lanes<Acc, W>{};
            }
            const std::int64_t mask = levelMask << (j * levelPower);
            if ((i & mask) != 0)
                break;
        }
    }
    for (; i < size; ++i) {
        const std::byte* base = in + i * rowStride;
        for (int k = 0; k < NROWS; ++k)
            acc[0][k] += load(base + k * colStride);
    }
    for (int j = 1; j < kLevels; ++j)
        for (int k = 0; k < NROWS; ++k)
            acc[0][k] += acc[j][k];
    return acc[0];
}

// row_sum: one row, as four interleaved partial sums (instruction-level parallelism), then combined.
template <typename Acc, int W, typename Load>
Lanes<Acc, W> rowSum(const std::byte* in, std::int64_t stride, std::int64_t size, const Load& load)
{
    constexpr std::int64_t kIlp = 4;
    const std::int64_t sizeIlp = size / kIlp;
    auto partial = multiRowSum<Acc, W, kIlp>(in, stride * kIlp, stride, sizeIlp, load);
    for (std::int64_t i = sizeIlp * kIlp; i < size; ++i)
        partial[0] += load(in + i * stride);
    for (std::int64_t k = 1; k < kIlp; ++k)
        partial[0] += partial[k];
    return partial[0];
}

template <typename T>
struct TorchSumTraits {
    using Acc = T;
    static constexpr int kVecSize = static_cast<int>(32 / sizeof(T));  // Vectorized<T>::size()
    static constexpr int kAccLanes = kVecSize;                         // Vectorized<acc_t>::size()
};
template <>
struct TorchSumTraits<Half> {
    using Acc = float;
    static constexpr int kVecSize = 16;
    static constexpr int kAccLanes = 8;
};

template <typename T>
void torchCascadeSum(Array& out, const Array& in, const std::vector<bool>& reduced)
{
    using Traits = TorchSumTraits<T>;
    using Acc = typename Traits::Acc;
    constexpr int kVec = Traits::kVecSize;
    constexpr int kLanes = Traits::kAccLanes;
    constexpr std::int64_t kItem = sizeof(T);

    const auto scalarLoad = [](const std::byte* p) {
        Lanes<Acc, 1> l;
        l.v[0] = static_cast<Acc>(loadElement<T>(p));
        return l;
    };
    // InnerSumCastLoadPolicy: a full Vectorized<T>, folded down to the accumulator's lanes.
    const auto innerVecLoad = [](const std::byte* p) {
        Lanes<Acc, kLanes> l;
        constexpr int kFold = kVec / kLanes;
        for (int w = 0; w < kLanes; ++w) {
            if constexpr (kFold == 1) {
                l.v[w] = static_cast<Acc>(loadElement<T>(p + w * kItem));
            } else {
                // load_reduce_vec: each lane starts at 0 and adds its neighbours in order.
                Acc a = Acc(0);
                for (int k = 0; k < kFold; ++k)
                    a = addAcc(a, static_cast<Acc>(loadElement<T>(p + (w * kFold + k) * kItem)));
                l.v[w] = a;
            }
        }
        return l;
    };
    // OuterSumCastLoadPolicy: kLanes consecutive elements, widened.
    const auto outerVecLoad = [](const std::byte* p) {
        Lanes<Acc, kLanes> l;
        for (int w = 0; w < kLanes; ++w)
            l.v[w] = static_cast<Acc>(loadElement<T>(p + w * kItem));
        return l;
    };
    // CastStoreAccumulate: `*ptr += value` with ptr a T*. c10::Half has no += for float, so for half the
    // float sum is first converted to Half and then added (rounding twice).
    const auto store = [](std::byte* p, Acc value) {
        const T old = loadElement<T>(p);
        const T addend = static_cast<T>(value);
        storeElement<T>(p, static_cast<T>(static_cast<OpMathT<T>>(old) + static_cast<OpMathT<T>>(addend)));
    };

    const std::vector<TorchIterDim> dims = torchReductionLayout(out, in, reduced);
    torchSerialForEach(
        dims, out.data(), in.data(),
        [&](std::byte* outData, const std::byte* inData, const std::array<std::int64_t, 4>& s, std::int64_t size0,
            std::int64_t size1) {
            std::array<std::int64_t, 2> inStrides{s[1], s[3]};
            std::array<std::int64_t, 2> outStrides{s[0], s[2]};
            if (outStrides[0] != 0 && outStrides[1] == 0) {
                std::swap(inStrides[0], inStrides[1]);
                std::swap(outStrides[0], outStrides[1]);
                std::swap(size0, size1);
            }
            if (outStrides[0] != 0 && outStrides[1] != 0) {
                // Not a true reduction: out = out + in in T's own arithmetic (basic_loop).
                for (std::int64_t j = 0; j < size1; ++j)
                    for (std::int64_t i = 0; i < size0; ++i) {
                        std::byte* o = outData + j * outStrides[1] + i * outStrides[0];
                        const T a = loadElement<T>(o);
                        const T b = loadElement<T>(inData + j * inStrides[1] + i * inStrides[0]);
                        storeElement<T>(o, static_cast<T>(static_cast<OpMathT<T>>(a) + static_cast<OpMathT<T>>(b)));
                    }
                return;
            }
            const std::int64_t outStride = outStrides[1];
            if (inStrides[0] == kItem && size0 >= kVec) {
                // vectorized_inner_sum
                const std::int64_t vecStride = kItem * kVec;
                const std::int64_t vecSize = size0 / kVec;
                for (std::int64_t j = 0; j < size1; ++j) {
                    const std::byte* row = inData + j * inStrides[1];
                    const Lanes<Acc, kLanes> vecAcc = rowSum<Acc, kLanes>(row, vecStride, vecSize, innerVecLoad);
                    Acc finalAcc = Acc(0);
                    for (std::int64_t k = vecSize * kVec; k < size0; ++k)
                        finalAcc = addAcc(finalAcc, static_cast<Acc>(loadElement<T>(row + k * kItem)));
                    for (int w = 0; w < kLanes; ++w)
                        finalAcc = addAcc(finalAcc, vecAcc.v[w]);
                    store(outData + j * outStride, finalAcc);
                }
            } else if (inStrides[1] == kItem && size1 >= kVec) {
                // vectorized_outer_sum
                constexpr int kRows = 4;
                const std::int64_t vecStride = kItem * kLanes;
                std::int64_t j = 0;
                for (; j + kRows * kLanes <= size1; j += kRows * kLanes) {
                    const auto sums = multiRowSum<Acc, kLanes, kRows>(inData + j * kItem, inStrides[0], vecStride,
                                                                      size0, outerVecLoad);
                    for (int i = 0; i < kRows; ++i)
                        for (int w = 0; w < kLanes; ++w)
                            store(outData + (j + i * kLanes + w) * outStride, sums[i].v[w]);
                }
                for (; j + kLanes <= size1; j += kLanes) {
                    const auto sums = rowSum<Acc, kLanes>(inData + j * kItem, inStrides[0], size0, outerVecLoad);
                    for (int w = 0; w < kLanes; ++w)
                        store(outData + (j + w) * outStride, sums.v[w]);
                }
                for (; j < size1; ++j)
                    store(outData + j * outStride,
                          rowSum<Acc, 1>(inData + j * kItem, inStrides[0], size0, scalarLoad).v[0]);
            } else if (inStrides[0] < inStrides[1]) {
                // scalar_inner_sum
                for (std::int64_t j = 0; j < size1; ++j)
                    store(outData + j * outStride,
                          rowSum<Acc, 1>(inData + j * inStrides[1], inStrides[0], size0, scalarLoad).v[0]);
            } else {
                // scalar_outer_sum
                constexpr int kRows = 4;
                std::int64_t j = 0;
                for (; j + (kRows - 1) < size1; j += kRows) {
                    const auto sums = multiRowSum<Acc, 1, kRows>(inData + j * inStrides[1], inStrides[0], inStrides[1],
                                                                 size0, scalarLoad);
                    for (int k = 0; k < kRows; ++k)
                        store(outData + (j + k) * outStride, sums[k].v[0]);
                }
                for (; j < size1; ++j)
                    store(outData + j * outStride,
                          rowSum<Acc, 1>(inData + j * inStrides[1], inStrides[0], size0, scalarLoad).v[0]);
            }
        });
}

// Integer and bool sums wrap (or saturate to true for bool), so any order gives torch's result.
template <typename T>
void orderFreeSum(Array& out, const Array& in, const std::vector<bool>& reduced)
{
    // Walk the input with the output broadcast along reduced dims.
    Strides outStrides(in.sizes().size(), 0);
    {
        Shape keep = in.sizes();
        for (std::size_t d = 0; d < keep.size(); ++d)
            if (reduced[d])
                keep[d] = 1;
        const Strides ks = contiguousStrides(keep);
        for (std::size_t d = 0; d < keep.size(); ++d)
            outStrides[d] = reduced[d] ? 0 : ks[d] * out.itemsize();
    }
    const Strides inStrides = in.byteStrides();
    LoopOperands<2> operands{{out.data(), in.data()}, {outStrides.data(), inStrides.data()}};
    forEachInMemoryOrder<2>(in.sizes(), operands, [&](const InnerRun<2>& run) {
        for (std::int64_t i = 0; i < run.count; ++i) {
            std::byte* o = run.data[0] + i * run.byteStrides[0];
            const T b = loadElement<T>(run.data[1] + i * run.byteStrides[1]);
            if constexpr (std::is_same_v<T, bool>) {
                storeElement<bool>(o, loadElement<bool>(o) || b);
            } else {
                using U = std::make_unsigned_t<T>;
                storeElement<T>(o,
                                static_cast<T>(static_cast<U>(static_cast<U>(loadElement<T>(o)) + static_cast<U>(b))));
            }
        }
    });
}

// The input as torch's make_reduction sees it: self.to(dtype), which keeps a dense layout.
ArrayPtr torchReductionInput(const ArrayPtr& self, DType dtype)
{
    if (self->dtype() == dtype)
        return self;
    ArrayPtr converted = allocateLike(*self, dtype);
    copyIntoFresh(*converted, *self);
    return converted;
}

// sum_out: out (zero-filled, C-contiguous) += the reduction of self converted to out's dtype.
void torchSumInto(Array& out, const ArrayPtr& self, const std::vector<bool>& reduced)
{
    if (self->numel() == 0)
        return;
    const ArrayPtr in = torchReductionInput(self, out.dtype());
    dispatchDType(out.dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (kIsFloat<T>)
            torchCascadeSum<T>(out, *in, reduced);
        else
            orderFreeSum<T>(out, *in, reduced);
    });
}

// ---------------------------------------------------------------------------------------------------
// NumPy: the buffered reduction iterator (nditer_constr.c / nditer_api.c / reduction.c)
// ---------------------------------------------------------------------------------------------------

constexpr std::int64_t kNumpyBufferSize = 8192;  // NPY_BUFSIZE, np.getbufsize()

struct NumpyAxis {
    std::int64_t size;
    std::int64_t outStride;  // bytes; 0 on reduced axes
    std::int64_t inStride;   // bytes
};

struct NumpyReduction {
    ArrayPtr out;                 // allocated in the iterator's axis order
    std::vector<NumpyAxis> axes;  // coalesced, innermost first; never empty
};

// npyiter_find_best_axis_ordering: a stable insertion sort of the axes (innermost first) by the input's
// |stride|; size-1 axes have stride 0 in the iterator and compare as ambiguous.
std::vector<std::size_t> numpyAxisOrder(const Array& in)
{
    const std::size_t ndim = in.sizes().size();
    std::vector<std::size_t> perm(ndim);
    for (std::size_t i = 0; i < ndim; ++i)
        perm[i] = ndim - 1 - i;
    const auto iterStride = [&](std::size_t axis) {
        return in.sizes()[axis] == 1 ? std::int64_t{0} : in.strides()[axis] * in.itemsize();
    };
    for (std::size_t i0 = 1; i0 < ndim; ++i0) {
        std::size_t ipos = i0;
        const std::size_t j0 = perm[i0];
        const std::int64_t s0 = iterStride(j0);
        for (std::size_t i1 = i0; i1-- > 0;) {
            const std::int64_t s1 = iterStride(perm[i1]);
            if (s0 == 0 || s1 == 0)
                continue;  // ambiguous
            if (std::llabs(s1) <= std::llabs(s0))
                break;
            ipos = i1;
        }
        if (ipos != i0) {
            for (std::size_t i1 = i0; i1 > ipos; --i1)
                perm[i1] = perm[i1 - 1];
            perm[ipos] = j0;
        }
    }
    return perm;
}

// A new NumPy array owning its memory, with the given element strides; NumPy 1.24 gives every new
// zero-size array all-zero strides (np.zeros((3, 0)).strides == (0, 0)).
ArrayPtr numpyResultArray(DType dtype, const Shape& shape, Strides strides)
{
    if (numelOf(shape) == 0)
        std::fill(strides.begin(), strides.end(), 0);
    ArrayPtr out = allocateArray(Flavour::Numpy, dtype, shape);
    if (strides != out->strides())
        out = Array::make({Flavour::Numpy, dtype, shape, strides, out->storage(), 0});
    out->setOwnsData(true);
    return out;
}

// The result array as the iterator allocates it: strides follow the iteration order, so a transposed
// input gives a transposed result; keepdims axes have size 1.
ArrayPtr numpyAllocateResult(const Array& in, const std::vector<std::size_t>& order, const std::vector<bool>& reduced,
                             bool keepdims, DType dtype)
{
    const std::size_t ndim = in.sizes().size();
    std::vector<std::int64_t> outAxisOf(ndim, -1);
    Shape shape;
    for (std::size_t d = 0; d < ndim; ++d) {
        if (!reduced[d] || keepdims) {
            outAxisOf[d] = static_cast<std::int64_t>(shape.size());
            shape.push_back(reduced[d] ? 1 : in.sizes()[d]);
        }
    }
    Strides strides(shape.size(), 0);
    std::int64_t stride = 1;
    for (const std::size_t axis : order) {
        const std::int64_t o = outAxisOf[axis];
        if (o < 0)
            continue;
        strides[static_cast<std::size_t>(o)] = stride;
        stride *= shape[static_cast<std::size_t>(o)];
    }
    return numpyResultArray(dtype, shape, strides);
}

NumpyReduction numpyPlan(const Array& in, const std::vector<bool>& reduced, bool keepdims, DType outDtype)
{
    const std::vector<std::size_t> order = numpyAxisOrder(in);
    NumpyReduction plan;
    plan.out = numpyAllocateResult(in, order, reduced, keepdims, outDtype);
    // Output strides over the input's axes (0 on reduced and size-1 axes, as npyiter_replace_axisdata).
    std::vector<std::int64_t> outStride(in.sizes().size(), 0);
    {
        std::size_t o = 0;
        for (std::size_t d = 0; d < reduced.size(); ++d) {
            if (reduced[d] && !keepdims)
                continue;
            if (!reduced[d] && in.sizes()[d] != 1)
                outStride[d] = plan.out->strides()[o] * plan.out->itemsize();
            ++o;
        }
    }
    for (const std::size_t axis : order) {
        const std::int64_t size = in.sizes()[axis];
        plan.axes.push_back({size, outStride[axis], size == 1 ? 0 : in.strides()[axis] * in.itemsize()});
    }
    // npyiter_coalesce_axes
    std::vector<NumpyAxis> merged;
    for (const NumpyAxis& axis : plan.axes) {
        if (!merged.empty()) {
            NumpyAxis& a = merged.back();
            const auto fits = [](std::int64_t shape0, std::int64_t s0, std::int64_t shape1, std::int64_t s1) {
                return (shape0 == 1 && s0 == 0) || (shape1 == 1 && s1 == 0) || s0 * shape0 == s1;
            };
            if (fits(a.size, a.outStride, axis.size, axis.outStride) &&
                fits(a.size, a.inStride, axis.size, axis.inStride)) {
                a.size *= axis.size;
                if (a.outStride == 0)
                    a.outStride = axis.outStride;
                if (a.inStride == 0)
                    a.inStride = axis.inStride;
                continue;
            }
        }
        merged.push_back(axis);
    }
    if (merged.empty())
        merged.push_back({1, 0, 0});
    plan.axes = std::move(merged);
    return plan;
}

// Walks the iteration space the way the buffered reduction does and reports what each inner-loop call
// sees. Reduce calls (output stride 0 along the innermost axis) receive their elements gathered into a
// contiguous buffer converted to the loop's dtype, at most 8192 at a time, counted from the start of the
// output element's run; element-wise calls receive single elements.
//   reduceCall(outPtr, const Loop* values, count, bool firstVisit, bool stridedInput)
//   elementCall(outPtr, outByteStride, const Loop* values, count): out[k] = op(out[k], values[k])
template <typename Loop, typename From, typename ReduceCall, typename ElementCall>
void numpyIterateFrom(const NumpyReduction& plan, const Array& in, ReduceCall& reduceCall, ElementCall& elementCall)
{
    const std::vector<NumpyAxis>& axes = plan.axes;
    const auto loadAs = [](const std::byte* p) {
        return convertElement<Loop>(loadElement<From>(p), /*numpyRules=*/true);
    };
    std::size_t r = 0;
    while (r < axes.size() && axes[r].outStride == 0)
        ++r;
    std::byte* outBase = plan.out->data();
    const std::byte* inBase = in.data();
    if (r == 0) {
        std::vector<std::int64_t> counter(axes.size(), 0);
        std::byte* o = outBase;
        const std::byte* i = inBase;
        const std::int64_t chunk = std::min(axes[0].size, kNumpyBufferSize);
        std::unique_ptr<Loop[]> values(new Loop[static_cast<std::size_t>(chunk)]);
        while (true) {
            for (std::int64_t start = 0; start < axes[0].size; start += chunk) {
                const std::int64_t count = std::min(chunk, axes[0].size - start);
                for (std::int64_t k = 0; k < count; ++k)
                    values[static_cast<std::size_t>(k)] = loadAs(i + (start + k) * axes[0].inStride);
                elementCall(o + start * axes[0].outStride, axes[0].outStride, values.get(), count);
            }
            std::size_t level = 1;
            for (; level < axes.size(); ++level) {
                const NumpyAxis& a = axes[level];
                if (++counter[level] < a.size) {
                    o += a.outStride;
                    i += a.inStride;
                    break;
                }
                counter[level] = 0;
                o -= (a.size - 1) * a.outStride;
                i -= (a.size - 1) * a.inStride;
            }
            if (level == axes.size())
                return;
        }
    }
    // The run of each output element: the first r axes, in iteration order.
    std::int64_t runLength = 1;
    for (std::size_t k = 0; k < r; ++k)
        runLength *= axes[k].size;
    // The input is read with its own stride when the run is one axis (else through the buffer); NumPy's
    // maximum/minimum pick their SIMD path from that stride.
    const bool stridedInput = r == 1 && axes[0].inStride != static_cast<std::int64_t>(in.itemsize());
    // Except in the first buffer fill (npyiter_checkreducesize): when its outer loop spans more than the
    // first outer axis, the input is copied into the buffer, so those runs are read contiguously.
    std::int64_t bufferedRuns = 0;
    if (stridedInput && runLength <= kNumpyBufferSize && axes.size() >= 2) {
        std::int64_t outerSpan = 1;
        for (std::size_t level = 1; level < axes.size() && axes[level].outStride != 0; ++level)
            outerSpan *= axes[level].size;
        const std::int64_t firstFill = std::min(std::min(kNumpyBufferSize, in.numel()) / runLength, outerSpan);
        if (firstFill > axes[1].size)
            bufferedRuns = firstFill;
    }
    std::int64_t runIndex = 0;
    std::unique_ptr<Loop[]> buffer(new Loop[static_cast<std::size_t>(std::min(runLength, kNumpyBufferSize))]);
    std::vector<std::int64_t> runCounter(r, 0);
    std::vector<std::int64_t> outerCounter(axes.size(), 0);
    std::byte* o = outBase;
    const std::byte* runStart = inBase;
    while (true) {
        // Gather the run chunk by chunk.
        std::fill(runCounter.begin(), runCounter.end(), 0);
        const std::byte* p = runStart;
        std::int64_t done = 0;
        // NpyIter_IsFirstVisit: no reduced axis (output stride 0) is past its first index.
        bool first = true;
        for (std::size_t level = r; level < axes.size(); ++level)
            if (axes[level].outStride == 0 && outerCounter[level] != 0)
                first = false;
        while (done < runLength) {
            const std::int64_t count = std::min(kNumpyBufferSize, runLength - done);
            if (r == 1) {
                const std::int64_t stride = axes[0].inStride;
                for (std::int64_t k = 0; k < count; ++k)
                    buffer[static_cast<std::size_t>(k)] = loadAs(p + k * stride);
                p += count * stride;
            } else {
                for (std::int64_t k = 0; k < count; ++k) {
                    buffer[static_cast<std::size_t>(k)] = loadAs(p);
                    // advance p through the run's axes
                    std::size_t level = 0;
                    for (; level < r; ++level) {
                        if (++runCounter[level] < axes[level].size) {
                            p += axes[level].inStride;
                            break;
                        }
                        runCounter[level] = 0;
                        p -= (axes[level].size - 1) * axes[level].inStride;
                    }
                }
            }
            reduceCall(o, buffer.get(), count, first, stridedInput && runIndex >= bufferedRuns);
            first = false;
            done += count;
        }
        ++runIndex;
        std::size_t level = r;
        for (; level < axes.size(); ++level) {
            const NumpyAxis& a = axes[level];
            if (++outerCounter[level] < a.size) {
                o += a.outStride;
                runStart += a.inStride;
                break;
            }
            outerCounter[level] = 0;
            o -= (a.size - 1) * a.outStride;
            runStart -= (a.size - 1) * a.inStride;
        }
        if (level == axes.size())
            return;
    }
}

template <typename Loop, typename ReduceCall, typename ElementCall>
void numpyIterate(const NumpyReduction& plan, const Array& in, ReduceCall&& reduceCall, ElementCall&& elementCall)
{
    if (in.numel() == 0)
        return;
    dispatchDType(in.dtype(), [&]<typename From>(TypeTag<From>) {
        numpyIterateFrom<Loop, From>(plan, in, reduceCall, elementCall);
    });
}

// pairwise_sum (numpy/core/src/umath/loops_utils.h.src); Acc is float for half, as @type@ there.
template <typename Acc, typename T>
Acc pairwiseSum(const T* a, std::int64_t n)
{
    const auto value = [&](std::int64_t i) { return static_cast<Acc>(a[i]); };
    if (n < 8) {
        Acc res = Acc(0);
        for (std::int64_t i = 0; i < n; ++i)
            res = addAcc(res, value(i));
        return res;
    }
    if (n <= 128) {
        Acc r[8];
        for (int k = 0; k < 8; ++k)
            r[k] = value(k);
        std::int64_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; ++k)
                r[k] = addAcc(r[k], value(i + k));
        Acc res =
            addAcc(addAcc(addAcc(r[0], r[1]), addAcc(r[2], r[3])), addAcc(addAcc(r[4], r[5]), addAcc(r[6], r[7])));
        for (; i < n; ++i)
            res = addAcc(res, value(i));
        return res;
    }
    std::int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return addAcc(pairwiseSum<Acc>(a, n2), pairwiseSum<Acc>(a + n2, n - n2));
}

// npy_float_to_half sets the overflow flag that numpy reports as "overflow encountered in ..."; the
// engine's conversion is integer-only, so raise it by hand.
inline Half toHalfRaisingOverflow(float value)
{
    const Half h(value);
    if (std::isfinite(value) && std::isinf(static_cast<float>(h)))
        std::feraiseexcept(FE_OVERFLOW);
    return h;
}

// NumPy reports floating-point trouble in a ufunc as RuntimeWarnings, read from the FPU status flags after
// the loop (in this order: divide, overflow, invalid). The engine's float loops do the same operations,
// so the same flags say the same thing.
// Where Debian's NumPy 1.24 keeps the Python half of its reductions (numpy/core/_methods.py, fromnumeric.py).
constexpr std::string_view kNumpyCorePath = "/usr/lib/python3/dist-packages/numpy/core/";

class NumpyFloatStatus {
public:
    NumpyFloatStatus() { std::feclearexcept(FE_ALL_EXCEPT); }
    void report(std::string_view where, const std::optional<LibraryLine>& line = std::nullopt) const
    {
        const int raised = std::fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID);
        if (raised & FE_DIVBYZERO)
            warn("RuntimeWarning", concat("divide by zero encountered in ", where), line);
        if (raised & FE_OVERFLOW)
            warn("RuntimeWarning", concat("overflow encountered in ", where), line);
        if (raised & FE_INVALID)
            warn("RuntimeWarning", concat("invalid value encountered in ", where), line);
    }
};

// np.add.reduce with the loop dtype `dtype` into a fresh result (identity 0, then the calls).
ArrayPtr numpySumReduce(const Array& in, const std::vector<bool>& reduced, bool keepdims, DType dtype)
{
    NumpyReduction plan = numpyPlan(in, reduced, keepdims, dtype);
    std::optional<NumpyFloatStatus> status;
    if (isFloating(dtype))
        status.emplace();
    dispatchDType(dtype, [&]<typename L>(TypeTag<L>) {
        if constexpr (std::is_same_v<L, Half>) {
            numpyIterate<Half>(
                plan, in,
                [](std::byte* o, const Half* values, std::int64_t count, bool, bool) {
                    const float io = static_cast<float>(loadElement<Half>(o)) + pairwiseSum<float>(values, count);
                    storeElement<Half>(o, toHalfRaisingOverflow(io));
                },
                [](std::byte* o, std::int64_t os, const Half* values, std::int64_t count) {
                    for (std::int64_t k = 0; k < count; ++k)
                        storeElement<Half>(o + k * os,
                                           toHalfRaisingOverflow(static_cast<float>(loadElement<Half>(o + k * os)) +
                                                                 static_cast<float>(values[k])));
                });
        } else if constexpr (std::is_floating_point_v<L>) {
            numpyIterate<L>(
                plan, in,
                [](std::byte* o, const L* values, std::int64_t count, bool, bool) {
                    storeElement<L>(o, addAcc(loadElement<L>(o), pairwiseSum<L>(values, count)));
                },
                [](std::byte* o, std::int64_t os, const L* values, std::int64_t count) {
                    for (std::int64_t k = 0; k < count; ++k)
                        storeElement<L>(o + k * os, addAcc(loadElement<L>(o + k * os), values[k]));
                });
        } else if constexpr (std::is_same_v<L, bool>) {
            const auto add = [](std::byte* o, bool value) { storeElement<bool>(o, loadElement<bool>(o) || value); };
            numpyIterate<bool>(
                plan, in,
                [&](std::byte* o, const bool* values, std::int64_t count, bool, bool) {
                    for (std::int64_t k = 0; k < count; ++k)
                        add(o, values[k]);
                },
                [&](std::byte* o, std::int64_t os, const bool* values, std::int64_t count) {
                    for (std::int64_t k = 0; k < count; ++k)
                        add(o + k * os, values[k]);
                });
        } else {
            using U = std::make_unsigned_t<L>;
            const auto add = [](std::byte* o, L value) {
                storeElement<L>(
                    o, static_cast<L>(static_cast<U>(static_cast<U>(loadElement<L>(o)) + static_cast<U>(value))));
            };
            numpyIterate<L>(
                plan, in,
                [&](std::byte* o, const L* values, std::int64_t count, bool, bool) {
                    for (std::int64_t k = 0; k < count; ++k)
                        add(o, values[k]);
                },
                [&](std::byte* o, std::int64_t os, const L* values, std::int64_t count) {
                    for (std::int64_t k = 0; k < count; ++k)
                        add(o + k * os, values[k]);
                });
        }
    });
    if (status)
        status->report("reduce");
    return plan.out;
}

// ---------------------------------------------------------------------------------------------------
// max / min
// ---------------------------------------------------------------------------------------------------

enum class Extremum : std::uint8_t { Max, Min };

std::string_view extremumName(Extremum which)
{
    return which == Extremum::Max ? "max" : "min";
}

// NumPy's float maximum/minimum (loops_minmax.dispatch.c.src): SSE maxss/minss keep the second operand on
// ties and when it is NaN, and a NaN first operand is kept explicitly. That makes max(-0.0, 0.0) 0.0 and
// max(0.0, -0.0) -0.0, so the order of the reduction tree decides the sign of zero results.
template <typename T>
inline T numpyFloatExtremum(T a, T b, Extremum which)
{
    if (std::isnan(a))
        return a;
    if (which == Extremum::Max)
        return a > b ? a : b;
    return a < b ? a : b;
}

// The width NumPy dispatches its SIMD loops to on this CPU (AVX512_SKX, AVX2 or the SSE baseline).
std::int64_t numpySimdWidthBytes()
{
    static const std::int64_t width = [] {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512dq"))
            return std::int64_t{64};
        if (__builtin_cpu_supports("avx2"))
            return std::int64_t{32};
#endif
        return std::int64_t{16};
    }();
    return width;
}

// npyv_reduce_{max,min}n: NaN if any lane is NaN, else the horizontal reduction, whose tree decides which
// of several equal lanes (+0.0 / -0.0) survives: GCC's _mm512_reduce_*_p[sd] on AVX512 (high half
// against low half), NumPy's own halving (low against high) on AVX2 and SSE.
template <typename T>
T numpyReduceLanes(T* l, std::size_t count, Extremum which)
{
    const auto op = [which](T a, T b) { return which == Extremum::Max ? (a > b ? a : b) : (a < b ? a : b); };
    for (std::size_t k = 0; k < count; ++k)
        if (std::isnan(l[k]))
            return std::numeric_limits<T>::quiet_NaN();
    if (numpySimdWidthBytes() == 64) {
        if (count == 16) {  // float32
            for (std::size_t i = 0; i < 8; ++i)
                l[i] = op(l[8 + i], l[i]);
            for (std::size_t j = 0; j < 4; ++j)
                l[j] = op(l[4 + j], l[j]);
            return op(op(l[0], l[2]), op(l[1], l[3]));
        }
        for (std::size_t i = 0; i < 4; ++i)  // float64, 8 lanes
            l[i] = op(l[4 + i], l[i]);
        for (std::size_t j = 0; j < 2; ++j)
            l[j] = op(l[2 + j], l[j]);
        return op(l[0], l[1]);
    }
    // AVX2 / SSE: halves low against high down to four lanes (float32) or two (float64), then pairs.
    std::size_t n = count;
    const std::size_t stop = sizeof(T) == 4 ? 4 : 2;
    while (n > stop) {
        n /= 2;
        for (std::size_t i = 0; i < n; ++i)
            l[i] = op(l[i], l[n + i]);
    }
    if (n == 4)
        return op(op(l[0], l[2]), op(l[1], l[3]));
    return op(l[0], l[1]);
}

// One reduce call of np.maximum/np.minimum on `len` values into io (loops_minmax.dispatch.c.src).
template <typename T>
void numpyExtremumCall(T& io, const T* ip, std::int64_t len, bool stridedInput, Extremum which)
{
    if constexpr (std::is_same_v<T, Half>) {
        // HALF_maximum: (in1 >= in2 || isnan(in1)) ? in1 : in2, element by element: ties keep the first.
        for (std::int64_t i = 0; i < len; ++i) {
            const float a = static_cast<float>(io), b = static_cast<float>(ip[i]);
            const bool keep = (which == Extremum::Max ? a >= b : a <= b) || std::isnan(a);
            io = keep ? io : ip[i];
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        const auto op = [which](T a, T b) { return numpyFloatExtremum(a, b, which); };
        std::int64_t i = 0;
        if (!stridedInput) {
            // simd_reduce_c: lanes start as io; eight vectors per step, then one vector per step, then a
            // horizontal reduction and a scalar tail.
            if (len < 1)
                return;
            const std::int64_t vstep = numpySimdWidthBytes() / static_cast<std::int64_t>(sizeof(T));
            using Vec = std::array<T, 16>;  // the widest vector: 64 bytes of float
            Vec acc;
            acc.fill(io);
            const auto lanewise = [&](Vec& a, const T* b) {
                for (std::int64_t k = 0; k < vstep; ++k)
                    a[static_cast<std::size_t>(k)] = op(a[static_cast<std::size_t>(k)], b[k]);
            };
            Vec r01, r23, r45, r67;
            const auto pair = [&](Vec& out, const T* a, const T* b) {
                for (std::int64_t k = 0; k < vstep; ++k)
                    out[static_cast<std::size_t>(k)] = op(a[k], b[k]);
            };
            for (; len - i >= 8 * vstep; i += 8 * vstep) {
                const T* v = ip + i;
                pair(r01, v, v + vstep);
                pair(r23, v + 2 * vstep, v + 3 * vstep);
                pair(r45, v + 4 * vstep, v + 5 * vstep);
                pair(r67, v + 6 * vstep, v + 7 * vstep);
                pair(r01, r01.data(), r23.data());
                pair(r45, r45.data(), r67.data());
                pair(r01, r01.data(), r45.data());
                lanewise(acc, r01.data());
            }
            for (; len - i >= vstep; i += vstep)
                lanewise(acc, ip + i);
            io = numpyReduceLanes<T>(acc.data(), static_cast<std::size_t>(vstep), which);
        } else if (len >= 8) {
            // The strided path's scalar unroll: eight accumulators seeded by the first eight values.
            T m[8];
            for (int k = 0; k < 8; ++k)
                m[k] = ip[k];
            i = 8;
            for (; i + 8 <= len; i += 8)
                for (int k = 0; k < 8; ++k)
                    m[k] = op(m[k], ip[i + k]);
            m[0] = op(m[0], m[1]);
            m[2] = op(m[2], m[3]);
            m[4] = op(m[4], m[5]);
            m[6] = op(m[6], m[7]);
            m[0] = op(m[0], m[2]);
            m[4] = op(m[4], m[6]);
            m[0] = op(m[0], m[4]);
            io = op(io, m[0]);
        }
        for (; i < len; ++i)
            io = op(io, ip[i]);
    } else if constexpr (std::is_same_v<T, bool>) {
        for (std::int64_t i = 0; i < len; ++i)
            io = which == Extremum::Max ? (io || ip[i]) : (io && ip[i]);
    } else {
        for (std::int64_t i = 0; i < len; ++i)
            io = which == Extremum::Max ? (ip[i] > io ? ip[i] : io) : (ip[i] < io ? ip[i] : io);
    }
}

template <typename T>
T numpyExtremumPair(T a, T b, Extremum which)
{
    T io = a;
    numpyExtremumCall<T>(io, &b, 1, true, which);
    return io;
}

ArrayPtr numpyExtremum(const ArrayPtr& self, const ReduceOptions& options, Extremum which)
{
    AV_INTERNAL_ASSERT(!options.dtype, "np.max/np.min take no dtype");
    const std::vector<bool> reduced = numpyReducedAxes(*self, options.dims);
    const std::string_view ufunc = which == Extremum::Max ? "maximum" : "minimum";
    for (std::size_t d = 0; d < reduced.size(); ++d)
        AV_CHECK(!(reduced[d] && self->sizes()[d] == 0), valueError, "zero-size array to reduction operation ", ufunc,
                 " which has no identity");
    NumpyReduction plan = numpyPlan(*self, reduced, options.keepdim, self->dtype());
    // PyArray_CopyInitialReduceValues: the output starts as the first element along the reduced axes.
    {
        Strides firstStrides;
        Shape firstShape;
        for (std::size_t d = 0; d < reduced.size(); ++d) {
            if (reduced[d]) {
                if (options.keepdim) {
                    firstShape.push_back(1);
                    firstStrides.push_back(0);
                }
            } else {
                firstShape.push_back(self->sizes()[d]);
                firstStrides.push_back(self->strides()[d]);
            }
        }
        ArrayPtr first =
            Array::make({Flavour::Numpy, self->dtype(), firstShape, firstStrides, self->storage(), self->byteOffset()});
        copyIntoFresh(*plan.out, *first);
    }
    dispatchDType(self->dtype(), [&]<typename T>(TypeTag<T>) {
        numpyIterate<T>(
            plan, *self,
            [&](std::byte* o, const T* values, std::int64_t count, bool firstVisit, bool strided) {
                // The first element of each run was copied in already and is skipped, as reduction.c does.
                T io = loadElement<T>(o);
                if (firstVisit)
                    numpyExtremumCall<T>(io, values + 1, count - 1, strided, which);
                else
                    numpyExtremumCall<T>(io, values, count, strided, which);
                storeElement<T>(o, io);
            },
            [&](std::byte* o, std::int64_t os, const T* values, std::int64_t count) {
                for (std::int64_t k = 0; k < count; ++k)
                    storeElement<T>(o + k * os, numpyExtremumPair<T>(loadElement<T>(o + k * os), values[k], which));
            });
    });
    return numpyResult(plan.out);
}

// torch's vectorized maximum/minimum: _mm256_max_ps keeps the second operand on ties, and any NaN wins.
template <typename T>
inline T torchVecExtremum(T a, T b, Extremum which)
{
    if constexpr (kIsFloat<T>) {
        const float fa = static_cast<float>(static_cast<OpMathT<T>>(a)),
                    fb = static_cast<float>(static_cast<OpMathT<T>>(b));
        if (std::isnan(fa))
            return a;
        if (std::isnan(fb))
            return b;
        if constexpr (std::is_same_v<T, double>) {
            if (which == Extremum::Max)
                return a > b ? a : b;
            return a < b ? a : b;
        } else {
            if (which == Extremum::Max)
                return fa > fb ? a : b;
            return fa < fb ? a : b;
        }
    } else if constexpr (std::is_same_v<T, bool>) {
        return which == Extremum::Max ? (a || b) : (a && b);
    } else {
        if (which == Extremum::Max)
            return a > b ? a : b;
        return a < b ? a : b;
    }
}

// max_all / min_all: vec::reduce_all over the contiguous elements with Vectorized<T> lanes.
template <typename T>
T torchReduceAll(const std::byte* bytes, std::int64_t size, Extremum which)
{
    constexpr std::int64_t kLanes =
        32 / static_cast<std::int64_t>(sizeof(T)) > 0 ? 32 / static_cast<std::int64_t>(sizeof(T)) : 1;
    const auto op = [which](T a, T b) { return torchVecExtremum(a, b, which); };
    const auto at = [bytes](std::int64_t i) {
        return loadElement<T>(bytes + i * static_cast<std::int64_t>(sizeof(T)));
    };
    if (size < kLanes) {
        T acc = at(0);
        for (std::int64_t i = 1; i < size; ++i)
            acc = op(acc, at(i));
        return acc;
    }
    std::array<T, kLanes> acc;
    for (std::int64_t k = 0; k < kLanes; ++k)
        acc[static_cast<std::size_t>(k)] = at(k);
    std::int64_t d = kLanes;
    if constexpr (std::is_floating_point_v<T>) {
        // Branch-free lanes for the long middle: a NaN anywhere makes the result NaN (its payload is not
        // visible), so NaN is tracked apart and the lanes keep _mm256_max_ps's tie rule.
        bool sawNan = false;
        for (const T v : acc)
            sawNan |= v != v;
        const bool isMax = which == Extremum::Max;
        for (; d < size - (size % kLanes); d += kLanes) {
            for (std::int64_t k = 0; k < kLanes; ++k) {
                const T x = at(d + k);
                T& a = acc[static_cast<std::size_t>(k)];
                sawNan |= x != x;
                a = isMax ? (a > x ? a : x) : (a < x ? a : x);
            }
        }
        if (sawNan)
            return std::numeric_limits<T>::quiet_NaN();
    } else {
        for (; d < size - (size % kLanes); d += kLanes)
            for (std::int64_t k = 0; k < kLanes; ++k)
                acc[static_cast<std::size_t>(k)] = op(acc[static_cast<std::size_t>(k)], at(d + k));
    }
    for (std::int64_t k = 0; k < size - d; ++k)
        acc[static_cast<std::size_t>(k)] = op(acc[static_cast<std::size_t>(k)], at(d + k));
    if constexpr (std::is_same_v<T, float>) {
        // VecReduceAllSIMD<float> (AVX2): three shuffles, 128-bit halves, then 64-bit, then 32-bit.
        for (std::size_t shift = kLanes / 2; shift >= 1; shift /= 2) {
            std::array<T, kLanes> next;
            for (std::size_t k = 0; k < static_cast<std::size_t>(kLanes); ++k)
                next[k] = op(acc[k], acc[k ^ shift]);
            acc = next;
        }
        return acc[0];
    }
    // vec_reduce_all: lane 0 folded with every other lane in order.
    T result = acc[0];
    for (std::int64_t k = 1; k < kLanes; ++k)
        result = op(result, acc[static_cast<std::size_t>(k)]);
    return result;
}

ArrayPtr torchExtremumAll(const ArrayPtr& self, Extremum which)
{
    AV_CHECK(self->numel() > 0, runtimeError, extremumName(which),
             "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the "
             "'dim' argument.");
    ArrayPtr out = allocateArray(Flavour::Torch, self->dtype(), {});
    const ArrayPtr input = self->isContiguous() ? self : contiguousCopy(*self, Flavour::Torch, self->dtype());
    dispatchDType(self->dtype(), [&]<typename T>(TypeTag<T>) {
        storeElement<T>(out->data(), torchReduceAll<T>(input->data(), input->numel(), which));
    });
    recordOp(*out, which == Extremum::Max ? "MaxBackward1" : "MinBackward1", {self.get()});
    return out;
}

ValuesIndices torchExtremumAlongDim(const ArrayPtr& self, std::int64_t dim, bool keepdim, Extremum which)
{
    AV_INTERNAL_ASSERT(self->isTensor(), "max(dim) is torch's");
    const std::int64_t wrapped = wrapDimTorch(dim, self->dim());
    const std::int64_t dimSize = self->dim() == 0 ? 1 : self->size(wrapped);
    AV_CHECK(dimSize > 0, indexError, extremumName(which), "(): Expected reduction dim ", wrapped,
             " to have non-zero size.");
    std::vector<bool> reduced(static_cast<std::size_t>(self->dim()), false);
    if (self->dim() > 0)
        reduced[static_cast<std::size_t>(wrapped)] = true;
    const Shape shape = reducedShape(*self, reduced, keepdim);
    ValuesIndices result{allocateArray(Flavour::Torch, self->dtype(), shape),
                         allocateArray(Flavour::Torch, DType::Int64, shape)};
    if (self->numel() > 0) {
        // compare_base_kernel: for each output element, a scan along dim from index 0 that replaces the
        // current best when !(value <= best) (max) and stops at the first NaN.
        const std::int64_t dimStride = self->dim() == 0 ? 0 : self->stride(wrapped) * self->itemsize();
        Shape outerShape = self->sizes();
        Strides outerStrides = self->byteStrides();
        if (self->dim() > 0) {
            outerShape[static_cast<std::size_t>(wrapped)] = 1;
            outerStrides[static_cast<std::size_t>(wrapped)] = 0;
        }
        const Strides outValues = [&] {
            Shape keep = outerShape;
            Strides s = contiguousStrides(keep);
            for (auto& v : s)
                v *= result.values->itemsize();
            return s;
        }();
        const Strides outIndices = [&] {
            Strides s = contiguousStrides(outerShape);
            for (auto& v : s)
                v *= 8;
            return s;
        }();
        dispatchDType(self->dtype(), [&]<typename T>(TypeTag<T>) {
            const std::int64_t n = numelOf(outerShape);
            std::vector<std::int64_t> index(outerShape.size(), 0);
            for (std::int64_t flat = 0; flat < n; ++flat) {
                std::int64_t inOff = 0, valOff = 0, idxOff = 0;
                for (std::size_t d = 0; d < index.size(); ++d) {
                    inOff += index[d] * outerStrides[d];
                    valOff += index[d] * outValues[d];
                    idxOff += index[d] * outIndices[d];
                }
                const std::byte* base = self->data() + inOff;
                T best = loadElement<T>(base);
                std::int64_t bestIndex = 0;
                for (std::int64_t i = 0; i < dimSize; ++i) {
                    const T value = loadElement<T>(base + i * dimStride);
                    const auto v = static_cast<OpMathT<T>>(value);
                    const auto b = static_cast<OpMathT<T>>(best);
                    const bool keep = which == Extremum::Max ? (v <= b) : (v >= b);
                    if (!keep) {
                        best = value;
                        bestIndex = i;
                        if constexpr (kIsFloat<T>) {
                            if (std::isnan(static_cast<double>(v)))
                                break;
                        }
                    }
                }
                storeElement<T>(result.values->data() + valOff, best);
                storeElement<std::int64_t>(result.indices->data() + idxOff, bestIndex);
                for (std::size_t d = index.size(); d-- > 0;) {
                    if (++index[d] < outerShape[d])
                        break;
                    index[d] = 0;
                }
            }
        });
    }
    recordOp(*result.values, which == Extremum::Max ? "MaxBackward0" : "MinBackward0", {self.get()});
    return result;
}

// PyArray_NewLikeArray(prototype, NPY_KEEPORDER): C order when the prototype is C-contiguous (or 1-d),
// F order when F-contiguous, else the prototype's axes sorted by descending |stride| (ties by axis).
ArrayPtr numpyNewLikeKeepOrder(const Array& prototype, DType dtype)
{
    const std::size_t ndim = prototype.sizes().size();
    std::vector<std::size_t> perm(ndim);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    if (prototype.isContiguous() || ndim <= 1) {
        // identity: C order
    } else if (prototype.isFContiguous()) {
        std::reverse(perm.begin(), perm.end());
    } else {
        std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
            return std::llabs(prototype.strides()[a]) > std::llabs(prototype.strides()[b]);
        });
    }
    Strides strides(ndim);
    std::int64_t stride = 1;
    for (std::size_t k = ndim; k-- > 0;) {
        strides[perm[k]] = stride;
        stride *= prototype.sizes()[perm[k]];
    }
    return numpyResultArray(dtype, prototype.sizes(), strides);
}

// ---------------------------------------------------------------------------------------------------
// mean helpers
// ---------------------------------------------------------------------------------------------------

// x / n in the dtype of out, element by element, for torch's mean (sum_out(...).div_(dim_prod)).
void torchDivideInPlace(Array& out, std::int64_t divisor)
{
    dispatchDType(out.dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (kIsFloat<T>) {
            using M = OpMathT<T>;
            // The divisor is a wrapped number cast to the tensor's dtype first.
            const M d = static_cast<M>(static_cast<T>(static_cast<double>(divisor)));
            for (std::int64_t i = 0; i < out.numel(); ++i) {
                std::byte* p = out.data() + i * out.itemsize();
                storeElement<T>(p, static_cast<T>(static_cast<M>(loadElement<T>(p)) / d));
            }
        }
    });
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Public ops
// ---------------------------------------------------------------------------------------------------

ArrayPtr sum(const ArrayPtr& self, const ReduceOptions& options)
{
    if (self->isTensor()) {
        const std::vector<bool> reduced = torchReducedDims(*self, options.dims);
        const DType outDtype =
            options.dtype ? *options.dtype : (isIntegral(self->dtype(), true) ? DType::Int64 : self->dtype());
        ArrayPtr out = allocateArray(Flavour::Torch, outDtype, reducedShape(*self, reduced, options.keepdim));
        torchSumInto(*out, self, reduced);
        checkDifferentiableResult(*self, outDtype);
        recordOp(*out, options.dims.list ? "SumBackward1" : "SumBackward0", {self.get()});
        return out;
    }
    const std::vector<bool> reduced = numpyReducedAxes(*self, options.dims);
    DType dtype = self->dtype();
    if (options.dtype) {
        dtype = *options.dtype;
    } else if (kindOf(dtype) == DTypeKind::Bool || kindOf(dtype) == DTypeKind::Signed) {
        dtype = DType::Int64;
    } else if (kindOf(dtype) == DTypeKind::Unsigned) {
        throw notImplementedError(
            concat("aliasview has no uint64 dtype: NumPy sums a ", numpyName(self->dtype()),
                   " array as uint64. Pass dtype=np.int64 (or another dtype) to sum it in a type aliasview has."));
    }
    return numpyResult(numpySumReduce(*self, reduced, options.keepdim, dtype));
}

ArrayPtr mean(const ArrayPtr& self, const ReduceOptions& options)
{
    if (self->isTensor()) {
        const DType inDtype = options.dtype.value_or(self->dtype());
        if (!isFloating(inDtype)) {
            AV_CHECK(false, runtimeError, "mean(): could not infer output dtype. ",
                     options.dtype ? "Optional" : "Input", " dtype must be either a floating point or complex dtype. ",
                     "Got: ", scalarTypeName(inDtype));
        }
        const std::vector<bool> reduced = torchReducedDims(*self, options.dims);
        std::int64_t count = 1;
        if (!options.dims.list || options.dims.list->empty() || self->dim() == 0) {
            count = self->numel();
        } else {
            for (std::size_t d = 0; d < reduced.size(); ++d)
                if (reduced[d])
                    count *= self->sizes()[d];
        }
        ArrayPtr out = allocateArray(Flavour::Torch, inDtype, reducedShape(*self, reduced, options.keepdim));
        torchSumInto(*out, self, reduced);
        torchDivideInPlace(*out, count);
        recordOp(*out, options.dims.list ? "MeanBackward1" : "MeanBackward0", {self.get()});
        return out;
    }
    // numpy/core/_methods.py _mean.
    const std::int64_t ndim = self->dim();
    std::int64_t count = 1;
    if (!options.dims.list) {
        count = self->numel();
    } else {
        for (const std::int64_t axis : *options.dims.list)
            count *= self->sizes()[static_cast<std::size_t>(wrapAxisNumpy(axis, ndim))];
    }
    // _mean's warnings.warn(..., stacklevel=2) names its caller: the script for a.mean(), fromnumeric.py
    // for np.mean(a); its divisions warn from _methods.py itself.
    if (count == 0)
        warn("RuntimeWarning", "Mean of empty slice.",
             options.numpyFunction ? std::optional<LibraryLine>(LibraryLine{
                                         std::string(kNumpyCorePath) + "fromnumeric.py", 3464,
                                         "return _methods._mean(a, axis=axis, dtype=dtype,"})
                                   : std::nullopt);
    DType sumDtype = self->dtype();
    bool float16Result = false;
    if (options.dtype) {
        sumDtype = *options.dtype;
    } else if (!isFloating(self->dtype())) {
        sumDtype = DType::Float64;
    } else if (self->dtype() == DType::Float16) {
        sumDtype = DType::Float32;
        float16Result = true;
    }
    const std::vector<bool> reduced = numpyReducedAxes(*self, options.dims);
    ArrayPtr total = numpySumReduce(*self, reduced, options.keepdim, sumDtype);
    if (total->dim() > 0) {
        // um.true_divide(ret, rcount, out=ret, casting='unsafe'): the loop runs in ret's float type, or in
        // float64 for integer results (cast back unsafely).
        std::optional<NumpyFloatStatus> status;
        status.emplace();
        dispatchDType(sumDtype, [&]<typename T>(TypeTag<T>) {
            for (std::int64_t i = 0; i < total->numel(); ++i) {
                // element i in memory: the result is dense, so walk its storage
                std::byte* p = total->storage()->data() + i * total->itemsize();
                if constexpr (std::is_same_v<T, Half>) {
                    const float d = static_cast<float>(Half(static_cast<float>(count)));
                    storeElement<Half>(p, toHalfRaisingOverflow(static_cast<float>(loadElement<Half>(p)) / d));
                } else if constexpr (std::is_floating_point_v<T>) {
                    storeElement<T>(p, loadElement<T>(p) / static_cast<T>(count));
                } else {
                    const double q = static_cast<double>(loadElement<T>(p)) / static_cast<double>(count);
                    storeElement<T>(p, convertElement<T>(q, true));
                }
            }
        });
        status->report("divide", LibraryLine{std::string(kNumpyCorePath) + "_methods.py", 184, "ret = um.true_divide("});
        if (float16Result) {
            // arr.dtype.type(ret): np.float16(ndarray) copies with order='K' (PyArray_NewLikeArray).
            ArrayPtr half = numpyNewLikeKeepOrder(*total, DType::Float16);
            copyIntoFresh(*half, *total);
            return half;
        }
        return total;
    }
    // A scalar: ret.dtype.type(ret / rcount), or arr.dtype.type(ret / rcount) for float16 inputs. The
    // division runs in float64 (NumPy scalars promote with the intp count); float64 and integer sums divide
    // in NumPy's scalar math ("scalar divide"), float32 and float16 ones through the ufunc ("divide").
    const double numerator = dispatchDType(sumDtype, [&]<typename T>(TypeTag<T>) {
        return static_cast<double>(static_cast<OpMathT<T>>(loadElement<T>(total->data())));
    });
    NumpyFloatStatus status;
    const double quotient = numerator / static_cast<double>(count);
    const bool scalarMath = sumDtype == DType::Float64 || !isFloating(sumDtype);
    status.report(scalarMath ? "scalar divide" : "divide",
                  LibraryLine{std::string(kNumpyCorePath) + "_methods.py", 192, "ret = ret.dtype.type(ret / rcount)"});
    const DType resultDtype = float16Result ? DType::Float16 : sumDtype;
    ArrayPtr out = allocateArray(Flavour::Numpy, resultDtype, {});
    dispatchDType(resultDtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            AV_CHECK(!std::isnan(quotient), valueError, "cannot convert float NaN to integer");
        }
        storeElement<T>(out->data(), convertElement<T>(quotient, true));
    });
    return numpyResult(out);
}

ArrayPtr max(const ArrayPtr& self, const ReduceOptions& options)
{
    if (self->isTensor()) {
        AV_INTERNAL_ASSERT(!options.dims.list && !options.dtype, "torch.max with a dim is maxAlongDim");
        return torchExtremumAll(self, Extremum::Max);
    }
    return numpyExtremum(self, options, Extremum::Max);
}

ArrayPtr min(const ArrayPtr& self, const ReduceOptions& options)
{
    if (self->isTensor()) {
        AV_INTERNAL_ASSERT(!options.dims.list && !options.dtype, "torch.min with a dim is minAlongDim");
        return torchExtremumAll(self, Extremum::Min);
    }
    return numpyExtremum(self, options, Extremum::Min);
}

ValuesIndices maxAlongDim(const ArrayPtr& self, std::int64_t dim, bool keepdim)
{
    return torchExtremumAlongDim(self, dim, keepdim, Extremum::Max);
}

ValuesIndices minAlongDim(const ArrayPtr& self, std::int64_t dim, bool keepdim)
{
    return torchExtremumAlongDim(self, dim, keepdim, Extremum::Min);
}

}  // namespace av::engine
