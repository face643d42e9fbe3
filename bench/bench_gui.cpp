// The window's cost, from Step to a painted frame, on Qt's offscreen platform (QT_QPA_PLATFORM=offscreen
// unless it is set already): the real MainWindow, its SessionController, GraphScene and GraphView.
//
// A frame here is what the user waits for after pressing Step (F10): MainWindow::step() (the shown
// Snapshot goes to the scene, the editor, the console, "What happened", the Inspector and the timeline)
// then a render of the graph view's viewport (QWidget::grab(), the whole visible graph painted into an
// image). The reported time is step + grab. Counters split it and add:
//   step_ms    MainWindow::step() alone
//   grab_ms    the viewport render alone
//   paint_ms   what the event loop does next: the repaint of every widget the step dirtied, into the
//              offscreen backing store (the frame the window itself would show)
//   record_ms  Session::record of the whole script: the engine runs it and takes every step's Snapshot.
//              The window pays it once, when the script is opened or edited (the first Step after an
//              edit), not on each step; per-step costs above start from the recorded trace.
// Scene animations are off (GraphScene::setAnimated(false)), so the frame shows a step's final state; with
// them on, the first frame costs the same and ~450 ms of animation frames follow.
//
// Cases (goals in brackets): (a) each step of the bundled walkthrough [16 ms]; (b) the step that makes the
// 200th object of ~100 elements [16 ms]; (c) the step that writes a tensor of 10^7 elements [16 ms]; (d) Back
// at step 1000 of a 1000-step script [50 ms]; (e) start to first frame: MainWindow constructed, walkthrough
// opened (and recorded), shown and painted [0.5 s]; (f) peak RSS (VmHWM) over a 100-step walkthrough of a
// 256 MiB tensor, recorded and stepped through in the window [2 GB], and the longest the window's event loop
// was held while the script opened and recorded (open_longest_hold_ms).

#include "engine/session/session.h"
#include "ui/graphscene.h"
#include "ui/graphview.h"
#include "ui/mainwindow.h"
#include "ui/sessioncontroller.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QPixmap>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using av::ui::MainWindow;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// ---- scripts ----------------------------------------------------------------------------------------------

const QString kWalkthroughPath = QStringLiteral(":/walkthroughs/01-ndarray-tensor.py");

