// What the one write path records, and the questions asked of it: which views changed and which of their
// cells. The real libraries answer the same question for the same writes: snapshot the bits of every view,
// write, and see which cells' bits differ. Old values, the cap on them, the interval set and the scope rules
// are checked directly, as the oracle cannot see them.

#include "engine/alias.h"
#include "engine/arrayfactory.h"
#include "engine/changes.h"
#include "engine/copykernel.h"
#include "engine/writepath.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <cstring>
#include <functional>
#include <numeric>
#include <random>

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

constexpr DType F32 = DType::Float32, U8 = DType::UInt8, I32 = DType::Int32;

// A view of the 6 x 8 float32 matrix M: strides in elements, offset in bytes from M's first byte.
struct ViewSpec {
    const char* name;
    const char* python;  // over M (a tensor) and np
    Flavour flavour;
    DType dtype;
    Shape sizes;
    Strides strides;
    std::int64_t offset;
};

const std::vector<ViewSpec>& matrixViews()
{
    static const std::vector<ViewSpec> views = {
        {"row", "M[2]", Flavour::Torch, F32, {8}, {1}, 64},
        {"column", "M[:, 3]", Flavour::Torch, F32, {6}, {8}, 12},
        {"block", "M[1:4, 2:6]", Flavour::Torch, F32, {3, 4}, {8, 1}, 40},
        {"transposed", "M.t()", Flavour::Torch, F32, {8, 6}, {1, 8}, 0},
        {"flat", "M.view(-1)", Flavour::Torch, F32, {48}, {1}, 0},
        {"diagonal", "M.diagonal()", Flavour::Torch, F32, {6}, {9}, 0},
        {"windows", "torch.as_strided(M, (5, 4), (2, 1))", Flavour::Torch, F32, {5, 4}, {2, 1}, 0},
        {"cell", "M[5, 7]", Flavour::Torch, F32, {}, {}, 188},
        {"numpyEvenRowsReversed", "M.numpy()[::2, ::-1]", Flavour::Numpy, F32, {3, 8}, {16, -1}, 28},
        {"numpyBytesOfRow1", "M.numpy().view(np.uint8)[1]", Flavour::Numpy, U8, {32}, {1}, 32},
        {"numpyInt32OddColumns", "M.numpy().view(np.int32)[:, 1::2]", Flavour::Numpy, I32, {6, 4}, {8, 2}, 4},
        {"numpyReversed", "M.numpy()[::-1, ::-3]", Flavour::Numpy, F32, {6, 3}, {-8, -3}, 188},
    };
    return views;
}

ArrayPtr makeMatrix()
{
    std::vector<float> values(48);
    std::iota(values.begin(), values.end(), 0.0f);
    return av::test::tensorOf<float>({6, 8}, values);
}

// An engine view of M's memory of either flavour, as t[...] or t.numpy()[...] would make it.
ArrayPtr viewOfMatrix(const ArrayPtr& m, const ViewSpec& spec)
{
    if (spec.flavour == Flavour::Torch)
        return makeView(m, spec.sizes, spec.strides, spec.offset, spec.dtype);
    return Array::make({Flavour::Numpy, spec.dtype, spec.sizes, spec.strides, m->storage(), spec.offset});
}

ArrayPtr ndarrayOverMatrix(const ArrayPtr& m, DType dtype, Shape sizes, Strides strides, std::int64_t offset)
{
    return Array::make({Flavour::Numpy, dtype, std::move(sizes), std::move(strides), m->storage(), offset});
}

// Per view: changed?, how many cells, the cells, then the view's byte geometry (proof that both sides
// built the same view).
const char* kPython = "def bits(v):\n"
                      "    x = (v.numpy() if isinstance(v, torch.Tensor) else v).copy()\n"
                      "    return x.view(np.dtype('u%d' % x.itemsize))\n"
                      "def geo(v):\n"
                      "    if isinstance(v, torch.Tensor):\n"
                      "        return [v.data_ptr() - M.data_ptr(), v.dim(), *v.shape,"
                      " *[s * v.element_size() for s in v.stride()]]\n"
                      "    return [v.__array_interface__['data'][0] - M.data_ptr(), v.ndim, *v.shape, *v.strides]\n"
                      "from numpy.lib.stride_tricks import as_strided\n"
                      "M = torch.arange(48, dtype=torch.float32).reshape(6, 8)\n";

