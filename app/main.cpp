// The aliasview command line: `aliasview run FILE.py` runs a script as python3 would print it;
// `aliasview trace FILE.py` records it step by step as JSON (docs/trace-format.md); `--list-ops` prints
// every supported name; `--version` says which libraries the engine reproduces; `--screenshot OUT.png` opens
// the window, steps it and saves a picture of it (for the README and slides).

#include "engine/python/interpreter.h"
#include "engine/python/registry.h"
#include "engine/session/session.h"
#include "engine/session/tracejson.h"
#include "engine/version.h"
#include "ui/graphscene.h"
#include "ui/mainwindow.h"
#include "ui/sessioncontroller.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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
    // Let the window lay itself out and repaint before it is grabbed.
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
    if (args.size() == 1 && !command.empty() && command[0] != '-')
        return runWindow(argc, argv, command);
    std::fprintf(stderr, "aliasview: unknown command '%s'\n", command.c_str());
    printUsage(stderr);
    return 2;
}
