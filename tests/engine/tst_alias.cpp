// Which views share bytes, judged by real NumPy: np.shares_memory / np.may_share_memory on hundreds of view
// pairs of one buffer, each built in the engine with makeView from an explicit (dtype, shape, strides,
// offset) and in NumPy with as_strided from the same numbers; and the cell -> byte map and its reverse,
// judged by NumPy's own indexing (each cell's address) and by marking bytes and seeing which cells change.

#include "engine/alias.h"
#include "engine/arrayfactory.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <QJsonArray>

#include <random>
#include <set>

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

// A view of a buffer as NumPy's as_strided would make it: strides in elements, offset in bytes.
struct Geometry {
    DType dtype = DType::UInt8;
    Shape sizes;
    Strides strides;
    std::int64_t offset = 0;
};

ArrayPtr viewOf(const ArrayPtr& base, const Geometry& g) { return makeView(base, g.sizes, g.strides, g.offset, g.dtype); }

QString q(const std::string& text) { return QString::fromStdString(text); }

// The same view in NumPy: as_strided over the element that starts at the offset.
QString pythonView(const Geometry& g)
{
    Strides byteStrides;
    for (const std::int64_t s : g.strides)
        byteStrides.push_back(s * itemSize(g.dtype));
    return QStringLiteral("strided(base, np.dtype('%1'), %2, %3, %4)")
        .arg(q(std::string(numpyName(g.dtype))), q(formatTuple(g.sizes)), q(formatTuple(byteStrides)))
        .arg(g.offset);
}

const char* kPrelude = "from numpy.lib.stride_tricks import as_strided\n"
                       "def strided(base, dt, shape, strides, off):\n"
                       "    return as_strided(base[off:off + dt.itemsize].view(dt), shape, strides)\n"
                       "def geo(v, base):\n"
                       "    return [v.__array_interface__['data'][0] - base.__array_interface__['data'][0], v.ndim,"
                       " *v.shape, *v.strides]\n"
                       "def counted(values):\n"
                       "    return np.array([len(values)] + list(values), dtype=np.int64)\n"
                       "def verdict(a, b, base):\n"
                       "    return np.array([int(np.shares_memory(a, b)), int(np.may_share_memory(a, b))]"
                       " + geo(a, base) + geo(b, base), dtype=np.int64)\n";

void appendGeometry(std::vector<std::int64_t>& out, const Array& view)
{
    out.push_back(view.bufferByteOffset());
    out.push_back(view.dim());
    out.insert(out.end(), view.sizes().begin(), view.sizes().end());
    const Strides byteStrides = view.byteStrides();
    out.insert(out.end(), byteStrides.begin(), byteStrides.end());
}

// What verdict() above returns, from the engine: both answers, then both views' byte geometry (which also
// proves the engine's views are the ones NumPy built).
ArrayPtr engineVerdict(const Array& a, const Array& b)
{
    std::vector<std::int64_t> values{sharesMemory(a, b) ? 1 : 0, mayShareMemory(a, b) ? 1 : 0};
    appendGeometry(values, a);
    appendGeometry(values, b);
    return av::test::ndarrayOf<std::int64_t>({static_cast<std::int64_t>(values.size())}, values);
}

// A list as counted() above returns it: its length first, so that it is never an empty array (NumPy gives
// fresh empty arrays zero strides, which is creation's business, not this test's).
ArrayPtr counted(const std::vector<std::int64_t>& values)
{
    std::vector<std::int64_t> out{static_cast<std::int64_t>(values.size())};
    out.insert(out.end(), values.begin(), values.end());
    return av::test::ndarrayOf<std::int64_t>({static_cast<std::int64_t>(out.size())}, out);
}

// Byte extent [low, high) of a geometry relative to its offset.
std::pair<std::int64_t, std::int64_t> relativeExtent(const Geometry& g)
{
    const std::int64_t itemsize = itemSize(g.dtype);
    std::int64_t low = 0, high = itemsize;
    for (std::size_t d = 0; d < g.sizes.size(); ++d) {
        const std::int64_t reach = (g.sizes[d] - 1) * g.strides[d] * itemsize;
        (reach < 0 ? low : high) += reach;
    }
    return {low, high};
}

