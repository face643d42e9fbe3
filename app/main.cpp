// The aliasview command line: `aliasview run FILE.py` runs a script as python3 would print it;
// `aliasview trace FILE.py` records it step by step as JSON (docs/trace-format.md); `--list-ops` prints
// every supported name; `--version` says which libraries the engine reproduces; `--screenshot OUT.png` opens
// the window, steps it and saves a picture of it (for the README and slides).

#include "engine/python/interpreter.h"
#include "engine/python/registry.h"
#include "engine/session/session.h"
#include "engine/session/tracejson.h"
#include "engine/version.h"
#include "ui/exportrenderer.h"
#include "ui/graphscene.h"
#include "ui/graphview.h"
#include "ui/mainwindow.h"
#include "ui/sessioncontroller.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>
#include <QPixmap>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

void printVersion()
{
    std::printf("aliasview %.*s (engine matching PyTorch %.*s and NumPy %.*s)\n",
                static_cast<int>(av::engine::engineVersion().size()), av::engine::engineVersion().data(),
                static_cast<int>(av::engine::kMatchesTorch.size()), av::engine::kMatchesTorch.data(),
                static_cast<int>(av::engine::kMatchesNumpy.size()), av::engine::kMatchesNumpy.data());
}

void printUsage(std::FILE* out)
{
    std::fprintf(out,
                 "usage: aliasview [FILE.py | TRACE.json]\n"
                 "       aliasview run FILE.py [--max-steps N] [--timeout SECONDS]\n"
                 "       aliasview trace FILE.py [-o FILE.json] [--max-steps N] [--timeout SECONDS]\n"
                 "       aliasview export FILE.py -o OUT [--format png|svg|pdf] [--step N | --all] [--scale S]\n"
                 "                        [--stable-addresses] [--lang zh_CN] [--theme print]\n"
                 "       aliasview --list-ops [--markdown]\n"
                 "       aliasview --screenshot OUT.png [--step N] [--size WxH] [FILE]\n"
                 "       aliasview --version\n"
                 "\n"
                 "  (no command) opens the window on FILE.py, a trace, or the bundled walkthrough\n"
                 "  run         runs FILE.py with aliasview's own engine and prints what python3 with\n"
                 "              PyTorch 1.13.1 and NumPy 1.24 would print; exit status 1 on an uncaught error\n"
                 "  trace       runs FILE.py and writes its step-by-step trace as JSON (to stdout, or to\n"
                 "              -o FILE.json); the script's output goes into the trace; exit status 1 when\n"
                 "              the script failed, 2 on bad arguments\n"
                 "  export      draws steps of FILE.py as figures (graph, code, narration, console): --step N\n"
                 "              (1-based) into the file OUT, or --all: for png/svg OUT is a folder that gets\n"
                 "              step-001.png ..., for pdf one file with a page per step (the default for pdf;\n"
                 "              png and svg default to the last step); the format comes from --format or OUT's\n"
                 "              suffix; --stable-addresses draws buffers at 0x1000, 0x2000 ... so figures of\n"
                 "              the same script are identical; a failing script gets a last page with its\n"
                 "              traceback and exit status 1; 2 on bad arguments\n"
                 "  --list-ops  every torch, numpy and builtin name aliasview supports\n"
                 "  --screenshot  (for developers) opens the window on FILE or the walkthrough, steps N times\n"
                 "              (default: until it has run the first line that starts with `B += 5`, or to the\n"
                 "              end), saves the whole window as a PNG (--size: the window's size, default\n"
                 "              1400x860) and prints its path; needs no display (uses QT_QPA_PLATFORM=offscreen\n"
                 "              when none is set)\n");
}

