// Property test: random chains of view operations (views.h) and basic indexing (indexing.h), on tensors,
// ndarrays and each library's views of the other's memory (conversion.h). Beside every engine array the
// test keeps a brute-force model: an explicit N-D array of the byte offset of each cell in its buffer, to
// which each op is applied by direct index manipulation. After every step the engine's cell -> byte map
// must equal the model's, stay inside the buffer, and share memory with the chain's root exactly when the
// model's bytes meet the root's. Reshapes must make a view exactly when the model's offsets can be
// strided that way (and copy the values in the right order otherwise). A sample of the chains is also
// replayed in real PyTorch / NumPy, which judge shapes, strides, offsets, values, flags, grad_fn and
// sharing with the root for every step, refusals included.

#include "engine/alias.h"
#include "engine/conversion.h"
#include "engine/elementwise.h"
#include "engine/errors.h"
#include "engine/warnings.h"
#include "tests/engine/viewtesthelpers.h"
#include "tests/support/testmain.h"

#include <QFile>
#include <QJsonObject>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

using namespace av::engine;
using namespace av::test::views;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

constexpr std::uint64_t kSeed = 20240613;
constexpr int kChains = 480;
constexpr int kMaxDepth = 8;
constexpr int kOracleChains = 64;

constexpr DType kDTypes[] = {DType::Bool,    DType::UInt8,   DType::Int8,    DType::Int16,  DType::Int32,
                             DType::Int64,   DType::Float16, DType::Float32, DType::Float64};

// ================================================================================================
// The reference model: where each cell's bytes are, by nothing but index arithmetic.
// ================================================================================================

struct Model {
    Shape sizes;
    std::vector<std::int64_t> offsets;  // buffer byte offset of each cell, row-major
    std::int64_t itemsize = 1;
    const Buffer* buffer = nullptr;     // nullptr: a fresh buffer the op was to allocate
};

std::int64_t count(const Shape& sizes) { return numelOf(sizes); }

// Visits every multi-index of `sizes` in row-major order.
template <typename Visit>
void forEachIndex(const Shape& sizes, Visit&& visit)
{
    const std::int64_t n = count(sizes);
    std::vector<std::int64_t> index(sizes.size(), 0);
    for (std::int64_t flat = 0; flat < n; ++flat) {
        visit(static_cast<const std::vector<std::int64_t>&>(index), flat);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < sizes[d])
                break;
            index[d] = 0;
        }
    }
}

std::int64_t rowMajorFlat(const Shape& sizes, const std::vector<std::int64_t>& index)
{
    std::int64_t flat = 0;
    for (std::size_t d = 0; d < sizes.size(); ++d)
        flat = flat * sizes[d] + index[d];
    return flat;
}

std::int64_t columnMajorFlat(const Shape& sizes, const std::vector<std::int64_t>& index)
{
    std::int64_t flat = 0;
    for (std::size_t d = sizes.size(); d-- > 0;)
        flat = flat * sizes[d] + index[d];
    return flat;
}

// The new model whose cell `newIndex` is the old model's cell `oldIndexOf(newIndex)`.
template <typename OldIndexOf>
Model gather(const Model& m, Shape newSizes, OldIndexOf&& oldIndexOf)
{
    Model out{std::move(newSizes), {}, m.itemsize, m.buffer};
    out.offsets.resize(static_cast<std::size_t>(count(out.sizes)));
    std::vector<std::int64_t> old(m.sizes.size());
    forEachIndex(out.sizes, [&](const std::vector<std::int64_t>& index, std::int64_t flat) {
        oldIndexOf(index, old);
        out.offsets[static_cast<std::size_t>(flat)] = m.offsets[static_cast<std::size_t>(rowMajorFlat(m.sizes, old))];
    });
    return out;
}

// The cells in the given (C or F) order.
std::vector<std::int64_t> offsetsInOrder(const Model& m, bool fortran)
{
    if (!fortran)
        return m.offsets;
    std::vector<std::int64_t> out(m.offsets.size());
    forEachIndex(m.sizes, [&](const std::vector<std::int64_t>& index, std::int64_t flat) {
        out[static_cast<std::size_t>(columnMajorFlat(m.sizes, index))] = m.offsets[static_cast<std::size_t>(flat)];
    });
    return out;
}

// A model whose cells, taken in C (or F) order, are `ordered`.
Model fromOrder(const std::vector<std::int64_t>& ordered, Shape sizes, std::int64_t itemsize, const Buffer* buffer,
                bool fortran)
{
    Model out{std::move(sizes), std::vector<std::int64_t>(ordered.size()), itemsize, buffer};
    forEachIndex(out.sizes, [&](const std::vector<std::int64_t>& index, std::int64_t flat) {
        const std::int64_t k = fortran ? columnMajorFlat(out.sizes, index) : flat;
        out.offsets[static_cast<std::size_t>(flat)] = ordered[static_cast<std::size_t>(k)];
    });
    return out;
}

// Whether some strides describe these offsets: offset = first + sum(index * stride).
bool strided(const Model& m)
{
    if (m.offsets.empty())
        return true;
    const std::size_t n = m.sizes.size();
    Strides strides(n, 0);
    for (std::size_t d = 0; d < n; ++d) {
        if (m.sizes[d] < 2)
            continue;
        std::vector<std::int64_t> unit(n, 0);
        unit[d] = 1;
        strides[d] = m.offsets[static_cast<std::size_t>(rowMajorFlat(m.sizes, unit))] - m.offsets[0];
    }
    bool ok = true;
    forEachIndex(m.sizes, [&](const std::vector<std::int64_t>& index, std::int64_t flat) {
        std::int64_t expected = m.offsets[0];
        for (std::size_t d = 0; d < n; ++d)
            expected += index[d] * strides[d];
        ok = ok && expected == m.offsets[static_cast<std::size_t>(flat)];
    });
    return ok;
}

bool denseInOrder(const std::vector<std::int64_t>& offsets, std::int64_t itemsize)
{
    for (std::size_t k = 1; k < offsets.size(); ++k)
        if (offsets[k] != offsets[0] + static_cast<std::int64_t>(k) * itemsize)
            return false;
    return true;
}

// The offsets of a fresh buffer holding `n` elements in order.
std::vector<std::int64_t> freshOffsets(std::int64_t n, std::int64_t itemsize)
{
    std::vector<std::int64_t> out(static_cast<std::size_t>(n));
    for (std::int64_t k = 0; k < n; ++k)
        out[static_cast<std::size_t>(k)] = k * itemsize;
    return out;
}

std::set<std::int64_t> bytesOf(const Model& m)
{
    std::set<std::int64_t> bytes;
    for (const std::int64_t offset : m.offsets)
        for (std::int64_t b = 0; b < m.itemsize; ++b)
            bytes.insert(offset + b);
    return bytes;
}

// Python's slice.indices(size) and the resulting length.
struct Resolved {
    std::int64_t start, step, length;
};

Resolved resolveSlice(const Slice& s, std::int64_t size)
{
    const std::int64_t step = s.step.value_or(1);
    std::int64_t start, stop;
    if (step > 0) {
        const auto clamp = [&](std::int64_t v) {
            if (v < 0)
                v += size;
            return std::clamp<std::int64_t>(v, 0, size);
        };
        start = s.start ? clamp(*s.start) : 0;
        stop = s.stop ? clamp(*s.stop) : size;
        return {start, step, stop > start ? (stop - start - 1) / step + 1 : 0};
    }
    const auto clamp = [&](std::int64_t v) {
        if (v < 0)
            v += size;
        return std::clamp<std::int64_t>(v, -1, size - 1);
    };
    start = s.start ? clamp(*s.start) : size - 1;
    stop = s.stop ? clamp(*s.stop) : -1;
    return {start, step, start > stop ? (start - stop - 1) / (-step) + 1 : 0};
}

// ================================================================================================
// Steps: one op, as the engine runs it, as the model applies it, and as Python spells it.
// ================================================================================================

struct Expectation {
    std::optional<Model> model;  // nullopt: the library refuses this op
    std::string problem;         // a values mismatch seen while checking a copy
};

struct Step {
    std::string python;  // an expression in x
    std::function<ArrayPtr(const ArrayPtr&)> engine;
    // Given the model of x, the engine's x before and its result: what the result must be.
    std::function<Expectation(const Model&, const ArrayPtr&, const ArrayPtr&)> model;
    bool mayRefuse = false;        // the library may refuse it (its own rules, judged by the oracle)
    bool refusalPredicted = false;  // the model says when (view, reshape)
};

std::string pyTuple(IntSpan values)
{
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + std::to_string(values[i]);
    return out + (values.size() == 1 ? ",)" : ")");
}