QString pythonFor(const QString& write, std::size_t viewIndex)
{
    QString views = "views = [";
    for (const ViewSpec& spec : matrixViews())
        views += QString(spec.python) + ", ";
    views += "]\n";
    return QString(kPython) + views + "before = [bits(v) for v in views]\n" + write +
           "\nafter = [bits(v) for v in views]\n" +
           QStringLiteral("v, b, a = views[%1], before[%1], after[%1]\n").arg(viewIndex) +
           "c = np.flatnonzero(b != a).tolist()\n"
           "r = np.array([int(len(c) > 0), len(c)] + c + geo(v), dtype=np.int64)\n";
}

Outcome describeChanges(const ArrayPtr& m, const ArrayPtr& view, const std::vector<WriteRecord>& records)
{
    {
        const std::vector<std::int64_t> cells = changedCells(*view, records);
        std::vector<std::int64_t> values{viewChanged(*view, records) ? 1 : 0, static_cast<std::int64_t>(cells.size())};
        values.insert(values.end(), cells.begin(), cells.end());
        values.push_back(view->bufferByteOffset() - m->bufferByteOffset());
        values.push_back(view->dim());
        values.insert(values.end(), view->sizes().begin(), view->sizes().end());
        const Strides byteStrides = view->byteStrides();
        values.insert(values.end(), byteStrides.begin(), byteStrides.end());
        return Outcome::of(av::test::ndarrayOf<std::int64_t>({static_cast<std::int64_t>(values.size())}, values));
    }
}

struct WriteScenario {
    const char* name;
    const char* python;  // the write, over M
    std::function<void(const ArrayPtr& m)> write;
};

void fill(const ArrayPtr& dst, const Scalar& value) { fillExisting(*dst, value, {"fill_"}); }
void copy(const ArrayPtr& dst, const ArrayPtr& src) { copyIntoExisting(*dst, *src, {"copy_"}); }

std::vector<float> range(float first, int count)
{
    std::vector<float> values(static_cast<std::size_t>(count));
    std::iota(values.begin(), values.end(), first);
    return values;
}

