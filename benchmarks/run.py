"""Run the course's benchmarks, print the table and write benchmarks/RESULTS.md.

    python benchmarks/run.py [--quick]

Run it with the Python of an environment where `course` is installed normally (not
editable), e.g. `python3 -m venv /tmp/bench && /tmp/bench/bin/pip install . &&
/tmp/bench/bin/python benchmarks/run.py`. The full run takes about three minutes; `--quick`
uses fewer runs per figure and takes under a minute.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coursebench.commands import commands
from coursebench.figures import Result
from coursebench.loading import loading
from coursebench.processes import Runner, compile_bytecode
from coursebench.report import HEADER, machine, markdown, normal_install, table
from coursebench.saving import saving
from coursebench.serving import served_crowds, serving
from coursebench.startup import startup_and_memory, startup_in_terminal
from coursebench.steps import step_changes

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass(frozen=True)
class Runs:
    """How many measured runs each kind of figure gets."""

    processes: int
    step_changes: int
    in_process: int


FULL = Runs(processes=12, step_changes=10, in_process=12)
QUICK = Runs(processes=3, step_changes=2, in_process=3)


def benchmarks(runner: Runner, runs: Runs) -> list[tuple[str, Callable[[], Sequence[Result]]]]:
    """Every benchmark, in the order run, as a label and a function returning its figures."""
    return [
        ("start-up and memory (headless)", lambda: startup_and_memory(runner, runs.processes)),
        ("start-up in a pseudo-terminal", lambda: [startup_in_terminal(runner, runs.processes)]),
        ("step changes", lambda: step_changes(runs.step_changes)),
        ("loading", lambda: [loading(runs.in_process)]),
        ("saving", lambda: saving(runs.in_process)),
        ("commands", lambda: commands(runner, runs.processes)),
        ("served workshop", lambda: [serving(runner, runs.processes)]),
        ("served workshop, 1, 10 and 30 participants", lambda: served_crowds(runner)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the course's benchmarks and write benchmarks/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="fewer runs per figure (under a minute)")
    args = parser.parse_args()
    started = time.perf_counter()
    compile_bytecode()
    if not normal_install():
        print("warning: course is not a normal install here; figures are meant for one", file=sys.stderr)
    facts = machine()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="course-bench-") as folder:
        runner = Runner.in_folder(Path(folder))
        for label, run in benchmarks(runner, QUICK if args.quick else FULL):
            began = time.perf_counter()
            print(f"{label}...", end=" ", flush=True, file=sys.stderr)
            results.extend(run())
            print(f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
    results.sort(key=lambda result: int(result.name.split(".", 1)[0]))  # by benchmark number
    print(table([HEADER, *(result.cells() for result in results)]))
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    RESULTS.write_text(markdown(results, facts, command, time.perf_counter() - started), encoding="utf-8")
    print(f"\nWritten to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