std::string pyArgs(IntSpan values)
{
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + std::to_string(values[i]);
    return out;
}

std::string pyDType(DType dtype, Flavour flavour)
{
    const std::string name(numpyName(dtype));
    if (flavour == Flavour::Torch)
        return "torch." + name;
    return dtype == DType::Bool ? "np.bool_" : "np." + name;
}

std::string pySlice(const Slice& s)
{
    std::string out;
    if (s.start)
        out += std::to_string(*s.start);
    out += ":";
    if (s.stop)
        out += std::to_string(*s.stop);
    if (s.step)
        out += ":" + std::to_string(*s.step);
    return out;
}

std::string pyIndex(const std::vector<IndexItem>& index, bool tuple)
{
    std::string out = "[";
    for (std::size_t i = 0; i < index.size(); ++i) {
        if (i)
            out += ", ";
        const IndexItem& item = index[i];
        if (const std::int64_t* v = std::get_if<std::int64_t>(&item))
            out += std::to_string(*v);
        else if (const Slice* s = std::get_if<Slice>(&item))
            out += pySlice(*s);
        else if (std::holds_alternative<IndexNone>(item))
            out += "None";
        else
            out += "...";
    }
    if (tuple && index.size() == 1)
        out += ",";
    return out + "]";
}

// The model of x[index] for basic indices (ints, slices, None, one Ellipsis).
Model indexModel(const Model& m, const std::vector<IndexItem>& index)
{
    const std::int64_t ndim = static_cast<std::int64_t>(m.sizes.size());
    std::int64_t specified = 0;
    for (const IndexItem& item : index)
        if (std::holds_alternative<std::int64_t>(item) || std::holds_alternative<Slice>(item))
            ++specified;
    struct OutDim {
        std::int64_t oldDim;  // -1 for a new axis
        std::int64_t start, step;
    };
    std::vector<OutDim> outDims;
    std::vector<std::pair<std::int64_t, std::int64_t>> fixed;  // (old dim, index)
    Shape sizes;
    std::int64_t d = 0;
    bool sawEllipsis = false;
    const auto expandEllipsis = [&] {
        for (std::int64_t k = 0; k < ndim - specified; ++k, ++d) {
            outDims.push_back({d, 0, 1});
            sizes.push_back(m.sizes[static_cast<std::size_t>(d)]);
        }
    };
    for (const IndexItem& item : index) {
        if (const std::int64_t* v = std::get_if<std::int64_t>(&item)) {
            const std::int64_t size = m.sizes[static_cast<std::size_t>(d)];
            fixed.emplace_back(d, *v < 0 ? *v + size : *v);
            ++d;
        } else if (const Slice* s = std::get_if<Slice>(&item)) {
            const Resolved r = resolveSlice(*s, m.sizes[static_cast<std::size_t>(d)]);
            outDims.push_back({d, r.start, r.step});
            sizes.push_back(r.length);
            ++d;
        } else if (std::holds_alternative<IndexNone>(item)) {
            outDims.push_back({-1, 0, 0});
            sizes.push_back(1);
        } else {
            sawEllipsis = true;
            expandEllipsis();
        }
    }
    if (!sawEllipsis)
        expandEllipsis();  // the dims not indexed are kept, as a trailing Ellipsis would
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        for (const auto& [dim, value] : fixed)
            old[static_cast<std::size_t>(dim)] = value;
        for (std::size_t k = 0; k < outDims.size(); ++k)
            if (outDims[k].oldDim >= 0)
                old[static_cast<std::size_t>(outDims[k].oldDim)] = outDims[k].start + index[k] * outDims[k].step;
    });
}

Model permuteModel(const Model& m, const std::vector<std::int64_t>& perm)
{
    Shape sizes;
    for (const std::int64_t p : perm)
        sizes.push_back(m.sizes[static_cast<std::size_t>(p)]);
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        for (std::size_t k = 0; k < perm.size(); ++k)
            old[static_cast<std::size_t>(perm[k])] = index[k];
    });
}

Model selectModel(const Model& m, std::int64_t dim, std::int64_t i)
{
    Shape sizes = m.sizes;
    sizes.erase(sizes.begin() + dim);
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        std::size_t k = 0;
        for (std::size_t o = 0; o < old.size(); ++o)
            old[o] = static_cast<std::int64_t>(o) == dim ? i : index[k++];
    });
}

Model narrowModel(const Model& m, std::int64_t dim, std::int64_t start, std::int64_t length)
{
    Shape sizes = m.sizes;
    sizes[static_cast<std::size_t>(dim)] = length;
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        old = index;
        old[static_cast<std::size_t>(dim)] += start;
    });
}

// Removes the dims in `drop` (each of size 1).
Model dropDimsModel(const Model& m, const std::vector<bool>& drop)
{
    Shape sizes;
    for (std::size_t d = 0; d < m.sizes.size(); ++d)
        if (!drop[d])
            sizes.push_back(m.sizes[d]);
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        std::size_t k = 0;
        for (std::size_t o = 0; o < old.size(); ++o)
            old[o] = drop[o] ? 0 : index[k++];
    });
}

// Inserts size-1 dims so that they sit at the positions `at` of the result.
Model insertDimsModel(const Model& m, const std::vector<std::int64_t>& at)
{
    const std::size_t outNdim = m.sizes.size() + at.size();
    std::vector<bool> isNew(outNdim, false);
    for (const std::int64_t a : at)
        isNew[static_cast<std::size_t>(a)] = true;
    Shape sizes;
    std::size_t next = 0;
    for (std::size_t d = 0; d < outNdim; ++d)
        sizes.push_back(isNew[d] ? 1 : m.sizes[next++]);
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        std::size_t k = 0;
        for (std::size_t d = 0; d < outNdim; ++d)
            if (!isNew[d])
                old[k++] = index[d];
    });
}

Model expandModel(const Model& m, const Shape& target)
{
    const std::size_t lead = target.size() - m.sizes.size();
    return gather(m, target, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        for (std::size_t d = 0; d < old.size(); ++d)
            old[d] = m.sizes[d] == 1 ? 0 : index[lead + d];
    });
}

Model diagonalModel(const Model& m, std::int64_t offset, std::int64_t a, std::int64_t b)
{
    const std::int64_t sizeA = m.sizes[static_cast<std::size_t>(a)], sizeB = m.sizes[static_cast<std::size_t>(b)];
    const std::int64_t diag =
        std::max<std::int64_t>(offset >= 0 ? std::min(sizeA, sizeB - offset) : std::min(sizeA + offset, sizeB), 0);
    Shape sizes;
    std::vector<std::int64_t> others;
    for (std::int64_t d = 0; d < static_cast<std::int64_t>(m.sizes.size()); ++d)
        if (d != a && d != b) {
            sizes.push_back(m.sizes[static_cast<std::size_t>(d)]);
            others.push_back(d);
        }
    sizes.push_back(diag);
    return gather(m, sizes, [&](const std::vector<std::int64_t>& index, std::vector<std::int64_t>& old) {
        for (std::size_t k = 0; k < others.size(); ++k)
            old[static_cast<std::size_t>(others[k])] = index[k];
        const std::int64_t i = index.back();
        old[static_cast<std::size_t>(a)] = i + (offset < 0 ? -offset : 0);
        old[static_cast<std::size_t>(b)] = i + (offset > 0 ? offset : 0);
    });
}

// The same bytes read as another dtype along the last dim.
Expectation viewDTypeModel(const Model& m, std::int64_t newItemsize)
{
    if (newItemsize == m.itemsize)
        return {Model{m.sizes, m.offsets, newItemsize, m.buffer}, {}};
    // Both libraries refuse another itemsize for 0-d arrays, and a last dim that does not divide evenly.
    if (m.sizes.empty() || (m.sizes.back() * m.itemsize) % newItemsize != 0)
        return {std::nullopt, {}};
    Model out{m.sizes, {}, newItemsize, m.buffer};
    if (newItemsize < m.itemsize) {
        const std::int64_t ratio = m.itemsize / newItemsize;
        out.sizes.back() *= ratio;
        out.offsets.resize(m.offsets.size() * static_cast<std::size_t>(ratio));
        for (std::size_t k = 0; k < m.offsets.size(); ++k)
            for (std::int64_t j = 0; j < ratio; ++j)
                out.offsets[k * static_cast<std::size_t>(ratio) + static_cast<std::size_t>(j)] = m.offsets[k] + j * newItemsize;
        return {out, {}};
    }
    const std::int64_t ratio = newItemsize / m.itemsize;
    out.sizes.back() = m.sizes.back() * m.itemsize / newItemsize;
    out.offsets.resize(static_cast<std::size_t>(count(out.sizes)));
    std::string problem;
    for (std::size_t k = 0; k < out.offsets.size(); ++k) {
        const std::size_t first = k * static_cast<std::size_t>(ratio);
        out.offsets[k] = m.offsets[first];
        for (std::int64_t j = 1; j < ratio; ++j)
            if (m.offsets[first + static_cast<std::size_t>(j)] != m.offsets[first] + j * m.itemsize)
                problem = "a wider element is made of bytes that are not adjacent";
    }
    return {out, problem};
}

