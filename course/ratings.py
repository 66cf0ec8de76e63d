"""What the learner's ratings around practices show: when to offer care, and which practices help them."""

from __future__ import annotations

from collections.abc import Iterable

from course.model import Course, Module
from course.progress import Rating
from course.record import Record
from course.steps.base import Step

HIGHEST = 10
"""Ratings run from 0 (calm) to this (as stirred up as it gets)."""
RISE_FOR_CARE = 2
HIGH_FOR_CARE = 8
"""A rise of RISE_FOR_CARE or more, or an after-rating of HIGH_FOR_CARE or more, offers the pause and support."""
PAIRS_TO_SHOW = 2
"""A practice joins "What helps me" once it has this many ratings before and after."""


def offers_care(before: int, after: int) -> bool:
    """Whether the rating after a practice calls for a gentle offer of the pause and support."""
    return after >= HIGH_FOR_CARE or after - before >= RISE_FOR_CARE


class Helped(Record):
    """One practice, and how the learner's own ratings changed across it."""

    module: Module
    step: Step
    pairs: int
    change: float
    """The average of after minus before: below zero, calmer after."""

    def in_words(self) -> str:
        """The learner's own evidence, said plainly: never a score of them."""
        size = f"{abs(self.change):.1f}".removesuffix(".0")
        point = "point" if size == "1" else "points"
        if self.change <= -0.5:
            felt = f"on average {size} {point} calmer after it"
        elif self.change >= 0.5:
            felt = f"on average {size} {point} more stirred up after it"
        else:
            felt = "about the same before and after"
        return f"{self.step.title} (module {self.module.number}): {felt}, over {self.pairs} times"


def what_helps(course: Course, ratings: Iterable[Rating]) -> list[Helped]:
    """The practices with at least PAIRS_TO_SHOW pairs of ratings, the most calming first."""
    changes: dict[tuple[str, str], list[int]] = {}
    for rating in ratings:
        if rating.after is not None:
            changes.setdefault((rating.module_id, rating.step_id), []).append(rating.after - rating.before)
    found = []
    for module in course.modules:
        for step in module.steps:
            pairs = changes.get((module.id, step.id), [])
            if len(pairs) >= PAIRS_TO_SHOW:
                found.append(Helped(module=module, step=step, pairs=len(pairs), change=sum(pairs) / len(pairs)))
    return sorted(found, key=lambda helped: helped.change)
