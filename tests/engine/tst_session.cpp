// The Session: what one recorded run says about each step. The seed's script is the reference: after
// `B += 5` exactly one buffer was written, the cells of A, B and C changed and D's did not; the old and new
// values are those real PyTorch shows (tools/trace_torch.py answers where it can). Budgets keep a trace of a
// 256 MB tensor small, stop endless scripts, and the JSON form reads back field for field.

#include "engine/session/elementtext.h"
#include "engine/session/session.h"
#include "engine/session/tracejson.h"
#include "tests/engine/tracetesthelpers.h"
#include "tests/support/testmain.h"

#include <nlohmann/json.hpp>

#include <QFile>

#include <atomic>
#include <chrono>
#include <cstring>
#include <limits>
#include <numeric>
#include <thread>

using namespace av::engine;
using namespace av::test;

namespace {

std::string readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

Trace recordScript(const std::string& source, SessionOptions options = {})
{
    Session session(std::move(options));
    return session.record("script.py", source);
}

const Snapshot* stepAtLine(const Trace& trace, int line, int occurrence = 0)
{
    for (const Snapshot& step : trace.steps)
        if (step.line == line && occurrence-- == 0)
            return &step;
    return nullptr;
}

const SnapshotObject* objectNamed(const Snapshot& step, const std::string& name)
{
    for (const SnapshotName& n : step.names)
        if (n.name == name)
            for (const SnapshotObject& o : step.objects)
                if (o.id == n.object)
                    return &o;
    return nullptr;
}

std::vector<std::int64_t> allCells(std::int64_t n)
{
    std::vector<std::int64_t> cells(static_cast<std::size_t>(n));
    std::iota(cells.begin(), cells.end(), 0);
    return cells;
}

// The seed's script runs as written; its lines are those of ../shared/seed/seed.py.
constexpr int kFirstAdd = 10;   // B += 5
constexpr int kTensorOfB = 14;  // D = torch.tensor(B)
constexpr int kSecondAdd = 17;  // B += 5

}  // namespace

class TestSession : public QObject {
    Q_OBJECT

private:
    Trace m_seed;

private slots:
    void initTestCase()
    {
        const std::string source = readText(sourcePath(QStringLiteral("tests/trace/scripts/seed.py")));
        QVERIFY(!source.empty());
        m_seed = recordScript(source);
        QCOMPARE(m_seed.exitStatus, 0);
    }

    void seedHasOneStepPerLine()
    {
        QCOMPARE(m_seed.steps.size(), std::size_t{23});
        for (std::size_t i = 0; i < m_seed.steps.size(); ++i) {
            QCOMPARE(m_seed.steps[i].index, static_cast<int>(i));
            QCOMPARE(m_seed.steps[i].line, static_cast<int>(i) + 1);
        }
    }

    void firstAddWritesExactlyOneBufferSharedByABAndC()
    {
        const Snapshot* step = stepAtLine(m_seed, kFirstAdd);
        QVERIFY(step);
        QCOMPARE(step->writes.size(), std::size_t{1});
        const SnapshotWrite& write = step->writes[0];
        const SnapshotObject* a = objectNamed(*step, "A");
        const SnapshotObject* b = objectNamed(*step, "B");
        const SnapshotObject* c = objectNamed(*step, "C");
        QVERIFY(a && b && c && a->array && b->array && c->array);
        QCOMPARE(write.buffer, a->array->buffer);
        QCOMPARE(b->array->buffer, a->array->buffer);
        QCOMPARE(c->array->buffer, a->array->buffer);
        QCOMPARE(write.elementsWritten, 12);
        QCOMPARE(write.elementsChanged, 12);
        QCOMPARE(write.dtype, std::string("float32"));
        QVERIFY(write.oldValuesKnown);
        QCOMPARE(write.writtenRanges.size(), std::size_t{1});
        QCOMPARE(write.writtenRanges[0], (std::pair<std::int64_t, std::int64_t>{0, 48}));
        for (const SnapshotObject* o : {a, b, c}) {
            QVERIFY(o->array->changed);
            QCOMPARE(o->array->changedCells, allCells(12));
        }
    }