// Checks that `after`'s cells, taken in `order`, hold the bytes of `before`'s cells in `sourceOrder`.
std::string compareCopiedValues(const Array& before, const std::vector<std::int64_t>& sourceOffsets,
                                const Array& after, const std::vector<std::int64_t>& targetOffsets)
{
    if (sourceOffsets.size() != targetOffsets.size())
        return "a copy with another number of elements";
    const std::byte* from = before.buffer()->data();
    const std::byte* to = after.buffer()->data();
    for (std::size_t k = 0; k < sourceOffsets.size(); ++k) {
        // A bool read from other bytes (view(bool)) copies as its truth value: torch stores 0/1 (NumPy
        // keeps the raw byte; boolCopiesKeepNumpysRawBytes follows that).
        const bool same = before.dtype() == DType::Bool
                              ? (from[sourceOffsets[k]] != std::byte{0}) == (to[targetOffsets[k]] != std::byte{0})
                              : std::memcmp(from + sourceOffsets[k], to + targetOffsets[k],
                                            static_cast<std::size_t>(before.itemsize())) == 0;
        if (!same)
            return concat("copied element ", k, " differs from its source");
    }
    return {};
}

// reshape / view: the same cells in C (or F) order regrouped. Either a view (when the offsets can be
// strided so) or a fresh copy in that order.
Expectation regroupModel(const Model& m, Shape sizes, bool fortran, const ArrayPtr& before, const ArrayPtr& after,
                         bool mayCopy)
{
    const std::vector<std::int64_t> ordered = offsetsInOrder(m, fortran);
    Model asView = fromOrder(ordered, sizes, m.itemsize, m.buffer, fortran);
    if (strided(asView))
        return {asView, {}};
    if (!mayCopy)
        return {std::nullopt, {}};
    Model copy = fromOrder(freshOffsets(count(sizes), m.itemsize), sizes, m.itemsize, nullptr, fortran);
    std::string problem;
    if (after && after->buffer().get() != m.buffer)
        problem = compareCopiedValues(*before, ordered, *after, offsetsInOrder(copy, fortran));
    return {copy, problem};
}

// ================================================================================================
// The generator.
// ================================================================================================

class Generator {
public:
    explicit Generator(std::uint64_t seed) : m_random(seed) {}

    std::int64_t uniform(std::int64_t low, std::int64_t high)  // inclusive
    {
        return std::uniform_int_distribution<std::int64_t>(low, high)(m_random);
    }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }
    template <typename T>
    const T& pick(const std::vector<T>& values) { return values[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(values.size()) - 1))]; }

    // A dim index spelled either way round.
    std::int64_t dimOf(std::int64_t ndim, std::int64_t d) { return chance(0.3) ? d - ndim : d; }

    Shape shape(int maxNdim, std::int64_t maxSize)
    {
        Shape out(static_cast<std::size_t>(uniform(0, maxNdim)));
        for (std::int64_t& s : out)
            s = chance(0.08) ? 0 : uniform(1, maxSize);
        return out;
    }

    std::vector<std::int64_t> permutation(std::int64_t n)
    {
        std::vector<std::int64_t> p(static_cast<std::size_t>(n));
        std::iota(p.begin(), p.end(), 0);
        std::shuffle(p.begin(), p.end(), m_random);
        return p;
    }

    // A shape with this many elements: a random factorisation, with some size-1 dims.
    Shape factorisation(std::int64_t numel)
    {
        Shape out;
        if (numel == 0) {
            const std::int64_t ndim = uniform(1, 3);
            for (std::int64_t d = 0; d < ndim; ++d)
                out.push_back(uniform(0, 3));
            out[static_cast<std::size_t>(uniform(0, ndim - 1))] = 0;
            return out;
        }
        std::int64_t rest = numel;
        for (std::int64_t p = 2; p <= rest; ++p)
            while (rest % p == 0) {
                if (out.empty() || chance(0.5))
                    out.push_back(p);
                else
                    out.back() *= p;
                rest /= p;
            }
        std::shuffle(out.begin(), out.end(), m_random);
        const std::int64_t ones = uniform(0, 1);
        for (std::int64_t k = 0; k < ones && out.size() < 5; ++k)
            out.insert(out.begin() + uniform(0, static_cast<std::int64_t>(out.size())), 1);
        return out;
    }

    std::vector<IndexItem> basicIndex(const Shape& sizes, Flavour flavour)
    {
        const std::int64_t ndim = static_cast<std::int64_t>(sizes.size());
        const std::int64_t consumed = uniform(0, ndim);  // dims indexed by ints or slices
        // With an Ellipsis after the first `before` items, the items after it index the trailing dims.
        const bool ellipsis = chance(0.25);
        const std::int64_t before = ellipsis ? uniform(0, consumed) : consumed;
        std::vector<IndexItem> index;
        std::int64_t ints = 0;
        for (std::int64_t k = 0; k < consumed; ++k) {
            if (ellipsis && k == before)
                index.emplace_back(IndexEllipsis{});
            const std::int64_t d = k < before ? k : ndim - (consumed - k);
            const std::int64_t size = sizes[static_cast<std::size_t>(d)];
            if (size > 0 && chance(0.35)) {
                index.emplace_back(uniform(-size, size - 1));
                ++ints;
            } else {
                index.emplace_back(slice(size, flavour));
            }
            if (chance(0.15))
                index.emplace_back(IndexNone{});
        }
        if (ellipsis && before == consumed)
            index.emplace_back(IndexEllipsis{});
        if (chance(0.15))
            index.insert(index.begin() + uniform(0, static_cast<std::int64_t>(index.size())), IndexNone{});
        // NumPy gives a scalar, no view, for ints on every dim: an Ellipsis keeps it an array.
        if (flavour == Flavour::Numpy && ints == ndim && ndim > 0 && !ellipsis &&
            std::none_of(index.begin(), index.end(), [](const IndexItem& i) { return std::holds_alternative<IndexNone>(i); }))
            index.emplace_back(IndexEllipsis{});
        if (index.empty())
            index.emplace_back(IndexEllipsis{});
        return index;
    }

    Slice slice(std::int64_t size, Flavour flavour)
    {
        Slice s;
        const std::int64_t reach = size + 2;
        if (chance(0.6))
            s.start = uniform(-reach, reach);
        if (chance(0.6))
            s.stop = uniform(-reach, reach);
        if (chance(0.6)) {
            s.step = uniform(1, 3);
            if (flavour == Flavour::Numpy && chance(0.5))
                s.step = -*s.step;
        }
        return s;
    }

    std::mt19937_64& engine() { return m_random; }

private:
    std::mt19937_64 m_random;
};

