#!/usr/bin/python3
"""Times aliasview's engine next to real PyTorch and NumPy on the same work, in one run.

Case by case, runs bench_inplace (Google Benchmark, --benchmark_format=json) and then the same Python
statements in PyTorch and NumPy (timeit-style: a sample is one statement, or 1000 for a microsecond-sized
case; min and median of the samples),
then prints a table of medians and one of minimums: case, aliasview ms, PyTorch ms, NumPy ms and the
ratios aliasview/PyTorch and aliasview/NumPy. A ratio below 1 means aliasview is faster. Each case has a row
per engine flavour (the engine run as torch, and as NumPy); the ratio that compares like with like is
av/PyTorch on a /torch row and av/NumPy on a /numpy row.

Run it with Debian's Python, which has torch 1.13 and numpy 1.24:
    /usr/bin/python3 bench/compare.py [--repetitions N] [--binary PATH] [--filter REGEX] [--json OUT]
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = ROOT / "build" / "release" / "bench" / "bench_inplace"

N = 1 << 26  # the 2^26 float32 elements
ROWS, COLS = 4096, 16384
SQUARE = 4096
SMALL = 4096

# Each case: (setup, statement) per library, as Python source run in one namespace with torch and np.
# They are the same statements bench_inplace.cpp runs through the engine, case by case.
CASES = {
    "iadd_contiguous": {
        "what": "x += 1, 2^26 contiguous float32",
        "torch": ("x = torch.zeros(N)", "x += 1"),
        "numpy": ("x = np.zeros(N, np.float32)", "x += 1"),
    },
    "iadd_transposed": {
        "what": "u = x.T; u += 1, x 4096x16384 float32",
        "torch": ("u = torch.zeros(ROWS, COLS).transpose(0, 1)", "u += 1"),
        "numpy": ("u = np.zeros((ROWS, COLS), np.float32).transpose(1, 0)", "u += 1"),
    },
    # The libraries record nothing: their column is the plain `x += 1` the recording engine competes with.
    "iadd_recording": {
        "what": "x += 1 while a ChangeRecorder records (real libraries: plain x += 1)",
        "torch": ("x = torch.zeros(N)", "x += 1"),
        "numpy": ("x = np.zeros(N, np.float32)", "x += 1"),
    },
    "iadd_small": {
        "what": "x += 1, 4096 float32: the cost of one call (1000 statements per sample)",
        "number": 1000,
        "torch": ("x = torch.zeros(SMALL)", "x += 1"),
        "numpy": ("x = np.zeros(SMALL, np.float32)", "x += 1"),
    },
    "slice_iadd": {
        "what": "x[:, ::2] += 1, x 4096x16384 float32",
        "torch": ("x = torch.zeros(ROWS, COLS)", "x[:, ::2] += 1"),
        "numpy": ("x = np.zeros((ROWS, COLS), np.float32)", "x[:, ::2] += 1"),
    },
    "add_out_of_place": {
        "what": "a + b, 2^26 float32 each (fresh result)",
        "torch": ("a = torch.zeros(N); b = torch.zeros(N)", "a + b"),
        "numpy": ("a = np.zeros(N, np.float32); b = np.zeros(N, np.float32)", "a + b"),
    },
    "copy_transposed": {
        "what": "dst.copy_(src.T) / np.copyto(dst, src.T), 4096x4096 float32",
        "torch": ("dst = torch.zeros(SQUARE, SQUARE); src = torch.zeros(SQUARE, SQUARE).T", "dst.copy_(src)"),
        "numpy": ("dst = np.zeros((SQUARE, SQUARE), np.float32); src = np.zeros((SQUARE, SQUARE), np.float32).T",
                  "np.copyto(dst, src)"),
    },
    "contiguous_transposed": {
        "what": "src.T.contiguous() / np.ascontiguousarray(src.T), 4096x4096 float32",
        "torch": ("src = torch.zeros(SQUARE, SQUARE)", "src.T.contiguous()"),
        "numpy": ("src = np.zeros((SQUARE, SQUARE), np.float32)", "np.ascontiguousarray(src.T)"),
    },
    "reshape_copy": {
        "what": "src.T.reshape(-1) (copies), 4096x4096 float32",
        "torch": ("src = torch.zeros(SQUARE, SQUARE)", "src.T.reshape(-1)"),
        "numpy": ("src = np.zeros((SQUARE, SQUARE), np.float32)", "src.T.reshape(-1)"),
    },
}


def time_python(setup, statement, repetitions, number=1):
    """min and median ms per statement over `repetitions` samples of `number` statements, after a warm-up.

    timeit.Timer would compile the statement into a function, where `x += 1` makes x a local; the loop is
    run as module-level code in the setup's namespace instead, which keeps Python's semantics for it.
    """
    namespace = {"torch": torch, "np": np, "N": N, "ROWS": ROWS, "COLS": COLS, "SQUARE": SQUARE, "SMALL": SMALL}
    exec(setup, namespace)
    code = compile(f"for _ in range({number}):\n    {statement}\n", "<statement>", "exec")
    exec(code, namespace)
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        exec(code, namespace)
        samples.append((time.perf_counter() - start) * 1e3 / number)
    namespace.clear()  # free the arrays before the next case
    return min(samples), statistics.median(samples)


def time_engine(binary, repetitions, case_filter):
    """{(case, flavour): (min ms, median ms)} from bench_inplace's JSON output."""
    command = [str(binary), "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
               "--benchmark_report_aggregates_only=true"]
    if case_filter:
        command.append(f"--benchmark_filter={case_filter}")
    result = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    report = json.loads(result.stdout)
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
    times = {}
    for entry in report["benchmarks"]:
        if entry.get("run_type") != "aggregate" or entry.get("aggregate_name") not in ("min", "median"):
            continue
        case, flavour = entry["run_name"].split("/")[:2]
        ms = entry["real_time"] * scale[entry["time_unit"]]
        times.setdefault((case, flavour), {})[entry["aggregate_name"]] = ms
    return {key: (value["min"], value["median"]) for key, value in times.items()}, report.get("context", {})


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"


