// The fast paths of the loops and the write path, held to what the slow ones mean: tiled copies and binary
// ops over transposed operands (LoopOrder::Tiled) against the real libraries, the bulk recording of whole
// runs against an element-by-element recorder written here from WriteRecord's definition, and NumPy's
// `a[i:j] = a[i:j]` that writes nothing.

#include "engine/arrayfactory.h"
#include "engine/changes.h"
#include "engine/copykernel.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/indexing.h"
#include "engine/views.h"
#include "engine/writepath.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <cstring>
#include <random>

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

// The arrays of the cases: element i of a C-ordered array is i % 251 in its dtype (i % 3 == 0 for bool), so
// that every dtype holds distinct, exactly representable values and a misplaced element shows.
const char* kPatternPython = "def pat(shape, dt, lib='torch'):\n"
                             "    n = int(np.prod(shape))\n"
                             "    a = np.arange(n)\n"
                             "    v = (a % 3 == 0) if dt == 'bool' else (a % 251).astype(dt)\n"
                             "    v = v.reshape(shape)\n"
                             "    v = v.copy()\n"
                             "    return torch.from_numpy(v) if lib == 'torch' else v\n";

ArrayPtr pattern(Flavour flavour, DType dtype, Shape shape)
{
    ArrayPtr array = allocateArray(flavour, dtype, std::move(shape));
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        for (std::int64_t i = 0; i < array->numel(); ++i) {
            T value;
            if constexpr (std::is_same_v<T, bool>)
                value = i % 3 == 0;
            else if constexpr (std::is_same_v<T, Half>)
                value = Half(static_cast<float>(i % 251));
            else
                value = static_cast<T>(i % 251);
            storeElement<T>(array->data() + i * sizeof(T), value);
        }
    });
    return array;
}

