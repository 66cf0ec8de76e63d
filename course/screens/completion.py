"""The short screen at the end of a module."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from course.model import Module
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.step_view import KEPT_LOCALLY


class CompletionScreen(Screen[str]):
    """Dismisses with "next" to start the following module, or "home"."""

    CSS_PATH = "completion.tcss"

    BINDINGS = [
        Binding("enter,right,n", "choose('next')", "Next module", key_display="Enter"),
        Binding("escape", "choose('home')", "Modules"),
    ]
    """Enter goes on to the next module, Escape back to the list."""

    def __init__(
        self, module: Module, reflections: int, next_module: Module | None, kept: str = KEPT_LOCALLY
    ) -> None:
        super().__init__()
        self.kept = kept
        self.module = module
        self.reflections = reflections
        self.next_module = next_module

    def compose(self) -> ComposeResult:
        wrote = (
            f"You wrote {self.reflections} reflection{'s' if self.reflections != 1 else ''}. {self.kept}."
            if self.reflections
            else "You took it at your own pace, and that is the right pace."
        )
        after = (
            f"Next: {self.next_module.number} · {self.next_module.title}. Press Enter when you are ready, "
            "or come back another day."
            if self.next_module
            else "That was the last module. Press Enter to return to the list."
        )
        with Vertical(id="done"):
            yield Literal(f"You finished {self.module.number} · {self.module.title}", id="done-title")
            yield Static(wrote)
            yield Static("Take a breath before moving on. Nothing needs to happen right away.")
            yield Literal(after, id="done-next")
        yield CourseFooter()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