// The steps the generator can take from an array with this model, flavour and dtype.
std::optional<Step> makeStep(Generator& g, const Model& m, const ArrayPtr& x)
{
    const Flavour flavour = x->flavour();
    const bool torch = flavour == Flavour::Torch;
    const std::int64_t ndim = static_cast<std::int64_t>(m.sizes.size());
    // A view op: the model applies `transform` to the model of x at the time the step runs.
    const auto viewOnly = [](auto transform) {
        return [transform](const Model& m0, const ArrayPtr&, const ArrayPtr&) { return Expectation{transform(m0), {}}; };
    };
    Step step;
    switch (g.uniform(0, 21)) {
    case 0: {  // transpose / swapaxes
        if (ndim == 0 && !torch)
            return std::nullopt;
        const std::int64_t n = std::max<std::int64_t>(ndim, 1);
        const std::int64_t a = g.uniform(0, n - 1), b = g.uniform(0, n - 1);
        const std::int64_t pa = g.dimOf(n, a), pb = g.dimOf(n, b);
        std::vector<std::int64_t> perm(static_cast<std::size_t>(ndim));
        std::iota(perm.begin(), perm.end(), 0);
        if (ndim > 0)
            std::swap(perm[static_cast<std::size_t>(a)], perm[static_cast<std::size_t>(b)]);
        step.python = concat(torch ? "x.transpose(" : "x.swapaxes(", pa, ", ", pb, ")");
        step.engine = [pa, pb](const ArrayPtr& a0) { return transpose(a0, pa, pb); };
        step.model = viewOnly([perm](const Model& m0) { return permuteModel(m0, perm); });
        return step;
    }
    case 1: {  // permute / transpose(axes)
        std::vector<std::int64_t> perm = g.permutation(ndim);
        std::vector<std::int64_t> spelled = perm;
        for (std::int64_t& p : spelled)
            p = g.dimOf(ndim, p);
        step.python = torch ? concat("x.permute(", pyTuple(spelled), ")") : concat("x.transpose(", pyTuple(spelled), ")");
        step.engine = [spelled](const ArrayPtr& a0) { return permute(a0, spelled); };
        step.model = viewOnly([perm](const Model& m0) { return permuteModel(m0, perm); });
        return step;
    }
    case 2: {  // .T, and t() for torch
        std::vector<std::int64_t> perm(static_cast<std::size_t>(ndim));
        std::iota(perm.rbegin(), perm.rend(), 0);
        if (torch && ndim <= 2 && g.chance(0.5)) {
            step.python = "x.t()";
            step.engine = [](const ArrayPtr& a0) { return t(a0); };
        } else {
            // torch warns (once per process) for .T on neither 0-D nor 2-D tensors: kept to those.
            if (torch && ndim != 2 && ndim != 0)
                return std::nullopt;
            step.python = "x.T";
            step.engine = [](const ArrayPtr& a0) { return reversedDims(a0); };
        }
        step.model = viewOnly([perm](const Model& m0) { return permuteModel(m0, perm); });
        return step;
    }
    case 3:
    case 4:
    case 5: {  // basic indexing
        std::vector<IndexItem> index = g.basicIndex(m.sizes, flavour);
        const bool tuple = index.size() > 1 || g.chance(0.3);
        step.python = "x" + pyIndex(index, tuple);
        step.engine = [index, tuple](const ArrayPtr& a0) { return getItem(a0, index, tuple); };
        step.model = viewOnly([index](const Model& m0) { return indexModel(m0, index); });
        return step;
    }
    case 6: {  // select / narrow (torch)
        if (!torch || ndim == 0)
            return std::nullopt;
        const std::int64_t d = g.uniform(0, ndim - 1);
        const std::int64_t size = m.sizes[static_cast<std::size_t>(d)];
        if (g.chance(0.5) && size > 0) {
            const std::int64_t i = g.uniform(-size, size - 1);
            const std::int64_t spelled = g.dimOf(ndim, d);
            step.python = concat("x.select(", spelled, ", ", i, ")");
            step.engine = [spelled, i](const ArrayPtr& a0) { return select(a0, spelled, i); };
            step.model = viewOnly([d, i, size](const Model& m0) { return selectModel(m0, d, i < 0 ? i + size : i); });
        } else {
            std::int64_t start = g.uniform(0, size);
            const std::int64_t length = g.uniform(0, size - start);
            const std::int64_t spelledStart = start < size && g.chance(0.3) ? start - size : start;
            const std::int64_t spelled = g.dimOf(ndim, d);
            step.python = concat("x.narrow(", spelled, ", ", spelledStart, ", ", length, ")");
            step.engine = [spelled, spelledStart, length](const ArrayPtr& a0) { return narrow(a0, spelled, spelledStart, length); };
            step.model = viewOnly([d, start, length](const Model& m0) { return narrowModel(m0, d, start, length); });
        }
        return step;
    }
    case 7: {  // squeeze
        std::vector<bool> drop(static_cast<std::size_t>(ndim), false);
        std::vector<std::int64_t> ones;
        for (std::int64_t d = 0; d < ndim; ++d)
            if (m.sizes[static_cast<std::size_t>(d)] == 1)
                ones.push_back(d);
        if (g.chance(0.4)) {
            for (const std::int64_t d : ones)
                drop[static_cast<std::size_t>(d)] = true;
            step.python = "x.squeeze()";
            step.engine = [](const ArrayPtr& a0) { return squeeze(a0); };
        } else if (torch) {
            if (ndim == 0)
                return std::nullopt;
            const std::int64_t d = g.uniform(0, ndim - 1);
            drop[static_cast<std::size_t>(d)] = m.sizes[static_cast<std::size_t>(d)] == 1;
            const std::int64_t spelled = g.dimOf(ndim, d);
            step.python = concat("x.squeeze(", spelled, ")");
            step.engine = [spelled](const ArrayPtr& a0) { return squeeze(a0, std::vector<std::int64_t>{spelled}); };
        } else {
            std::vector<std::int64_t> axes;
            for (const std::int64_t d : ones)
                if (g.chance(0.6)) {
                    axes.push_back(g.dimOf(ndim, d));
                    drop[static_cast<std::size_t>(d)] = true;
                }
            step.python = concat("x.squeeze(axis=", pyTuple(axes), ")");
            step.engine = [axes](const ArrayPtr& a0) { return squeeze(a0, axes); };
        }
        step.model = viewOnly([drop](const Model& m0) { return dropDimsModel(m0, drop); });
        return step;
    }
    case 8: {  // unsqueeze / np.expand_dims
        if (torch) {
            const std::int64_t at = g.uniform(0, ndim);
            const std::int64_t spelled = g.dimOf(ndim + 1, at);
            step.python = concat("x.unsqueeze(", spelled, ")");
            step.engine = [spelled](const ArrayPtr& a0) { return unsqueeze(a0, spelled); };
            step.model = viewOnly([at](const Model& m0) { return insertDimsModel(m0, {at}); });
        } else {
            const std::int64_t added = g.uniform(1, 2);
            std::vector<std::int64_t> positions = g.permutation(ndim + added);
            positions.resize(static_cast<std::size_t>(added));
            std::vector<std::int64_t> spelled;
            for (const std::int64_t p : positions)
                spelled.push_back(g.dimOf(ndim + added, p));
            step.python = concat("np.expand_dims(x, ", pyTuple(spelled), ")");
            step.engine = [spelled](const ArrayPtr& a0) { return expandDims(a0, spelled); };
            step.model = viewOnly([positions](const Model& m0) { return insertDimsModel(m0, positions); });
        }
        return step;
    }
    case 9: {  // expand (torch)
        if (!torch)
            return std::nullopt;
        const std::int64_t lead = g.uniform(0, 2);
        if (ndim + lead == 0)
            return std::nullopt;
        Shape target, spelled;
        for (std::int64_t k = 0; k < lead; ++k) {
            target.push_back(g.uniform(0, 3));
            spelled.push_back(target.back());
        }
        for (const std::int64_t size : m.sizes) {
            const std::int64_t to = size == 1 && g.chance(0.6) ? g.uniform(0, 4) : size;
            target.push_back(to);
            spelled.push_back(to == size && g.chance(0.4) ? -1 : to);
        }
        step.python = concat("x.expand(", pyArgs(spelled), ")");
        step.engine = [spelled](const ArrayPtr& a0) { return expand(a0, spelled); };
        step.model = viewOnly([target](const Model& m0) { return expandModel(m0, target); });
        return step;
    }
    case 10: {  // diagonal
        if (ndim < 2)
            return std::nullopt;
        const std::int64_t a = g.uniform(0, ndim - 1);
        std::int64_t b = g.uniform(0, ndim - 2);
        if (b >= a)
            ++b;
        const std::int64_t offset = g.uniform(-3, 3);
        const std::int64_t pa = g.dimOf(ndim, a), pb = g.dimOf(ndim, b);
        step.python = concat("x.diagonal(", offset, ", ", pa, ", ", pb, ")");
        step.engine = [offset, pa, pb](const ArrayPtr& a0) { return diagonal(a0, offset, pa, pb); };
        step.model = viewOnly([offset, a, b](const Model& m0) { return diagonalModel(m0, offset, a, b); });
        return step;
    }
    case 11: {  // chunk / split / unbind pieces (torch)
        if (!torch || ndim == 0)
            return std::nullopt;
        const std::int64_t d = g.uniform(0, ndim - 1);
        const std::int64_t size = m.sizes[static_cast<std::size_t>(d)];
        const std::int64_t spelled = g.dimOf(ndim, d);
        std::vector<std::pair<std::int64_t, std::int64_t>> pieces;  // (start, length)
        std::string call;
        std::function<std::vector<ArrayPtr>(const ArrayPtr&)> run;
        switch (g.uniform(0, 3)) {
        case 0: {
            const std::int64_t chunks = g.uniform(1, 4);
            if (size == 0) {
                pieces.assign(static_cast<std::size_t>(chunks), {0, 0});
            } else {
                const std::int64_t each = (size + chunks - 1) / chunks;
                for (std::int64_t s = 0; s < size; s += each)
                    pieces.emplace_back(s, std::min(each, size - s));
            }
            call = concat("x.chunk(", chunks, ", ", spelled, ")");
            run = [chunks, spelled](const ArrayPtr& a0) { return chunk(a0, chunks, spelled); };
            break;
        }
        case 1: {
            const std::int64_t each = size == 0 ? g.uniform(0, 2) : g.uniform(1, 4);
            if (size == 0)
                pieces.emplace_back(0, 0);
            for (std::int64_t s = 0; s < size; s += each)
                pieces.emplace_back(s, std::min(each, size - s));
            call = concat("x.split(", each, ", ", spelled, ")");
            run = [each, spelled](const ArrayPtr& a0) { return split(a0, each, spelled); };
            break;
        }
        case 2: {
            std::vector<std::int64_t> sizes;
            std::int64_t left = size;
            while (left > 0 || sizes.empty()) {
                const std::int64_t s = left == 0 ? 0 : g.uniform(g.chance(0.2) ? 0 : 1, left);
                sizes.push_back(s);
                left -= s;
                if (g.chance(0.2))
                    sizes.push_back(0);
            }
            std::int64_t s0 = 0;
            for (const std::int64_t s : sizes) {
                pieces.emplace_back(s0, s);
                s0 += s;
            }
            call = concat("x.split(", "[", pyArgs(sizes), "], ", spelled, ")");
            run = [sizes, spelled](const ArrayPtr& a0) { return split(a0, std::span<const std::int64_t>(sizes), spelled); };
            break;
        }
        default: {
            if (size == 0)
                return std::nullopt;
            const std::int64_t k = g.uniform(0, size - 1);
            step.python = concat("x.unbind(", spelled, ")[", k, "]");
            step.engine = [spelled, k](const ArrayPtr& a0) {
                auto parts = unbind(a0, spelled);
                AV_INTERNAL_ASSERT(static_cast<std::int64_t>(parts.size()) > k, "unbind gave ", parts.size(), " parts");
                return parts[static_cast<std::size_t>(k)];
            };
            step.model = viewOnly([d, k](const Model& m0) { return selectModel(m0, d, k); });
            return step;
        }
        }
        const std::int64_t k = g.uniform(0, static_cast<std::int64_t>(pieces.size()) - 1);
        const std::size_t expectedCount = pieces.size();
        step.python = concat(call, "[", k, "]");
        step.engine = [run, k, expectedCount](const ArrayPtr& a0) {
            auto parts = run(a0);
            AV_INTERNAL_ASSERT(parts.size() == expectedCount, "the op gave ", parts.size(), " parts, the model ",
                               expectedCount);
            return parts[static_cast<std::size_t>(k)];
        };
        step.model = viewOnly([d, piece = pieces[static_cast<std::size_t>(k)]](const Model& m0) { return narrowModel(m0, d, piece.first, piece.second); });
        return step;
    }
    case 12:
    case 13: {  // view(shape) (torch) / reshape (both)
        Shape shape = g.factorisation(count(m.sizes));
        Shape spelled = shape;
        if (!spelled.empty() && count(m.sizes) > 0 && g.chance(0.3))
            spelled[static_cast<std::size_t>(g.uniform(0, static_cast<std::int64_t>(spelled.size()) - 1))] = -1;
        const bool useView = torch && g.chance(0.5);
        const bool fortran = !torch && g.chance(0.3);
        if (useView) {
            step.python = concat("x.view(", spelled.empty() ? "()" : pyArgs(spelled), ")");
            step.engine = [spelled](const ArrayPtr& a0) { return view(a0, spelled); };
            step.mayRefuse = step.refusalPredicted = true;
        } else if (torch) {
            step.python = concat("x.reshape(", spelled.empty() ? "()" : pyArgs(spelled), ")");
            step.engine = [spelled](const ArrayPtr& a0) { return reshape(a0, spelled); };
        } else {
            step.python = concat("x.reshape(", pyTuple(spelled), fortran ? ", order='F')" : ")");
            step.engine = [spelled, fortran](const ArrayPtr& a0) {
                return reshape(a0, spelled, fortran ? MemoryOrder::F : MemoryOrder::C);
            };
        }
        step.model = [shape, fortran, useView](const Model& m0, const ArrayPtr& before, const ArrayPtr& after) {
            return regroupModel(m0, shape, fortran, before, after, !useView);
        };
        return step;
    }
    case 14: {  // ravel / flatten
        const std::int64_t n = count(m.sizes);
        if (torch) {
            if (g.chance(0.5)) {
                step.python = "x.ravel()";
                step.engine = [](const ArrayPtr& a0) { return ravel(a0); };
                step.model = [n](const Model& m0, const ArrayPtr& before, const ArrayPtr& after) -> Expectation {
                    // contiguous().view(-1): a view exactly when the cells are already in C order.
                    if (denseInOrder(m0.offsets, m0.itemsize))
                        return {Model{{n}, m0.offsets, m0.itemsize, m0.buffer}, {}};
                    Model copy{{n}, freshOffsets(n, m0.itemsize), m0.itemsize, nullptr};
                    return {copy, after->buffer().get() == m0.buffer ? "" : compareCopiedValues(*before, m0.offsets, *after, copy.offsets)};
                };
            } else {
                const std::int64_t n0 = std::max<std::int64_t>(ndim, 1);
                std::int64_t s = g.uniform(0, n0 - 1), e = g.uniform(0, n0 - 1);
                if (s > e)
                    std::swap(s, e);
                Shape shape;
                for (std::int64_t d = 0; d < ndim; ++d) {
                    if (d <= s || d > e)
                        shape.push_back(m.sizes[static_cast<std::size_t>(d)]);
                    else
                        shape.back() *= m.sizes[static_cast<std::size_t>(d)];
                }
                if (ndim == 0)
                    shape = {1};
                const std::int64_t ps = g.dimOf(n0, s), pe = g.dimOf(n0, e);
                step.python = concat("x.flatten(", ps, ", ", pe, ")");
                step.engine = [ps, pe](const ArrayPtr& a0) { return flatten(a0, ps, pe); };
                step.model = [shape](const Model& m0, const ArrayPtr& before, const ArrayPtr& after) {
                    return regroupModel(m0, shape, false, before, after, true);
                };
            }
            return step;
        }
        static const std::vector<std::pair<MemoryOrder, const char*>> kOrders = {
            {MemoryOrder::C, "C"}, {MemoryOrder::F, "F"}, {MemoryOrder::A, "A"}, {MemoryOrder::K, "K"}};
        const auto [order, name] = g.pick(kOrders);
        const bool copyAlways = g.chance(0.3);
        step.python = concat(copyAlways ? "x.flatten('" : "x.ravel('", name, "')");
        step.engine = [order = order, copyAlways](const ArrayPtr& a0) {
            return copyAlways ? flatten(a0, 0, -1, order) : ravel(a0, order);
        };
        step.model = [n, order = order, copyAlways](const Model& m0, const ArrayPtr& before, const ArrayPtr& after) -> Expectation {
            const std::vector<std::int64_t> c = offsetsInOrder(m0, false), f = offsetsInOrder(m0, true);
            const bool cDense = denseInOrder(c, m0.itemsize), fDense = denseInOrder(f, m0.itemsize);
            MemoryOrder resolved = order;
            if (order == MemoryOrder::A)
                resolved = fDense && !cDense ? MemoryOrder::F : MemoryOrder::C;
            const std::vector<std::int64_t>& source = resolved == MemoryOrder::F ? f : c;
            if (!copyAlways) {
                if (resolved == MemoryOrder::C && cDense)
                    return {Model{{n}, c, m0.itemsize, m0.buffer}, {}};
                if (resolved == MemoryOrder::F && fDense)
                    return {Model{{n}, f, m0.itemsize, m0.buffer}, {}};
                if (resolved == MemoryOrder::K) {
                    if (cDense)
                        return {Model{{n}, c, m0.itemsize, m0.buffer}, {}};
                    if (fDense)
                        return {Model{{n}, f, m0.itemsize, m0.buffer}, {}};
                    // A view in memory order when the cells are some permutation of dims with positive
                    // strides, densely packed.
                    std::vector<std::int64_t> sorted = c;
                    std::sort(sorted.begin(), sorted.end());
                    bool positive = strided(m0);
                    for (std::size_t d = 0; positive && d < m0.sizes.size(); ++d) {
                        if (m0.sizes[d] < 2)
                            continue;
                        std::vector<std::int64_t> unit(m0.sizes.size(), 0);
                        unit[d] = 1;
                        positive = m0.offsets[static_cast<std::size_t>(rowMajorFlat(m0.sizes, unit))] > m0.offsets[0];
                    }
                    if (positive && denseInOrder(sorted, m0.itemsize))
                        return {Model{{n}, sorted, m0.itemsize, m0.buffer}, {}};
                }
            }
            Model copy{{n}, freshOffsets(n, m0.itemsize), m0.itemsize, nullptr};
            // The order of a K copy is NumPy's iterator's; the oracle judges those values.
            const std::string problem = resolved == MemoryOrder::K || after->buffer().get() == m0.buffer
                                            ? std::string()
                                            : compareCopiedValues(*before, source, *after, copy.offsets);
            return {copy, problem};
        };
        return step;
    }
    case 15: {  // view(dtype)
        const DType to = kDTypes[g.uniform(0, 8)];
        step.python = concat("x.view(", pyDType(to, flavour), ")");
        step.engine = [to](const ArrayPtr& a0) { return viewAsDType(a0, to); };
        const std::int64_t itemsize = itemSize(to);
        step.model = [itemsize](const Model& m0, const ArrayPtr&, const ArrayPtr&) { return viewDTypeModel(m0, itemsize); };
        step.mayRefuse = true;
        return step;
    }
    case 16: {  // alias: x[...] is a separate path for torch; ndarray.view()
        step.python = torch ? "x[...]" : "x.view()";
        step.engine = [torch](const ArrayPtr& a0) {
            return torch ? getItem(a0, std::vector<IndexItem>{IndexEllipsis{}}) : alias(a0);
        };
        step.model = viewOnly([](const Model& m0) { return m0; });
        return step;
    }
    case 17:
    case 18: {  // across the libraries
        if (torch) {
            step.python = "x.numpy()";
            step.engine = [](const ArrayPtr& a0) { return toNumpy(a0); };
            step.mayRefuse = true;  // a tensor that requires grad
            // An empty tensor has no data pointer: NumPy allocates its (empty) memory.
            step.model = [](const Model& m0, const ArrayPtr&, const ArrayPtr&) {
                Model out = m0;
                if (m0.offsets.empty())
                    out.buffer = nullptr;
                return Expectation{out, {}};
            };
        } else {
            // from_numpy warns for read-only arrays once per process (TORCH_WARN_ONCE), which a chain in
            // the middle of the oracle's process cannot predict: those are left out.
            if (!x->writeable())
                return std::nullopt;
            step.python = "torch.from_numpy(x)";
            step.engine = [](const ArrayPtr& a0) { return fromNumpy(a0); };
            step.mayRefuse = true;  // negative strides
            step.model = viewOnly([](const Model& m0) { return m0; });
        }
        return step;
    }
    default:
        return std::nullopt;
    }
}