bool readFile(const std::string& path, std::string& text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

void writeOut(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

void writeErr(std::string_view text)
{
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
}

int runCommand(const std::vector<std::string>& args)
{
    std::string file;
    av::engine::py::RunLimits limits;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--max-steps" || a == "--timeout") && i + 1 < args.size()) {
            try {
                if (a == "--max-steps")
                    limits.maxSteps = std::stoll(args[++i]);
                else
                    limits.wallClockSeconds = std::stod(args[++i]);
            } catch (...) {
                std::fprintf(stderr, "aliasview run: %s expects a number, got '%s'\n", a.c_str(), args[i].c_str());
                return 2;
            }
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "aliasview run: unknown option '%s'\n", a.c_str());
            return 2;
        } else if (file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "aliasview run: one script at a time (got '%s' and '%s')\n", file.c_str(), a.c_str());
            return 2;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "aliasview run: which script? usage: aliasview run FILE.py\n");
        return 2;
    }
    std::string source;
    if (!readFile(file, source)) {
        // python3's own words for a missing script.
        std::fprintf(stderr, "aliasview: can't open file '%s': [Errno 2] No such file or directory\n", file.c_str());
        return 2;
    }
    av::engine::py::Interpreter interpreter(limits);
    const auto failure = interpreter.run(file, source, writeOut, writeErr);
    std::fflush(stdout);
    if (failure) {
        writeErr(failure->traceback);
        return 1;
    }
    return 0;
}

// `aliasview trace FILE.py [-o OUT.json]`: the script's stdout and stderr go into the trace, and the command
// itself prints nothing but the JSON (or, with -o, nothing at all), so it can be piped.
int traceCommand(const std::vector<std::string>& args)
{
    std::string file;
    std::string output;
    av::engine::SessionOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--max-steps" || a == "--timeout") && i + 1 < args.size()) {
            try {
                if (a == "--max-steps")
                    options.run.maxSteps = std::stoll(args[++i]);
                else
                    options.run.wallClockSeconds = std::stod(args[++i]);
            } catch (...) {
                std::fprintf(stderr, "aliasview trace: %s expects a number, got '%s'\n", a.c_str(), args[i].c_str());
                return 2;
            }
        } else if ((a == "-o" || a == "--output") && i + 1 < args.size()) {
            output = args[++i];
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "aliasview trace: unknown option '%s'\n", a.c_str());
            return 2;
        } else if (file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "aliasview trace: one script at a time (got '%s' and '%s')\n", file.c_str(), a.c_str());
            return 2;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "aliasview trace: which script? usage: aliasview trace FILE.py [-o FILE.json]\n");
        return 2;
    }
    std::string source;
    if (!readFile(file, source)) {
        std::fprintf(stderr, "aliasview: can't open file '%s': [Errno 2] No such file or directory\n", file.c_str());
        return 2;
    }
    av::engine::Session session(options);
    const av::engine::Trace trace = session.record(file, source);
    const std::string json = av::engine::writeTraceJson(trace, 1);
    if (output.empty()) {
        writeOut(json);
        std::fflush(stdout);
    } else {
        std::ofstream out(output, std::ios::binary);
        out << json;
        out.close();
        if (!out) {
            std::fprintf(stderr, "aliasview trace: cannot write '%s'\n", output.c_str());
            return 2;
        }
    }
    return trace.exitStatus == 0 ? 0 : 1;
}

bool hasDisplay();