    void firstAddShowsOldAndNewValuesAsRealPyTorchDoes()
    {
        const Snapshot* step = stepAtLine(m_seed, kFirstAdd);
        QVERIFY(step);
        const SnapshotWrite& write = step->writes.at(0);
        QCOMPARE(write.changed.size(), std::size_t{12});
        for (std::size_t i = 0; i < 12; ++i) {
            QCOMPARE(write.changed[i].byteOffset, static_cast<std::int64_t>(4 * i));
            QCOMPARE(write.changed[i].oldValue, elementTextOf(static_cast<float>(i)));
            QCOMPARE(write.changed[i].newValue, elementTextOf(static_cast<float>(i + 5)));
        }
        // Before and after, as each step's values show them.
        const Snapshot* before = stepAtLine(m_seed, kFirstAdd - 1);
        QVERIFY(before);
        QCOMPARE(objectNamed(*before, "A")->array->values.front(), std::string("0.0"));
        QCOMPARE(objectNamed(*step, "A")->array->values.front(), std::string("5.0"));
        QCOMPARE(objectNamed(*step, "C")->array->values.back(), std::string("16.0"));
        QVERIFY(objectNamed(*step, "A")->array->changedCells == objectNamed(*step, "B")->array->changedCells);

        if (!realLibrariesAvailable())
            QSKIP("/usr/bin/python3 has no torch and numpy to confirm the values with");
        const TracePair pair = traceBoth(sourcePath(QStringLiteral("tests/trace/scripts/seed.py")));
        QVERIFY2(pair.real.problem.isEmpty(), qPrintable(pair.real.problem));
        const Snapshot* real = stepAtLine(*pair.real.trace, kFirstAdd);
        QVERIFY(real);
        QCOMPARE(real->writes.size(), std::size_t{1});
        QCOMPARE(real->writes[0].changed.size(), write.changed.size());
        for (std::size_t i = 0; i < write.changed.size(); ++i) {
            QCOMPARE(write.changed[i].oldValue, real->writes[0].changed[i].oldValue);
            QCOMPARE(write.changed[i].newValue, real->writes[0].changed[i].newValue);
        }
    }

    void secondAddChangesABAndCButNotTheCopyD()
    {
        const Snapshot* step = stepAtLine(m_seed, kSecondAdd);
        QVERIFY(step);
        const SnapshotObject* a = objectNamed(*step, "A");
        const SnapshotObject* d = objectNamed(*step, "D");
        QVERIFY(a && d && d->array);
        QVERIFY(d->array->buffer != a->array->buffer);
        QCOMPARE(step->writes.size(), std::size_t{1});
        QCOMPARE(step->writes[0].buffer, a->array->buffer);
        for (const char* name : {"A", "B", "C"})
            QCOMPARE(objectNamed(*step, name)->array->changedCells, allCells(12));
        QVERIFY(!d->array->changed);
        QVERIFY(d->array->changedCells.empty());
        QCOMPARE(d->array->values.front(), std::string("5.0"));
        QCOMPARE(a->array->values.front(), std::string("10.0"));
    }

    void copyingStepAllocatesWithoutWriting()
    {
        const Snapshot* step = stepAtLine(m_seed, kTensorOfB);
        QVERIFY(step);
        QVERIFY(step->writes.empty());
        const SnapshotObject* d = objectNamed(*step, "D");
        QVERIFY(d && d->isNew);
        QVERIFY(!objectNamed(*step, "A")->isNew);
        QCOMPARE(step->buffers.size(), std::size_t{2});
        QVERIFY(step->freedBuffers.empty());
    }

    void seedSharesOneBufferAcrossTwoStoragesAndAnArray()
    {
        const Snapshot& last = m_seed.steps.back();
        const SnapshotObject* a = objectNamed(last, "A");
        const SnapshotObject* b = objectNamed(last, "B");
        const SnapshotObject* c = objectNamed(last, "C");
        QVERIFY(a->array->storage && c->array->storage);
        // from_numpy makes a storage of its own over the same memory.
        QVERIFY(*a->array->storage != *c->array->storage);
        QCOMPARE(a->array->dataPtr, c->array->dataPtr);
        QCOMPARE(b->array->dataPtr, a->array->dataPtr);
        QVERIFY(!b->array->storage);
        QCOMPARE(b->array->flavour, std::string("numpy"));
        QVERIFY(b->array->base);
        QVERIFY(!b->array->ownData);
        // B's base is the tensor behind .numpy(): an object of its own, kept in the snapshot.
        bool baseShown = false;
        for (const SnapshotObject& o : last.objects)
            baseShown |= o.id == *b->array->base && o.type == "torch.Tensor";
        QVERIFY(baseShown);
        QCOMPARE(last.stdoutText.find("0x"), std::string::npos);
        QVERIFY(!last.stdoutText.empty());
    }