class ViewGenerator {
public:
    ViewGenerator(std::uint32_t seed, std::int64_t bufferBytes) : m_random(seed), m_bufferBytes(bufferBytes) {}

    std::int64_t pick(std::int64_t low, std::int64_t high)
    {
        return std::uniform_int_distribution<std::int64_t>(low, high)(m_random);
    }
    bool chance(int percent) { return pick(0, 99) < percent; }

    DType dtype(bool allowHalf = true)
    {
        static constexpr DType kTypes[] = {DType::UInt8, DType::Int16, DType::Float32, DType::Float64, DType::Float16,
                                           DType::Int64, DType::Int32};
        return kTypes[pick(0, allowHalf ? 6 : 3)];
    }

    // A random view that fits the buffer. torchLike keeps strides non-negative and the offset whole elements.
    Geometry view(DType type, bool torchLike = false)
    {
        for (;;) {
            Geometry g{type, {}, {}, 0};
            const std::int64_t r = pick(0, 9);
            const std::int64_t ndim = r == 0 ? 0 : r <= 4 ? 1 : r <= 7 ? 2 : 3;
            for (std::int64_t d = 0; d < ndim; ++d)
                g.sizes.push_back(chance(4) ? 0 : pick(1, ndim == 1 ? 12 : 5));
            if (chance(35)) {
                // Slicing-like: row-major strides times a step, some dims transposed or reversed.
                Strides strides = contiguousStrides(g.sizes);
                const std::int64_t step = pick(1, 3);
                for (std::int64_t& s : strides)
                    s *= step;
                if (ndim >= 2 && chance(50))
                    std::swap(strides[0], strides[static_cast<std::size_t>(ndim - 1)]);
                g.strides = strides;
            } else {
                for (std::int64_t d = 0; d < ndim; ++d)
                    g.strides.push_back(chance(8) ? 0 : pick(-7, 7));
            }
            for (std::int64_t& s : g.strides)
                if (torchLike)
                    s = std::abs(s);
                else if (chance(20))
                    s = -s;
            if (place(g, torchLike))
                return g;
        }
    }

    bool place(Geometry& g, bool torchLike)
    {
        const std::int64_t itemsize = itemSize(g.dtype);
        auto [low, high] = relativeExtent(g);
        if (numelOf(g.sizes) == 0) {
            low = 0;
            high = itemsize;
        }
        const std::int64_t first = -low, last = m_bufferBytes - high;
        if (first > last)
            return false;
        g.offset = pick(first, last);
        if (torchLike) {
            g.offset = (g.offset + itemsize - 1) / itemsize * itemsize;
            if (g.offset > last)
                return false;
        }
        return true;
    }

    // A second view meant to land near the first: often the same layout shifted by a few bytes, which is
    // how interleaved slices (a[::2] vs a[1::2]) arise.
    Geometry partner(const Geometry& a, bool torchLike = false)
    {
        if (chance(45)) {
            for (int attempt = 0; attempt < 20; ++attempt) {
                Geometry b = a;
                if (chance(30))
                    b.dtype = dtype();
                const std::int64_t unit = torchLike ? itemSize(b.dtype) : 1;
                b.offset = a.offset + unit * pick(-6, 6);
                if (torchLike)
                    b.offset = b.offset / unit * unit;
                const auto [low, high] = relativeExtent(b);
                if (b.offset + low >= 0 && b.offset + high <= m_bufferBytes && b.offset >= 0 &&
                    b.offset + itemSize(b.dtype) <= m_bufferBytes)
                    return b;
            }
        }
        return view(chance(30) ? dtype() : a.dtype, torchLike);
    }

private:
    std::mt19937 m_random;
    std::int64_t m_bufferBytes;
};

constexpr std::int64_t kPairBuffer = 160;
constexpr int kRandomPairs = 320;

