"""The course as pure data: immutable records for modules, steps and their parts."""

from __future__ import annotations

from course.record import Record
from course.steps.base import Step


class Recall(Record):
    """A question a returning learner answers in their head, and the answer they may then reveal."""

    question: str
    answer: str


class Module(Record):
    """One lesson module: a titled sequence of steps."""

    id: str
    title: str
    summary: str
    minutes: int
    steps: tuple[Step, ...]
    content_note: str = ""
    number: int = 0
    recap: tuple[str, ...] = ()
    """A few short lines on the module's ideas, for a learner coming back after days away."""
    recall: tuple[Recall, ...] = ()
    """Questions on the module's ideas, asked on coming back; never scored."""
    experiment: tuple[str, ...] = ()
    """Small things to try before next time, offered at the module's end: "When …, I will …"."""

    def index_of(self, step_id: str) -> int | None:
        """The position of the step with this id, or None if the module has no such step."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        return None

    def note_span(self, index: int) -> tuple[int, int] | None:
        """The first and last index of the steps under the content note that covers step `index`,
        or None when no note does: the player asks it once for the whole run, and skips it whole."""
        # Only the nearest note at or before it can: the loader lets no note's run hold another note.
        for first in range(index, -1, -1):
            step = self.steps[first]
            if step.content_note:
                last = first + step.content_note_covers - 1
                return (first, last) if index <= last else None
        return None


class Course(Record):
    """All modules, in the order they are played, and the words the course says about itself."""

    modules: tuple[Module, ...]
    title: str = "A course"
    """Shown on every screen's heading and the served page's title."""
    welcome: str = ""
    """The first words on the home screen, before anything is started (Markdown-free text)."""
    about: str = ""
    """What the course is, for Help and support (Markdown)."""

    @property
    def number_keys(self) -> str:
        """The number keys that open a module in a workshop, as said on screen: "1-4", or "1"."""
        count = min(9, len(self.modules))
        return "1" if count == 1 else f"1-{count}"

    def find(self, key: str) -> Module | None:
        """A module by its number (as text, from 1) or by its id."""
        # ASCII digits only: "²" is a digit to isdigit() but not to int(); ten or more digits
        # are never a module number, and int() refuses digit strings past a few thousand.
        if key.isascii() and key.isdigit() and len(key) < 10:
            number = int(key)
            return self.modules[number - 1] if 1 <= number <= len(self.modules) else None
        return next((module for module in self.modules if module.id == key), None)