// ================================================================================================
// Chains.
// ================================================================================================

struct Start {
    std::string python;
    std::function<ArrayPtr()> engine;
    std::function<Model(const ArrayPtr&)> model;  // given the engine's fresh allocation underneath
};

struct Chain {
    int number = 0;
    Start start;
    std::vector<Step> steps;
};

// The fresh array under a start: contiguous from the buffer's first byte.
Model freshModel(const Shape& sizes, const Array& fresh)
{
    return Model{sizes, freshOffsets(count(sizes), fresh.itemsize()), fresh.itemsize(), fresh.buffer().get()};
}

std::string pyShape(const Shape& sizes) { return pyTuple(sizes); }

Start makeStart(Generator& g)
{
    const DType dtype = kDTypes[g.uniform(0, 8)];
    const std::string dt = concat("'", numpyName(dtype), "'");
    const int kind = static_cast<int>(g.uniform(0, 5));
    Start s;
    if (kind <= 1) {
        const Shape shape = g.shape(4, 4);
        const bool torch = kind == 0;
        const bool grad = torch && isFloating(dtype) && g.chance(0.3);
        s.python = torch ? concat("T(", pyShape(shape), ", ", dt, grad ? ", grad=True)" : ")")
                         : concat("N(", pyShape(shape), ", ", dt, ")");
        s.engine = [shape, dtype, torch, grad] { return torch ? T(shape, dtype, grad) : N(shape, dtype); };
        s.model = [shape](const ArrayPtr& x) { return freshModel(shape, *x); };
        return s;
    }
    // A view of the other library's memory, possibly of a part of it.
    const Shape shape = g.shape(3, 5);
    const bool fromTensor = kind == 2 || kind == 4;
    std::vector<IndexItem> index;
    if (kind >= 4 && !shape.empty()) {
        for (const std::int64_t size : shape)
            index.emplace_back(g.slice(size, Flavour::Torch));  // positive steps: from_numpy refuses others
    }
    const std::string part = index.empty() ? "" : pyIndex(index, true);
    if (fromTensor) {
        s.python = concat("T(", pyShape(shape), ", ", dt, ")", part, ".numpy()");
        s.engine = [shape, dtype, index] {
            ArrayPtr base = T(shape, dtype);
            return toNumpy(index.empty() ? base : getItem(base, index, true));
        };
    } else {
        s.python = concat("torch.from_numpy(N(", pyShape(shape), ", ", dt, ")", part, ")");
        s.engine = [shape, dtype, index] {
            ArrayPtr base = N(shape, dtype);
            return fromNumpy(index.empty() ? base : getItem(base, index, true));
        };
    }
    s.model = [shape, index](const ArrayPtr& x) {
        Model fresh{shape, freshOffsets(count(shape), x->itemsize()), x->itemsize(), x->buffer().get()};
        Model out = index.empty() ? fresh : indexModel(fresh, index);
        // An empty tensor's numpy() allocates: a buffer of its own, with no cells to place.
        if (out.offsets.empty())
            out.buffer = x->buffer().get();
        return out;
    };
    return s;
}