def milliseconds(value):
    return f"{value:.2f}" if value >= 0.1 else f"{value:.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(DEFAULT_BINARY), help="bench_inplace executable")
    parser.add_argument("--repetitions", type=int, default=15, help="samples per case and library")
    parser.add_argument("--filter", default="", help="regex on case names (iadd_contiguous, slice_iadd, ...)")
    parser.add_argument("--json", help="also write all numbers to this file")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.exists():
        sys.exit(f"{binary} not found: build it with\n"
                 "  cmake --preset release && cmake --build build/release --target bench_inplace")
    cases = [name for name in CASES if re.search(args.filter, name)]

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; "
          f"torch {torch.__version__} with {torch.get_num_threads()} thread(s) (torch.get_num_threads()), "
          f"numpy {np.__version__}; {args.repetitions} samples per cell; load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)

    # Case by case, the engine right before the libraries, so that all three see the same machine load.
    engine, python, context = {}, {}, {}
    for case in cases:
        times, context = time_engine(binary, args.repetitions, f"^{case}/")
        engine.update(times)
        for library in ("torch", "numpy"):
            python[(case, library)] = time_python(*CASES[case][library], args.repetitions,
                                                  CASES[case].get("number", 1))
        print(f"  timed {case}", file=sys.stderr, flush=True)
    if context:
        print(f"engine: {binary} (Google Benchmark {context.get('library_build_type', '?')} library; "
              f"load average at the end {', '.join(f'{x:.1f}' for x in context.get('load_avg', []))})")

    # One row per case and engine flavour; both libraries' times of the same work sit on every row.
    rows = [(case, flavour, engine.get((case, flavour)), python[(case, "torch")], python[(case, "numpy")])
            for case in cases for flavour in ("torch", "numpy")]
    for title, pick in (("median", 1), ("min", 0)):
        header = (f"{'case/engine flavour':<30} {'aliasview ms':>12} {'PyTorch ms':>11} {'NumPy ms':>9} "
                  f"{'av/PyTorch':>10} {'av/NumPy':>9}")
        print()
        print(f"{title} of {args.repetitions} samples, ms per statement")
        print(header)
        print("-" * len(header))
        for case, flavour, av, torch_times, numpy_times in rows:
            av_ms = av[pick] if av else None
            print(f"{case + '/' + flavour:<30} {milliseconds(av_ms) if av_ms else 'n/a':>12} "
                  f"{milliseconds(torch_times[pick]):>11} {milliseconds(numpy_times[pick]):>9} "
                  f"{ratio(av_ms, torch_times[pick]):>10} {ratio(av_ms, numpy_times[pick]):>9}")
    print()
    for case in cases:
        print(f"  {case:<22} {CASES[case]['what']}")

    if args.json:
        with open(args.json, "w") as out:
            json.dump({"torch_threads": torch.get_num_threads(), "repetitions": args.repetitions,
                       "rows": [{"case": c, "flavour": f, "aliasview": a, "torch": t, "numpy": n}
                                for c, f, a, t, n in rows]}, out, indent=1)


if __name__ == "__main__":
    main()
