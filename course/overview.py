"""Progress through the course at a glance: per module, and where to resume."""

from __future__ import annotations

import time

from course.model import Course, Module
from course.record import Record

TYPE_CHECKING = False  # typing costs a few milliseconds of every command's start-up
if TYPE_CHECKING:
    from typing import Protocol

    from course.progress import Position

    class Positions(Protocol):
        """What an overview reads: the store itself, or the app's handle on it."""

        def completed(self, module_id: str) -> set[str]: ...

        def position(self, module_id: str) -> Position | None: ...

        def skipped(self) -> set[str]: ...


class ModuleOverview(Record):
    """How far the learner has come in one module."""

    module: Module
    done: int
    resume_index: int
    status: str
    """One of "not started", "skipped", "in progress", "finished"."""
    updated_at: float | None

    @property
    def total(self) -> int:
        return len(self.module.steps)


def module_overview(module: Module, store: Positions, skipped: set[str] | None = None) -> ModuleOverview:
    """The learner's progress in one module; steps no longer in the module are not counted.

    `skipped` saves asking the store again when overviewing every module.
    """
    step_ids = {step.id for step in module.steps}
    done = len(store.completed(module.id) & step_ids)
    position = store.position(module.id)
    if position is None:
        skipped = store.skipped() if skipped is None else skipped
        status = "skipped" if module.id in skipped else "not started"
        return ModuleOverview(module=module, done=done, resume_index=0, status=status, updated_at=None)
    if position.finished_at is not None:
        return ModuleOverview(module=module, done=done, resume_index=0, status="finished", updated_at=position.updated_at)
    index = module.index_of(position.step_id)
    return ModuleOverview(
        module=module, done=done, resume_index=index or 0, status="in progress", updated_at=position.updated_at
    )


def course_overview(course: Course, store: Positions) -> list[ModuleOverview]:
    """Every module's progress, in course order."""
    skipped = store.skipped()
    return [module_overview(module, store, skipped) for module in course.modules]


def last_worked_on(overviews: list[ModuleOverview]) -> ModuleOverview | None:
    """The module the learner changed most recently, if any."""
    started = [o for o in overviews if o.updated_at is not None]
    return max(started, key=lambda o: o.updated_at or 0.0, default=None)


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """A text bar such as ██████░░░░░░."""
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def ago(then: float, now: float | None = None) -> str:
    """A moment in the past, in words a person would use."""
    seconds = max(0.0, (now if now is not None else time.time()) - then)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        count = int(seconds // size)
        if count:
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"
