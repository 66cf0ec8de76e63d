"""The base of every step kind's view."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from course.mode import WORDS
from course.progress_handle import ProgressHandle
from course.steps.base import Step

StepT = TypeVar("StepT", bound=Step)
KEPT_LOCALLY = WORDS["here"].kept
"""Where a learner's words go when the course runs on their own computer."""


class StepView(Vertical, Generic[StepT]):
    """Shows one step; views that keep learner input save it through the store.

    The player prepares views ahead and may show, leave or drop one before Textual has
    composed its children (keys arrive in bursts), so a view keeps what the learner entered
    in its own attributes and never needs its children to save, leave or be focused.
    """

    FOCUS: str | None = None
    """A selector for the widget that takes focus when the step is shown, if any."""
    writes = False
    """Whether the learner writes here: Enter or w then starts writing (start_writing)."""

    class MoveOn(Message):
        """The view has had its answer to what it asked on the way out: the move it held goes on."""

        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view

    DEFAULT_CSS = """
    StepView { height: auto; }
    """
    """A step view is as tall as its content; the player scrolls it."""

    def __init__(
        self,
        step: StepT,
        module_id: str,
        store: ProgressHandle,
        for_room: bool = False,
        kept: str = KEPT_LOCALLY,
    ) -> None:
        super().__init__(classes="step-view")
        self.step = step
        self.module_id = module_id
        self.store = store
        self.for_room = for_room
        """Shown to a room (workshop mode): nothing is asked of, or saved for, one learner."""
        self.kept = kept
        """Where what the learner enters goes, in words: true in every mode."""

    def first_focus(self) -> Widget | None:
        """The widget to focus when the step is shown: None if there is none, or not yet."""
        if self.FOCUS is None:
            return None
        return next(iter(self.query(self.FOCUS)), None)

    def save(self) -> None:
        """Save anything the learner has entered and not saved yet."""

    def start_writing(self) -> None:
        """Put the learner where they write, after what they wrote before."""

    def resume(self) -> None:
        """The step is in view again after a screen over it closed: show what that screen saved."""

    def holds_move(self) -> bool:
        """The learner asked to move on: whether the view asks something first, holding the move
        until it posts MoveOn (asked again, it lets the move go)."""
        return False

    def leave(self) -> None:
        """The learner moved to another step: save, and stop anything running."""
        self.save()