std::vector<std::pair<Geometry, Geometry>> randomPairs()
{
    ViewGenerator generator(20240611, kPairBuffer);
    std::vector<std::pair<Geometry, Geometry>> pairs;
    for (int i = 0; i < kRandomPairs; ++i) {
        Geometry a = generator.view(generator.dtype());
        Geometry b = generator.partner(a);
        pairs.emplace_back(std::move(a), std::move(b));
    }
    return pairs;
}

QString pairName(int i) { return QStringLiteral("randomPair%1").arg(i, 3, 10, QLatin1Char('0')); }

// Views of a 192-byte buffer that NumPy makes by ordinary slicing; d is its float64 view (24 elements),
// f float32 (48), h int16 (96), m = d.reshape(4, 6), c = d.reshape(2, 3, 4).
const char* kSlicingPrelude = "base = np.zeros(192, np.uint8)\n"
                              "d = base.view(np.float64); f = base.view(np.float32); h = base.view(np.int16)\n"
                              "m = d.reshape(4, 6); c = d.reshape(2, 3, 4)\n";

struct SlicedPair {
    const char* name;
    const char* a;  // NumPy expressions over the prelude's names
    const char* b;
    Geometry engineA;
    Geometry engineB;
};

constexpr DType F64 = DType::Float64, F32 = DType::Float32, I16 = DType::Int16, U8 = DType::UInt8;

