// The engine's elementwise hot paths through its public API, one Python statement per case, on the sizes
// the issue names. bench/compare.py runs the same statements in real PyTorch and NumPy and prints them side
// by side; the case names here are the keys it matches on ("<case>/<flavour>").
//
// Each benchmark iteration is one statement, timed on the wall clock; a sample is one statement (1000 for the
// microsecond-sized iadd_small, reported per statement), so that --benchmark_repetitions=N gives N samples,
// as timeit.repeat(number=...) does on the Python side.
// The arrays are built once per case and kept (their pages are touched before any timing), and every
// repetition runs one untimed warm-up statement first.

#include "engine/array.h"
#include "engine/arrayfactory.h"
#include "engine/changes.h"
#include "engine/copykernel.h"
#include "engine/elementwise.h"
#include "engine/indexing.h"
#include "engine/views.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace av::engine;

constexpr std::int64_t kElements = std::int64_t{1} << 26;  // the 2^26 float32 elements (256 MiB)
constexpr std::int64_t kRows = 4096, kCols = 16384;         // the same count as a 4096x16384 matrix
constexpr std::int64_t kSquare = 4096;                       // copies of a transposed 4096x4096 (64 MiB)
constexpr std::int64_t kSmall = 4096;                        // a tutorial-sized tensor, for per-call costs

ArrayPtr zeros(Flavour flavour, Shape shape) { return allocateArray(flavour, DType::Float32, std::move(shape)); }

// Each statement is a callable built once per case: its arrays live across the case's repetitions, so
// they reuse warm memory as a Python session reusing its variables would. Only the current case's arrays
// are kept (the whole set would need ~4 GiB).
using Statement = std::function<void()>;

Statement& statementFor(std::string_view caseName, Flavour flavour)
{
    static std::string currentCase;
    static Statement current;
    const std::string key = std::string(caseName) + (flavour == Flavour::Torch ? "/torch" : "/numpy");
    if (key != currentCase) {
        current = nullptr;
        currentCase = key;
    }
    return current;
}

void runStatement(benchmark::State& state, const Statement& statement)
{
    statement();  // warm-up, untimed
    for (auto _ : state)
        statement();
}

// ---- x += 1 ------------------------------------------------------------------------------------------

// The case: `t += 1` on 2^26 contiguous float32 elements.
void iaddContiguous(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const Value x = zeros(flavour, {kElements});
        statement = [x] { benchmark::DoNotOptimize(inplace(BinaryOp::Add, x, Value(Scalar(1.0)))); };
    }
    runStatement(state, statement);
}

// `u = x.T; u += 1` on a 4096x16384 matrix: the same elements reached through a transposed view.
void iaddTransposed(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const Value u = transpose(zeros(flavour, {kRows, kCols}), 0, 1);
        statement = [u] { benchmark::DoNotOptimize(inplace(BinaryOp::Add, u, Value(Scalar(1.0)))); };
    }
    runStatement(state, statement);
}

// `t += 1` while the session records the step: what the app pays for knowing what changed.
void iaddRecording(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const Value x = zeros(flavour, {kElements});
        statement = [x] {
            ChangeRecorder recorder;
            {
                RecordingScope scope(recorder);
                benchmark::DoNotOptimize(inplace(BinaryOp::Add, x, Value(Scalar(1.0))));
            }
            // The record is dropped inside the timing too: the app keeps one per step and frees it later.
            benchmark::DoNotOptimize(recorder.take());
        };
    }
    runStatement(state, statement);
}

// `x[:, ::2] += 1` on 4096x16384: getitem, the in-place add through the strided view, and the setitem that
// Python runs afterwards (a no-op copy in both libraries, since the value is that same view).
void sliceIadd(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const ArrayPtr x = zeros(flavour, {kRows, kCols});
        statement = [x] {
            const std::array<IndexItem, 2> index{IndexItem{Slice{}}, IndexItem{Slice{std::nullopt, std::nullopt, 2}}};
            const Value part = getItem(x, index, /*tupleIndex=*/true);
            const Value result = inplace(BinaryOp::Add, part, Value(Scalar(1.0)));
            setItem(x, index, result, /*tupleIndex=*/true);
        };
    }
    runStatement(state, statement);
}