    void printedOutputGoesToItsStep()
    {
        std::string traced;
        for (const Snapshot& step : m_seed.steps)
            traced += step.stdoutText;
        std::string printed;
        py::Interpreter interpreter;
        const auto failure = interpreter.run("script.py", readText(sourcePath(QStringLiteral("tests/trace/scripts/seed.py"))),
                                             [&printed](std::string_view text) { printed += text; });
        QVERIFY(!failure);
        QCOMPARE(maskAddresses(traced), maskAddresses(printed));
        QVERIFY(stepAtLine(m_seed, 7)->stdoutText.starts_with("tensor([[ 0.,  1.,  2.,  3.],"));
        QVERIFY(stepAtLine(m_seed, 10)->stdoutText.empty());
        QCOMPARE(stepAtLine(m_seed, 18)->stdoutText, std::string("[[10. 11. 12. 13.]\n [14. 15. 16. 17.]\n [18. 19. 20. 21.]]\n"));
    }

    void freedBuffersAreReportedWhenTheLastViewGoes()
    {
        const Trace trace = recordScript("import torch\nx = torch.zeros(3)\ny = x[1:]\ndel x\ny += 1\ndel y\nz = 1\n");
        QCOMPARE(trace.exitStatus, 0);
        const Snapshot* created = stepAtLine(trace, 2);
        QVERIFY(created && created->buffers.size() == 1);
        const std::uint64_t buffer = created->buffers[0].id;
        QVERIFY(stepAtLine(trace, 4)->freedBuffers.empty());  // y still holds it
        const Snapshot* written = stepAtLine(trace, 5);
        QCOMPARE(written->writes.size(), std::size_t{1});
        QCOMPARE(written->writes[0].elementsChanged, 2);
        QCOMPARE(written->writes[0].changed[0].byteOffset, 4);
        QCOMPARE(objectNamed(*written, "y")->array->changedCells, allCells(2));
        const Snapshot* gone = stepAtLine(trace, 6);
        QCOMPARE(gone->freedBuffers, std::vector<std::uint64_t>{buffer});
        QVERIFY(gone->buffers.empty());
        QVERIFY(stepAtLine(trace, 7)->freedBuffers.empty());
    }

    void writingTheSameValueIsAWriteButNoChange()
    {
        const Trace trace = recordScript("import torch\nx = torch.ones(4)\nx[1:3] = 1\nx[0] = 2\n");
        const Snapshot* same = stepAtLine(trace, 3);
        QCOMPARE(same->writes.size(), std::size_t{1});
        QCOMPARE(same->writes[0].elementsWritten, 2);
        QCOMPARE(same->writes[0].elementsChanged, 0);
        QVERIFY(same->writes[0].changed.empty());
        QVERIFY(!objectNamed(*same, "x")->array->changed);
        const Snapshot* one = stepAtLine(trace, 4);
        QCOMPARE(one->writes[0].elementsChanged, 1);
        QCOMPARE(objectNamed(*one, "x")->array->changedCells, std::vector<std::int64_t>{0});
        QCOMPARE(one->writes[0].changed[0].oldValue, std::string("1.0"));
        QCOMPARE(one->writes[0].changed[0].newValue, std::string("2.0"));
    }

    void writtenAndPutBackWithinAStepIsNoChange()
    {
        const Trace trace = recordScript("import torch\nx = torch.ones(3)\nv = x[1:]\nx.add_(1).sub_(1)\nx[0] = 4; x[0] = 1; x[1] = 6\n");
        const Snapshot* same = stepAtLine(trace, 4);
        QCOMPARE(same->writes.size(), std::size_t{1});
        QCOMPARE(same->writes[0].op, std::string("add_, sub_"));
        QCOMPARE(same->writes[0].elementsWritten, 3);
        QCOMPARE(same->writes[0].elementsChanged, 0);
        QVERIFY(!objectNamed(*same, "x")->array->changed);
        QVERIFY(!objectNamed(*same, "v")->array->changed);
        const Snapshot* one = stepAtLine(trace, 5);
        QCOMPARE(one->writes[0].elementsWritten, 2);
        QCOMPARE(one->writes[0].elementsChanged, 1);
        QCOMPARE(one->writes[0].changed.at(0).byteOffset, 4);
        QCOMPARE(objectNamed(*one, "x")->array->changedCells, std::vector<std::int64_t>{1});
        QCOMPARE(objectNamed(*one, "v")->array->changedCells, std::vector<std::int64_t>{0});
    }

    void memoryAllocatedInAStepIsNewNotWritten()
    {
        const Trace trace = recordScript("import torch\nx = torch.zeros(3).add_(1)\n");
        const Snapshot* step = stepAtLine(trace, 2);
        QVERIFY(step->writes.empty());
        QVERIFY(objectNamed(*step, "x")->isNew);
        QVERIFY(!objectNamed(*step, "x")->array->changed);
    }

