#include "alias.h"

#include "errors.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace av::engine {

// NOTE [ Exact overlap as a bounded Diophantine equation ]
// np.shares_memory is exact, and so must be the engine, or the "shares" verdicts of every op would drift
// from the real library on interleaved layouts (a[::2] vs a[1::2] meet in their extents, never in a byte).
// Following numpy's mem_overlap.c (Pauli Virtanen's solver, after Ramachandran 2006): two views a and b
// share a byte exactly when
//
//     start_a + sum(|sa_i| x_i) + u  ==  start_b + sum(|sb_j| y_j) + w
//     0 <= x_i < size_a_i,  0 <= y_j < size_b_j,  0 <= u < itemsize_a,  0 <= w < itemsize_b
//
// has an integer solution (negative strides are flipped by x -> size-1-x, which only moves the start to the
// low end of the extent). Writing the b side from the top of its extent turns every coefficient positive:
//
//     sum(|sa_i| x_i) + u  +  sum(|sb_j| y'_j) + w'  ==  end_b - 1 - start_a
//
// (or the mirror problem with a and b swapped; numpy picks the smaller right-hand side, and so do we, so
// that max_work counts match). The itemsize terms are variables with coefficient 1. That is a bounded
// linear Diophantine equation with positive coefficients, solved depth-first: the terms are folded
// pairwise by extended Euclid into one combined variable per prefix, whose range bounds the search, and
// candidates for the last variable are enumerated and substituted back. Exact, but exponential in the
// worst case; the views a script can build stay far from that.

