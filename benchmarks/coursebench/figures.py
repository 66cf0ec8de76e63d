"""Measuring the course and its baseline side by side, and the figure that makes: a ratio per run."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

WARM_UP = 2
"""Pairs run before measuring, and dropped."""

T = TypeVar("T")


def alternate(
    runs: int, ours: Callable[[], T], base: Callable[[], T], warm_up: int = WARM_UP
) -> tuple[list[T], list[T]]:
    """Measure both sides `runs` times, next to each other, swapping which goes first each run.

    The first `warm_up` pairs are run and dropped: they fill caches (bytecode, disk, SQLite).
    """
    ours_values: list[T] = []
    base_values: list[T] = []
    for run in range(warm_up + runs):
        if run % 2:
            base_value = base()
            ours_value = ours()
        else:
            ours_value = ours()
            base_value = base()
        if run >= warm_up:
            ours_values.append(ours_value)
            base_values.append(base_value)
    return ours_values, base_values


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (linear interpolation)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Figure:
    """One measured figure: per run, a value for the course and one for its baseline.

    Run i of `ours` and run i of `base` were measured next to each other, so each run gives
    one ratio; the figure is the median ratio, with the smallest and largest as its spread.
    """

    name: str
    ours: Sequence[float]
    base: Sequence[float]
    unit: str
    target: float | None
    """The largest median ratio that meets the target; None for a figure shown for context."""
    baseline: str
    """What the course is compared against, in a few words."""

    @property
    def ratios(self) -> list[float]:
        return [ours / base for ours, base in zip(self.ours, self.base, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "context"
        return "met" if self.ratio <= self.target else "MISSED"

    def cells(self) -> list[str]:
        """The figure as table cells: name, course, baseline, ratio, spread, target, verdict."""
        ratios = self.ratios
        return [
            self.name,
            _amount(statistics.median(self.ours), self.unit),
            f"{_amount(statistics.median(self.base), self.unit)} ({self.baseline})",
            f"{self.ratio:.2f}x",
            f"{min(ratios):.2f}-{max(ratios):.2f}x (n={len(ratios)})",
            "-" if self.target is None else f"<= {self.target:.2f}x",
            self.verdict,
        ]


@dataclass(frozen=True)
class NotAvailable:
    """A benchmark that could not run, and why."""

    name: str
    reason: str

    def cells(self) -> list[str]:
        return [self.name, "not available", self.reason, "-", "-", "-", "not available"]


Result = Figure | NotAvailable


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.1f} {unit}"