const std::vector<WriteScenario>& writeScenarios()
{
    static const std::vector<WriteScenario> scenarios = {
        {"fillARow", "M[2].fill_(-1)", [](const ArrayPtr& m) { fill(makeView(m, {8}, {1}, 64), -1.0); }},
        {"fillAColumn", "M[:, 3].fill_(-1)", [](const ArrayPtr& m) { fill(makeView(m, {6}, {8}, 12), -1.0); }},
        {"copyIntoABlock", "M[1:4, 2:6] = torch.arange(100, 112, dtype=torch.float32).reshape(3, 4)",
         [](const ArrayPtr& m) { copy(makeView(m, {3, 4}, {8, 1}, 40), av::test::tensorOf<float>({3, 4}, range(100, 12))); }},
        {"copyThroughTheTranspose", "M.t().copy_(torch.arange(200, 248, dtype=torch.float32).reshape(8, 6))",
         [](const ArrayPtr& m) { copy(makeView(m, {8, 6}, {1, 8}, 0), av::test::tensorOf<float>({8, 6}, range(200, 48))); }},
        {"copyABlockOntoItselfChangesNothing", "M[1:4, 2:6] = M[1:4, 2:6].clone()",
         [](const ArrayPtr& m) {
             const ArrayPtr block = makeView(m, {3, 4}, {8, 1}, 40);
             copy(block, contiguousCopy(*block, Flavour::Torch, F32));
         }},
        {"copyARowWhereTwoValuesDiffer", "M[0] = torch.tensor([0., 1., 2., 99., 4., 5., 66., 7.])",
         [](const ArrayPtr& m) {
             copy(makeView(m, {8}, {1}, 0), av::test::tensorOf<float>({8}, {0, 1, 2, 99, 4, 5, 66, 7}));
         }},
        {"fillAColumnWhoseFirstCellAlreadyHoldsIt", "M[:, 0].fill_(0)",
         [](const ArrayPtr& m) { fill(makeView(m, {6}, {8}, 0), 0.0); }},
        {"negativeZeroOverZeroChangesTheBytes", "M[0, 0] = -0.0",
         [](const ArrayPtr& m) { fill(makeView(m, {}, {}, 0), -0.0); }},
        {"fillOneCell", "M[2, 3].fill_(7)", [](const ArrayPtr& m) { fill(makeView(m, {}, {}, 76), 7.0); }},
        {"fillTheDiagonal", "M.diagonal().fill_(-2)", [](const ArrayPtr& m) { fill(makeView(m, {6}, {9}, 0), -2.0); }},
        {"fillEveryFifthElement", "M.view(-1)[::5].fill_(1000)",
         [](const ArrayPtr& m) { fill(makeView(m, {10}, {5}, 0), 1000.0); }},
        {"numpyWritesReversedRowsOfTheTensor", "M.numpy()[::2, ::-1] = np.arange(300, 324, dtype=np.float32).reshape(3, 8)",
         [](const ArrayPtr& m) {
             copy(ndarrayOverMatrix(m, F32, {3, 8}, {16, -1}, 28), av::test::ndarrayOf<float>({3, 8}, range(300, 24)));
         }},
        {"numpyWritesBytesInsideTwoFloats", "M.numpy().view(np.uint8)[1, 6:10] = 255",
         [](const ArrayPtr& m) { fill(ndarrayOverMatrix(m, U8, {4}, {1}, 38), 255); }},
        {"numpyWritesInAnUnsortedOrder", "as_strided(M.numpy(), (2, 4), (12, 8))[...] = -5",
         [](const ArrayPtr& m) { fill(ndarrayOverMatrix(m, F32, {2, 4}, {3, 2}, 0), -5.0); }},
        {"numpyWritesWithNegativeStrides", "M.numpy()[::-1, ::-3] = np.arange(18, dtype=np.float32).reshape(6, 3) * 10",
         [](const ArrayPtr& m) {
             std::vector<float> values(18);
             for (int i = 0; i < 18; ++i)
                 values[static_cast<std::size_t>(i)] = static_cast<float>(i * 10);
             copy(ndarrayOverMatrix(m, F32, {6, 3}, {-8, -3}, 188), av::test::ndarrayOf<float>({6, 3}, values));
         }},
        {"twoWritesInOneStep", "M[0].fill_(-1)\nM[:, 7].fill_(-3)",
         [](const ArrayPtr& m) {
             fill(makeView(m, {8}, {1}, 0), -1.0);
             fill(makeView(m, {6}, {8}, 28), -3.0);
         }},
    };
    return scenarios;
}

std::vector<OracleCase> changeCases()
{
    std::vector<OracleCase> cases;
    for (const WriteScenario& scenario : writeScenarios()) {
        for (std::size_t i = 0; i < matrixViews().size(); ++i) {
            const ViewSpec& spec = matrixViews()[i];
            cases.push_back({QStringLiteral("%1:%2").arg(scenario.name, spec.name), pythonFor(scenario.python, i),
                             [scenario, spec] {
                                 const ArrayPtr m = makeMatrix();
                                 const ArrayPtr view = viewOfMatrix(m, spec);
                                 ChangeRecorder recorder;
                                 {
                                     RecordingScope scope(recorder);
                                     scenario.write(m);
                                 }
                                 return describeChanges(m, view, recorder.records());
                             }});
        }
    }
    return cases;
}

std::vector<std::byte> snapshot(const Buffer& buffer)
{
    return {buffer.data(), buffer.data() + buffer.nbytes()};
}

// The cells whose bytes differ between two snapshots of their buffer, found the slow, obvious way.
std::vector<std::int64_t> cellsThatDiffer(const Array& view, const std::vector<std::byte>& before,
                                          const std::vector<std::byte>& after)
{
    std::vector<std::int64_t> cells;
    const std::vector<std::int64_t> offsets = cellByteOffsets(view);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const auto at = static_cast<std::size_t>(offsets[i]);
        if (std::memcmp(before.data() + at, after.data() + at, static_cast<std::size_t>(view.itemsize())) != 0)
            cells.push_back(static_cast<std::int64_t>(i));
    }
    return cells;
}

struct Geometry {
    DType dtype;
    Shape sizes;
    Strides strides;
    std::int64_t offset;
};