// What running a chain found: a problem, or nothing; and the engine's outcome for the oracle.
struct ChainRun {
    std::string problem;
    std::vector<Value> results;
    ArrayPtr root;
};

std::string describeModelMismatch(const Model& expected, const Array& x)
{
    const std::vector<std::int64_t> actual = cellByteOffsets(x);
    if (x.sizes() != expected.sizes)
        return concat("sizes ", formatList(x.sizes()), ", model ", formatList(expected.sizes));
    if (x.itemsize() != expected.itemsize)
        return concat("itemsize ", x.itemsize(), ", model ", expected.itemsize);
    if (actual != expected.offsets)
        return concat("cell byte offsets ", formatList(actual), ", model ", formatList(expected.offsets));
    return {};
}

// Runs a chain through the engine; with `check`, compares every step with the model.
ChainRun runChain(const Chain& chain, bool check)
{
    ChainRun run;
    ArrayPtr x = chain.start.engine();
    Model model = chain.start.model(x);
    run.root = x;
    const Model rootModel = model;
    const std::set<std::int64_t> rootBytes = bytesOf(rootModel);
    const Buffer* rootBuffer = x->buffer().get();
    const auto fail = [&](std::size_t stepIndex, const std::string& what) {
        if (run.problem.empty())
            run.problem = concat("chain ", chain.number, " step ", stepIndex, " (",
                                 stepIndex == 0 ? chain.start.python : chain.steps[stepIndex - 1].python, "): ", what);
    };
    if (check) {
        if (std::string m = describeModelMismatch(model, *x); !m.empty())
            fail(0, m);
    }
    for (std::size_t i = 0; i < chain.steps.size() && run.problem.empty(); ++i) {
        const Step& step = chain.steps[i];
        ArrayPtr next;
        std::string refusal;
        try {
            next = step.engine(x);
        } catch (const PyError& error) {
            refusal = error.formatted();
        }
        if (!check) {
            if (next)
                x = next;
            run.results.push_back(next ? Value(x) : Value(Scalar(false)));
            continue;
        }
        if (!next) {
            if (!step.mayRefuse) {
                fail(i + 1, "refused an op that is always valid: " + refusal);
                break;
            }
            if (step.refusalPredicted && step.model(model, x, nullptr).model)
                fail(i + 1, "refused an op the model can do as a view: " + refusal);
            run.results.push_back(Scalar(false));
            continue;
        }
        const Expectation expected = step.model(model, x, next);
        if (!expected.model) {
            fail(i + 1, "made an array where the model says the library refuses");
            break;
        }
        if (!expected.problem.empty())
            fail(i + 1, expected.problem);
        Model nextModel = *expected.model;
        const bool expectFresh = nextModel.buffer == nullptr;
        if (expectFresh) {
            if (next->buffer().get() == model.buffer && !nextModel.offsets.empty())
                fail(i + 1, "made a view where the model says no view can have these cells (a copy)");
            nextModel.buffer = next->buffer().get();
        } else if (next->buffer().get() != nextModel.buffer) {
            fail(i + 1, "copied where the model says a view can have these cells");
        }
        if (std::string m = describeModelMismatch(nextModel, *next); !m.empty())
            fail(i + 1, m);
        for (const std::int64_t offset : nextModel.offsets)
            if (offset < 0 || offset + next->itemsize() > next->buffer()->nbytes())
                fail(i + 1, concat("cell at byte ", offset, " is outside its buffer of ", next->buffer()->nbytes(), " bytes"));
        bool modelShares = false;
        if (nextModel.buffer == rootBuffer)
            for (const std::int64_t byte : bytesOf(nextModel))
                if (rootBytes.count(byte)) {
                    modelShares = true;
                    break;
                }
        if (sharesMemory(*next, *run.root) != modelShares)
            fail(i + 1, concat("sharesMemory with the root says ", !modelShares, ", the model ", modelShares));
        x = next;
        model = nextModel;
        run.results.push_back(x);
    }
    return run;
}

