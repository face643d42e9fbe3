#!/usr/bin/python3
"""Recording a script's every step, next to real PyTorch doing the same, in one invocation.

    cmake --preset release -DAV_BUILD_BENCH=ON && cmake --build build/release --target bench_gui aliasview
    /usr/bin/python3 bench/compare_recording.py [--repetitions N]

The window records a script once, when it is opened or edited (see bench_gui's record_ms); this is the same
recording from the command line, whole process, for the bundled walkthrough and bench_gui's scripts:
  aliasview      `aliasview trace SCRIPT -o OUT.json`: the engine runs the script and takes a Snapshot per step
  trace_torch    `python3 tools/trace_torch.py SCRIPT -o OUT.json`: real PyTorch 1.13 / NumPy 1.24 run it under
                 sys.settrace and write the same trace schema (docs/trace-format.md)
  python3        `python3 SCRIPT`: the plain run, no trace
Wall time (median of N) and peak RSS of each process; ratios are aliasview over the other two.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "release")
ALIASVIEW = os.path.join(BUILD, "app", "aliasview")
BENCH_GUI = os.path.join(BUILD, "bench", "bench_gui")
TRACE_TORCH = os.path.join(ROOT, "tools", "trace_torch.py")


def measure(command):
    """Wall ms and peak RSS (MB) of one run of command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1e3
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit("%s exited %d: %s" % (" ".join(command), process.returncode, process.stderr.read().decode()))
    return wall, usage.ru_maxrss / 1024.0


def median_of(command, repetitions):
    runs = [measure(command) for _ in range(repetitions)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    # The versions from a child: this process stays small, since a child's peak RSS counts what it inherited
    # from the fork before its exec.
    versions = subprocess.run(["/usr/bin/python3", "-c", "import torch, numpy; print('torch %s, numpy %s, torch threads %d' % "
                               "(torch.__version__, numpy.__version__, torch.get_num_threads()))"],
                              check=True, capture_output=True, text=True).stdout.strip()
    print("%s, %d repetitions" % (versions, args.repetitions))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([BENCH_GUI, "--write-scripts", folder], check=True)
        scripts = [os.path.join(ROOT, "resources", "walkthroughs", "01-ndarray-tensor.py")] + [
            os.path.join(folder, name) for name in ("many_objects.py", "tensor_1e7.py", "steps_1000.py", "walkthrough_256MiB.py")]
        out = os.path.join(folder, "out.json")
        print("\n%-24s %22s %22s %22s %9s %9s" % ("script", "aliasview trace", "trace_torch.py", "python3", "/trace", "/python"))
        for script in scripts:
            av = median_of([ALIASVIEW, "trace", script, "-o", out, "--timeout", "600"], args.repetitions)
            tt = median_of(["/usr/bin/python3", TRACE_TORCH, script, "-o", out], args.repetitions)
            py = median_of(["/usr/bin/python3", script], args.repetitions)
            cell = lambda r: "%9.0f ms %6.0f MB" % r
            print("%-24s %22s %22s %22s %9.2f %9.2f" % (os.path.basename(script), cell(av), cell(tt), cell(py),
                                                       av[0] / tt[0], av[0] / py[0]))


if __name__ == "__main__":
    sys.exit(main())
