// The memory budget: scripts can ask for any size, and a request the budget (or the machine) refuses raises
// the owning library's own error, with the text real torch and NumPy give for the same request, instead of
// crashing or waking the OOM killer. Freed arrays give their bytes back.

#include "engine/arrayfactory.h"
#include "engine/buffer.h"
#include "engine/copykernel.h"
#include "engine/errors.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <QJsonObject>

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

constexpr std::int64_t kGiB = std::int64_t{1} << 30;

Outcome allocate(Flavour flavour, DType dtype, Shape sizes, bool zeroFill = true)
{
    return Outcome::of(allocateArray(flavour, dtype, std::move(sizes), Device::cpu(), zeroFill));
}

// An empty tensor of huge sizes, described without listing its (empty) rows.
Outcome shapeAndStrides(const ArrayPtr& t)
{
    std::vector<std::int64_t> values(t->sizes().begin(), t->sizes().end());
    values.insert(values.end(), t->strides().begin(), t->strides().end());
    return Outcome::of(av::test::tensorOf<std::int64_t>({static_cast<std::int64_t>(values.size())}, values));
}

std::vector<OracleCase> allocationCases()
{
    const std::int64_t trillion = 1'000'000'000'000;
    const std::int64_t int64Max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t p31 = std::int64_t{1} << 31, p32 = std::int64_t{1} << 32, p40 = std::int64_t{1} << 40;
    const std::int64_t p59 = std::int64_t{1} << 59, p60 = std::int64_t{1} << 60, p61 = std::int64_t{1} << 61;
    const std::int64_t p62 = std::int64_t{1} << 62;
    const Flavour T = Flavour::Torch, N = Flavour::Numpy;
    const QString torchShapeAndStrides = "def shapeAndStrides(t):\n    return torch.tensor(list(t.shape) + list(t.stride()))\n";
    return {
        // Beyond any machine: the real libraries fail in the allocator, the engine in the budget, same text.
        {"torchZerosOfATrillionFloats", "r = torch.zeros(10**12)", [=] { return allocate(T, DType::Float32, {trillion}); }},
        {"torchEmptyOfATrillionBytes", "r = torch.empty(10**12, dtype=torch.uint8)",
         [=] { return allocate(T, DType::UInt8, {trillion}, false); }},
        {"torchSquareMatrixOfAMillion", "r = torch.zeros(10**6, 10**6, dtype=torch.float64)",
         [=] { return allocate(T, DType::Float64, {1'000'000, 1'000'000}); }},
        {"torchLargestByteCountThatFitsInt64", "r = torch.zeros(2**63 - 1, dtype=torch.uint8)",
         [=] { return allocate(T, DType::UInt8, {int64Max}); }},
        {"torchTwoToTheSixtyTwoBytes", "r = torch.zeros(2**59, dtype=torch.float64)",
         [=] { return allocate(T, DType::Float64, {p59}); }},
        {"torchBoolMatrixOfTwoToTheThirtyOne", "r = torch.zeros((2**31, 2**31), dtype=torch.bool)",
         [=] { return allocate(T, DType::Bool, {p31, p31}); }},
        {"numpyZerosOfFourBillionDoubles", "r = np.zeros(4 * 10**9)", [=] { return allocate(N, DType::Float64, {4'000'000'000}); }},
        {"numpyZerosOfATrillionDoubles", "r = np.zeros(10**12)", [=] { return allocate(N, DType::Float64, {trillion}); }},
        {"numpyEmptyOfATrillionBytes", "r = np.empty(10**12, np.uint8)",
         [=] { return allocate(N, DType::UInt8, {trillion}, false); }},
        {"numpyFloatMatrixOfAMillion", "r = np.zeros((10**6, 10**6), np.float32)",
         [=] { return allocate(N, DType::Float32, {1'000'000, 1'000'000}); }},
        {"numpyFourExbibytes", "r = np.zeros(2**59)", [=] { return allocate(N, DType::Float64, {p59}); }},
        {"numpyLargestByteCountThatFitsInt64", "r = np.zeros(2**63 - 1, np.uint8)",
         [=] { return allocate(N, DType::UInt8, {int64Max}); }},
        {"numpyAlmostEightExbibytesOfShorts", "r = np.zeros(2**62 - 1, np.int16)",
         [=] { return allocate(N, DType::Int16, {p62 - 1}); }},
        // Byte counts that overflow: each library refuses before allocating, in its own words.
        {"torchSizesWhoseProductOverflows", "r = torch.zeros(2**40, 2**40)", [=] { return allocate(T, DType::Float32, {p40, p40}); }},
        {"torchBytesOverflowAfterTheItemsize", "r = torch.zeros(2**62 - 1)", [=] { return allocate(T, DType::Float32, {p62 - 1}); }},
        {"torchBytesJustPastInt64", "r = torch.zeros(2**60, dtype=torch.float64)",
         [=] { return allocate(T, DType::Float64, {p60}); }},
        {"torchOverflowBeforeAZeroStillCounts", "r = torch.zeros(2**32, 2**32, 0)",
         [=] { return allocate(T, DType::Float32, {p32, p32, 0}); }},
        {"torchZeroBeforeHugeSizesIsFine", torchShapeAndStrides + "t = torch.zeros(0, 2**62, 2**62)\nr = shapeAndStrides(t)",
         [=] { return shapeAndStrides(allocateArray(T, DType::Float32, {0, p62, p62})); }},
        {"torchHugeSizeThenZeroIsFine", torchShapeAndStrides + "t = torch.zeros(2**62, 0)\nr = shapeAndStrides(t)",
         [=] { return shapeAndStrides(allocateArray(T, DType::Float32, {p62, 0})); }},
        {"numpySizesWhoseProductOverflows", "r = np.zeros((2**40, 2**40))", [=] { return allocate(N, DType::Float64, {p40, p40}); }},
        {"numpyBytesJustPastInt64", "r = np.zeros(2**60)", [=] { return allocate(N, DType::Float64, {p60}); }},
        {"numpyShortsJustPastInt64", "r = np.zeros(2**62, np.int16)", [=] { return allocate(N, DType::Int16, {p62}); }},
        {"numpySkipsZerosButStillOverflows", "r = np.zeros((0, 2**62, 2**62))",
         [=] { return allocate(N, DType::Float64, {0, p62, p62}); }},
        {"numpyHugeSizeThenZeroOverflows", "r = np.zeros((2**61, 0))", [=] { return allocate(N, DType::Float64, {p61, 0}); }},
        // Within a real machine but over the budget: the real libraries would allocate, so the expected text
        // is the real library's text for the same byte count (torch's from a failing request, NumPy's from
        // its own exception class).
        {"torchThreeGiBOverTheBudget",
         "try:\n    torch.zeros(10**12)\nexcept RuntimeError as e:\n"
         "    raise RuntimeError(str(e).replace('4000000000000', str(3 * 2**30)))",
         [=] { return allocate(T, DType::Float32, {3 * kGiB / 4}); }},
        {"numpyThreeGiBOverTheBudget",
         "from numpy.core._exceptions import _ArrayMemoryError\nraise _ArrayMemoryError((3 * 2**27,), np.dtype('float64'))",
         [=] { return allocate(N, DType::Float64, {3 * kGiB / 8}); }},
        {"numpyTwoDimensionalOverTheBudget",
         "from numpy.core._exceptions import _ArrayMemoryError\nraise _ArrayMemoryError((50000, 20000), np.dtype('int32'))",
         [=] { return allocate(N, DType::Int32, {50000, 20000}); }},
    };
}

// Restores the process-wide cap when a test that narrows it ends, pass or fail.
class CapGuard {
public:
    explicit CapGuard(std::int64_t cap) : m_previous(MemoryBudget::capBytes()) { MemoryBudget::setCapBytes(cap); }
    ~CapGuard() { MemoryBudget::setCapBytes(m_previous); }
    CapGuard(const CapGuard&) = delete;
    CapGuard& operator=(const CapGuard&) = delete;

private:
    std::int64_t m_previous;
};

// NumPy's own text for a refused allocation of this shape and dtype, from its exception class.
QString realNumpyMemoryError(const QString& shape, const QString& dtype)
{
    const QJsonObject answer = av::test::askOracleOnce(
        QStringLiteral("from numpy.core._exceptions import _ArrayMemoryError\nraise _ArrayMemoryError(%1, np.dtype('%2'))")
            .arg(shape, dtype));
    return answer.value("type").toString() + ": " + answer.value("message").toString();
}

QString errorText(const std::function<void()>& run)
{
    try {
        run();
    } catch (const PyError& error) {
        return QString::fromStdString(error.formatted());
    }
    return QStringLiteral("(no error)");
}

}  // namespace

class TestMemory : public QObject {
    Q_OBJECT

public:
    TestMemory() : m_suite(allocationCases()) {}

private slots:
    void initTestCase()
    {
        // Nothing in this process has touched the cap yet.
        QCOMPARE(MemoryBudget::capBytes(), MemoryBudget::defaultCapBytes());
        m_suite.askOracle();
    }

    void refusedAllocationsRaiseTheLibrarysError_data() { m_suite.addRows(); }
    void refusedAllocationsRaiseTheLibrarysError() { m_suite.checkCurrentRow(); }

    void defaultCapIsTwoGiBOrHalfTheRam()
    {
        const QJsonObject answer = av::test::askOracleOnce(
            "import os\nr = min(2 * 2**30, os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') // 2)");
        QCOMPARE(answer.value("kind").toString(), QStringLiteral("scalar"));
        QCOMPARE(QString::number(MemoryBudget::defaultCapBytes()), answer.value("value").toString());
    }

    void freeingArraysReturnsTheirBytes()
    {
        const std::int64_t before = MemoryBudget::liveBytes();
        {
            // 1001 doubles are 8008 bytes; buffers are 64-byte aligned, and that is what they cost.
            ArrayPtr a = allocateArray(Flavour::Numpy, DType::Float64, {1001});
            QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{8064});
            ArrayPtr view = makeView(a, {500}, {2}, 0);
            QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{8064});
            const ArrayPtr t = allocateArray(Flavour::Torch, DType::Float32, {10, 10});
            QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{8064 + 448});
            // The buffer lives while any view of it does.
            a.reset();
            QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{8064 + 448});
            view.reset();
            QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{448});
        }
        QCOMPARE(MemoryBudget::liveBytes(), before);
    }

    void emptyArraysCostWhatEachLibraryAllocates()
    {
        const std::int64_t before = MemoryBudget::liveBytes();
        // c10 hands out no memory for zero bytes; NumPy always allocates, so its empty arrays have an address.
        const ArrayPtr tensor = allocateArray(Flavour::Torch, DType::Float32, {0, 3});
        QCOMPARE(MemoryBudget::liveBytes(), before);
        QCOMPARE(tensor->dataPtr(), std::uintptr_t{0});
        const ArrayPtr ndarray = allocateArray(Flavour::Numpy, DType::Float32, {0, 3});
        QCOMPARE(MemoryBudget::liveBytes() - before, std::int64_t{64});
        QVERIFY(ndarray->dataPtr() != 0);
    }

    void theCapIsExactToTheByte()
    {
        const CapGuard guard(MemoryBudget::liveBytes() + 4096);
        {
            const ArrayPtr fits = allocateArray(Flavour::Torch, DType::UInt8, {4096});
            QCOMPARE(errorText([] { allocateArray(Flavour::Torch, DType::UInt8, {1}); }),
                     QString::fromStdString("RuntimeError: " + torchAllocationFailureMessage(1)));
        }
        // Budget is counted in 64-byte blocks: 4097 bytes need 4160.
        QCOMPARE(errorText([] { allocateArray(Flavour::Numpy, DType::UInt8, {4097}); }),
                 realNumpyMemoryError("(4097,)", "uint8"));
        const ArrayPtr again = allocateArray(Flavour::Numpy, DType::UInt8, {4096});
        QCOMPARE(again->numel(), std::int64_t{4096});
    }

    void refusalsNeverLeakBudgetOrCrash()
    {
        const std::int64_t before = MemoryBudget::liveBytes();
        int refused = 0;
        for (int i = 0; i < 2000; ++i) {
            const Flavour flavour = i % 2 ? Flavour::Torch : Flavour::Numpy;
            try {
                allocateArray(flavour, DType::Float64, {std::int64_t{1} << (30 + i % 30)}, Device::cpu(), i % 3 == 0);
            } catch (const PyError& error) {
                ++refused;
                QVERIFY(error.isInstanceOf(flavour == Flavour::Torch ? "RuntimeError" : "MemoryError"));
            }
        }
        QCOMPARE(refused, 2000);
        QCOMPARE(MemoryBudget::liveBytes(), before);
    }

    void copiesAreRefusedLikeAnyAllocation()
    {
        const ArrayPtr source = allocateArray(Flavour::Numpy, DType::Float64, {1000});
        const CapGuard guard(MemoryBudget::liveBytes() + 1024);
        QCOMPARE(errorText([&] { contiguousCopy(*source, Flavour::Torch, DType::Float32); }),
                 QString::fromStdString("RuntimeError: " + torchAllocationFailureMessage(4000)));
        QCOMPARE(errorText([&] { contiguousCopy(*source, Flavour::Numpy, DType::Float64); }),
                 realNumpyMemoryError("(1000,)", "float64"));
    }

private:
    OracleSuite m_suite;
};

AV_TEST_MAIN(TestMemory)
#include "tst_memory.moc"