// A random ndarray view inside `bytes` bytes, as as_strided could make one.
Geometry randomGeometry(std::mt19937& random, std::int64_t bytes)
{
    static constexpr DType kTypes[] = {DType::UInt8, DType::Int16, DType::Float32, DType::Float64};
    auto pick = [&](std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    };
    for (;;) {
        Geometry g{kTypes[pick(0, 3)], {}, {}, 0};
        const std::int64_t ndim = pick(0, 3);
        for (std::int64_t d = 0; d < ndim; ++d) {
            g.sizes.push_back(pick(0, 20) == 0 ? 0 : pick(1, ndim == 1 ? 40 : 8));
            g.strides.push_back(pick(-9, 9));
        }
        const std::int64_t itemsize = itemSize(g.dtype);
        std::int64_t low = 0, high = itemsize;
        for (std::size_t d = 0; d < g.sizes.size(); ++d) {
            const std::int64_t reach = std::max<std::int64_t>(g.sizes[d] - 1, 0) * g.strides[d] * itemsize;
            (reach < 0 ? low : high) += reach;
        }
        if (high - low > bytes)
            continue;
        g.offset = pick(-low, bytes - high);
        return g;
    }
}

}  // namespace

class TestChangeTracking : public QObject {
    Q_OBJECT

public:
    TestChangeTracking() : m_suite(changeCases()) {}

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void changedCellsMatchTheRealLibraries_data() { m_suite.addRows(); }
    void changedCellsMatchTheRealLibraries() { m_suite.checkCurrentRow(); }