const std::vector<SlicedPair>& slicedPairs()
{
    static const std::vector<SlicedPair> pairs = {
        {"evenAndOddSlicesNeverShare", "d[::2]", "d[1::2]", {F64, {12}, {2}, 0}, {F64, {12}, {2}, 8}},
        {"everyThirdAndEveryFifthShareTheFirst", "d[::3]", "d[::5]", {F64, {8}, {3}, 0}, {F64, {5}, {5}, 0}},
        {"stepsThreeAndFiveFromOtherStartsMeet", "d[1::3]", "d[2::5]", {F64, {8}, {3}, 8}, {F64, {5}, {5}, 16}},
        {"stepsThreeAndSixFromOtherStartsNeverMeet", "d[1::3]", "d[::6]", {F64, {8}, {3}, 8}, {F64, {4}, {6}, 0}},
        {"reversedArrayMeetsOneElement", "d[::-1]", "d[5:6]", {F64, {24}, {-1}, 184}, {F64, {1}, {1}, 40}},
        {"reversedOddsMissTheEvens", "d[::-2]", "d[::2]", {F64, {12}, {-2}, 184}, {F64, {12}, {2}, 0}},
        {"rowAndColumnMeetInOneCell", "m[1]", "m[:, 2]", {F64, {6}, {1}, 48}, {F64, {4}, {6}, 16}},
        {"neighbouringRowsDoNotEvenTouchExtents", "m[0]", "m[1]", {F64, {6}, {1}, 0}, {F64, {6}, {1}, 48}},
        {"neighbouringColumnsInterleave", "m[:, 0]", "m[:, 1]", {F64, {4}, {6}, 0}, {F64, {4}, {6}, 8}},
        {"transposeSharesWithItsMatrix", "m.T", "m", {F64, {6, 4}, {1, 6}, 0}, {F64, {4, 6}, {6, 1}, 0}},
        {"columnOfTransposeMeetsARow", "m.T[1]", "m[2]", {F64, {4}, {6}, 8}, {F64, {6}, {1}, 96}},
        {"disjointBlocksInsideOneExtent", "m[1:3, 1:3]", "m[2:4, 3:5]", {F64, {2, 2}, {6, 1}, 56},
         {F64, {2, 2}, {6, 1}, 120}},
        {"overlappingBlocksShareACell", "m[1:3, 1:4]", "m[2:4, 3:5]", {F64, {2, 3}, {6, 1}, 56},
         {F64, {2, 2}, {6, 1}, 120}},
        {"reversedEvenRowsMissOddRows", "m[::2, ::-2]", "m[1::2, :]", {F64, {2, 3}, {12, -2}, 40},
         {F64, {2, 6}, {12, 1}, 48}},
        {"middleRowsAndMiddleColumnsOf3dMeet", "c[:, 1]", "c[:, :, 1]", {F64, {2, 4}, {12, 1}, 32},
         {F64, {2, 3}, {12, 4}, 8}},
        {"evenAndOddCheckerboardsOf3dNeverMeet", "c[:, ::2, ::2]", "c[:, 1::2, 1::2]", {F64, {2, 2, 2}, {12, 8, 2}, 0},
         {F64, {2, 1, 2}, {12, 8, 2}, 40}},
        {"floatAndByteViewOfOneElementShare", "f[1:2]", "base[4:5]", {F32, {1}, {1}, 4}, {U8, {1}, {1}, 4}},
        {"floatAndTheByteBeforeItDoNot", "f[1:2]", "base[3:4]", {F32, {1}, {1}, 4}, {U8, {1}, {1}, 3}},
        {"evenFloatsMissTheBytesBetweenThem", "f[::2]", "base[4::8]", {F32, {24}, {2}, 0}, {U8, {24}, {8}, 4}},
        {"evenFloatsHoldEveryThirdByteOfEight", "f[::2]", "base[3::8]", {F32, {24}, {2}, 0}, {U8, {24}, {8}, 3}},
        {"oddFloatsMissEveryFourthShort", "f[1::2]", "h[::4]", {F32, {24}, {2}, 4}, {I16, {24}, {4}, 0}},
        {"oddFloatsHoldTheShortsAtThree", "f[1::2]", "h[3::4]", {F32, {24}, {2}, 4}, {I16, {24}, {4}, 6}},
        {"misalignedDoublesMissFloatsAtSixteen", "base[4:180].view(np.float64)[::2]", "f[::4]",
         {F64, {11}, {2}, 4}, {F32, {12}, {4}, 0}},
        {"misalignedDoublesHoldFloatsAtEight", "base[4:180].view(np.float64)[::2]", "f[2::4]",
         {F64, {11}, {2}, 4}, {F32, {12}, {4}, 8}},
        {"strideZeroRepeatsOnlyItsElement", "as_strided(d, (4,), (0,))", "d[1:]", {F64, {4}, {0}, 0},
         {F64, {23}, {1}, 8}},
        {"broadcastElementSharesWithItself", "np.broadcast_to(d[3:4], (5,))", "d[3:4]", {F64, {5}, {0}, 24},
         {F64, {1}, {1}, 24}},
        {"emptySliceSharesNothing", "d[3:3]", "d", {F64, {0}, {1}, 0}, {F64, {24}, {1}, 0}},
        {"zeroDimViewSharesItsElement", "d[5, ...]", "d[5:6]", {F64, {}, {}, 40}, {F64, {1}, {1}, 40}},
        {"zeroDimViewMissesItsNeighbour", "d[5, ...]", "d[4:5]", {F64, {}, {}, 40}, {F64, {1}, {1}, 32}},
        {"numpyDocsHardCaseDoesNotShare", "base[:80].reshape(4, 20)[:, ::7]", "base[:80].reshape(4, 20)[:, 3::3]",
         {U8, {4, 3}, {20, 7}, 0}, {U8, {4, 6}, {20, 3}, 3}},
        {"slidingWindowsReachTheirLastElement", "as_strided(f, (5, 4), (8, 4))", "f[11:12]", {F32, {5, 4}, {2, 1}, 0},
         {F32, {1}, {1}, 44}},
        {"slidingWindowsStopBeforeTheNext", "as_strided(f, (5, 4), (8, 4))", "f[12:13]", {F32, {5, 4}, {2, 1}, 0},
         {F32, {1}, {1}, 48}},
        {"bytesOfEveryThirdDoubleMeetEveryFifth", "base.reshape(24, 8)[::3]", "d[::5]", {U8, {8, 8}, {24, 1}, 0},
         {F64, {5}, {5}, 0}},
    };
    return pairs;
}

