#include "outputlayout.h"

#include "shape.h"

#include <numeric>
#include <vector>

namespace av::engine {

namespace {

// Each input's byte strides over the broadcast shape, with 0 for broadcast dims (TensorIterator's
// compute_strides; nditer's axisdata does the same and also zeroes every size-1 axis).
std::vector<Strides> broadcastStrides(const Shape& shape, std::span<const Array* const> inputs, bool zeroSizeOne)
{
    std::vector<Strides> out;
    for (const Array* input : inputs) {
        if (!input || input->dim() == 0)
            continue;
        Strides strides(shape.size(), 0);
        const std::size_t lead = shape.size() - input->sizes().size();
        for (std::size_t d = 0; d < input->sizes().size(); ++d) {
            const std::int64_t size = input->sizes()[d];
            const bool broadcast = size == 1 && (shape[lead + d] != 1 || zeroSizeOne);
            strides[lead + d] = broadcast ? 0 : input->strides()[d] * input->itemsize();
        }
        out.push_back(std::move(strides));
    }
    return out;
}

// Strides that make memory contiguous in `innerFirst` order (innermost dim first).
Strides contiguousInOrder(const Shape& shape, const std::vector<std::size_t>& innerFirst)
{
    Strides out(shape.size(), 0);
    std::int64_t next = 1;
    for (const std::size_t dim : innerFirst) {
        out[dim] = next;
        next *= shape[dim];
    }
    return out;
}

}  // namespace

Strides torchIteratorOutputStrides(const Shape& shape, std::span<const Array* const> inputs)
{
    const std::size_t ndim = shape.size();
    // compute_fast_setup_type: every operand has the result's shape (a wrapped number or 0-d input of a
    // dimensioned result rules it out).
    bool sameShape = true, contiguous = true, denseAlike = true;
    const Array* last = nullptr;
    for (const Array* input : inputs) {
        if (!input || input->sizes() != shape) {
            sameShape = false;
            break;
        }
        contiguous &= input->isContiguous();
        denseAlike &= input->isNonOverlappingAndDense() && (!last || last->strides() == input->strides());
        last = input;
    }
    if (sameShape && last) {
        if (contiguous)
            return contiguousStrides(shape);
        if (denseAlike)
            return last->strides();
    }
    if (ndim <= 1)
        return contiguousStrides(shape);
    const std::vector<Strides> strides = broadcastStrides(shape, inputs, /*zeroSizeOne=*/false);
    // perm[0] is the innermost dim; it starts as C order (n-1, ..., 0).
    std::vector<std::size_t> perm(ndim);
    std::iota(perm.rbegin(), perm.rend(), std::size_t{0});
    const auto shouldSwap = [&](std::size_t dim0, std::size_t dim1) {
        for (const Strides& s : strides) {
            const std::int64_t s0 = s[dim0], s1 = s[dim1];
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
    bool inverted = true;
    for (std::size_t j = 0; j < ndim; ++j)
        inverted &= perm[j] == ndim - j - 1;
    if (inverted)
        return contiguousStrides(shape);
    // compatible_stride: contiguous in perm order; a size-0 dim zeroes every stride outside it.
    return contiguousInOrder(shape, perm);
}

Strides numpyIteratorOutputStrides(const Shape& shape, std::span<const Array* const> inputs)
{
    const std::size_t ndim = shape.size();
    if (numelOf(shape) == 0)
        return Strides(ndim, 0);
    const std::vector<Strides> strides = broadcastStrides(shape, inputs, /*zeroSizeOne=*/true);
    // The iterator's axes start reversed from C order (perm[0] is the last dim), then a stable insertion sort
    // by |stride| moves an axis inwards only while no input objects.
    std::vector<std::size_t> perm(ndim);
    std::iota(perm.rbegin(), perm.rend(), std::size_t{0});
    for (std::size_t i0 = 1; i0 < ndim; ++i0) {
        std::size_t insertAt = i0;
        const std::size_t axis0 = perm[i0];
        for (std::size_t i1 = i0; i1-- > 0;) {
            const std::size_t axis1 = perm[i1];
            bool ambiguous = true, shouldSwap = false;
            for (const Strides& s : strides) {
                if (s[axis0] == 0 || s[axis1] == 0)
                    continue;
                if (std::llabs(s[axis1]) <= std::llabs(s[axis0]))
                    shouldSwap = false;  // where inputs disagree, C order wins
                else if (ambiguous)
                    shouldSwap = true;
                ambiguous = false;
            }
            if (ambiguous)
                continue;
            if (!shouldSwap)
                break;
            insertAt = i1;
        }
        if (insertAt != i0) {
            for (std::size_t k = i0; k > insertAt; --k)
                perm[k] = perm[k - 1];
            perm[insertAt] = axis0;
        }
    }
    return contiguousInOrder(shape, perm);
}

}  // namespace av::engine