QString nameOf(DType dtype)
{
    const std::string_view name = numpyName(dtype);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

const char* libraryName(Flavour flavour) { return flavour == Flavour::Torch ? "torch" : "numpy"; }

QString python(const QString& body) { return QString(kPatternPython) + body; }

// A shape's Python tuple: (100, 130).
QString tuple(const Shape& shape)
{
    QStringList parts;
    for (const std::int64_t size : shape)
        parts << QString::number(size);
    return "(" + parts.join(", ") + (shape.size() == 1 ? ",)" : ")");
}

std::vector<OracleCase> tiledCases()
{
    std::vector<OracleCase> cases;
    const std::vector<DType> dtypes{DType::Float32, DType::Float64, DType::Int16, DType::UInt8, DType::Bool,
                                    DType::Float16};
    // Tiles are 64 x 64: shapes under, at and over whole tiles, with remainders in either dim.
    const std::vector<Shape> matrices{{100, 130}, {65, 200}, {128, 192}, {64, 64}, {3, 300}};
    const std::array<std::int64_t, 1> flat{-1};
    for (const Flavour flavour : {Flavour::Torch, Flavour::Numpy}) {
        const QString lib = libraryName(flavour);
        for (const DType dtype : dtypes) {
            const QString dt = nameOf(dtype);
            for (const Shape& shape : matrices) {
                const QString where = QStringLiteral("%1:%2:%3x%4").arg(lib, dt).arg(shape[0]).arg(shape[1]);
                cases.push_back({"transposeReshapedFlatCopiesInOrder:" + where,
                                 python(QStringLiteral("src = pat(%1, '%2', '%3')\nr = src.T.reshape(-1)")
                                            .arg(tuple(shape), dt, lib)),
                                 [=] {
                                     const ArrayPtr src = pattern(flavour, dtype, shape);
                                     return Outcome::of(reshape(transpose(src, 0, 1), flat), src);
                                 }});
            }
        }
        // Three dims: the tile is the two innermost of the destination, walked for every outer index.
        for (const DType dtype : {DType::Float32, DType::Int16}) {
            const QString dt = nameOf(dtype);
            const std::vector<std::pair<QString, std::array<std::int64_t, 3>>> orders{
                {"2, 0, 1", {2, 0, 1}}, {"0, 2, 1", {0, 2, 1}}, {"1, 2, 0", {1, 2, 0}}};
            for (const auto& [text, perm] : orders) {
                const QString permuteCall = flavour == Flavour::Torch ? "permute(" + text + ")" : "transpose(" + text + ")";
                cases.push_back(
                    {QStringLiteral("permutedCubeCopiesInOrder:%1:%2:%3").arg(lib, dt, QString(text).remove(", ")),
                     python(QStringLiteral("src = pat((70, 3, 90), '%1', '%2')\nr = src.%3.reshape(-1)")
                                .arg(dt, lib, permuteCall)),
                     [=] {
                         const ArrayPtr src = pattern(flavour, dtype, {70, 3, 90});
                         return Outcome::of(reshape(permute(src, perm), flat), src);
                     }});
            }
        }
        // Reversed dims (NumPy only: torch has no negative strides): the input's negative strides are walked
        // along with operand 0's order.
        if (flavour == Flavour::Numpy) {
            cases.push_back({"reversedTransposeCopiesInOrder",
                             python("src = pat((100, 130), 'float32', 'numpy')\nr = src[::-1].T.reshape(-1)"), [] {
                                 const ArrayPtr src = pattern(Flavour::Numpy, DType::Float32, {100, 130});
                                 const std::array<IndexItem, 1> reverse{
                                     IndexItem{Slice{std::nullopt, std::nullopt, -1}}};
                                 const std::array<std::int64_t, 1> all{-1};
                                 return Outcome::of(reshape(transpose(getItem(src, reverse), 0, 1), all), src);
                             }});
        }
        // Out of place: the result is fresh, so binary ops tile too, comparisons included.
        for (const DType dtype : {DType::Float32, DType::Float64, DType::Int16}) {
            const QString dt = nameOf(dtype);
            cases.push_back({QStringLiteral("addOfATransposedOperandMatchesElementwise:%1:%2").arg(lib, dt),
                             python(QStringLiteral("a = pat((130, 100), '%1', '%2')\nb = pat((100, 130), '%1', '%2')\n"
                                                   "r = a + b.T")
                                        .arg(dt, lib)),
                             [=] {
                                 const ArrayPtr a = pattern(flavour, dtype, {130, 100});
                                 const ArrayPtr b = pattern(flavour, dtype, {100, 130});
                                 return Outcome::of(binary(BinaryOp::Add, Value(a), Value(transpose(b, 0, 1))));
                             }});
        }
        // (The transposed operand comes second: torch lays out `a.T < b` like a.T, which binary() does not
        // model yet; that is elementwise.cpp's business, not the loops'.)
        cases.push_back({QStringLiteral("compareWithATransposedOperand:%1").arg(lib),
                         python(QStringLiteral("a = pat((130, 100), 'float32', '%1')\nb = pat((100, 130), 'float32', "
                                               "'%1')\nr = b > a.T")
                                    .arg(lib)),
                         [=] {
                             const ArrayPtr a = pattern(flavour, DType::Float32, {130, 100});
                             const ArrayPtr b = pattern(flavour, DType::Float32, {100, 130});
                             return Outcome::of(binary(BinaryOp::Gt, Value(b), Value(transpose(a, 0, 1))));
                         }});
        // In place through the write path: tiles when nothing records and the input overlaps nothing.
        cases.push_back({QStringLiteral("inplaceAddOfATransposedOperand:%1").arg(lib),
                         python(QStringLiteral("src = pat((130, 100), 'float32', '%1')\nb = pat((100, 130), 'float32', "
                                               "'%1')\nsrc += b.T\nr = src")
                                    .arg(lib)),
                         [=] {
                             const ArrayPtr a = pattern(flavour, DType::Float32, {130, 100});
                             const ArrayPtr b = pattern(flavour, DType::Float32, {100, 130});
                             return Outcome::of(inplace(BinaryOp::Add, Value(a), Value(transpose(b, 0, 1))), a);
                         }});
    }
    // Copies into existing memory: copy_ (with and without a cast) and np.copyto.
    for (const DType from : {DType::Float32, DType::Float64, DType::Int16}) {
        const QString dt = nameOf(from);
        cases.push_back({QStringLiteral("copyOfATransposeIntoATensor:%1").arg(dt),
                         python(QStringLiteral("src = torch.zeros(130, 100)\nsrc.copy_(pat((100, 130), '%1').T)\nr = src")
                                    .arg(dt)),
                         [=] {
                             const ArrayPtr dst = allocateArray(Flavour::Torch, DType::Float32, {130, 100});
                             copyInplace(dst, transpose(pattern(Flavour::Torch, from, {100, 130}), 0, 1));
                             return Outcome::of(dst, dst);
                         }});
        cases.push_back({QStringLiteral("copytoOfATransposeIntoAnNdarray:%1").arg(dt),
                         python(QStringLiteral("src = np.zeros((130, 100), np.float64)\n"
                                               "np.copyto(src, pat((100, 130), '%1', 'numpy').T)\nr = src")
                                    .arg(dt)),
                         [=] {
                             const ArrayPtr dst = allocateArray(Flavour::Numpy, DType::Float64, {130, 100});
                             numpyCopyTo(dst, Value(transpose(pattern(Flavour::Numpy, from, {100, 130}), 0, 1)));
                             return Outcome::of(dst, dst);
                         }});
    }
    // `x[:, ::2] += 1`: getitem, the in-place add, and the setitem of the same view back.
    for (const Flavour flavour : {Flavour::Torch, Flavour::Numpy}) {
        const QString lib = libraryName(flavour);
        cases.push_back({QStringLiteral("sliceAugmentedAssignment:%1").arg(lib),
                         python(QStringLiteral("src = pat((70, 90), 'float32', '%1')\nsrc[:, ::2] += 1\nr = src").arg(lib)),
                         [=] {
                             const ArrayPtr x = pattern(flavour, DType::Float32, {70, 90});
                             const std::array<IndexItem, 2> index{IndexItem{Slice{}},
                                                                  IndexItem{Slice{std::nullopt, std::nullopt, 2}}};
                             const Value part = getItem(x, index, true);
                             setItem(x, index, inplace(BinaryOp::Add, part, Value(Scalar(std::int64_t{1}))), true);
                             return Outcome::of(x, x);
                         }});
    }
    return cases;
}

// ---- The write record, element by element ---------------------------------------------------------------

// WriteRecord's definition applied one element at a time: what detail::recordChunk must produce.
void recordSlowly(WriteRecord& record, std::int64_t firstOffset, const std::byte* dst, std::int64_t stride,
                  std::int64_t count, std::int64_t itemsize, const std::byte* old)
{
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t offset = firstOffset + i * stride;
        ++record.elementsWritten;
        record.written.add(offset, offset + itemsize);
        const std::byte* now = dst + i * stride;
        const std::byte* before = old + i * itemsize;
        if (std::memcmp(now, before, static_cast<std::size_t>(itemsize)) == 0)
            continue;
        ++record.elementsChanged;
        record.changed.add(offset, offset + itemsize);
        if (!record.oldValuesComplete)
            continue;
        if (record.oldValues.size() == WriteRecord::kMaxOldValues) {
            record.oldValues.clear();
            record.oldValuesComplete = false;
            continue;
        }
        OldElement element{offset, 0, 0};
        std::memcpy(&element.bits, before, static_cast<std::size_t>(itemsize));
        for (std::int64_t b = 0; b < itemsize; ++b)
            if (now[b] != before[b])
                element.changedBytes |= static_cast<std::uint8_t>(1u << b);
        record.oldValues.push_back(element);
    }
}