    void caughtErrorsStayWithTheLineThatRaised()
    {
        const Trace trace = recordScript("x = 1\ntry:\n    int('x')\nexcept ValueError as e:\n    y = 2\nz = 3\n");
        QCOMPARE(trace.exitStatus, 0);
        QVERIFY(!trace.error);
        const Snapshot* raised = stepAtLine(trace, 3);
        QVERIFY(raised && raised->error);
        QCOMPARE(raised->error->type, std::string("ValueError"));
        QCOMPARE(raised->error->message, std::string("invalid literal for int() with base 10: 'x'"));
        QCOMPARE(raised->error->line, 3);
        QVERIFY(!stepAtLine(trace, 4)->error);
        // `as e` is bound by the except line and unbound when the handler ends, before line 6 begins.
        QCOMPARE(objectNamed(*stepAtLine(trace, 4), "e")->type, std::string("ValueError"));
        QVERIFY(!objectNamed(*stepAtLine(trace, 5), "e"));
    }

    void uncaughtErrorEndsTheTraceWithItsTraceback()
    {
        const Trace trace = recordScript("import torch\nx = torch.ones(2)\ny = x.view(3)\nz = 1\n");
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.error);
        QCOMPARE(trace.steps.back().line, 3);
        QVERIFY(trace.steps.back().error);
        QCOMPARE(trace.steps.back().error->type, std::string("RuntimeError"));
        QVERIFY(trace.error->traceback.starts_with("Traceback (most recent call last):\n"));
        QVERIFY(trace.error->traceback.ends_with("RuntimeError: " + trace.error->message + "\n"));
    }

    void syntaxErrorGivesATraceWithoutSteps()
    {
        const Trace trace = recordScript("x = (1,\n");
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.steps.empty());
        QVERIFY(trace.error);
        QCOMPARE(trace.error->type, std::string("SyntaxError"));
    }

    void namesAreBoundInFirstBindingOrderWithoutModules()
    {
        const Trace trace = recordScript("import numpy as np\nb = 1\na = 2\nb = 3\ndel a\na = 4\n");
        std::vector<std::string> names;
        for (const SnapshotName& n : trace.steps.back().names)
            names.push_back(n.name);
        QCOMPARE(names, (std::vector<std::string>{"b", "a"}));
        QCOMPARE(objectNamed(trace.steps.back(), "b")->repr, std::string("3"));
    }

    void stepCapStopsAnEndlessScript()
    {
        SessionOptions options;
        options.trace.maxSteps = 50;
        const Trace trace = recordScript("n = 0\nwhile True:\n    n += 1\n", options);
        QCOMPARE(trace.steps.size(), std::size_t{50});
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.error);
        QCOMPARE(trace.error->type, std::string("RuntimeError"));
        QCOMPARE(trace.error->message, std::string("aliasview stopped the script: a trace records at most 50 steps"));
    }

    void stepCapCannotBeCaught()
    {
        SessionOptions options;
        options.trace.maxSteps = 20;
        const Trace trace = recordScript("n = 0\nwhile True:\n    try:\n        n += 1\n    except BaseException:\n        pass\n", options);
        QCOMPARE(trace.exitStatus, 1);
        QCOMPARE(trace.steps.size(), std::size_t{20});
    }

    void interpreterBudgetEndsTheTrace()
    {
        SessionOptions options;
        options.run.maxSteps = 1000;
        const Trace trace = recordScript("n = 0\nwhile True:\n    n += 1\n", options);
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.error);
        QVERIFY(trace.error->message.find("budget") != std::string::npos);
        QVERIFY(trace.steps.size() < 1000);
    }

    void timeBudgetIsLookedAtOnEveryLine()
    {
        // Three statements are far from the 1024 steps between the interpreter's other looks at the clock:
        // a budget already spent stops the run at the first line all the same.
        SessionOptions options;
        options.run.wallClockSeconds = 0.0;
        const Trace trace = recordScript("a = 1\nb = 2\nc = 3\n", options);
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.error);
        QCOMPARE(trace.error->message, std::string("aliasview stopped the script: it ran past its time budget of 0.0 seconds"));
        QCOMPARE(trace.error->line, 1);
    }

    void cancelStopsTheRunAtItsNextLine()
    {
        std::atomic<bool> cancel{false};
        SessionOptions options;
        options.run.cancel = &cancel;
        QCOMPARE(recordScript("a = 1\nb = 2\n", options).exitStatus, 0);
        // Set from another thread while an endless loop runs (the window's Cancel button).
        options.run.wallClockSeconds = 600;
        options.run.maxSteps = std::numeric_limits<std::int64_t>::max();
        options.trace.maxSteps = std::numeric_limits<std::int64_t>::max();
        std::thread canceller([&cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancel = true;
        });
        const Trace trace = recordScript("n = 0\nwhile True:\n    n += 1\n", options);
        canceller.join();
        QCOMPARE(trace.exitStatus, 1);
        QVERIFY(trace.error);
        QCOMPARE(trace.error->type, std::string("RuntimeError"));
        QCOMPARE(trace.error->message, std::string("aliasview stopped the script: the recording was cancelled"));
        QVERIFY(trace.error->line == 2 || trace.error->line == 3);
    }

    void largeTensorsStayCheapToTrace()
    {
        // 2^26 float32 elements: 256 MB. Each step keeps a few dozen values, never the buffer.
        const Trace trace = recordScript("import torch\nx = torch.zeros(2**26)\nfor i in range(3):\n    x += 1\nx[::2] = 5\n");
        QCOMPARE(trace.exitStatus, 0);
        const Snapshot* add = stepAtLine(trace, 4, 2);
        QVERIFY(add);
        const SnapshotArray& x = *objectNamed(*add, "x")->array;
        QVERIFY(x.summarized);
        QCOMPARE(x.values.size(), std::size_t{6});
        QCOMPARE(x.cellIndex, (std::vector<std::int64_t>{0, 1, 2, (1 << 26) - 3, (1 << 26) - 2, (1 << 26) - 1}));
        QCOMPARE(x.values.front(), std::string("3.0"));
        QVERIFY(x.changed);
        QCOMPARE(x.changedCells, x.cellIndex);
        QCOMPARE(add->buffers.at(0).values.size(), std::size_t{1024});
        QVERIFY(add->buffers.at(0).truncated);
        const SnapshotWrite& write = add->writes.at(0);
        QCOMPARE(write.elementsWritten, std::int64_t{1} << 26);
        QCOMPARE(write.elementsChanged, std::int64_t{1} << 26);
        QCOMPARE(write.changed.size(), std::size_t{1000});
        QVERIFY(write.truncated);
        QCOMPARE(write.changed.back().newValue, std::string("3.0"));

        const Snapshot* strided = stepAtLine(trace, 5);
        const SnapshotWrite& every2 = strided->writes.at(0);
        QCOMPARE(every2.elementsWritten, std::int64_t{1} << 25);
        QCOMPARE(every2.writtenRanges.size(), std::size_t{1000});
        QVERIFY(every2.writtenRangesTruncated);
        QCOMPARE(objectNamed(*strided, "x")->array->changedCells,
                 (std::vector<std::int64_t>{0, 2, (1 << 26) - 2}));
        // The whole trace, as JSON, stays small.
        QVERIFY(writeTraceJson(trace).size() < 1'000'000);
    }

    void jsonRoundTripKeepsEveryField()
    {
        const std::string text = writeTraceJson(m_seed, 1);
        const Trace back = readTraceJson(text);
        QCOMPARE(writeTraceJson(back, 1), text);
        QCOMPARE(back.steps.size(), m_seed.steps.size());
        const auto json = nlohmann::json::parse(text);
        QCOMPARE(json.at("version").get<int>(), 1);
        QVERIFY(json.at("steps").at(9).at("writes").at(0).contains("writtenRanges"));
    }

    void readingRefusesOtherVersionsAndNamesTheMissingField()
    {
        try {
            readTraceJson(R"({"version": 2, "steps": []})");
            QFAIL("version 2 was accepted");
        } catch (const TraceFormatError& error) {
            QVERIFY2(std::string(error.what()).find("version 2 is not supported") != std::string::npos, error.what());
        }
        try {
            readTraceJson(R"({"version": 1, "steps": [{"line": 1, "names": [], "objects": [{"id": 5, "type": "torch.Tensor", "array": {"shape": [2], "strides": [1]}}]}]})");
            QFAIL("an array without dtype was accepted");
        } catch (const TraceFormatError& error) {
            QCOMPARE(std::string(error.what()), std::string("trace.steps[0].objects[0].array: missing field 'dtype'"));
        }
        try {
            readTraceJson("not json");
            QFAIL("garbage was accepted");
        } catch (const TraceFormatError& error) {
            QVERIFY(std::string(error.what()).starts_with("not a JSON trace"));
        }
    }

private:
    static std::string elementTextOf(float value)
    {
        std::byte bytes[4];
        std::memcpy(bytes, &value, 4);
        return elementText(DType::Float32, bytes);
    }
};

AV_TEST_MAIN(TestSession)
#include "tst_session.moc"
