"""Coming back after days away: whether to welcome the learner back, and with what."""

from __future__ import annotations

import datetime as dt

from course.model import Course, Module
from course.progress import Experiment, Position
from course.record import Record

DAYS_AWAY = 2
"""A return this many calendar days or more after the last step is welcomed back; a same-day or
next-day return goes straight to the modules."""


class ComingBack(Record):
    """What a welcome back shows: how long it has been, the module the learner was in, and the
    experiment they chose, if they have not yet said how it went."""

    days: int
    module: Module
    experiment: Experiment | None


def days_between(then: float, now: float) -> int:
    """Calendar days from one moment to another, in local time: Monday evening to Wednesday
    morning is two days."""
    return (dt.date.fromtimestamp(now) - dt.date.fromtimestamp(then)).days


def how_long(days: int) -> str:
    """A number of days as a person says it: "3 days", "2 weeks", "about 2 months"."""
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 365:
        return f"about {days // 30} months"
    return "over a year"


def coming_back(course: Course, last: Position | None, experiments: list[Experiment], now: float) -> ComingBack | None:
    """The welcome back for a learner whose last step was DAYS_AWAY or more ago, or None."""
    if last is None:
        return None
    days = days_between(last.updated_at, now)
    module = next((m for m in course.modules if m.id == last.module_id), None)
    if days < DAYS_AWAY or module is None:
        return None
    unanswered = experiments[-1] if experiments and not experiments[-1].outcome.strip() else None
    return ComingBack(days=days, module=module, experiment=unanswered)
