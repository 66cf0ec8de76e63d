"""The results as a table on the terminal and as benchmarks/RESULTS.md, with the machine they ran on."""

from __future__ import annotations

import os
import platform
import sys
import sysconfig
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import course
from coursebench.figures import Result

HEADER = ["Figure", "Course", "Baseline", "Ratio (median)", "Spread (min-max)", "Target", "Result"]

METHOD = """\
Every figure is a ratio, course against baseline, measured in the same run with the two
sides alternating (which side goes first swaps every run); the ratio is computed per run,
and the table shows its median and its smallest and largest value. Course and Baseline
columns are the medians of the runs' values.

1. Start-up: `python benchmarks/ready_app.py course|bare` as whole processes. The course
   side builds its app with `course.app.make_app()` (shipped lessons, an empty data dir);
   the bare side is a plain Textual `App`. Each exits at the first frame drawn that shows its
   first screen ready: for the course, the home screen's module list laid out with every
   module. Frames rendered while Textual batches updates are dropped, not drawn, so they do
   not count (Textual's Ready event fires at such a frame in the course). The process writes
   a byte to a pipe at that frame: timed from process start to that byte ("to home frame"),
   and to the process's exit ("whole process"), headless (`app.run(headless=True)`); and to
   the byte on a 100x30 pseudo-terminal (leaving a terminal costs Textual 0.1-0.2 s of
   input-thread time-outs, for any app, so the exit is not timed there).
2. Step change: `app.run_test(size=(100, 30))`; each module opened with its content notes
   already acknowledged, next (Ctrl+N) to the last step and back (Left) to the first; time
   from posting the key to the first frame in which the new step's view is laid out. The
   baseline switches between two installed one-line screens with the same keys. p50 and p95
   are taken per run over all its changes.
3. Loading: `course.loader.load_course(folder)` against reading and `tomli.loads` of the
   same files, in-process, on a generated valid pack mixing every step kind.
4. Saving: `ProgressStore.move_to` through a module not seen before, in a store holding
   10,000 completed steps against one holding 10 (temporary data dirs, same disk).
5. Memory: peak RSS (VmHWM from /proc, read by the process itself after the app exited) of
   the headless processes of figure 1. Not `wait4`'s maxrss: on Linux it includes the high-water mark
   of the parent that spawned the process, i.e. of this runner.
6. Commands: the `course` console script as whole processes (COURSE_DATA_DIR set to a
   temporary dir; `forget` gets a saved step to delete before each run) against
   `python -c "import tomli, sqlite3"`. A command the CLI rejects as an invalid choice is
   reported as not available.
7. A served workshop: `course serve --workshop` and textual-serve's `Server` serving
   `benchmarks/text_app.py` (one line of text), both on 127.0.0.1; a websocket client
   connects as a browser tab does (100x30) and is timed until the screen data holds the last
   module's title (the whole module list drawn), or the bare app's line. Each connection
   starts a new app process; the next connection waits until the server has ended it.
   Shown for context: no target was set.
"""


def normal_install() -> bool:
    """Whether `course` is imported from this environment's site-packages."""
    purelib = Path(sysconfig.get_paths()["purelib"]).resolve()
    return Path(course.__file__).resolve().is_relative_to(purelib)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    location = Path(course.__file__).resolve().parent
    install = "normal install" if normal_install() else "NOT a normal install (editable or source tree)"
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "cpu": platform.processor() or platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "Python": sys.version.split()[0],
        "Textual": version("textual"),
        "tomli": version("tomli"),
        "course": f"{course.__version__}, {install} at {location}",
        "load average (1 min) at start": f"{os.getloadavg()[0]:.2f}",
    }


def table(rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(
    results: Sequence[Result], facts: dict[str, str], command: str, seconds: float
) -> str:
    """RESULTS.md: the machine, the table, and how each figure was measured."""
    rows = [HEADER, *(result.cells() for result in results)]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` in {seconds:.0f} s. Do not edit by hand; run it again.",
        "",
        *(f"- {key}: {value}" for key, value in facts.items()),
        f"- load average (1 min) at end: {os.getloadavg()[0]:.2f}",
        "",
        "| " + " | ".join(rows[0]) + " |",
        "|" + "---|" * len(rows[0]),
        *("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]),
        "",
        "## How each figure is measured",
        "",
        METHOD,
    ]
    return "\n".join(lines)