std::vector<OracleCase> overlapCases()
{
    std::vector<OracleCase> cases;
    const auto pairs = randomPairs();
    for (int i = 0; i < static_cast<int>(pairs.size()); ++i) {
        const auto& [a, b] = pairs[static_cast<std::size_t>(i)];
        cases.push_back({pairName(i),
                         QString(kPrelude) + QStringLiteral("base = np.zeros(%1, np.uint8)\na = %2\nb = %3\nr = verdict(a, b, base)")
                                                 .arg(kPairBuffer)
                                                 .arg(pythonView(a), pythonView(b)),
                         [a, b] {
                             const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {kPairBuffer});
                             return Outcome::of(engineVerdict(*viewOf(base, a), *viewOf(base, b)));
                         }});
    }
    for (const SlicedPair& pair : slicedPairs()) {
        cases.push_back({pair.name,
                         QString(kPrelude) + kSlicingPrelude +
                             QStringLiteral("r = verdict(%1, %2, base)").arg(pair.a, pair.b),
                         [pair] {
                             const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {192});
                             return Outcome::of(engineVerdict(*viewOf(base, pair.engineA), *viewOf(base, pair.engineB)));
                         }});
    }
    return cases;
}

// Each cell's address as NumPy's own indexing finds it, and the cells that change when bytes are marked.
constexpr std::int64_t kMapBuffer = 120;

std::vector<OracleCase> cellMapCases()
{
    std::vector<OracleCase> cases;
    ViewGenerator generator(777, kMapBuffer);
    for (int i = 0; i < 40; ++i) {
        const Geometry g = generator.view(generator.dtype());
        cases.push_back({QStringLiteral("cellOffsets%1").arg(i, 2, 10, QLatin1Char('0')),
                         QString(kPrelude) +
                             QStringLiteral("base = np.zeros(%1, np.uint8)\nv = %2\n"
                                            "o = [v[i + (Ellipsis,)].__array_interface__['data'][0] - "
                                            "base.__array_interface__['data'][0] for i in np.ndindex(v.shape)]\n"
                                            "r = counted(o)")
                                 .arg(kMapBuffer)
                                 .arg(pythonView(g)),
                         [g] {
                             const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {kMapBuffer});
                             return Outcome::of(counted(cellByteOffsets(*viewOf(base, g))));
                         }});
    }
    for (int i = 0; i < 60; ++i) {
        const Geometry g = generator.view(generator.dtype());
        std::int64_t begin = generator.pick(0, kMapBuffer);
        std::int64_t end = generator.chance(50) ? begin + generator.pick(0, 3) : generator.pick(0, kMapBuffer);
        end = std::min(end, kMapBuffer);
        if (begin > end)
            std::swap(begin, end);
        // Marked bytes make every element that holds one nonzero (no dtype here has a nonzero pattern
        // that reads as zero), so the cells that read nonzero are the cells on those bytes.
        cases.push_back({QStringLiteral("cellsOnBytes%1").arg(i, 2, 10, QLatin1Char('0')),
                         QString(kPrelude) + QStringLiteral("base = np.zeros(%1, np.uint8)\nv = %2\nbase[%3:%4] = 1\n"
                                                            "r = counted(np.flatnonzero(v).tolist())")
                                                 .arg(kMapBuffer)
                                                 .arg(pythonView(g))
                                                 .arg(begin)
                                                 .arg(end),
                         [g, begin, end] {
                             const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {kMapBuffer});
                             return Outcome::of(counted(cellsAt(*viewOf(base, g), begin, end)));
                         }});
    }
    return cases;
}

// Brute force on purpose: every byte each view can reach, through bufferByteOffsetOf alone.
std::set<std::int64_t> reachableBytes(const Array& view)
{
    std::set<std::int64_t> bytes;
    std::vector<std::int64_t> index(view.sizes().size(), 0);
    for (std::int64_t flat = 0; flat < view.numel(); ++flat) {
        const std::int64_t offset = view.bufferByteOffsetOf(index);
        for (std::int64_t b = 0; b < view.itemsize(); ++b)
            bytes.insert(offset + b);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < view.size(static_cast<std::int64_t>(d)))
                break;
            index[d] = 0;
        }
    }
    return bytes;
}

bool bruteForceShares(const Array& a, const Array& b)
{
    if (a.buffer() != b.buffer())
        return false;
    const std::set<std::int64_t> left = reachableBytes(a);
    for (const std::int64_t byte : reachableBytes(b))
        if (left.count(byte))
            return true;
    return false;
}

