"""Benchmark 4: one step change's save (ProgressStore.move_to) with a long history against a short one."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
import time
from pathlib import Path

from course.progress import ProgressStore
from coursebench.figures import Figure, alternate, percentile

SHORT, LONG = 10, 10_000
"""Completed steps already stored in each of the two stores."""
STEPS_PER_MODULE = 12
MOVES = 200
"""Step changes saved per run in each store."""


def store_with_history(folder: Path, steps: int) -> ProgressStore:
    """A store in folder holding `steps` completed steps, spread over modules of 12 steps.

    The history is written in one transaction with plain SQL into the store's tables:
    saving it through move_to, one synchronous transaction per step, would take minutes.
    """
    ProgressStore.in_folder(folder).close()  # creates the database and its schema
    now = time.time()
    completed = [(f"history-{n // STEPS_PER_MODULE}", f"step-{n % STEPS_PER_MODULE}", now) for n in range(steps)]
    positions = {(module, step, when) for module, step, when in completed if step == f"step-{STEPS_PER_MODULE - 1}"}
    with sqlite3.connect(folder / "progress.db") as db:
        db.executemany("INSERT INTO completed_steps (module_id, step_id, completed_at) VALUES (?, ?, ?)", completed)
        db.executemany("INSERT INTO positions (module_id, step_id, updated_at) VALUES (?, ?, ?)", sorted(positions))
    db.close()
    return ProgressStore.in_folder(folder)


def _moves(store: ProgressStore, run: int) -> list[float]:
    """Milliseconds for each of MOVES step changes through a module not seen before."""
    module = f"bench-{run}"
    timings = []
    for step in range(MOVES):
        start = time.perf_counter()
        store.move_to(module, f"step-{step}", completed=f"step-{step - 1}" if step else None)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def saving(runs: int) -> list[Figure]:
    """p50 and p95 of move_to per run, with 10,000 completed steps stored against 10."""
    with tempfile.TemporaryDirectory(prefix="course-bench-") as name:
        short = store_with_history(Path(name) / "short", SHORT)
        long = store_with_history(Path(name) / "long", LONG)
        counter = itertools.count()
        try:
            ours, base = alternate(runs, lambda: _moves(long, next(counter)), lambda: _moves(short, next(counter)))
        finally:
            short.close()
            long.close()
    return [
        Figure(
            f"4. Saving a step change (move_to) p{round(fraction * 100)}, {LONG:,} steps stored",
            [percentile(run, fraction) for run in ours],
            [percentile(run, fraction) for run in base],
            "ms",
            1.2,
            f"{SHORT} steps stored",
        )
        for fraction in (0.5, 0.95)
    ]
