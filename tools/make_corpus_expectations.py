#!/usr/bin/python3
"""Runs the corpus scripts (tests/corpus/**/*.py) in real Python with Debian's PyTorch and NumPy and records,
beside each script, what it printed: SCRIPT.expected.json holds the exact stdout, the last line of stderr,
the warnings printed on stderr (line, category and text) the line the error's traceback points at last, and the exit status. tests/corpus/tst_corpus.cpp compares `aliasview run` with these files, and re-runs
this tool at test time (--json) so that a committed expectation can never drift from the real libraries.

Run it with Debian's interpreter, from anywhere:
    /usr/bin/python3 tools/make_corpus_expectations.py            # (re)write every expectation
    /usr/bin/python3 tools/make_corpus_expectations.py a.py b.py  # only these scripts
    /usr/bin/python3 tools/make_corpus_expectations.py --check    # report drift, write nothing
    /usr/bin/python3 tools/make_corpus_expectations.py --json F   # all results as one JSON object in F

Each script runs as `python3 SCRIPT.py` would run it, in the script's own directory. Importing torch takes
seconds, so by default the tool imports torch and numpy once and forks a child per script, which runs the
script as __main__ exactly as the interpreter's main does; --fresh starts one python3 per script instead
(slow, and the reference the forked runs are checked against).

Scripts under tests/corpus/seed/ print id() values and addresses, which differ from run to run: they have
no expectation file here; tst_corpus checks them against ../shared/seed/seed.expected.txt instead.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "corpus")
PYTHON = "/usr/bin/python3"
TIMEOUT_S = 120
SKIPPED_DIRS = {"seed"}  # run-to-run values; checked by their own test
SUFFIX = ".expected.json"


def is_skipped(root, script):
    return os.path.relpath(script, root).split(os.sep)[0] in SKIPPED_DIRS


# The bundled walkthroughs are corpus scripts too: no walkthrough may teach what real PyTorch does not do.
WALKTHROUGHS = os.path.join(ROOT, "resources", "walkthroughs")


def corpus_scripts(root, include_skipped=False):
    found = []
    if os.path.abspath(root) == CORPUS and os.path.isdir(WALKTHROUGHS):
        found.extend(os.path.join(WALKTHROUGHS, f) for f in sorted(os.listdir(WALKTHROUGHS)) if f.endswith(".py"))
    for directory, subdirs, files in os.walk(root):
        rel = os.path.relpath(directory, root)
        if not include_skipped and rel.split(os.sep)[0] in SKIPPED_DIRS:
            continue
        subdirs.sort()
        found.extend(os.path.join(directory, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(found)


def last_line(text):
    lines = text.rstrip("\n").split("\n")
    return lines[-1] if lines else ""


# A warning's first line: "path/to/x.py:12: UserWarning: text". The path differs between runs (python3
# makes it absolute), so only "12: UserWarning: text" is kept. tst_corpus extracts them the same way.
WARNING_LINE = re.compile(r"^.*:(\d+): ([A-Za-z_.]*Warning): (.*)$")


def warnings_in(stderr):
    found = []
    for line in stderr.split("\n"):
        match = WARNING_LINE.match(line)
        if match:
            found.append(f"{match.group(1)}: {match.group(2)}: {match.group(3)}")
    return found


# The line of the script a traceback (or a SyntaxError) points at last: '  File "x.py", line 7, in <module>'.
# The script runs by its relative name; frames inside the libraries ("/usr/lib/python3/...") are skipped,
# since aliasview has no such frames.
FILE_LINE = re.compile(r'^  File "[^/"<][^"]*", line (\d+)')


def error_line(stderr):
    lines = [int(m.group(1)) for m in map(FILE_LINE.match, stderr.split("\n")) if m]
    return lines[-1] if lines else 0


def result(stdout, stderr, status):
    err = stderr.decode("utf-8", "replace")
    return {
        "stdout": stdout.decode("utf-8", "replace"),
        "stderr_last_line": last_line(err),
        "error_line": error_line(err),
        "warnings": warnings_in(err),
        "exit_status": status,
    }


def run_fresh(path):
    directory, name = os.path.split(path)
    try:
        done = subprocess.run([PYTHON, name], cwd=directory, capture_output=True, timeout=TIMEOUT_S)
        return result(done.stdout, done.stderr, done.returncode)
    except subprocess.TimeoutExpired as expired:
        return result(expired.stdout or b"", (expired.stderr or b"") + b"\n<timed out>", -9)


def run_forked(path):
    """Runs one script in a child of this (torch-importing) process, as Python's main runs a file."""
    directory, name = os.path.split(path)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                import builtins
                import signal
                import types
                signal.alarm(TIMEOUT_S)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                os.chdir(directory)
                sys.argv = [name]
                sys.path[0] = directory
                main = types.ModuleType("__main__")
                main.__file__ = name
                main.__builtins__ = builtins
                sys.modules["__main__"] = main
                try:
                    with open(name, "rb") as f:
                        source = f.read()
                    exec(compile(source, name, "exec"), main.__dict__)
                    status = 0
                except SystemExit as e:
                    if e.code is None:
                        status = 0
                    elif isinstance(e.code, int):
                        status = e.code
                    else:
                        print(e.code, file=sys.stderr)
                        status = 1
                except BaseException:
                    kind, value, tb = sys.exc_info()
                    sys.excepthook(kind, value, tb.tb_next if tb is not None else None)
                    status = 1
                try:
                    sys.stdout.flush()
                except BaseException:
                    status = 120
                sys.stderr.flush()
            finally:
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        return result(out.read(), err.read(), status)


def expectation_path(script):
    return script[: -len(".py")] + SUFFIX


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scripts", nargs="*", help="scripts to run (default: every corpus script)")
    parser.add_argument("--root", default=CORPUS, help="corpus directory (default: tests/corpus)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    parser.add_argument("--json", metavar="FILE", help="write {relative path: result} for every script to FILE")
    parser.add_argument("--all", action="store_true", help="with --json: the seed's scripts too")
    parser.add_argument("--fresh", action="store_true", help="one python3 process per script (slow)")
    args = parser.parse_args()

    root = os.path.abspath(args.root)
    scripts = [os.path.abspath(s) for s in args.scripts] or corpus_scripts(root, include_skipped=args.all and bool(args.json))
    runner = run_fresh
    if not args.fresh:
        try:
            import numpy  # noqa: F401
            import torch  # noqa: F401
        except ImportError as e:
            print(f"make_corpus_expectations: {PYTHON} lacks torch or numpy ({e})", file=sys.stderr)
            return 3
        runner = run_forked

    results = {}
    drifted = []
    for script in scripts:
        rel = os.path.relpath(script, root).replace(os.sep, "/")
        got = runner(script)
        results[rel] = got
        target = expectation_path(script)
        if args.json:
            continue
        if is_skipped(root, script):
            print(f"{rel}: skipped (its output holds run-to-run values; tst_corpus checks it)")
            continue
        if args.check:
            try:
                with open(target, encoding="utf-8") as f:
                    committed = json.load(f)
            except FileNotFoundError:
                committed = None
            if committed != got:
                drifted.append(rel)
                print(f"DRIFT {rel}", file=sys.stderr)
            continue
        with open(target, "w", encoding="utf-8") as f:
            json.dump(got, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{rel}: exit {got['exit_status']}, {got['stderr_last_line'][:70]!r}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)
    if args.check:
        print(f"{len(scripts) - len(drifted)} of {len(scripts)} expectations match the real libraries")
        return 1 if drifted else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
