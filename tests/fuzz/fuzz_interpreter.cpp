// libFuzzer harness for the interpreter: any bytes as a script, parsed and run with small budgets. A
// finding is a crash, a sanitizer report, a hang past the wall-clock budget or an internal assertion; a
// Python error (SyntaxError, TypeError, the budgets' RuntimeError) is the expected answer to garbage.
//
// Build (clang, coverage and sanitizers on every engine file):
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAV_BUILD_BENCH=OFF \
//     -DAV_FUZZ=ON -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
//   cmake --build build/fuzz --target fuzz_interpreter
// Run, seeded with the corpus scripts and Python's tokens:
//   mkdir -p build/fuzz/found && build/fuzz/tests/fuzz/fuzz_interpreter -dict=tests/fuzz/python.dict \
//     -max_len=4096 -timeout=10 -rss_limit_mb=4096 build/fuzz/found tests/corpus/language tests/corpus/language/syntax

#include "engine/python/interpreter.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    av::engine::py::RunLimits limits;
    limits.maxSteps = 200'000;
    limits.wallClockSeconds = 2.0;
    limits.maxContainerItems = 200'000;
    av::engine::py::Interpreter interpreter(limits);
    const std::string source(reinterpret_cast<const char*>(data), size);
    std::size_t printed = 0;
    const auto failure = interpreter.run("fuzz.py", source, [&printed](std::string_view text) { printed += text.size(); },
                                         [](std::string_view) {});
    // The traceback is always well formed: it ends with the exception's line.
    if (failure && (failure->traceback.empty() || failure->traceback.back() != '\n'))
        __builtin_trap();
    return 0;
}
