#!/usr/bin/python3
"""The interpreter next to real Python: runs bench_interpreter (Google Benchmark) and times the very same
scripts in /usr/bin/python3 with Debian's PyTorch and NumPy, in the same invocation, then prints the ratios.

    cmake --preset release && cmake --build build/release --target bench_interpreter aliasview
    /usr/bin/python3 bench/compare_interpreter.py [--repetitions N]

Three comparisons:
  small_ops   10,000 tutorial statements on small tensors: aliasview's parse+run against Python's
              compile+exec of the same text (torch already imported on both sides: the engine's `import
              torch` is part of its script, Python's is done before timing).
  iadd_2p26   ten `t += 1` on 2^26 float32 elements through the interpreter, against the same engine calls
              made directly: the interpreter's overhead on a big op (goal: under 2%).
  process     whole-process wall time of `aliasview run script.py` and `python3 script.py`, start-up and
              imports included, which is what a user waits for.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "release")
BENCH = os.path.join(BUILD, "bench", "bench_interpreter")
ALIASVIEW = os.path.join(BUILD, "app", "aliasview")


def engine_times(repetitions):
    out = subprocess.run([BENCH, "--benchmark_format=json", "--benchmark_repetitions=%d" % repetitions,
                          "--benchmark_report_aggregates_only=true"], check=True, capture_output=True, text=True)
    times = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            times[b["run_name"].replace("BM_", "")] = b["real_time"]  # ms
    return times


def python_exec_ms(path, repetitions):
    import torch  # noqa: F401 - imported before timing, as the comparison says
    import numpy  # noqa: F401
    source = open(path).read()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        exec(compile(source, path, "exec"), {"__name__": "__main__"})
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def process_ms(command, repetitions):
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    import torch
    print("torch %s, numpy %s, torch threads %d" % (torch.__version__, __import__("numpy").__version__,
                                                     torch.get_num_threads()))
    with tempfile.TemporaryDirectory() as scripts:
        subprocess.run([BENCH, "--write-scripts", scripts], check=True)
        small = os.path.join(scripts, "small_ops.py")
        engine = engine_times(args.repetitions)
        py_small = python_exec_ms(small, args.repetitions)
        av_small = engine["script_small_ops_median"] if "script_small_ops_median" in engine else engine["script_small_ops"]
        print("\n%-44s %12s %12s %8s" % ("case", "aliasview", "python3", "ratio"))
        print("%-44s %10.1f ms %10.1f ms %8.2f" % ("small_ops: 10,000 statements", av_small, py_small, av_small / py_small))
        interpreted = engine["iadd_2p26_interpreted"]
        direct = engine["iadd_2p26_direct"]
        print("%-44s %10.1f ms %10.1f ms %8.4f" % ("iadd_2p26: interpreted vs direct engine calls", interpreted,
                                                  direct, interpreted / direct))
        print("    the interpreter's overhead on 2^26-element adds: %+.2f%%" % ((interpreted / direct - 1) * 100))
        for name in ("small_ops.py", "iadd_2p26.py"):
            path = os.path.join(scripts, name)
            av = process_ms([ALIASVIEW, "run", path], args.repetitions)
            py = process_ms(["/usr/bin/python3", path], args.repetitions)
            print("%-44s %10.1f ms %10.1f ms %8.2f" % ("process: " + name, av, py, av / py))


if __name__ == "__main__":
    sys.exit(main())