bool sameRecord(const WriteRecord& a, const WriteRecord& b)
{
    if (a.elementsWritten != b.elementsWritten || a.elementsChanged != b.elementsChanged ||
        a.written.ranges() != b.written.ranges() || a.changed.ranges() != b.changed.ranges() ||
        a.oldValuesComplete != b.oldValuesComplete || a.oldValues.size() != b.oldValues.size())
        return false;
    for (std::size_t i = 0; i < a.oldValues.size(); ++i) {
        const OldElement &x = a.oldValues[i], &y = b.oldValues[i];
        if (x.bufferByteOffset != y.bufferByteOffset || x.bits != y.bits || x.changedBytes != y.changedBytes)
            return false;
    }
    return true;
}

}  // namespace

class TestWritePath : public QObject {
    Q_OBJECT

public:
    TestWritePath() : m_suite(tiledCases()) {}

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void tiledLoopsMatchTheRealLibraries_data() { m_suite.addRows(); }
    void tiledLoopsMatchTheRealLibraries() { m_suite.checkCurrentRow(); }

    // Runs of every element size, contiguous and strided, where nothing, everything or some elements change
    // (bytes changed at random, whole elements or single bytes), chunk after chunk into one record.
    void recordedRunsMatchTheElementByElementDefinition_data()
    {
        QTest::addColumn<int>("itemsize");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("changePercent");
        for (const int itemsize : {1, 2, 4, 8})
            for (const int strideFactor : {1, 3})
                for (const int changePercent : {0, 100, 50, 1})
                    QTest::addRow("%d-byte elements, stride %d, %d%% changed", itemsize, itemsize * strideFactor,
                                  changePercent)
                        << itemsize << itemsize * strideFactor << changePercent;
    }
    void recordedRunsMatchTheElementByElementDefinition()
    {
        QFETCH(int, itemsize);
        QFETCH(int, stride);
        QFETCH(int, changePercent);
        std::mt19937 random(static_cast<unsigned>(itemsize * 1000 + stride * 10 + changePercent));
        std::uniform_int_distribution<int> byte(0, 255), percent(0, 99), which(0, itemsize - 1);
        WriteRecord fast, slow;
        const std::vector<std::int64_t> counts{1, 1024, 37, 1000};
        // One buffer holding every run, one after another, so the record's ranges come in ascending order.
        std::vector<std::byte> before(static_cast<std::size_t>(2 * 1024 * 4 * stride));
        for (std::byte& b : before)
            b = static_cast<std::byte>(byte(random));
        std::vector<std::byte> after = before;
        std::int64_t start = 8;
        for (const std::int64_t count : counts) {
            std::vector<std::byte> packedOld(static_cast<std::size_t>(count * itemsize));
            for (std::int64_t i = 0; i < count; ++i) {
                std::byte* element = after.data() + start + i * stride;
                std::memcpy(packedOld.data() + i * itemsize, before.data() + start + i * stride,
                            static_cast<std::size_t>(itemsize));
                if (percent(random) >= changePercent)
                    continue;
                if (percent(random) < 50)
                    element[which(random)] ^= std::byte{0x5a};  // one byte of the element
                else
                    for (int b = 0; b < itemsize; ++b)
                        element[b] ^= std::byte{0xff};  // every byte
            }
            detail::recordChunk(fast, after.data(), after.data() + start, stride, count, itemsize, packedOld.data());
            recordSlowly(slow, start, after.data() + start, stride, count, itemsize, packedOld.data());
            QVERIFY2(sameRecord(fast, slow), qPrintable(QStringLiteral("after a run of %1").arg(count)));
            start += count * stride + 8;
        }
        if (changePercent == 100)
            QCOMPARE(fast.elementsChanged, fast.elementsWritten);
        if (changePercent == 0)
            QVERIFY(fast.changed.empty());
    }