std::string chainPython(const Chain& chain)
{
    std::string out = concat("x=", chain.start.python, "\nsrc=x\nr=[]\n");
    for (const Step& step : chain.steps)
        out += concat("try:\n    y=", step.python, "\nexcept Exception:\n    r.append(False)\nelse:\n    x=y\n    r.append(x)\n");
    return out + "r=tuple(r)\n";
}

// AV_VIEWCHAINS_SEED=n explores another seed; the default keeps runs reproducible.
std::uint64_t chainSeed()
{
    const QByteArray text = qgetenv("AV_VIEWCHAINS_SEED");
    return text.isEmpty() ? kSeed : text.toULongLong();
}

std::vector<Chain> generateChains()
{
    Generator g(chainSeed());
    std::vector<Chain> chains;
    for (int number = 0; number < kChains; ++number) {
        Chain chain;
        chain.number = number;
        chain.start = makeStart(g);
        // Steps are generated against the engine's array of the moment: a refused or unrepresentable
        // (NotImplementedError) step leaves x as it was.
        ArrayPtr x = chain.start.engine();
        Model model = chain.start.model(x);
        const std::int64_t depth = g.uniform(1, kMaxDepth);
        int attempts = 0;
        while (static_cast<std::int64_t>(chain.steps.size()) < depth && attempts++ < 200) {
            std::optional<Step> step = makeStep(g, model, x);
            if (!step)
                continue;
            ArrayPtr next;
            try {
                next = step->engine(x);
            } catch (const PyError& error) {
                if (error.isInstanceOf("NotImplementedError"))
                    continue;  // aliasview cannot show that NumPy view; NumPy could
            } catch (const InternalError&) {
                // kept: runChain reports it as the failure it is
            }
            // Small arrays keep the test quick.
            if (next && next->numel() > 400)
                continue;
            chain.steps.push_back(std::move(*step));
            if (next) {
                const Expectation e = chain.steps.back().model(model, x, next);
                if (!e.model)
                    break;  // runChain will report it
                model = *e.model;
                if (!model.buffer)
                    model.buffer = next->buffer().get();
                x = next;
            }
        }
        chains.push_back(std::move(chain));
    }
    return chains;
}

// AV_VIEWCHAINS_DUMP=file writes every chain's Python there, to replay one by hand.
const std::vector<Chain>& allChains()
{
    static const std::vector<Chain> chains = [] {
        std::vector<Chain> generated = generateChains();
        if (const QByteArray path = qgetenv("AV_VIEWCHAINS_DUMP"); !path.isEmpty()) {
            QFile file(QString::fromLocal8Bit(path));
            if (file.open(QIODevice::WriteOnly))
                for (const Chain& chain : generated)
                    file.write(QByteArray::fromStdString(concat("# chain ", chain.number, "\n", chainPython(chain), "\n")));
        }
        return generated;
    }();
    return chains;
}

std::vector<OracleCase> oracleCases()
{
    std::vector<OracleCase> cases;
    const std::vector<Chain>& chains = allChains();
    for (int k = 0; k < kOracleChains; ++k) {
        const Chain& chain = chains[static_cast<std::size_t>(k * kChains / kOracleChains)];
        cases.push_back(oracleCase(QString("chain%1").arg(chain.number), QString::fromStdString(chainPython(chain)),
                                   [&chain] {
                                       ChainRun run = runChain(chain, /*check=*/false);
                                       return Outcome::tuple(run.results, run.root);
                                   }));
    }
    return cases;
}

// ================================================================================================
// c10's is_non_overlapping_and_dense, which decides torch's overlap checks and empty_like's strides.
// ================================================================================================

// The definition, by brute force: no elements, or some order of the dims of size > 1 is row-major dense.
bool denseInSomeOrder(const Shape& sizes, const Strides& strides)
{
    if (count(sizes) == 0)
        return true;
    std::vector<std::size_t> dims;
    for (std::size_t d = 0; d < sizes.size(); ++d)
        if (sizes[d] > 1)
            dims.push_back(d);
    std::sort(dims.begin(), dims.end());
    do {
        std::int64_t expected = 1;
        bool dense = true;
        for (std::size_t k = dims.size(); k-- > 0 && dense;) {
            dense = strides[dims[k]] == expected;
            expected *= sizes[dims[k]];
        }
        if (dense)
            return true;
    } while (std::next_permutation(dims.begin(), dims.end()));
    return false;
}

std::vector<OracleCase> denseCases()
{
    std::vector<OracleCase> cases;
    const auto add = [&](const char* name, const char* python, std::function<Outcome()> engine) {
        cases.push_back(oracleCase(name, python, std::move(engine)));
    };
    const auto addOne = [](const ArrayPtr& x) { inplace(BinaryOp::Add, x, Scalar(1), InplaceSpelling::Method); };
    const auto toDouble = [](const ArrayPtr& x) { return tensorTo(x, DType::Float64); };
    add("expandedEmptyTensorTakesAnInplaceAdd", "x=T((1,0)).expand(3,0)\nx.add_(1)\nr=x", [=] {
        auto x = expand(T({1, 0}), std::vector<std::int64_t>{3, 0});
        addOne(x);
        return Outcome::of(x);
    });
    add("expandedEmptyTensorTakesZero", "x=T((1,0,1)).expand(4,0,5)\nx.zero_()\nr=x", [] {
        auto x = expand(T({1, 0, 1}), std::vector<std::int64_t>{4, 0, 5});
        zeroInplace(x);
        return Outcome::of(x);
    });
    add("expandedEmptyTensorTakesItemAssignment", "x=T((1,0)).expand(3,0)\nx[...]=1\nr=x", [] {
        auto x = expand(T({1, 0}), std::vector<std::int64_t>{3, 0});
        setItem(x, std::vector<IndexItem>{IndexEllipsis{}}, Scalar(1));
        return Outcome::of(x);
    });
    add("expandedEmptyTensorTakesACopyOfItself", "x=T((1,0)).expand(3,0)\nx.copy_(x[:1])\nr=x", [] {
        auto x = expand(T({1, 0}), std::vector<std::int64_t>{3, 0});
        copyInplace(x, getItem(x, std::vector<IndexItem>{Slice{std::nullopt, 1, std::nullopt}}));
        return Outcome::of(x);
    });
    add("expandedTensorWithElementsRefusesAnInplaceAdd", "x=T((1,2)).expand(3,2)\nx.add_(1)\nr=x", [=] {
        auto x = expand(T({1, 2}), std::vector<std::int64_t>{3, 2});
        addOne(x);
        return Outcome::of(x);
    });
    const std::vector<std::pair<const char*, std::function<ArrayPtr()>>> sources = {
        {"T((1,0)).expand(3,0)", [] { return expand(T({1, 0}), std::vector<std::int64_t>{3, 0}); }},
        {"T((1,0,1)).expand(4,0,5)", [] { return expand(T({1, 0, 1}), std::vector<std::int64_t>{4, 0, 5}); }},
        {"T((3,4))[::2, :0]", [] { return getItem(T({3, 4}), std::vector<IndexItem>{Slice{std::nullopt, std::nullopt, 2}, Slice{std::nullopt, 0, std::nullopt}}, true); }},
        {"T((2,0,3)).transpose(0,2)", [] { return transpose(T({2, 0, 3}), 0, 2); }},
        {"T((0,3))[:, ::2]", [] { return getItem(T({0, 3}), std::vector<IndexItem>{Slice{}, Slice{std::nullopt, std::nullopt, 2}}, true); }},
        {"T((3,4))[::2]", [] { return getItem(T({3, 4}), std::vector<IndexItem>{Slice{std::nullopt, std::nullopt, 2}}); }},
        {"T((2,3,4)).permute(2,0,1)", [] { return permute(T({2, 3, 4}), std::vector<std::int64_t>{2, 0, 1}); }},
        {"T((2,3,4))[:, ::2].permute(2,0,1)", [] { return permute(getItem(T({2, 3, 4}), std::vector<IndexItem>{Slice{}, Slice{std::nullopt, std::nullopt, 2}}, true), std::vector<std::int64_t>{2, 0, 1}); }},
        {"T((5,))[::2]", [] { return getItem(T({5}), std::vector<IndexItem>{Slice{std::nullopt, std::nullopt, 2}}); }},
        {"T((3,1)).expand(3,4)", [] { return expand(T({3, 1}), std::vector<std::int64_t>{3, 4}); }},
        {"T((4,1,3)).transpose(0,1)", [] { return transpose(T({4, 1, 3}), 0, 1); }},
        {"T((2,3,4,5)).permute(0,2,3,1)", [] { return permute(T({2, 3, 4, 5}), std::vector<std::int64_t>{0, 2, 3, 1}); }},
        {"T((2,1,4,0)).permute(3,1,0,2)", [] { return permute(T({2, 1, 4, 0}), std::vector<std::int64_t>{3, 1, 0, 2}); }},
    };
    int k = 0;
    for (const auto& [python, make] : sources) {
        const std::string code = concat("src=", python, "\nr=src.to(torch.float64)");
        add(concat("copyKeepsStridesExactlyWhenNonOverlappingAndDense", k++).c_str(), code.c_str(),
            [make = make, toDouble] {
                auto src = make();
                return Outcome::of(toDouble(src), src);
            });
    }
    return cases;
}

}  // namespace