std::string walkthroughScript()
{
    QFile file(kWalkthroughPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

// (b): 200 objects of 100 elements (10x10), one name each, the way a tutorial makes them: fresh tensors
// and arrays, and conversions that share their buffers. 250 cards over 100 buffers: each `t.numpy()` keeps
// a tensor of its own alive as the ndarray's .base, as PyTorch does, and the scene shows it.
constexpr int kManyObjects = 200;

std::string manyObjectsScript()
{
    std::ostringstream s;
    s << "import torch\nimport numpy as np\n";
    for (int i = 0; i < kManyObjects; ++i) {
        switch (i % 4) {
        case 0: s << "o" << i << " = torch.arange(100, dtype=torch.float32).reshape(10, 10) + " << i << "\n"; break;
        case 1: s << "o" << i << " = o" << i - 1 << ".numpy()\n"; break;
        case 2: s << "o" << i << " = np.arange(100).reshape(10, 10) * " << i << "\n"; break;
        default: s << "o" << i << " = torch.from_numpy(o" << i - 1 << ")\n"; break;
        }
    }
    return s.str();
}

// (c): one tensor of 10^7 float32 elements; the measured step is the in-place add that writes all of it.
std::string bigTensorScript(bool withWrite)
{
    std::string s = "import torch\nt = torch.zeros(10_000_000)\n";
    if (withWrite)
        s += "t += 1\n";
    return s;
}

// (d): 1000 lines, one step each: the walkthrough's conversions, then in-place writes through them.
constexpr int kLongSteps = 1000;

std::string longScript()
{
    std::ostringstream s;
    s << "import torch\nimport numpy as np\n"
         "A = torch.arange(12, dtype=torch.float32).reshape((3, 4))\n"
         "B = A.detach().numpy()\n"
         "C = torch.from_numpy(B)\n"
         "D = torch.tensor(B)\n"
         "E = A.T\n";
    for (int i = 8; i <= kLongSteps; ++i) {
        switch (i % 5) {
        case 0: s << "B += 1\n"; break;
        case 1: s << "A[" << i % 3 << "] += 2\n"; break;
        case 2: s << "C[:, " << i % 4 << "] -= 1\n"; break;
        case 3: s << "D += 1\n"; break;
        default: s << "E[" << i % 4 << ", " << i % 3 << "] = " << i << "\n"; break;
        }
    }
    return s.str();
}

// (f): the walkthrough's story on a 256 MiB tensor (2^26 float32), 100 steps: shared views, a copy, and
// in-place writes through every name.
constexpr int kBigSteps = 100;

std::string bigWalkthroughScript()
{
    std::ostringstream s;
    s << "import torch\nimport numpy\n"
         "A = torch.arange(2**26, dtype=torch.float32).reshape((8192, 8192))\n"
         "B = A.detach().numpy()\n"
         "C = torch.from_numpy(B)\n"
         "B += 5\n"
         "D = torch.tensor(B)\n"
         "B += 5\n"
         "E = A.T\n"
         "F = B[::2, ::2]\n";
    for (int i = 11; i <= kBigSteps; ++i) {
        switch (i % 6) {
        case 0: s << "B += 1\n"; break;
        case 1: s << "A[" << i << "] += 2\n"; break;
        case 2: s << "C[:, " << i << "] -= 1\n"; break;
        case 3: s << "D[" << i << ", :100] += 1\n"; break;
        case 4: s << "E[" << i << "] *= 2\n"; break;
        default: s << "F += 1\n"; break;
        }
    }
    return s.str();
}

// ---- measuring ----------------------------------------------------------------------------------------------

std::int64_t procStatusKb(std::string_view key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() && line[key.size()] == ':')
            return std::stoll(line.substr(key.size() + 1));
    return -1;
}

// Linux: writing 5 to clear_refs resets VmHWM to the current RSS.
bool resetPeakRss()
{
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// Lets the event loop run what is pending: queued scene updates, the repaint, deferred deletes.
void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

double recordMs(const std::string& source, int repeats = 3)
{
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        av::engine::SessionOptions options;
        options.run.wallClockSeconds = 600;
        av::engine::Session session(options);
        benchmark::DoNotOptimize(session.record("bench.py", source));
        best = std::min(best, msSince(start));
    }
    return best;
}

// A shown window on a script, animations off, its viewport's paints counted.
struct Window {
    MainWindow window;
    PaintCounter viewPaints;

    Window(const std::string& source, const QString& name)
    {
        window.scene()->setAnimated(false);
        window.openText(QString::fromStdString(source), name);
        window.show();
        window.view()->viewport()->installEventFilter(&viewPaints);
        settle();
    }
    av::ui::SessionController& controller() { return *window.controller(); }
    int lastStep() { return controller().stepCount() - 1; }
};

struct FrameSums {
    double step = 0, grab = 0, paint = 0;
    int viewPaints = 0;
    std::int64_t frames = 0;
};

// One frame: `action` (Step or Back), the viewport rendered, then the event loop's repaint.
// Returns step + grab in ms (the caller reports it as the iteration's time).
template <typename Action>
double frame(Window& w, FrameSums& sums, Action action)
{
    const int paintsBefore = w.viewPaints.paints;
    auto start = Clock::now();
    action();
    const double step = msSince(start);
    start = Clock::now();
    QPixmap pixmap = w.window.view()->viewport()->grab();
    benchmark::DoNotOptimize(pixmap);
    const double grab = msSince(start);
    start = Clock::now();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    const double paint = msSince(start);
    sums.step += step;
    sums.grab += grab;
    sums.paint += paint;
    sums.viewPaints += w.viewPaints.paints - paintsBefore;
    ++sums.frames;
    return step + grab;
}

void reportFrames(benchmark::State& state, const FrameSums& sums, Window& w)
{
    const double n = static_cast<double>(std::max<std::int64_t>(1, sums.frames));
    state.counters["step_ms"] = sums.step / n;
    state.counters["grab_ms"] = sums.grab / n;
    state.counters["paint_ms"] = sums.paint / n;
    state.counters["frame_ms"] = (sums.step + sums.grab) / n;
    // Grab renders the viewport itself (counted as a paint); the event loop's repaint adds one more.
    state.counters["view_paints"] = sums.viewPaints / n;
    state.counters["cards"] = static_cast<double>(w.window.scene()->cardIds().size());
    state.counters["blocks"] = static_cast<double>(w.window.scene()->blockIds().size());
    const QSize viewport = w.window.view()->viewport()->size();
    state.counters["viewport_w"] = viewport.width();
    state.counters["viewport_h"] = viewport.height();
}

std::string lineOf(const std::string& source, int line)
{
    std::istringstream in(source);
    std::string text;
    for (int i = 1; std::getline(in, text); ++i)
        if (i == line)
            return text;
    return {};
}

// Step from step `index - 1` to `index` (0-based) of `source`, over and over.
void measureStep(benchmark::State& state, const std::string& source, int index, bool fit)
{
    Window w(source, QStringLiteral("bench.py"));
    if (index > w.lastStep()) {
        state.SkipWithError("the script has fewer steps");
        return;
    }
    const auto& snapshot = w.controller().trace().steps[static_cast<std::size_t>(index)];
    state.SetLabel(lineOf(source, snapshot.line));
    FrameSums sums;
    for (auto _ : state) {
        w.controller().goToStep(index - 1);
        if (fit)
            w.window.view()->fitToView();
        settle();
        state.SetIterationTime(frame(w, sums, [&] { w.window.step(); }) / 1000.0);
    }
    reportFrames(state, sums, w);
    state.counters["record_ms"] = recordMs(source);
}

int stepRunning(const std::string& source, std::string_view linePrefix)
{
    av::engine::Session session;
    const av::engine::Trace trace = session.record("bench.py", source);
    for (const auto& snapshot : trace.steps)
        if (lineOf(source, snapshot.line).rfind(linePrefix, 0) == 0)
            return snapshot.index;
    return -1;
}

// ---- the cases ----------------------------------------------------------------------------------------------

// (a) registered per step in main().
void BM_walkthrough_step(benchmark::State& state)
{
    measureStep(state, walkthroughScript(), static_cast<int>(state.range(0)), false);
}

// (b) the step that makes the 200th object: at the window's zoom (the top of the graph in view), and with
// the whole graph fitted into the view (all 200 cards painted, small).
void BM_many_objects_200th(benchmark::State& state)
{
    const std::string source = manyObjectsScript();
    std::string last = "o";  // the line making the last one: "o199 = ..."
    last += std::to_string(kManyObjects - 1);
    last += " =";
    measureStep(state, source, stepRunning(source, last), state.range(0) != 0);
}

// (c) the step that writes all 10^7 elements; record_step_ms is what recording that step adds to the
// script's recording (its run plus its Snapshot: the changed bytes found, values summarized).
void BM_tensor_1e7_write(benchmark::State& state)
{
    const std::string source = bigTensorScript(true);
    measureStep(state, source, stepRunning(source, "t += 1"), false);
    state.counters["record_step_ms"] = recordMs(source) - recordMs(bigTensorScript(false));
}

// (d) Back from the last step of a 1000-step script.
void BM_back_at_1000(benchmark::State& state)
{
    const std::string source = longScript();
    Window w(source, QStringLiteral("bench.py"));
    if (w.lastStep() + 1 != kLongSteps) {
        state.SkipWithError(("the script has " + std::to_string(w.lastStep() + 1) + " steps, not 1000").c_str());
        return;
    }
    FrameSums sums;
    for (auto _ : state) {
        w.controller().goToStep(w.lastStep());
        settle();
        state.SetIterationTime(frame(w, sums, [&] { w.window.back(); }) / 1000.0);
    }
    reportFrames(state, sums, w);
    state.counters["steps"] = w.lastStep() + 1;
    state.counters["record_ms"] = recordMs(source, 1);
}

// (e) From nothing to the first painted frame: the window built, the walkthrough opened (which records
// it), shown, and painted by the event loop. QApplication itself is made once, before; see the README for
// the whole process, exec to PNG.
void BM_start_to_first_frame(benchmark::State& state)
{
    QFile file(kWalkthroughPath);
    file.open(QIODevice::ReadOnly);
    const QString text = QString::fromUtf8(file.readAll());
    double construct = 0, open = 0, show = 0;
    for (auto _ : state) {
        auto start = Clock::now();
        auto* window = new MainWindow;
        window->scene()->setAnimated(false);
        const double c = msSince(start);
        start = Clock::now();
        window->openText(text, QStringLiteral("01-ndarray-tensor.py"));
        const double o = msSince(start);
        PaintCounter paints;
        start = Clock::now();
        window->show();
        window->view()->viewport()->installEventFilter(&paints);
        for (int i = 0; i < 10 && paints.paints == 0; ++i)
            QCoreApplication::processEvents();
        const double s = msSince(start);
        if (paints.paints == 0) {
            state.SkipWithError("the graph view was never painted");
            delete window;
            return;
        }
        state.SetIterationTime((c + o + s) / 1000.0);
        construct += c;
        open += o;
        show += s;
        delete window;
        settle();
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["construct_ms"] = construct / n;
    state.counters["open_ms"] = open / n;
    state.counters["show_paint_ms"] = show / n;
}

// (f) Peak RSS over a 100-step walkthrough of a 256 MiB tensor, painting each step. VmHWM is reset first,
// so earlier cases do not count. The window records the script itself, as on Open (open_ms); its 5 s
// recording budget would end the trace early (the label says so), but the interpreter looks at the clock
// only every 1024 ticks, which 100 statements never reach.
void BM_peak_rss_256MiB_walkthrough(benchmark::State& state)
{
    const std::string source = bigWalkthroughScript();
    for (auto _ : state) {
        settle();
        malloc_trim(0);  // what earlier cases freed goes back to the system, so it does not count here
        const bool reset = resetPeakRss();
        const std::int64_t before = procStatusKb("VmRSS");
        // How long at a time the window's event loop was held while the script opened (and recorded): the
        // longest gap between two ticks of a 10 ms timer.
        double longestHold = 0;
        auto lastTick = Clock::now();
        QTimer ticker;
        ticker.setInterval(10);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            longestHold = std::max(longestHold, msSince(lastTick));
            lastTick = Clock::now();
        });
        ticker.start();
        auto start = Clock::now();
        auto window = std::make_unique<Window>(source, QStringLiteral("big.py"));
        const double open = msSince(start);
        longestHold = std::max(longestHold, msSince(lastTick));
        ticker.stop();
        const int steps = window->lastStep() + 1;
        FrameSums sums;
        for (int i = 0; i < steps; ++i)
            frame(*window, sums, [&] { window->window.step(); });
        const double total = msSince(start);
        state.SetIterationTime(total / 1000.0);
        const std::int64_t peak = procStatusKb("VmHWM");
        const std::int64_t after = procStatusKb("VmRSS");
        reportFrames(state, sums, *window);
        state.counters["peak_rss_MB"] = static_cast<double>(peak) / 1024.0;
        state.counters["rss_before_MB"] = static_cast<double>(before) / 1024.0;
        state.counters["rss_after_MB"] = static_cast<double>(after) / 1024.0;
        state.counters["hwm_reset"] = reset ? 1 : 0;
        state.counters["steps"] = steps;
        state.counters["open_ms"] = open;
        state.counters["open_longest_hold_ms"] = longestHold;
        const auto& error = window->controller().trace().error;
        state.SetLabel(error ? "stopped: " + error->type + ": " + error->message : "all steps");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::string_view(argv[1]) == "--write-scripts") {
        const std::string dir = argv[2];
        std::ofstream(dir + "/many_objects.py") << manyObjectsScript();
        std::ofstream(dir + "/tensor_1e7.py") << bigTensorScript(true);
        std::ofstream(dir + "/steps_1000.py") << longScript();
        std::ofstream(dir + "/walkthrough_256MiB.py") << bigWalkthroughScript();
        return 0;
    }
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The offscreen platform warns on every dock and toolbar layout that it cannot propagate size hints.
    static const QtMessageHandler qtHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& message) {
        if (!message.startsWith(QStringLiteral("This plugin does not support")))
            qtHandler(type, context, message);
    });
    QApplication app(argc, argv);
    // Its own settings, so the benchmark leaves the user's recent files and language alone.
    QApplication::setOrganizationName(QStringLiteral("aliasview-bench"));
    QApplication::setApplicationName(QStringLiteral("aliasview-bench"));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::AddCustomContext("qpa_platform", QGuiApplication::platformName().toStdString());

    const int walkthroughSteps = [] {
        av::engine::Session session;
        return static_cast<int>(session.record("walkthrough.py", walkthroughScript()).steps.size());
    }();
    for (int i = 0; i < walkthroughSteps; ++i)
        benchmark::RegisterBenchmark("walkthrough_step", BM_walkthrough_step)->Arg(i)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("many_objects_200th", BM_many_objects_200th)
        ->ArgName("fit")->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("tensor_1e7_write", BM_tensor_1e7_write)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("back_at_1000", BM_back_at_1000)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("start_to_first_frame", BM_start_to_first_frame)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("peak_rss_256MiB_walkthrough", BM_peak_rss_256MiB_walkthrough)
        ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