std::vector<std::int64_t> bruteForceOffsets(const Array& view)
{
    std::vector<std::int64_t> offsets;
    std::vector<std::int64_t> index(view.sizes().size(), 0);
    for (std::int64_t flat = 0; flat < view.numel(); ++flat) {
        offsets.push_back(view.bufferByteOffsetOf(index));
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < view.size(static_cast<std::int64_t>(d)))
                break;
            index[d] = 0;
        }
    }
    return offsets;
}

std::vector<std::int64_t> bruteForceCellsAt(const Array& view, std::int64_t begin, std::int64_t end)
{
    std::vector<std::int64_t> cells;
    const std::vector<std::int64_t> offsets = bruteForceOffsets(view);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        if (begin < end && offsets[i] < end && offsets[i] + view.itemsize() > begin)
            cells.push_back(static_cast<std::int64_t>(i));
    return cells;
}

// An ndarray over exactly the memory of `source`'s storage, as t.numpy() gives for a tensor.
ArrayPtr ndarrayOver(const ArrayPtr& source, const Geometry& g)
{
    return Array::make({Flavour::Numpy, g.dtype, g.sizes, g.strides, source->storage(), g.offset});
}

}  // namespace

class TestAlias : public QObject {
    Q_OBJECT

public:
    TestAlias() : m_overlap(overlapCases()), m_cellMap(cellMapCases()) {}

private slots:
    void initTestCase()
    {
        m_overlap.askOracle();
        m_cellMap.askOracle();
    }

    void sharesMemoryMatchesNumpy_data() { m_overlap.addRows(); }
    void sharesMemoryMatchesNumpy() { m_overlap.checkCurrentRow(); }

    // The random pairs are only worth their number if NumPy's verdicts vary: sharing, interleaved within
    // one extent, and apart.
    void randomPairsCoverEveryVerdict()
    {
        int shares = 0, interleaved = 0, apart = 0;
        for (int i = 0; i < kRandomPairs; ++i) {
            const QJsonArray values = m_overlap.answer(pairName(i)).value("values").toArray();
            QVERIFY2(values.size() >= 2, qPrintable(pairName(i)));
            const bool share = values[0].toString() == "1", may = values[1].toString() == "1";
            shares += share;
            interleaved += !share && may;
            apart += !may;
        }
        qInfo("NumPy verdicts over %d random pairs: %d share, %d interleave, %d apart", kRandomPairs, shares,
              interleaved, apart);
        QVERIFY(shares >= 40);
        QVERIFY(interleaved >= 40);
        QVERIFY(apart >= 20);
    }

    void cellMapMatchesNumpy_data() { m_cellMap.addRows(); }
    void cellMapMatchesNumpy() { m_cellMap.checkCurrentRow(); }

