// The dtype tables and element conversions everything else stands on, each checked against the real
// libraries: promotion, casting rules, float16 rounding, float -> int casts, and Python's float repr.

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/dtype.h"
#include "engine/pyformat.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

#include <QJsonArray>

#include <bit>
#include <random>

using namespace av::engine;
using av::test::askOracleOnce;

namespace {

constexpr DType kAll[] = {DType::Bool,    DType::UInt8,   DType::Int8,    DType::Int16,  DType::Int32,
                          DType::Int64,   DType::Float16, DType::Float32, DType::Float64};

const char* kTorchList = "ts=[torch.bool,torch.uint8,torch.int8,torch.int16,torch.int32,torch.int64,"
                         "torch.float16,torch.float32,torch.float64]\n";
const char* kNumpyList = "ns=[np.bool_,np.uint8,np.int8,np.int16,np.int32,np.int64,np.float16,np.float32,"
                         "np.float64]\n";

QStringList oracleValues(const QString& python)
{
    const QJsonObject answer = askOracleOnce(python);
    if (answer.value("kind").toString() == "oracle-failure" || answer.value("kind").toString() == "error")
        qWarning("%s", qPrintable(answer.value("message").toString()));
    QStringList out;
    for (const QJsonValue& v : answer.value("values").toArray())
        out << v.toString();
    return out;
}

QStringList engineValues(const ArrayPtr& array) { return av::test::flatValueTexts(*array); }

}  // namespace

class TestDTypes : public QObject {
    Q_OBJECT

private slots:
    void torchPromotionMatchesPromoteTypes()
    {
        std::vector<std::int64_t> table;
        for (DType a : kAll)
            for (DType b : kAll)
                table.push_back(static_cast<std::int64_t>(promoteTypesTorch(a, b)));
        const QStringList real =
            oracleValues(QString(kTorchList) + "r=torch.tensor([[ts.index(torch.promote_types(a,b)) for b in ts] for a in ts])");
        QCOMPARE(engineValues(av::test::tensorOf<std::int64_t>({9, 9}, table)), real);
    }

    void numpyPromotionMatchesPromoteTypes()
    {
        std::vector<std::int64_t> table;
        for (DType a : kAll)
            for (DType b : kAll)
                table.push_back(static_cast<std::int64_t>(promoteTypesNumpy(a, b)));
        const QStringList real = oracleValues(
            QString(kNumpyList) + "r=np.array([[ns.index(np.promote_types(a,b).type) for b in ns] for a in ns])");
        QCOMPARE(engineValues(av::test::ndarrayOf<std::int64_t>({9, 9}, table)), real);
    }

    void castRulesMatchCanCast()
    {
        std::vector<bool> torchTable, numpyTable;
        for (DType a : kAll)
            for (DType b : kAll) {
                torchTable.push_back(canCastTorch(a, b));
                numpyTable.push_back(canCastNumpySameKind(a, b));
            }
        QCOMPARE(engineValues(av::test::tensorOf<bool>({9, 9}, torchTable)),
                 oracleValues(QString(kTorchList) + "r=torch.tensor([[torch.can_cast(a,b) for b in ts] for a in ts])"));
        QCOMPARE(engineValues(av::test::ndarrayOf<bool>({9, 9}, numpyTable)),
                 oracleValues(QString(kNumpyList) + "r=np.array([[np.can_cast(a,b,'same_kind') for b in ns] for a in ns])"));
    }

    void everyHalfBitPatternWidensExactly()
    {
        std::vector<float> widened(65536);
        for (std::uint32_t bits = 0; bits < 65536; ++bits)
            widened[bits] = Half::toFloat(static_cast<std::uint16_t>(bits));
        QCOMPARE(engineValues(av::test::ndarrayOf<float>({65536}, widened)),
                 oracleValues("r=np.arange(65536, dtype=np.uint16).view(np.float16).astype(np.float32)"));
    }

