"""Benchmarks 1 and 5: start-up time and peak memory of the app on its home screen."""

from __future__ import annotations

from coursebench.figures import Figure, alternate
from coursebench.processes import BENCHMARKS, PYTHON, Runner, Timing

LAUNCHER = str(BENCHMARKS / "ready_app.py")
BASELINE = "bare App"
TARGET = 1.15


def startup_and_memory(runner: Runner, runs: int) -> list[Figure]:
    """Headless start-up to the home frame and to exit, and the peak memory of the same processes."""
    rss_file = runner.cwd / "peak-rss"

    def start(which: str) -> tuple[Timing, float]:
        """The process's timing, and its peak resident memory in MiB."""
        timing = runner.time_to_signal(
            lambda fd: [PYTHON, LAUNCHER, which, "--frame-fd", str(fd), "--peak-rss-to", str(rss_file)]
        )
        return timing, int(rss_file.read_text()) / 1024

    ours, base = alternate(runs, lambda: start("course"), lambda: start("bare"))
    return [
        Figure(
            "1. Start-up, headless: process start to home frame",
            [t.signal for t, _ in ours], [t.signal for t, _ in base], "s", TARGET, BASELINE,
        ),
        Figure(
            "1. Start-up, headless: whole process, start to exit after home frame",
            [t.exit for t, _ in ours], [t.exit for t, _ in base], "s", TARGET, BASELINE,
        ),
        Figure(
            "5. Memory: peak RSS of that process on the home screen",
            [mib for _, mib in ours], [mib for _, mib in base], "MiB", 1.2, BASELINE,
        ),
    ]


def startup_in_terminal(runner: Runner, runs: int) -> Figure:
    """Start-up drawing on a pseudo-terminal: process start to the home frame.

    Timed to the frame, not to the exit: leaving a terminal costs Textual 0.1-0.2 s of input
    thread time-outs, the same for every app, which is not start-up.
    """

    def start(which: str) -> float:
        def argv(fd: int) -> list[str]:
            return [PYTHON, LAUNCHER, which, "--terminal", "--frame-fd", str(fd)]

        return runner.time_to_signal(argv, terminal=True).signal

    ours, base = alternate(runs, lambda: start("course"), lambda: start("bare"))
    name = "1. Start-up in a 100x30 pseudo-terminal: process start to home frame"
    return Figure(name, ours, base, "s", TARGET, BASELINE)