// `t += 1` on 4096 elements, 1000 statements per sample: what one call costs beyond its loop (dispatch,
// checks, the scalar operand, version and autograd bookkeeping), where Python pays its interpreter.
void iaddSmall(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const Value x = zeros(flavour, {kSmall});
        statement = [x] { benchmark::DoNotOptimize(inplace(BinaryOp::Add, x, Value(Scalar(1.0)))); };
    }
    runStatement(state, statement);
}

// ---- out of place -------------------------------------------------------------------------------------

// `a + b` on 2^26 float32 elements each: a fresh 256 MiB result every time, as in Python.
void addOutOfPlace(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const Value a = zeros(flavour, {kElements});
        const Value b = zeros(flavour, {kElements});
        statement = [a, b] { benchmark::DoNotOptimize(binary(BinaryOp::Add, a, b)); };
    }
    runStatement(state, statement);
}

// ---- copies of a transposed 4096x4096 --------------------------------------------------------------------

// torch: `dst.copy_(src.T)`; NumPy: `np.copyto(dst, src.T)`.
void copyTransposed(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const ArrayPtr dst = zeros(flavour, {kSquare, kSquare});
        const ArrayPtr src = transpose(zeros(flavour, {kSquare, kSquare}), 0, 1);
        if (flavour == Flavour::Torch)
            statement = [dst, src] { benchmark::DoNotOptimize(copyInplace(dst, src)); };
        else
            statement = [dst, src] { numpyCopyTo(dst, Value(src)); };
    }
    runStatement(state, statement);
}

// torch: `src.T.contiguous()`; NumPy: `np.ascontiguousarray(src.T)`: a fresh C-ordered copy.
void contiguousTransposed(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const ArrayPtr src = zeros(flavour, {kSquare, kSquare});
        statement = [src, flavour] {
            const ArrayPtr view = transpose(src, 0, 1);
            benchmark::DoNotOptimize(contiguousCopy(*view, flavour, view->dtype()));
        };
    }
    runStatement(state, statement);
}

// `src.T.reshape(-1)`: no strides can view a transposed matrix as one row, so both libraries copy.
void reshapeCopy(benchmark::State& state, Flavour flavour)
{
    Statement& statement = statementFor(__func__, flavour);
    if (!statement) {
        const ArrayPtr src = zeros(flavour, {kSquare, kSquare});
        statement = [src] {
            const std::array<std::int64_t, 1> flat{-1};
            benchmark::DoNotOptimize(reshape(transpose(src, 0, 1), flat));
        };
    }
    runStatement(state, statement);
}

// The case list: one registration per flavour, named "<case>/torch" and "<case>/numpy".
void registerCases()
{
    struct Case {
        const char* name;
        void (*function)(benchmark::State&, Flavour);
        int statementsPerSample;
    };
    const std::vector<Case> cases{
        {"iadd_contiguous", iaddContiguous, 1},
        {"iadd_transposed", iaddTransposed, 1},
        {"iadd_recording", iaddRecording, 1},
        {"iadd_small", iaddSmall, 1000},
        {"slice_iadd", sliceIadd, 1},
        {"add_out_of_place", addOutOfPlace, 1},
        {"copy_transposed", copyTransposed, 1},
        {"contiguous_transposed", contiguousTransposed, 1},
        {"reshape_copy", reshapeCopy, 1},
    };
    for (const auto& [name, function, statementsPerSample] : cases) {
        for (const Flavour flavour : {Flavour::Torch, Flavour::Numpy}) {
            const std::string fullName = std::string(name) + (flavour == Flavour::Torch ? "/torch" : "/numpy");
            benchmark::RegisterBenchmark(fullName.c_str(), function, flavour)
                ->Iterations(statementsPerSample)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond)
                ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
        }
    }
}

}  // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    registerCases();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