class TestViewChains : public QObject {
    Q_OBJECT

public:
    TestViewChains() : m_suite(oracleCases()), m_denseSuite(denseCases()) {}

private slots:
    void initTestCase()
    {
        m_suite.askOracle();
        m_denseSuite.askOracle();
    }

    void nonOverlappingAndDenseMatchesTorch_data() { m_denseSuite.addRows(); }
    void nonOverlappingAndDenseMatchesTorch() { m_denseSuite.checkCurrentRow(); }

    // Random geometry, size-0 and size-1 dims included, against the definition.
    void nonOverlappingAndDenseMatchesItsDefinition()
    {
        Generator g(kSeed + 1);
        int dense = 0;
        for (int i = 0; i < 4000; ++i) {
            const Shape sizes = g.shape(5, 4);
            Strides strides(sizes.size());
            // Mostly a permuted dense layout, sometimes disturbed, so both verdicts are common.
            std::vector<std::int64_t> order = g.permutation(static_cast<std::int64_t>(sizes.size()));
            std::int64_t next = 1;
            for (const std::int64_t d : order) {
                strides[static_cast<std::size_t>(d)] = next;
                next *= std::max<std::int64_t>(sizes[static_cast<std::size_t>(d)], 1);
            }
            for (std::int64_t& s : strides)
                if (g.chance(0.15))
                    s = g.uniform(0, 30);
            std::int64_t extent = 1;
            for (std::size_t d = 0; d < sizes.size(); ++d)
                extent += std::max<std::int64_t>(sizes[d] - 1, 0) * strides[d];
            ArrayPtr block = allocateArray(Flavour::Torch, DType::Float32, {extent});
            ArrayPtr x = Array::make({Flavour::Torch, DType::Float32, sizes, strides, block->storage(), 0});
            const bool expected = denseInSomeOrder(sizes, strides);
            QVERIFY2(x->isNonOverlappingAndDense() == expected,
                     qPrintable(QString::fromStdString(concat("sizes ", formatList(sizes), " strides ", formatList(strides)))));
            dense += expected;
        }
        QVERIFY(dense > 1000 && dense < 3800);
        // The case c10's sort alone gets "wrong": a size-0 dim and a size-3 dim of stride 0.
        ArrayPtr block = allocateArray(Flavour::Torch, DType::Float32, {1});
        QVERIFY(Array::make({Flavour::Torch, DType::Float32, {3, 0}, {0, 1}, block->storage(), 0})->isNonOverlappingAndDense());
        QVERIFY(!Array::make({Flavour::Torch, DType::Float32, {3, 1}, {0, 1}, block->storage(), 0})->isNonOverlappingAndDense());
    }

    void everyStepMatchesTheByteOffsetModel()
    {
        int steps = 0, refused = 0, copies = 0, crossings = 0;
        QStringList problems;
        for (const Chain& chain : allChains()) {
            ChainRun run;
            try {
                run = runChain(chain, /*check=*/true);
            } catch (const std::exception& error) {
                run.problem = concat("chain ", chain.number, ": ", error.what());
            }
            if (!run.problem.empty())
                problems << QString::fromStdString(run.problem + "\n" + chainPython(chain));
            steps += static_cast<int>(chain.steps.size());
            for (const Value& v : run.results) {
                if (!std::holds_alternative<ArrayPtr>(v))
                    ++refused;
                else if (std::get<ArrayPtr>(v)->buffer() != run.root->buffer())
                    ++copies;
                else if (std::get<ArrayPtr>(v)->flavour() != run.root->flavour())
                    ++crossings;
            }
        }
        qInfo("%d chains, %d steps: %d refused, %d on a new buffer, %d seen through the other library", kChains,
              steps, refused, copies, crossings);
        for (const QString& problem : problems.mid(0, 6))
            qWarning("%s", qPrintable(problem));
        QVERIFY2(problems.isEmpty(), qPrintable(QString("%1 chains differ from the model").arg(problems.size())));
        // The generator must reach the interesting cases, or the property says little.
        QVERIFY(steps > kChains * 3);
        QVERIFY(refused > 10);
        QVERIFY(copies > 10);
        QVERIFY(crossings > 50);
    }

    void everyOpKindIsExercised()
    {
        const std::vector<std::string> spellings = {".transpose(", ".swapaxes(", ".permute(", ".T", ".t()", "x[",
                                                    ".select(", ".narrow(", ".squeeze(", ".unsqueeze(", "expand_dims",
                                                    ".expand(", ".diagonal(", ".chunk(", ".split(", ".unbind(",
                                                    ".view(", ".reshape(", ".ravel(", ".flatten(", ".numpy()",
                                                    "from_numpy", "x[...]", ".view()", "order='F'", "::-"};
        for (const std::string& s : spellings) {
            int uses = 0;
            for (const Chain& chain : allChains())
                for (const Step& step : chain.steps)
                    uses += step.python.find(s) != std::string::npos;
            QVERIFY2(uses >= 3, qPrintable(QString::fromStdString(concat("only ", uses, " steps use ", s))));
        }
    }

    void chainsMatchRealLibraries_data() { m_suite.addRows(); }
    void chainsMatchRealLibraries() { m_suite.checkCurrentRow(); }

    // A bool made by view(bool) over other bytes: torch's copies store its truth value (0/1), NumPy's keep
    // the byte. Judged through view(uint8) of the copy.
    void boolCopiesKeepNumpysRawBytes_data()
    {
        QTest::addColumn<bool>("torch");
        QTest::newRow("torch") << true;
        QTest::newRow("numpy") << false;
    }

    void boolCopiesKeepNumpysRawBytes()
    {
        QFETCH(bool, torch);
        const QString python = torch ? "x=torch.from_numpy(np.arange(5.0)).view(torch.bool)\n"
                                       "r=x.reshape(5,8).t().reshape(40).view(torch.uint8)"
                                     : "x=np.arange(5.0).view(np.bool_)\nr=x.reshape(5,8).T.reshape(40).view(np.uint8)";
        const QJsonObject real = av::test::askOracleOnce(QString::fromUtf8(kPrelude) + python);
        const QJsonObject engine = av::test::describeOutcome([torch] {
            ArrayPtr x = torch ? viewAsDType(fromNumpy(N({5})), DType::Bool) : viewAsDType(N({5}), DType::Bool);
            const std::int64_t rows[] = {5, 8}, flat[] = {40};
            return Outcome::of(viewAsDType(reshape(reversedDims(reshape(x, rows)), flat), DType::UInt8));
        });
        QVERIFY(real.contains("values"));
        if (!torch)
            QEXPECT_FAIL("", "copykernel.cpp converts NumPy bool elements to 0/1 where NumPy copies the byte", Continue);
        QCOMPARE(engine.value("values"), real.value("values"));
    }

    // The model itself must be able to fail: a wrong offset is caught.
    void modelCatchesAWrongOffset()
    {
        ArrayPtr x = T({3, 4});
        Model m = freshModel({3, 4}, *x);
        QVERIFY(describeModelMismatch(m, *transpose(x, 0, 1)).size() > 0);
        QVERIFY(describeModelMismatch(permuteModel(m, {1, 0}), *transpose(x, 0, 1)).empty());
        QVERIFY(!strided(fromOrder(offsetsInOrder(permuteModel(m, {1, 0}), false), {12}, 4, nullptr, false)));
        QVERIFY(strided(fromOrder(offsetsInOrder(permuteModel(m, {1, 0}), false), {2, 2, 3}, 4, nullptr, false)));
    }

private:
    OracleSuite m_suite;
    OracleSuite m_denseSuite;
};

AV_TEST_MAIN(TestViewChains)
#include "tst_viewchains.moc"