    // The chunks of a recorded write cut runs at kRecordChunk elements; the record must not show the cuts.
    void aRecordedWriteOverManyChunksIsOneRange()
    {
        const std::int64_t n = 3 * detail::kRecordChunk + 5;
        const ArrayPtr x = pattern(Flavour::Torch, DType::Float32, {n});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            inplace(BinaryOp::Add, Value(x), Value(Scalar(1.0)));
        }
        QCOMPARE(recorder.records().size(), std::size_t{1});
        const WriteRecord& record = recorder.records()[0];
        QCOMPARE(record.elementsWritten, n);
        QCOMPARE(record.elementsChanged, n);
        QCOMPARE(record.written.ranges(), (std::vector<IntervalSet::Range>{{0, 4 * n}}));
        QCOMPARE(record.changed.ranges(), (std::vector<IntervalSet::Range>{{0, 4 * n}}));
        QCOMPARE(static_cast<std::int64_t>(record.oldValues.size()), n);
        for (std::int64_t i = 0; i < n; ++i) {
            const OldElement& old = record.oldValues[static_cast<std::size_t>(i)];
            QCOMPARE(old.bufferByteOffset, 4 * i);
            float value;
            std::memcpy(&value, &old.bits, 4);
            QCOMPARE(value, static_cast<float>(i % 251));
        }
    }

    // Old values are staged in a per-thread vector reused from write to write: what one write dropped or
    // kept must not show in the next one's record.
    void oldValuesOfOneWriteNeverLeakIntoTheNext()
    {
        constexpr auto cap = static_cast<std::int64_t>(WriteRecord::kMaxOldValues);
        const ArrayPtr big = allocateArray(Flavour::Torch, DType::Float32, {cap + 1});
        const ArrayPtr small = pattern(Flavour::Torch, DType::Float32, {10});
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            inplace(BinaryOp::Add, Value(big), Value(Scalar(1.0)));    // past the cap: dropped
            inplace(BinaryOp::Add, Value(small), Value(Scalar(1.0)));  // kept
            inplace(BinaryOp::Mul, Value(small), Value(Scalar(1.0)));  // changes nothing: none
            inplace(BinaryOp::Add, Value(small), Value(Scalar(1.0)));  // kept, from the values the first add left
        }
        const std::vector<WriteRecord>& records = recorder.records();
        QCOMPARE(records.size(), std::size_t{4});
        QVERIFY(!records[0].oldValuesComplete);
        QVERIFY(records[0].oldValues.empty());
        QCOMPARE(records[0].elementsChanged, cap + 1);
        QVERIFY(records[2].oldValuesComplete);
        QVERIFY(records[2].oldValues.empty());
        for (const std::size_t r : {std::size_t{1}, std::size_t{3}}) {
            QVERIFY(records[r].oldValuesComplete);
            QCOMPARE(records[r].oldValues.size(), std::size_t{10});
            for (std::size_t i = 0; i < 10; ++i) {
                float value;
                std::memcpy(&value, &records[r].oldValues[i].bits, 4);
                QCOMPARE(value, static_cast<float>(i + (r == 1 ? 0 : 1)));
                QCOMPARE(records[r].oldValues[i].bufferByteOffset, static_cast<std::int64_t>(4 * i));
            }
        }
    }

    // A recorded transposed copy keeps memory order (no tiles): its old values come in ascending addresses.
    void aRecordedTransposedCopyKeepsMemoryOrder()
    {
        const ArrayPtr dst = allocateArray(Flavour::Torch, DType::Float32, {130, 100});
        const ArrayPtr src = transpose(pattern(Flavour::Torch, DType::Float32, {100, 130}), 0, 1);
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            copyInplace(dst, src);
        }
        const WriteRecord& record = recorder.records().at(0);
        QCOMPARE(record.elementsWritten, std::int64_t{13000});
        QVERIFY(record.oldValuesComplete);
        for (std::size_t i = 1; i < record.oldValues.size(); ++i)
            QVERIFY(record.oldValues[i - 1].bufferByteOffset < record.oldValues[i].bufferByteOffset);
    }

    // NumPy's `a[:, ::2] += 1` ends in a setitem of the view onto itself, which PyArray_AssignArray skips:
    // the step writes once (the add), not twice.
    void numpySetitemOfAViewOntoItselfWritesNothing()
    {
        const ArrayPtr x = pattern(Flavour::Numpy, DType::Float32, {6, 8});
        const std::array<IndexItem, 2> index{IndexItem{Slice{}}, IndexItem{Slice{std::nullopt, std::nullopt, 2}}};
        ChangeRecorder recorder;
        {
            RecordingScope scope(recorder);
            const Value part = getItem(x, index, true);
            const Value result = inplace(BinaryOp::Add, part, Value(Scalar(std::int64_t{1})));
            setItem(x, index, result, true);
        }
        QCOMPARE(recorder.records().size(), std::size_t{1});
        QCOMPARE(recorder.records()[0].op, std::string("add"));
        QCOMPARE(recorder.records()[0].elementsWritten, std::int64_t{24});
        // A separate copy with the same values is still written, element by element.
        ChangeRecorder second;
        {
            RecordingScope scope(second);
            const ArrayPtr part = getItem(x, index, true);
            setItem(x, index, Value(contiguousCopy(*part, Flavour::Numpy, DType::Float32)), true);
        }
        QCOMPARE(second.records().size(), std::size_t{1});
        QCOMPARE(second.records()[0].elementsWritten, std::int64_t{24});
        QCOMPARE(second.records()[0].elementsChanged, std::int64_t{0});
    }

private:
    OracleSuite m_suite;
};

AV_TEST_MAIN(TestWritePath)
#include "tst_writepath.moc"