    void recordCountsWrittenAndChangedElements()
    {
        const ArrayPtr m = makeMatrix();
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            copy(makeView(m, {8}, {1}, 0), av::test::tensorOf<float>({8}, {0, 1, 2, 99, 4, 5, 66, 7}));
        }
        QCOMPARE(recorder.records().size(), std::size_t{1});
        const WriteRecord& record = recorder.records()[0];
        QCOMPARE(record.buffer, m->buffer()->id());
        QCOMPARE(record.op, std::string("copy_"));
        QCOMPARE(record.dtype, F32);
        QCOMPARE(record.elementsWritten, std::int64_t{8});
        QCOMPARE(record.elementsChanged, std::int64_t{2});
        QCOMPARE(record.written.ranges(), (std::vector<IntervalSet::Range>{{0, 32}}));
        QCOMPARE(record.changed.ranges(), (std::vector<IntervalSet::Range>{{12, 16}, {24, 28}}));
        QCOMPARE(m->version(), std::int64_t{1});
    }

    void writingTheSameValuesIsAWriteButNoChange()
    {
        const ArrayPtr m = makeMatrix();
        const ArrayPtr block = makeView(m, {3, 4}, {8, 1}, 40);
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            copy(block, contiguousCopy(*block, Flavour::Torch, F32));
        }
        const WriteRecord& record = recorder.records().at(0);
        QCOMPARE(record.elementsWritten, std::int64_t{12});
        QCOMPARE(record.elementsChanged, std::int64_t{0});
        QCOMPARE(record.written.totalBytes(), std::int64_t{48});
        QVERIFY(record.changed.empty());
        QVERIFY(record.oldValues.empty());
        QVERIFY(!viewChanged(*block, recorder.records()));
        QVERIFY(!viewChanged(*m, recorder.records()));
        QVERIFY(changedCells(*m, recorder.records()).empty());
        // The version still moves: torch bumps it for every in-place op, whatever was stored.
        QCOMPARE(m->version(), std::int64_t{1});
    }

    void oldValuesHoldTheBytesBeforeTheWrite()
    {
        const ArrayPtr m = makeMatrix();
        const std::vector<std::byte> before = snapshot(*m->buffer());
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            // Negative strides through NumPy: the write runs in memory order, and so do the old values.
            copy(ndarrayOverMatrix(m, F32, {6, 3}, {-8, -3}, 188), av::test::ndarrayOf<float>({6, 3}, range(500, 18)));
        }
        const WriteRecord& record = recorder.records().at(0);
        QVERIFY(record.oldValuesComplete);
        QCOMPARE(static_cast<std::int64_t>(record.oldValues.size()), record.elementsChanged);
        std::int64_t previous = -1;
        for (const OldElement& old : record.oldValues) {
            QVERIFY(old.bufferByteOffset > previous);
            previous = old.bufferByteOffset;
            QVERIFY(record.changed.contains(old.bufferByteOffset, old.bufferByteOffset + 4));
            std::uint64_t expected = 0;
            std::memcpy(&expected, before.data() + old.bufferByteOffset, 4);
            QCOMPARE(old.bits, expected);
        }
        QCOMPARE(record.changed.totalBytes(), record.elementsChanged * 4);
    }

    void oldValuesKnowWhichBytesOfAnElementChanged()
    {
        const ArrayPtr m = makeMatrix();
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            fill(makeView(m, {}, {}, 44), -1.0);  // 11.0f (0x41300000) becomes -1.0f (0xbf800000)
        }
        const WriteRecord& record = recorder.records().at(0);
        QCOMPARE(record.oldValues.size(), std::size_t{1});
        QCOMPARE(record.oldValues[0].bits, std::uint64_t{0x41300000});
        QCOMPARE(record.oldValues[0].changedBytes, std::uint8_t{0b1100});
        // The element counts as changed in the element ranges, but a byte view sees only two bytes move.
        QCOMPARE(record.changed.ranges(), (std::vector<IntervalSet::Range>{{44, 48}}));
        const ArrayPtr bytes = ndarrayOverMatrix(m, U8, {8}, {1}, 40);
        QCOMPARE(changedCells(*bytes, recorder.records()), (std::vector<std::int64_t>{6, 7}));
        QVERIFY(!viewChanged(*ndarrayOverMatrix(m, U8, {2}, {1}, 44), recorder.records()));
        QVERIFY(viewChanged(*ndarrayOverMatrix(m, U8, {2}, {1}, 46), recorder.records()));
        // A float64 view that starts mid-element: its cell [40, 48) holds the changed bytes, [32, 40) does not.
        const ArrayPtr doubles = ndarrayOverMatrix(m, DType::Float64, {2}, {1}, 32);
        QCOMPARE(changedCells(*doubles, recorder.records()), (std::vector<std::int64_t>{1}));
        // Cut at byte 46: [38, 46) holds only the unchanged low bytes, [46, 54) the changed ones.
        const ArrayPtr cutAt46 = ndarrayOverMatrix(m, DType::Float64, {2}, {1}, 38);
        QCOMPARE(changedCells(*cutAt46, recorder.records()), (std::vector<std::int64_t>{1}));
        const ArrayPtr cutAt42 = ndarrayOverMatrix(m, DType::Float64, {2}, {1}, 42);
        QCOMPARE(changedCells(*cutAt42, recorder.records()), (std::vector<std::int64_t>{0}));
    }

    void oldValuesStopAtTheCapButChangesDoNot()
    {
        constexpr auto cap = static_cast<std::int64_t>(WriteRecord::kMaxOldValues);
        for (const std::int64_t n : {cap, cap + 1}) {
            const ArrayPtr a = allocateArray(Flavour::Numpy, DType::Int32, {n + 10});
            ChangeRecorder recorder;
            {
                RecordingScope scope(recorder);
                fill(makeView(a, {n}, {1}, 40), 3);
            }
            const WriteRecord& record = recorder.records().at(0);
            QCOMPARE(record.elementsChanged, n);
            QCOMPARE(record.changed.ranges(), (std::vector<IntervalSet::Range>{{40, 40 + 4 * n}}));
            if (n == cap) {
                QVERIFY(record.oldValuesComplete);
                QCOMPARE(static_cast<std::int64_t>(record.oldValues.size()), cap);
                QCOMPARE(record.oldValues.back().bufferByteOffset, 40 + 4 * (cap - 1));
            } else {
                // Past the cap the list is dropped whole: a partial list would read as complete to a tooltip.
                QVERIFY(!record.oldValuesComplete);
                QVERIFY(record.oldValues.empty());
            }
            QCOMPARE(static_cast<std::int64_t>(changedCells(*a, recorder.records()).size()), n);
            // 3 over 0 changes the low byte of each int32. A byte view knows that while the masks are kept;
            // past the cap it can only say "some byte of the element", and counts all four.
            const ArrayPtr bytes = Array::make({Flavour::Numpy, U8, {4 * n}, {1}, a->storage(), 40});
            QCOMPARE(static_cast<std::int64_t>(changedCells(*bytes, recorder.records()).size()), n == cap ? n : 4 * n);
        }
    }

    void nothingIsRecordedWithoutAScope()
    {
        const ArrayPtr m = makeMatrix();
        ChangeRecorder recorder;
        QVERIFY(activeRecorder() == nullptr);
        fill(makeView(m, {8}, {1}, 64), -1.0);
        QVERIFY(recorder.records().empty());
        {
            RecordingScope scope(recorder);
            QCOMPARE(activeRecorder(), &recorder);
            ChangeRecorder inner;
            {
                RecordingScope innerScope(inner);
                fill(makeView(m, {8}, {1}, 0), -2.0);
            }
            QCOMPARE(activeRecorder(), &recorder);
            QCOMPARE(inner.records().size(), std::size_t{1});
            QVERIFY(recorder.records().empty());
            fill(makeView(m, {6}, {8}, 4), -3.0);
        }
        QVERIFY(activeRecorder() == nullptr);
        QCOMPARE(recorder.records().size(), std::size_t{1});
        QCOMPARE(recorder.records()[0].changed.ranges().size(), std::size_t{6});
        fill(makeView(m, {8}, {1}, 128), -4.0);
        QCOMPARE(recorder.records().size(), std::size_t{1});
        QCOMPARE(recorder.take().size(), std::size_t{1});
        QVERIFY(recorder.records().empty());
    }

    void emptyWritesLeaveNoRecord()
    {
        const ArrayPtr m = makeMatrix();
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            fill(makeView(m, {0, 8}, {8, 1}, 32), 1.0);
        }
        QVERIFY(recorder.records().empty());
    }

    void viewsOfOtherBuffersNeverChange()
    {
        const ArrayPtr m = makeMatrix(), other = makeMatrix();
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            fill(m, 5.0);
        }
        QVERIFY(viewChanged(*m, recorder.records()));
        QVERIFY(!viewChanged(*other, recorder.records()));
        QVERIFY(changedCells(*other, recorder.records()).empty());
    }

    void interleavedViewsInsideTheChangedExtentStayUnchanged()
    {
        const ArrayPtr a = allocateArray(Flavour::Numpy, DType::Float64, {1000});
        const ArrayPtr even = makeView(a, {500}, {2}, 0), odd = makeView(a, {500}, {2}, 8);
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            fill(even, 1.0);
        }
        QCOMPARE(recorder.records()[0].changed.ranges().size(), std::size_t{500});
        QVERIFY(viewChanged(*even, recorder.records()));
        QVERIFY(!viewChanged(*odd, recorder.records()));
        QVERIFY(changedCells(*odd, recorder.records()).empty());
        QCOMPARE(changedCells(*a, recorder.records()).size(), std::size_t{500});
        // A byte view of the same memory: 1.0 over 0.0 changes the top two bytes of each even double only.
        const ArrayPtr bytes = Array::make({Flavour::Numpy, DType::UInt8, {8000}, {1}, a->storage(), 0});
        const std::vector<std::int64_t> byteCells = changedCells(*bytes, recorder.records());
        QCOMPARE(byteCells.size(), std::size_t{500 * 2});
        QCOMPARE(byteCells[0], std::int64_t{6});
        QCOMPARE(byteCells[1], std::int64_t{7});
        QCOMPARE(byteCells[2], std::int64_t{22});
        QVERIFY(!viewChanged(*Array::make({Flavour::Numpy, DType::UInt8, {6}, {1}, a->storage(), 16}), recorder.records()));
    }

    void largeViewsAnswerFromTheChangedRanges()
    {
        // 2048 x 2048 floats (16 MiB): write one row and one column, then ask the transposed view, a far
        // block and the whole matrix. Each answer comes from the few changed ranges, not 4M cells.
        constexpr std::int64_t n = 2048;
        const ArrayPtr m = allocateArray(Flavour::Torch, F32, {n, n});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            fill(makeView(m, {n}, {1}, 4 * n * 100), 1.0);
            fill(makeView(m, {n}, {n}, 4 * 7), 2.0);
        }
        const std::vector<WriteRecord>& records = recorder.records();
        const ArrayPtr transposed = makeView(m, {n, n}, {1, n}, 0);
        const std::vector<std::int64_t> cells = changedCells(*transposed, records);
        QCOMPARE(static_cast<std::int64_t>(cells.size()), 2 * n - 1);
        QVERIFY(std::is_sorted(cells.begin(), cells.end()));
        // m[100, j] is transposed[j, 100]; m[i, 7] is transposed[7, i].
        QCOMPARE(cells.front(), std::int64_t{100});
        QCOMPARE(cells[7], 7 * n + 0);
        QVERIFY(std::binary_search(cells.begin(), cells.end(), 9 * n + 100));
        const ArrayPtr farBlock = makeView(m, {100, 100}, {n, 1}, 4 * (n * 500 + 500));
        QVERIFY(!viewChanged(*farBlock, records));
        QVERIFY(changedCells(*farBlock, records).empty());
        QCOMPARE(static_cast<std::int64_t>(changedCells(*m, records).size()), 2 * n - 1);
        const ArrayPtr nearBlock = makeView(m, {4, 4}, {n, 1}, 4 * (n * 99 + 6));
        QCOMPARE(changedCells(*nearBlock, records), (std::vector<std::int64_t>{1, 4, 5, 6, 7, 9, 13}));
    }

    void intervalSetsMergeRangesInAnyOrder()
    {
        IntervalSet set;
        set.add(10, 20);
        set.add(20, 25);  // touching: merged
        set.add(5, 8);    // before the last: the set sorts when next asked
        set.add(30, 30);  // empty: ignored
        set.add(7, 11);
        set.add(40, 50);
        set.add(45, 48);
        QCOMPARE(set.ranges(), (std::vector<IntervalSet::Range>{{5, 25}, {40, 50}}));
        QCOMPARE(set.totalBytes(), std::int64_t{30});
        QVERIFY(set.intersects(24, 26));
        QVERIFY(!set.intersects(25, 40));
        QVERIFY(set.intersects(0, 6));
        QVERIFY(!set.intersects(50, 60));
        QVERIFY(set.contains(5, 25));
        QVERIFY(!set.contains(4, 6));
        QVERIFY(!set.contains(20, 41));
        QVERIFY(IntervalSet().empty());
    }

    void randomWritesChangeExactlyTheCellsWhoseBytesDiffer()
    {
        // Views and writes of every layout on one 256-byte buffer; the engine's answer for each of a dozen
        // other views against a byte-by-byte comparison of the buffer before and after.
        std::mt19937 random(1234);
        constexpr std::int64_t bytes = 256;
        int changedViews = 0, unchangedViews = 0;
        for (int step = 0; step < 600; ++step) {
            const ArrayPtr base = allocateArray(Flavour::Numpy, DType::UInt8, {bytes});
            for (std::int64_t i = 0; i < bytes; ++i)
                base->data()[i] = static_cast<std::byte>(random() % 3);  // small values: some writes are no-ops
            const Geometry g = randomGeometry(random, bytes);
            const ArrayPtr target = makeView(base, g.sizes, g.strides, g.offset, g.dtype);
            if (target->hasInternalOverlap())
                continue;  // which of two stores lands last is the library's business, not the record's
            // A step may hold several writes; a cell changed in the step when some write changed it, even if a
            // later one put the old bytes back.
            std::vector<std::vector<std::byte>> snapshots{snapshot(*base->buffer())};
            ChangeRecorder recorder;
            {
                RecordingScope scope(recorder);
                const int writes = 1 + static_cast<int>(random() % 2);
                for (int w = 0; w < writes; ++w) {
                    fill(w == 0 ? target : makeView(base, {bytes / 4}, {4}, 0), static_cast<std::int64_t>(random() % 3));
                    snapshots.push_back(snapshot(*base->buffer()));
                }
            }
            for (int v = 0; v < 12; ++v) {
                const Geometry q = randomGeometry(random, bytes);
                const ArrayPtr view = makeView(base, q.sizes, q.strides, q.offset, q.dtype);
                std::vector<std::int64_t> expected;
                for (std::size_t w = 1; w < snapshots.size(); ++w) {
                    const std::vector<std::int64_t> cells = cellsThatDiffer(*view, snapshots[w - 1], snapshots[w]);
                    expected.insert(expected.end(), cells.begin(), cells.end());
                }
                std::sort(expected.begin(), expected.end());
                expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
                QCOMPARE(changedCells(*view, recorder.records()), expected);
                QCOMPARE(viewChanged(*view, recorder.records()), !expected.empty());
                (expected.empty() ? unchangedViews : changedViews) += 1;
            }
        }
        QVERIFY(changedViews > 500 && unchangedViews > 500);
    }

private:
    OracleSuite m_suite;
};

AV_TEST_MAIN(TestChangeTracking)
#include "tst_changetracking.moc"