    void floatToHalfRoundsLikeBothLibraries()
    {
        // Random bit patterns cover every exponent, plus the edges of the half range.
        std::mt19937 random(7);
        std::vector<float> inputs = {65504.0f, 65519.99f, 65520.0f, 65536.0f, 5.9604645e-08f, 2.9802322e-08f,
                                     2.9802326e-08f, 6.1035156e-05f, 6.1035153e-05f, -0.0f, 1.0009766f};
        while (inputs.size() < 4000) {
            const float f = std::bit_cast<float>(static_cast<std::uint32_t>(random()));
            if (!std::isnan(f) && std::fabs(f) < 1e6f)
                inputs.push_back(f);
        }
        std::vector<std::int64_t> bits;
        QString list = "[";
        for (const float f : inputs) {
            bits.push_back(Half::fromFloat(f));
            list += QString::number(std::bit_cast<std::uint32_t>(f)) + ",";
        }
        list += "]";
        const QString fromNumpy = "r=np.array(" + list + ", dtype=np.uint32).view(np.float32).astype(np.float16).view(np.uint16).astype(np.int64)";
        QCOMPARE(engineValues(av::test::ndarrayOf<std::int64_t>({static_cast<std::int64_t>(bits.size())}, bits)),
                 oracleValues(fromNumpy));
        const QString fromTorch = "r=torch.from_numpy(np.array(" + list +
                                  ", dtype=np.uint32).view(np.float32)).half().view(torch.int16).long() & 0xffff";
        QCOMPARE(engineValues(av::test::tensorOf<std::int64_t>({static_cast<std::int64_t>(bits.size())}, bits)),
                 oracleValues(fromTorch));
    }