// `aliasview export FILE.py -o OUT ...`: figures without a window (offscreen when there is no display).
int exportCommand(int argc, char** argv, const std::vector<std::string>& args)
{
    auto bad = [](const std::string& message) {
        std::fprintf(stderr, "aliasview export: %s\n", message.c_str());
        std::fprintf(stderr, "usage: aliasview export FILE.py -o OUT [--format png|svg|pdf] [--step N | --all] [--scale S] "
                             "[--stable-addresses] [--lang zh_CN] [--theme print]\n");
        return 2;
    };
    std::string file;
    std::string output;
    std::string formatName;
    std::string language = "en";
    long long step = 0;  // 1-based; 0: not given
    bool all = false;
    av::ui::ExportOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool takesValue = a == "-o" || a == "--output" || a == "--format" || a == "--step" || a == "--scale" ||
                                a == "--lang" || a == "--theme";
        if (takesValue && i + 1 >= args.size())
            return bad(a + " expects a value");
        if (a == "-o" || a == "--output") {
            output = args[++i];
        } else if (a == "--format") {
            formatName = args[++i];
        } else if (a == "--step") {
            const std::string& v = args[++i];
            try {
                std::size_t used = 0;
                step = std::stoll(v, &used);
                if (used != v.size() || step < 1)
                    throw std::invalid_argument(v);
            } catch (...) {
                return bad("--step expects a step number from 1, got '" + v + "'");
            }
        } else if (a == "--scale") {
            const std::string& v = args[++i];
            try {
                std::size_t used = 0;
                options.scale = std::stod(v, &used);
                if (used != v.size() || !(options.scale > 0) || options.scale > 16)
                    throw std::invalid_argument(v);
            } catch (...) {
                return bad("--scale expects a number above 0 and at most 16, got '" + v + "'");
            }
        } else if (a == "--lang") {
            language = args[++i];
            if (language != "en" && language != "zh_CN")
                return bad("--lang is en or zh_CN, got '" + language + "'");
        } else if (a == "--theme") {
            const std::string& v = args[++i];
            if (v != "print" && v != "screen" && v != "default")
                return bad("--theme is print or default, got '" + v + "'");
            options.printTheme = v == "print";
        } else if (a == "--all") {
            all = true;
        } else if (a == "--stable-addresses") {
            options.stableAddresses = true;
        } else if (!a.empty() && a[0] == '-') {
            return bad("unknown option '" + a + "'");
        } else if (file.empty()) {
            file = a;
        } else {
            return bad("one script at a time (got '" + file + "' and '" + a + "')");
        }
    }
    if (file.empty())
        return bad("which script?");
    if (output.empty())
        return bad("where to? give -o OUT");
    if (all && step)
        return bad("--step and --all exclude each other");
    av::ui::ExportFormat format = av::ui::ExportFormat::Png;
    if (formatName.empty()) {
        const QString suffix = QFileInfo(QString::fromStdString(output)).suffix();
        if (!av::ui::exportFormatFromName(suffix, format)) {
            if (!all)
                return bad("which format? give --format png|svg|pdf or an OUT ending in .png, .svg or .pdf");
            format = av::ui::ExportFormat::Png;  // --all into a folder
        }
    } else if (!av::ui::exportFormatFromName(QString::fromStdString(formatName), format)) {
        return bad("--format is png, svg or pdf, got '" + formatName + "'");
    }
    if (format == av::ui::ExportFormat::Pdf && !step)
        all = true;
    std::string source;
    if (!readFile(file, source)) {
        std::fprintf(stderr, "aliasview: can't open file '%s': [Errno 2] No such file or directory\n", file.c_str());
        return 2;
    }

    if (!hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aliasview"));
    QApplication::setApplicationName(QStringLiteral("aliasview"));
    options.language = QString::fromStdString(language);

    av::engine::Session session{av::engine::SessionOptions{}};
    const av::engine::Trace trace = session.record(file, source);
    av::ui::ExportRenderer renderer(trace, options);
    const int pages = renderer.pageCount();
    const int failed = trace.exitStatus == 0 && !trace.error ? 0 : 1;
    if (pages == 0) {
        std::fprintf(stderr, "aliasview export: '%s' ran no step; nothing to draw\n", file.c_str());
        return failed ? 1 : 2;
    }
    if (step > pages)
        return bad("--step " + std::to_string(step) + " is past the last step (" + std::to_string(pages) + ")");

    const bool tty = isatty(fileno(stderr));
    auto progress = [&](int page) {
        if (tty)
            std::fprintf(stderr, "\rexporting step %d/%d", page + 1, pages);
        return true;
    };
    const QString out = QString::fromStdString(output);
    QString error;
    bool ok = true;
    // A single file's folder is made as needed, as the folder of a --all sequence is.
    if ((format == av::ui::ExportFormat::Pdf || !all) && !QDir().mkpath(QFileInfo(out).absolutePath())) {
        std::fprintf(stderr, "aliasview export: cannot create the folder of '%s'\n", output.c_str());
        return 2;
    }
    if (format == av::ui::ExportFormat::Pdf) {
        const int first = all ? 0 : static_cast<int>(step) - 1;
        const int last = all ? pages - 1 : first;
        ok = renderer.savePdf(out, first, last, &error, progress);
    } else if (all) {
        if (!QDir().mkpath(out)) {
            std::fprintf(stderr, "aliasview export: cannot create the folder '%s'\n", output.c_str());
            return 2;
        }
        const QString suffix = format == av::ui::ExportFormat::Png ? QStringLiteral("png") : QStringLiteral("svg");
        for (int page = 0; page < pages && ok; ++page) {
            progress(page);
            const QString name = QStringLiteral("step-%1.%2").arg(page + 1, 3, 10, QLatin1Char('0')).arg(suffix);
            ok = renderer.save(QDir(out).filePath(name), format, page, &error);
        }
    } else {
        const int page = step ? static_cast<int>(step) - 1 : pages - 1;
        progress(page);
        ok = renderer.save(out, format, page, &error);
    }
    if (tty)
        std::fprintf(stderr, "\n");
    if (!ok) {
        std::fprintf(stderr, "aliasview export: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    if (failed && trace.error)
        std::fprintf(stderr, "%s", trace.error->traceback.c_str());
    return failed;
}

bool hasDisplay()
{
    return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") || std::getenv("QT_QPA_PLATFORM");
}

// The window: on `file` (a script or a trace), or on the bundled walkthrough of the seed's example.
int runWindow(int argc, char** argv, const std::string& file)
{
    if (!hasDisplay()) {
        std::fprintf(stderr, "aliasview: no display to open the window on (DISPLAY is not set); run a script with "
                             "`aliasview run FILE.py`, or set QT_QPA_PLATFORM=offscreen\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aliasview"));
    QApplication::setApplicationName(QStringLiteral("aliasview"));
    av::ui::MainWindow window;
    if (file.empty()) {
        QFile walkthrough(QStringLiteral(":/walkthroughs/01-ndarray-tensor.py"));
        if (walkthrough.open(QIODevice::ReadOnly))
            window.openText(QString::fromUtf8(walkthrough.readAll()), QStringLiteral("01-ndarray-tensor.py"));
    } else if (!window.openPath(QString::fromStdString(file))) {
        return 1;
    }
    window.show();
    window.offerRecovery();
    return QApplication::exec();
}

// `aliasview --screenshot OUT.png [--step N] [--size WxH] [FILE]`: the window as the user sees it after
// some steps, saved as a PNG. Animations are off, so the picture shows the step's final state.
int screenshotCommand(int argc, char** argv, const std::vector<std::string>& args)
{
    std::string output;
    std::string file;
    int steps = -1;  // -1: until the first `B += 5` has run
    int width = 1400;
    int height = 860;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--step" && i + 1 < args.size()) {
            try {
                steps = std::stoi(args[++i]);
            } catch (...) {
                steps = -2;
            }
            if (steps < 0) {
                std::fprintf(stderr, "aliasview --screenshot: --step expects a number of steps, got '%s'\n", args[i].c_str());
                return 2;
            }
        } else if (a == "--size" && i + 1 < args.size()) {
            const std::string& size = args[++i];
            const std::size_t x = size.find('x');
            try {
                if (x == std::string::npos)
                    throw std::invalid_argument(size);
                width = std::stoi(size.substr(0, x));
                height = std::stoi(size.substr(x + 1));
            } catch (...) {
                width = 0;
            }
            if (width < 200 || height < 200 || width > 10000 || height > 10000) {
                std::fprintf(stderr, "aliasview --screenshot: --size expects WxH (200 to 10000 each), got '%s'\n", size.c_str());
                return 2;
            }
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "aliasview --screenshot: unknown option '%s'\n", a.c_str());
            return 2;
        } else if (output.empty()) {
            output = a;
        } else if (file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "aliasview --screenshot: one file at a time (got '%s' and '%s')\n", file.c_str(), a.c_str());
            return 2;
        }
    }
    if (output.empty()) {
        std::fprintf(stderr, "aliasview --screenshot: where to? usage: aliasview --screenshot OUT.png [--step N] [--size WxH] [FILE]\n");
        return 2;
    }
    // The window says what is wrong with a file in a message box, which nobody would answer here.
    if (!file.empty()) {
        std::string text;
        if (!readFile(file, text)) {
            std::fprintf(stderr, "aliasview --screenshot: cannot open '%s'\n", file.c_str());
            return 2;
        }
        if (QString::fromStdString(file).endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
            try {
                av::engine::readTraceJson(text);
            } catch (const std::exception& error) {
                std::fprintf(stderr, "aliasview --screenshot: %s is not an aliasview trace: %s\n", file.c_str(), error.what());
                return 2;
            }
        }
    }
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aliasview"));
    QApplication::setApplicationName(QStringLiteral("aliasview"));
    av::ui::MainWindow window;
    window.scene()->setAnimated(false);
    if (file.empty()) {
        QFile walkthrough(QStringLiteral(":/walkthroughs/01-ndarray-tensor.py"));
        if (walkthrough.open(QIODevice::ReadOnly))
            window.openText(QString::fromUtf8(walkthrough.readAll()), QStringLiteral("01-ndarray-tensor.py"));
    } else if (!window.openPath(QString::fromStdString(file))) {
        return 1;
    }
    window.resize(width, height);
    window.show();
    QApplication::processEvents();
    av::ui::SessionController* controller = window.controller();
    if (steps >= 0) {
        for (int i = 0; i < steps; ++i)
            window.step();
    } else {
        // Step until the shown step is the one that ran `B += 5`: A, B and C changed, D not yet made.
        const QStringList lines = controller->scriptText().split(QLatin1Char('\n'));
        const auto ranTarget = [&] {
            const av::engine::Snapshot* snapshot = controller->snapshot();
            return snapshot && snapshot->line >= 1 && snapshot->line <= lines.size() &&
                   lines.at(snapshot->line - 1).trimmed().startsWith(QStringLiteral("B += 5"));
        };
        while (!ranTarget() && controller->currentStep() + 1 < controller->stepCount())
            window.step();
        if (!ranTarget())
            std::fprintf(stderr, "aliasview --screenshot: no line starts with `B += 5`; showing the last step\n");
    }
    // Let the window lay itself out, fit the whole graph in the view (a picture cannot be panned), and
    // repaint before it is grabbed.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    window.view()->fitToView();
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    const QPixmap picture = window.grab();
    const QString path = QString::fromStdString(output);
    if (picture.isNull() || !picture.save(path, "PNG")) {
        std::fprintf(stderr, "aliasview --screenshot: cannot write '%s'\n", output.c_str());
        return 1;
    }
    std::printf("%s\n", QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()).toLocal8Bit().constData());
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return runWindow(argc, argv, {});
    const std::string& command = args[0];
    if (command == "--version" || command == "-V") {
        printVersion();
        return 0;
    }
    if (command == "--help" || command == "-h") {
        printUsage(stdout);
        return 0;
    }
    if (command == "--list-ops") {
        const bool markdown = args.size() > 1 && args[1] == "--markdown";
        writeOut(markdown ? av::engine::py::registryMarkdown() : av::engine::py::registryText());
        return 0;
    }
    if (command == "--screenshot")
        return screenshotCommand(argc, argv, std::vector<std::string>(args.begin() + 1, args.end()));
    if (command == "run")
        return runCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (command == "trace")
        return traceCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    if (command == "export")
        return exportCommand(argc, argv, std::vector<std::string>(args.begin() + 1, args.end()));
    if (args.size() == 1 && !command.empty() && command[0] != '-')
        return runWindow(argc, argv, command);
    std::fprintf(stderr, "aliasview: unknown command '%s'\n", command.c_str());
    printUsage(stderr);
    return 2;
}