namespace {

// Exact 128-bit arithmetic for the intermediate solutions, which can exceed 64 bits before the bounds
// cut them back (numpy uses its npy_extint128 for the same reason).
__extension__ typedef __int128 Wide;

constexpr Wide kInt64Max = std::numeric_limits<std::int64_t>::max();

Wide floorDiv(Wide a, Wide b)
{
    Wide q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

Wide ceilDiv(Wide a, Wide b)
{
    Wide q = a / b;
    if ((a % b != 0) && ((a < 0) == (b < 0)))
        ++q;
    return q;
}

// One term a*x of the equation, with 0 <= x <= bound.
struct Term {
    std::int64_t coefficient;
    std::int64_t bound;
};

// gcd(a, b) with Bezout coefficients: gamma*a + epsilon*b == gcd, for a, b > 0.
struct Bezout {
    std::int64_t gcd;
    std::int64_t gamma;
    std::int64_t epsilon;
};

Bezout extendedEuclid(std::int64_t a, std::int64_t b)
{
    std::int64_t oldR = a, r = b;
    std::int64_t oldS = 1, s = 0;
    std::int64_t oldT = 0, t = 1;
    while (r != 0) {
        const std::int64_t q = oldR / r;
        oldR = std::exchange(r, oldR - q * r);
        oldS = std::exchange(s, oldS - q * s);
        oldT = std::exchange(t, oldT - q * t);
    }
    return {oldR, oldS, oldT};
}

// sum(terms[i].coefficient * x_i) == rhs with every coefficient > 0, sorted by decreasing coefficient.
class BoundedDiophantine {
public:
    BoundedDiophantine(std::vector<Term> terms, std::int64_t rhs, std::int64_t maxWork)
        : m_terms(std::move(terms)), m_rhs(rhs), m_maxWork(maxWork)
    {
    }

    OverlapAnswer solve()
    {
        const std::size_t n = m_terms.size();
        if (m_rhs < 0)
            return OverlapAnswer::No;
        if (n == 0)
            return m_rhs == 0 ? OverlapAnswer::Yes : OverlapAnswer::No;
        if (n == 1) {
            const Term& term = m_terms[0];
            return m_rhs % term.coefficient == 0 && m_rhs / term.coefficient <= term.bound ? OverlapAnswer::Yes
                                                                                          : OverlapAnswer::No;
        }
        if (!foldPrefixes())
            return OverlapAnswer::Overflow;
        return search(n - 1, m_rhs);
    }

private:
    // The prefix terms 0..j folded into one: g_j * Y_j == sum(a_i x_i, i <= j), with g_j = gcd(a_0..a_j) and
    // 0 <= Y_j <= U_j. U_j is only a relaxation (not every Y_j in range is reachable), which is why the
    // search below substitutes candidates back instead of trusting it.
    bool foldPrefixes()
    {
        const std::size_t n = m_terms.size();
        m_folded.assign(n, {});
        m_folded[0] = {m_terms[0].coefficient, 0, 0, m_terms[0].bound};
        for (std::size_t j = 1; j < n; ++j) {
            const Fold& previous = m_folded[j - 1];
            const Bezout e = extendedEuclid(previous.gcd, m_terms[j].coefficient);
            Fold& fold = m_folded[j];
            fold.gcd = e.gcd;
            fold.gamma = e.gamma;
            fold.epsilon = e.epsilon;
            // The last fold's range is never used; numpy does not compute it, so it cannot overflow there.
            if (j + 1 < n) {
                const Wide bound = Wide(previous.gcd / e.gcd) * previous.bound +
                                   Wide(m_terms[j].coefficient / e.gcd) * m_terms[j].bound;
                if (bound > kInt64Max)
                    return false;
                fold.bound = static_cast<std::int64_t>(bound);
            }
        }
        return true;
    }

    // Solves g_{v-1} * Y + a_v * x_v == rhs for Y in [0, U_{v-1}] and x_v in [0, ub_v]. At v == 1, Y is x_0
    // itself and any solution is a real one; above, each candidate x_v leaves a smaller problem for v - 1.
    OverlapAnswer search(std::size_t v, std::int64_t rhs)
    {
        if (m_maxWork >= 0 && m_work >= m_maxWork)
            return OverlapAnswer::TooHard;
        const Fold& left = m_folded[v - 1];
        const Fold& fold = m_folded[v];
        const Term& term = m_terms[v];
        const std::int64_t gcd = fold.gcd;
        if (rhs % gcd != 0) {
            ++m_work;
            return OverlapAnswer::No;
        }
        // All solutions: Y = gamma*c + c1*t, x_v = epsilon*c - c2*t for integer t.
        const Wide c = rhs / gcd;
        const Wide c1 = term.coefficient / gcd;
        const Wide c2 = left.gcd / gcd;
        const Wide y0 = Wide(fold.gamma) * c;
        const Wide x0 = Wide(fold.epsilon) * c;
        const Wide tLow = std::max(ceilDiv(-y0, c1), ceilDiv(x0 - term.bound, c2));
        const Wide tHigh = std::min(floorDiv(Wide(left.bound) - y0, c1), floorDiv(x0, c2));
        if (tLow > tHigh) {
            ++m_work;
            return OverlapAnswer::No;
        }
        if (v == 1)
            return OverlapAnswer::Yes;
        for (Wide t = tLow; t <= tHigh; ++t) {
            const Wide x = x0 - c2 * t;  // within [0, ub_v] by the bounds on t
            const std::int64_t rest = static_cast<std::int64_t>(rhs - Wide(term.coefficient) * x);
            const OverlapAnswer answer = search(v - 1, rest);
            if (answer != OverlapAnswer::No)
                return answer;
        }
        ++m_work;
        return OverlapAnswer::No;
    }

    struct Fold {
        std::int64_t gcd;
        std::int64_t gamma;    // gamma * g_{j-1} + epsilon * a_j == g_j
        std::int64_t epsilon;
        std::int64_t bound;    // U_j
    };

    std::vector<Term> m_terms;
    std::vector<Fold> m_folded;
    std::int64_t m_rhs;
    std::int64_t m_maxWork;
    std::int64_t m_work = 0;
};

// One term per dim that moves: size-1 and stride-0 dims reach nothing new.
void appendStrideTerms(const Array& view, std::vector<Term>& terms)
{
    const std::int64_t itemsize = view.itemsize();
    for (std::int64_t d = 0; d < view.dim(); ++d) {
        if (view.size(d) <= 1 || view.stride(d) == 0)
            continue;
        terms.push_back({std::abs(view.stride(d) * itemsize), view.size(d) - 1});
    }
}

// Equal coefficients merge into one variable (their bounds add), and no variable can exceed rhs / a: the
// decision stays the same while the search gets smaller. Leaves terms sorted by decreasing coefficient,
// the order in which the search above folds them.
void simplify(std::vector<Term>& terms, std::int64_t rhs)
{
    std::stable_sort(terms.begin(), terms.end(),
                     [](const Term& x, const Term& y) { return x.coefficient > y.coefficient; });
    std::vector<Term> merged;
    merged.reserve(terms.size());
    for (const Term& term : terms) {
        if (!merged.empty() && merged.back().coefficient == term.coefficient)
            merged.back().bound += term.bound;
        else
            merged.push_back(term);
    }
    terms.clear();
    for (Term term : merged) {
        term.bound = std::min(term.bound, rhs / term.coefficient);
        if (term.bound > 0)
            terms.push_back(term);
    }
}

}  // namespace

OverlapAnswer solveMayShareMemory(const Array& a, const Array& b, std::int64_t maxWork)
{
    if (a.buffer() != b.buffer())
        return OverlapAnswer::No;
    const std::int64_t startA = a.extentBegin(), endA = a.extentEnd();
    const std::int64_t startB = b.extentBegin(), endB = b.extentEnd();
    if (!(startA < endB && startB < endA && startA < endA && startB < endB))
        return OverlapAnswer::No;
    if (maxWork == 0)
        return OverlapAnswer::TooHard;

    const std::int64_t rhs = std::min(endB - 1 - startA, endA - 1 - startB);
    std::vector<Term> terms;
    terms.reserve(static_cast<std::size_t>(a.dim() + b.dim() + 2));
    appendStrideTerms(a, terms);
    appendStrideTerms(b, terms);
    // Every byte of an element, not only its first, can be the shared one.
    if (a.itemsize() > 1)
        terms.push_back({1, a.itemsize() - 1});
    if (b.itemsize() > 1)
        terms.push_back({1, b.itemsize() - 1});
    simplify(terms, rhs);
    return BoundedDiophantine(std::move(terms), rhs, maxWork).solve();
}

bool sharesMemory(const Array& a, const Array& b)
{
    const OverlapAnswer answer = solveMayShareMemory(a, b, -1);
    AV_CHECK(answer != OverlapAnswer::Overflow, overflowError, "Integer overflow in computing overlap");
    AV_INTERNAL_ASSERT(answer != OverlapAnswer::TooHard, "an exact overlap search gave up");
    return answer == OverlapAnswer::Yes;
}

bool mayShareMemory(const Array& a, const Array& b)
{
    // numpy answers "don't know" (too hard, overflow) with True.
    return solveMayShareMemory(a, b, 0) != OverlapAnswer::No;
}

std::vector<std::int64_t> cellByteOffsets(const Array& view)
{
    const std::int64_t n = view.numel();
    std::vector<std::int64_t> offsets;
    if (n == 0)
        return offsets;
    offsets.resize(static_cast<std::size_t>(n));
    const std::size_t rank = view.sizes().size();
    if (rank == 0) {
        offsets[0] = view.bufferByteOffset();
        return offsets;
    }
    const Strides byteStrides = view.byteStrides();
    const std::int64_t innerSize = view.sizes()[rank - 1];
    const std::int64_t innerStride = byteStrides[rank - 1];
    // An odometer over the outer dims; the innermost dim is a plain strided run.
    std::vector<std::int64_t> index(rank - 1, 0);
    std::int64_t rowStart = view.bufferByteOffset();
    std::int64_t* out = offsets.data();
    for (std::int64_t row = 0, rows = n / innerSize; row < rows; ++row) {
        for (std::int64_t i = 0; i < innerSize; ++i)
            *out++ = rowStart + i * innerStride;
        for (std::size_t d = rank - 1; d-- > 0;) {
            if (++index[d] < view.sizes()[d]) {
                rowStart += byteStrides[d];
                break;
            }
            rowStart -= (view.sizes()[d] - 1) * byteStrides[d];
            index[d] = 0;
        }
    }
    return offsets;
}

CellLocator::CellLocator(const Array& view) : m_start(view.bufferByteOffset()), m_itemsize(view.itemsize())
{
    m_empty = view.numel() == 0;
    if (m_empty)
        return;
    std::int64_t flatStride = 1;
    for (std::int64_t d = view.dim(); d-- > 0;) {
        if (view.size(d) > 1)
            m_dims.push_back({view.size(d), view.stride(d) * m_itemsize, flatStride, 0, 0});
        flatStride *= view.size(d);
    }
    // Largest steps first: a big stride splits the view into sub-blocks that a byte range meets only a
    // few of, so the search descends into little more than the cells it reports.
    std::stable_sort(m_dims.begin(), m_dims.end(),
                     [](const Dim& x, const Dim& y) { return std::abs(x.byteStride) > std::abs(y.byteStride); });
    std::int64_t low = 0, high = 0;
    for (std::size_t k = m_dims.size(); k-- > 0;) {
        m_dims[k].restLow = low;
        m_dims[k].restHigh = high;
        const std::int64_t reach = (m_dims[k].size - 1) * m_dims[k].byteStride;
        (reach < 0 ? low : high) += reach;
    }
}

// Cells whose first byte lies in [low, high] under the sub-block at `offset` (the dims before `level` fixed).
// For each dim the indices whose sub-block can still reach [low, high] form one interval, solved by
// division rather than by trying each index.
template <typename Visit>
bool CellLocator::search(std::size_t level, std::int64_t offset, std::int64_t flat, std::int64_t low,
                         std::int64_t high, Visit& visit) const
{
    // Deeper levels only pass offsets whose sub-block reaches the range; a view without moving dims (0-d,
    // all sizes 1) arrives here untested.
    if (level == m_dims.size())
        return offset >= low && offset <= high && visit(flat);
    const Dim& dim = m_dims[level];
    const std::int64_t s = dim.byteStride;
    // offset + i*s + restLow <= high  and  offset + i*s + restHigh >= low
    const std::int64_t upper = high - dim.restLow - offset;  // i*s <= upper
    const std::int64_t lower = low - dim.restHigh - offset;  // i*s >= lower
    std::int64_t first = 0, last = dim.size - 1;
    if (s == 0) {
        if (upper < 0 || lower > 0)
            return false;
    } else if (s > 0) {
        first = std::max<std::int64_t>(first, static_cast<std::int64_t>(ceilDiv(lower, s)));
        last = std::min<std::int64_t>(last, static_cast<std::int64_t>(floorDiv(upper, s)));
    } else {
        first = std::max<std::int64_t>(first, static_cast<std::int64_t>(ceilDiv(upper, s)));
        last = std::min<std::int64_t>(last, static_cast<std::int64_t>(floorDiv(lower, s)));
    }
    for (std::int64_t i = first; i <= last; ++i)
        if (search(level + 1, offset + i * s, flat + i * dim.flatStride, low, high, visit))
            return true;
    return false;
}

void CellLocator::collect(std::int64_t begin, std::int64_t end, std::vector<std::int64_t>& out) const
{
    if (m_empty || begin >= end)
        return;
    // A cell [p, p + itemsize) meets [begin, end) when begin - itemsize < p < end.
    auto visit = [&out](std::int64_t flat) {
        out.push_back(flat);
        return false;
    };
    search(0, m_start, 0, begin - m_itemsize + 1, end - 1, visit);
}

bool CellLocator::any(std::int64_t begin, std::int64_t end) const
{
    if (m_empty || begin >= end)
        return false;
    auto visit = [](std::int64_t) { return true; };
    return search(0, m_start, 0, begin - m_itemsize + 1, end - 1, visit);
}

std::vector<std::int64_t> cellsAt(const Array& view, std::int64_t begin, std::int64_t end)
{
    std::vector<std::int64_t> cells;
    if (view.numel() == 0 || begin >= end || end <= view.extentBegin() || begin >= view.extentEnd())
        return cells;
    CellLocator(view).collect(begin, end, cells);
    // Each cell is visited once, but in the search's dim order, not row-major.
    std::sort(cells.begin(), cells.end());
    return cells;
}

}  // namespace av::engine
