"""Benchmark 6: the commands that need no screen, as whole processes."""

from __future__ import annotations

from collections.abc import Callable

from course.progress import ProgressStore
from coursebench.figures import Figure, NotAvailable, Result, alternate
from coursebench.processes import PYTHON, Runner, course_command, unavailable_reason

BASELINE = [PYTHON, "-c", "import tomli, sqlite3"]
TARGET = 1.5
"""At most this many times the baseline: a command that needs no screen starts about as fast as Python."""


def _some_progress(runner: Runner) -> None:
    """Give `course forget` something to forget: a store with one step saved."""
    store = ProgressStore.in_folder(runner.data_dir)
    store.move_to("why-we-pull-away", "what-repair-teaches")
    store.close()


COMMANDS: list[tuple[list[str], Callable[[Runner], None] | None]] = [
    (["list"], None),
    (["validate"], None),
    (["read", "1"], None),
    (["export"], None),
    (["plan"], None),
    (["handout", "1", "-o", "-"], None),
    (["forget", "--yes"], _some_progress),
]
"""Each command's arguments, and what to prepare (untimed) before each run."""


def commands(runner: Runner, runs: int) -> list[Result]:
    """Each command as a whole process against a Python that imports tomli and sqlite3."""
    course = course_command()
    results: list[Result] = []
    for arguments, prepare in COMMANDS:
        name = f"6. course {' '.join(arguments)}: whole process"
        argv = [*course, *arguments]
        if prepare is not None:
            prepare(runner)
        reason = unavailable_reason(runner.run(argv))
        if reason is not None:
            results.append(NotAvailable(name, reason))
            continue

        def ours(argv: list[str] = argv, prepare: Callable[[Runner], None] | None = prepare) -> float:
            if prepare is not None:
                prepare(runner)
            return runner.time(argv)

        measured, base = alternate(runs, ours, lambda: runner.time(BASELINE))
        results.append(Figure(name, measured, base, "s", TARGET, "python -c 'import tomli, sqlite3'"))
    return results

