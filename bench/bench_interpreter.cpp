// The interpreter's own cost, the two figures issue 3 names:
//  - a 10,000-statement script of small-tensor ops, the way tutorials are written (goal: under 100 ms);
//  - `t += 1` on 2^26 float32 elements through the interpreter against the same engine call made directly
//    (goal: the interpreter adds under 2% to the op).
// bench/compare_interpreter.py runs the same scripts in /usr/bin/python3 and prints the ratios.

#include "bench/interpreterscripts.h"
#include "engine/elementwise.h"
#include "engine/python/interpreter.h"
#include "engine/arrayfactory.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

namespace {

using namespace av::engine;

void runScript(benchmark::State& state, const std::string& source)
{
    py::RunLimits limits;
    limits.wallClockSeconds = 600;
    std::size_t printed = 0;
    for (auto _ : state) {
        py::Interpreter interpreter(limits);
        const auto failure = interpreter.run("bench.py", source, [&](std::string_view t) { printed += t.size(); },
                                             [](std::string_view) {});
        if (failure) {
            state.SkipWithError(failure->traceback.c_str());
            return;
        }
    }
    benchmark::DoNotOptimize(printed);
}

// The whole script: parse, then run its 10,000 statements.
void BM_script_small_ops(benchmark::State& state) { runScript(state, av::bench::smallOpsScript(10'000)); }
BENCHMARK(BM_script_small_ops)->Unit(benchmark::kMillisecond);

// `t += 1` on 2^26 float32 elements, 10 times, through the interpreter. The script's set-up (import, the
// zeros) is timed on its own below; the interpreter's overhead is (interpreted - setup) / direct - 1.
void BM_iadd_2p26_interpreted(benchmark::State& state) { runScript(state, av::bench::bigAddScript(10)); }
BENCHMARK(BM_iadd_2p26_interpreted)->Unit(benchmark::kMillisecond);

void BM_iadd_2p26_interpreted_setup_only(benchmark::State& state) { runScript(state, av::bench::bigAddScript(0)); }
BENCHMARK(BM_iadd_2p26_interpreted_setup_only)->Unit(benchmark::kMillisecond);

// The same ten adds as direct engine calls, on a tensor made the same way.
void BM_iadd_2p26_direct(benchmark::State& state)
{
    for (auto _ : state) {
        const Value t = allocateArray(Flavour::Torch, DType::Float32, {std::int64_t{1} << 26}, Device::cpu(), true);
        for (int i = 0; i < 10; ++i)
            benchmark::DoNotOptimize(inplace(BinaryOp::Add, t, Value(Scalar(std::int64_t{1}))));
    }
}
BENCHMARK(BM_iadd_2p26_direct)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::string_view(argv[1]) == "--write-scripts") {
        const std::string dir = argv[2];
        std::ofstream(dir + "/small_ops.py") << av::bench::smallOpsScript(10'000);
        std::ofstream(dir + "/iadd_2p26.py") << av::bench::bigAddScript(10);
        std::ofstream(dir + "/iadd_2p26_setup.py") << av::bench::bigAddScript(0);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