    void doubleToHalfRoundsOnceInNumpyAndTwiceInTorch()
    {
        std::mt19937_64 random(11);
        std::vector<double> inputs = {1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40), 65519.999999, 65520.0,
                                      std::ldexp(1.0, -25), std::ldexp(1.0, -25) * 1.0000001};
        while (inputs.size() < 3000) {
            const double d = std::bit_cast<double>(random());
            if (!std::isnan(d) && std::fabs(d) < 1e6)
                inputs.push_back(d);
        }
        // Half-way points between halves, nudged, are where rounding twice differs.
        for (int i = 0; i < 1000; ++i) {
            const double halfway = static_cast<double>(Half::toFloat(static_cast<std::uint16_t>(random() % 0x7bff))) +
                                   std::ldexp(1.0, -11 - static_cast<int>(random() % 10));
            inputs.push_back(halfway + std::ldexp(halfway, -45));
        }
        std::vector<std::int64_t> direct, twice;
        QString list = "[";
        for (const double d : inputs) {
            direct.push_back(Half::fromDoubleDirect(d));
            twice.push_back(Half::fromFloat(static_cast<float>(d)));
            list += QString::number(static_cast<qulonglong>(std::bit_cast<std::uint64_t>(d))) + ",";
        }
        list += "]";
        const std::int64_t n = static_cast<std::int64_t>(inputs.size());
        QCOMPARE(engineValues(av::test::ndarrayOf<std::int64_t>({n}, direct)),
                 oracleValues("r=np.array(" + list + ", dtype=np.uint64).view(np.float64).astype(np.float16).view(np.uint16).astype(np.int64)"));
        QCOMPARE(engineValues(av::test::tensorOf<std::int64_t>({n}, twice)),
                 oracleValues("r=torch.from_numpy(np.array(" + list +
                              ", dtype=np.uint64).view(np.float64)).half().view(torch.int16).long() & 0xffff"));
    }

    void floatToIntegerCastsMatchBothLibraries_data()
    {
        QTest::addColumn<int>("target");
        for (DType d : {DType::UInt8, DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::Bool})
            QTest::newRow(numpyName(d).data()) << static_cast<int>(d);
    }

    void floatToIntegerCastsMatchBothLibraries()
    {
        QFETCH(int, target);
        const DType to = static_cast<DType>(target);
        const std::vector<double> inputs = {1e10, -1.5, 300.7, NAN, INFINITY, -INFINITY, -129.5, 2147483648.0,
                                            -2147483649.0, 9.3e18, -9.3e18, 65535.9, 0.5, -0.0, 255.5, 127.9};
        std::vector<std::int64_t> fromDouble, fromFloat, numpyFromDouble;
        for (const double v : inputs) {
            dispatchDType(to, [&]<typename T>(TypeTag<T>) {
                fromDouble.push_back(static_cast<std::int64_t>(convertElement<T>(v)));
                fromFloat.push_back(static_cast<std::int64_t>(convertElement<T>(static_cast<float>(v))));
                numpyFromDouble.push_back(static_cast<std::int64_t>(convertElement<T>(v, true)));
            });
        }
        const QString list = "[1e10,-1.5,300.7,float('nan'),float('inf'),float('-inf'),-129.5,2147483648.0,"
                             "-2147483649.0,9.3e18,-9.3e18,65535.9,0.5,-0.0,255.5,127.9]";
        const QString name = numpyName(to).data();
        const std::int64_t n = static_cast<std::int64_t>(inputs.size());
        QCOMPARE(engineValues(av::test::tensorOf<std::int64_t>({n}, fromDouble)),
                 oracleValues("r=torch.tensor(" + list + ", dtype=torch.float64).to(torch." + name + ").long()"));
        QCOMPARE(engineValues(av::test::tensorOf<std::int64_t>({n}, fromFloat)),
                 oracleValues("r=torch.tensor(" + list + ", dtype=torch.float32).to(torch." + name + ").long()"));
        QCOMPARE(engineValues(av::test::ndarrayOf<std::int64_t>({n}, numpyFromDouble)),
                 oracleValues("import warnings\nwith np.errstate(all='ignore'):\n    r=np.array(" + list +
                              ").astype(np." + (name == "bool" ? QString("bool_") : name) + ").astype(np.int64)"));
    }

    void pythonFloatReprMatchesCPython()
    {
        std::mt19937_64 random(3);
        std::vector<double> inputs = {0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 1.5e-5,
                                      0.00012345, 2.5, 1e300, 5e-324, 1.7976931348623157e308, 100.0, 3.14159};
        while (inputs.size() < 2000) {
            const double d = std::bit_cast<double>(random());
            if (std::isfinite(d))
                inputs.push_back(d);
        }
        QString list = "[";
        QStringList engine;
        for (const double d : inputs) {
            list += QString::number(static_cast<qulonglong>(std::bit_cast<std::uint64_t>(d))) + ",";
            engine << QString::fromStdString(formatPythonFloat(d));
        }
        list += "]";
        const QJsonObject answer =
            askOracleOnce("import struct\nr=[repr(struct.unpack('d', struct.pack('Q', b))[0]) for b in " + list + "]");
        QStringList real;
        for (const QJsonValue& item : answer.value("items").toArray())
            real << item.toObject().value("value").toString();  // the oracle sends a str as its text
        QCOMPARE(real.size(), static_cast<qsizetype>(inputs.size()));
        QCOMPARE(engine, real);
    }

    void numpyAllocationSizesReadAsNumpyWritesThem()
    {
        const std::vector<std::uint64_t> sizes = {0,      1,          1023,       1024,        1025,
                                                  1048575, 1048576000, 1073741824, 32000000000, 1099511627776,
                                                  1ull << 60, 18446744073709551615ull, 1535, 1048064};
        QString list = "[";
        QStringList engine;
        for (const std::uint64_t n : sizes) {
            list += QString::number(static_cast<qulonglong>(n)) + ",";
            engine << QString::fromStdString(numpySizeString(n));
        }
        list += "]";
        const QJsonObject answer = askOracleOnce(
            "from numpy.core._exceptions import _ArrayMemoryError as E\nr=[E._size_to_string(n) for n in " + list + "]");
        QStringList real;
        for (const QJsonValue& item : answer.value("items").toArray())
            real << item.toObject().value("value").toString();
        QCOMPARE(engine, real);
    }
};

AV_TEST_MAIN(TestDTypes)
#include "tst_dtypes.moc"
