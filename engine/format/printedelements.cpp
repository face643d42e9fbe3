#include "printedelements.h"

#include "engine/dispatch.h"

namespace av::engine {

PrintedElements gatherPrintedElements(const Array& array, bool summarize, std::int64_t edgeItems)
{
    PrintedElements out;
    out.dtype = array.dtype();
    const std::size_t ndim = array.sizes().size();
    std::vector<std::vector<std::int64_t>> shownIndices(ndim);
    std::int64_t total = 1;
    for (std::size_t d = 0; d < ndim; ++d) {
        const std::int64_t size = array.sizes()[d];
        const bool elide = summarize && size > 2 * edgeItems;
        out.elided.push_back(elide);
        auto& indices = shownIndices[d];
        if (elide) {
            for (std::int64_t i = 0; i < edgeItems; ++i)
                indices.push_back(i);
            for (std::int64_t i = size - edgeItems; i < size; ++i)
                indices.push_back(i);
        } else {
            for (std::int64_t i = 0; i < size; ++i)
                indices.push_back(i);
        }
        out.shownSizes.push_back(static_cast<std::int64_t>(indices.size()));
        total *= static_cast<std::int64_t>(indices.size());
    }
    if (total == 0)
        return out;

    const std::byte* base = array.data();
    const Strides byteStrides = array.byteStrides();
    dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) {
        std::vector<std::size_t> counter(ndim, 0);
        std::int64_t offset = 0;
        for (std::size_t d = 0; d < ndim; ++d)
            offset += shownIndices[d][0] * byteStrides[d];
        if constexpr (kIsFloat<T>)
            out.floats.reserve(static_cast<std::size_t>(total));
        else
            out.integers.reserve(static_cast<std::size_t>(total));
        for (std::int64_t n = 0; n < total; ++n) {
            const T value = loadElement<T>(base + offset);
            if constexpr (kIsFloat<T>)
                out.floats.push_back(static_cast<double>(static_cast<OpMathT<T>>(value)));
            else
                out.integers.push_back(static_cast<std::int64_t>(value));
            // Odometer over the shown indices, last dim fastest.
            for (std::size_t d = ndim; d-- > 0;) {
                const auto& indices = shownIndices[d];
                offset -= indices[counter[d]] * byteStrides[d];
                if (++counter[d] < indices.size()) {
                    offset += indices[counter[d]] * byteStrides[d];
                    break;
                }
                counter[d] = 0;
                offset += indices[0] * byteStrides[d];
            }
        }
    });
    return out;
}

} // namespace av::engine