    void sharesMemoryAgreesWithEveryByteOnThousandsOfPairs()
    {
        ViewGenerator generator(99, 96);
        const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {96});
        int shared = 0;
        for (int i = 0; i < 4000; ++i) {
            const Geometry ga = generator.view(generator.dtype());
            const Geometry gb = generator.partner(ga);
            const ArrayPtr a = viewOf(base, ga), b = viewOf(base, gb);
            const bool expected = bruteForceShares(*a, *b);
            shared += expected;
            QVERIFY2(sharesMemory(*a, *b) == expected, qPrintable(QStringLiteral("pair %1").arg(i)));
            QVERIFY2(sharesMemory(*b, *a) == expected, qPrintable(QStringLiteral("pair %1 swapped").arg(i)));
            // The bounds test never misses a real overlap.
            QVERIFY(!expected || mayShareMemory(*a, *b));
            QCOMPARE(mayShareMemory(*a, *b), a->numel() > 0 && b->numel() > 0 && a->extentBegin() < b->extentEnd() &&
                                                   b->extentBegin() < a->extentEnd());
        }
        QVERIFY(shared > 400 && shared < 3600);
    }

    void sharesMemoryWorksAcrossFlavours()
    {
        // A tensor's views and ndarrays over the same storage: the answer depends on bytes alone.
        ViewGenerator generator(5, 128);
        const ArrayPtr tensorBase = allocateArray(Flavour::Torch, DType::UInt8, {128});
        for (int i = 0; i < 1500; ++i) {
            const Geometry gt = generator.view(generator.dtype(), /*torchLike=*/true);
            const Geometry gn = generator.partner(gt);
            const ArrayPtr tensor = viewOf(tensorBase, gt);
            QVERIFY(tensor->isTensor());
            const ArrayPtr ndarray = ndarrayOver(tensorBase, gn);
            QVERIFY(ndarray->isNdarray());
            const bool expected = bruteForceShares(*tensor, *ndarray);
            QCOMPARE(sharesMemory(*tensor, *ndarray), expected);
            QCOMPARE(sharesMemory(*ndarray, *tensor), expected);
        }
    }

    void viewsOfDifferentBuffersNeverShare()
    {
        const ArrayPtr one = allocateArray(Flavour::Numpy, DType::Float64, {16});
        const ArrayPtr other = allocateArray(Flavour::Numpy, DType::Float64, {16});
        const Geometry whole{DType::Float64, {16}, {1}, 0};
        QVERIFY(sharesMemory(*viewOf(one, whole), *viewOf(one, whole)));
        QVERIFY(!sharesMemory(*viewOf(one, whole), *viewOf(other, whole)));
        QVERIFY(!mayShareMemory(*viewOf(one, whole), *viewOf(other, whole)));
        QCOMPARE(solveMayShareMemory(*one, *other, -1), OverlapAnswer::No);
    }

    void boundsOnlySolverGivesUpWhereExtentsMeet()
    {
        const ArrayPtr base = allocateArray(Flavour::Numpy, DType::Float64, {24});
        const ArrayPtr even = viewOf(base, {F64, {12}, {2}, 0});
        const ArrayPtr odd = viewOf(base, {F64, {12}, {2}, 8});
        QCOMPARE(solveMayShareMemory(*even, *odd, 0), OverlapAnswer::TooHard);
        QCOMPARE(solveMayShareMemory(*even, *odd, -1), OverlapAnswer::No);
        QCOMPARE(solveMayShareMemory(*even, *even, 1), OverlapAnswer::Yes);
    }

    void sharesMemoryStaysQuickOnLargeViews()
    {
        // 16M floats: a row against a column, a[::2] against a[1::2], a transpose against its matrix.
        const ArrayPtr m = allocateArray(Flavour::Numpy, DType::Float32, {4096, 4096}, Device::cpu(), false);
        const ArrayPtr row = viewOf(m, {F32, {4096}, {1}, 4 * 4096 * 7});
        const ArrayPtr column = viewOf(m, {F32, {4096}, {4096}, 4 * 9});
        const ArrayPtr even = viewOf(m, {F32, {4096, 2048}, {4096, 2}, 0});
        const ArrayPtr odd = viewOf(m, {F32, {4096, 2048}, {4096, 2}, 4});
        const ArrayPtr transposed = viewOf(m, {F32, {4096, 4096}, {1, 4096}, 0});
        QVERIFY(sharesMemory(*row, *column));
        QVERIFY(!sharesMemory(*even, *odd));
        QVERIFY(sharesMemory(*transposed, *m));
        QVERIFY(!sharesMemory(*viewOf(m, {F32, {4096}, {4096}, 4 * 10}), *column));
    }

    void cellByteOffsetsFollowTheStrideFormulaAndStayInTheBuffer()
    {
        ViewGenerator generator(31, 200);
        const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {200});
        for (int i = 0; i < 2000; ++i) {
            const ArrayPtr view = viewOf(base, generator.view(generator.dtype()));
            const std::vector<std::int64_t> offsets = cellByteOffsets(*view);
            QCOMPARE(offsets, bruteForceOffsets(*view));
            for (const std::int64_t offset : offsets) {
                QVERIFY(offset >= 0 && offset + view->itemsize() <= base->buffer()->nbytes());
                QVERIFY(offset >= view->extentBegin() && offset + view->itemsize() <= view->extentEnd());
            }
        }
    }

    void cellsAtAgreesWithEveryCellOnRandomRanges()
    {
        ViewGenerator generator(41, 200);
        const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {200});
        for (int i = 0; i < 3000; ++i) {
            const ArrayPtr view = viewOf(base, generator.view(generator.dtype()));
            const std::int64_t begin = generator.pick(-4, 204);
            const std::int64_t end = generator.chance(60) ? begin + generator.pick(0, 9) : generator.pick(-4, 204);
            QCOMPARE(cellsAt(*view, begin, end), bruteForceCellsAt(*view, begin, end));
            const CellLocator locator(*view);
            QVERIFY2(locator.any(begin, end) == !bruteForceCellsAt(*view, begin, end).empty(),
                     qPrintable(QStringLiteral("%1 sizes %2 strides %3 at %4, bytes [%5, %6)")
                                    .arg(q(std::string(numpyName(view->dtype()))), q(formatList(view->sizes())),
                                         q(formatList(view->strides())))
                                    .arg(view->bufferByteOffset())
                                    .arg(begin)
                                    .arg(end)));
        }
    }

    void cellsAtSolvesLargeViewsWithoutWalkingThem()
    {
        // 3000 x 3000 floats seen transposed: the cells on one element, one row of memory, and a byte
        // range that cuts two elements in half.
        constexpr std::int64_t n = 3000;
        const ArrayPtr m = allocateArray(Flavour::Numpy, DType::Float32, {n, n}, Device::cpu(), false);
        const ArrayPtr t = viewOf(m, {F32, {n, n}, {1, n}, 0});
        const std::int64_t element = 1234 * n + 567;  // m[1234, 567] is t[567, 1234]
        QCOMPARE(cellsAt(*t, element * 4, element * 4 + 4), std::vector<std::int64_t>{567 * n + 1234});
        const std::vector<std::int64_t> rowCells = cellsAt(*t, 1234 * n * 4, 1235 * n * 4);
        QCOMPARE(static_cast<std::int64_t>(rowCells.size()), n);
        for (std::int64_t j = 0; j < n; ++j)
            QCOMPARE(rowCells[static_cast<std::size_t>(j)], j * n + 1234);
        QCOMPARE(cellsAt(*t, element * 4 + 2, element * 4 + 6),
                 (std::vector<std::int64_t>{567 * n + 1234, 568 * n + 1234}));
        // A strided view over the float bytes as uint8: four cells per float.
        const ArrayPtr bytes = viewOf(m, {U8, {n, n * 4}, {n * 4, 1}, 0});
        QCOMPARE(cellsAt(*bytes, element * 4 + 1, element * 4 + 3),
                 (std::vector<std::int64_t>{element * 4 + 1, element * 4 + 2}));
        QVERIFY(cellsAt(*t, -8, 0).empty());
        QVERIFY(cellsAt(*t, n * n * 4, n * n * 4 + 64).empty());
    }

    void emptyAndZeroDimViewsMapAsExpected()
    {
        const ArrayPtr base = allocateArray(Flavour::Numpy, DType::Float64, {4});
        const ArrayPtr empty = viewOf(base, {F64, {3, 0}, {1, 1}, 8});
        QVERIFY(cellByteOffsets(*empty).empty());
        QVERIFY(cellsAt(*empty, 0, 32).empty());
        QVERIFY(!sharesMemory(*empty, *base));
        QVERIFY(!mayShareMemory(*empty, *base));
        const ArrayPtr scalar = viewOf(base, {F64, {}, {}, 16});
        QCOMPARE(cellByteOffsets(*scalar), std::vector<std::int64_t>{16});
        QCOMPARE(cellsAt(*scalar, 23, 24), std::vector<std::int64_t>{0});
        QVERIFY(cellsAt(*scalar, 24, 32).empty());
    }

private:
    OracleSuite m_overlap;
    OracleSuite m_cellMap;
};

AV_TEST_MAIN(TestAlias)
#include "tst_alias.moc"
