"""The plan for hard moments, opened from Help and support with p, over any screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from course.hard_moments_plan import TITLE
from course.progress_handle import ProgressHandle
from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.widgets.course_footer import CourseFooter
from course.widgets.plan_editor import PlanEditor, PlanHint

ABOUT = (
    "A plan you write on a calmer day, to use on a hard one. It is yours: not a promise or a contract, "
    "and you can change any part at any time, or leave it empty."
)


class PlanScreen(ModalScreen[None]):
    """The learner's plan, over whatever they were doing; closing it returns them exactly there."""

    CSS_PATH = "plan.tcss"

    BINDINGS = [
        Binding("escape", "close", "Back", key_display="Esc"),
        Binding("enter,w", "write", "Write", key_display="⏎"),
        HELP_SHOWN,
        QUIT_SHOWN,
    ]
    """Esc goes back (while writing, it first stops writing); Enter or w starts writing."""

    def __init__(self, store: ProgressHandle, kept: str, for_room: bool = False) -> None:
        super().__init__()
        self.store = store
        self.kept = kept
        self.for_room = for_room

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(TITLE, id="plan-title")
            yield Static(ABOUT, id="plan-about")
            yield PlanEditor(self.store, for_room=self.for_room)
            yield PlanHint(self.kept, self.for_room)
        yield CourseFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "write" and (self.for_room or isinstance(self.focused, TextArea)))

    def action_write(self) -> None:
        self.query_one(PlanEditor).start_writing()

    def on_screen_resume(self) -> None:
        """Back from a screen opened over this one (Help, and the plan again from it): show what it saved."""
        for editor in self.query(PlanEditor):
            editor.reload()

    def save_current(self) -> None:
        """Save what was typed: the app asks on quitting, or when the terminal closes."""
        for editor in self.query(PlanEditor):
            editor.save()

    def action_close(self) -> None:
        self.save_current()
        self.dismiss(None)
