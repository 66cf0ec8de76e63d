"""The base of every step kind's view."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.containers import Vertical
from textual.widget import Widget

from course.model import Step
from course.progress import ProgressStore

StepT = TypeVar("StepT", bound=Step)


class StepView(Vertical, Generic[StepT]):
    """Shows one step; views that keep learner input save it through the store."""

    DEFAULT_CSS = """
    StepView { height: auto; }
    """
    """A step view is as tall as its content; the player scrolls it."""

    def __init__(self, step: StepT, module_id: str, store: ProgressStore) -> None:
        super().__init__(classes="step-view")
        self.step = step
        self.module_id = module_id
        self.store = store

    def first_focus(self) -> Widget | None:
        """The widget to focus when the step is shown, if any."""
        return None

    def save(self) -> None:
        """Save anything the learner has entered and not saved yet."""

    def leave(self) -> None:
        """The learner moved to another step: save, and stop anything running."""
        self.save()
