"""A one-minute grounding pause: calm, optional, and over whenever the learner wants."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.widgets.course_footer import CourseFooter
from course.widgets.markdown_text import MarkdownText
from course.widgets.practice_view import PracticeTimer

GROUNDING = """
Let your eyes rest on the room around you. There is no right way to do this.

- Name **five things you can see**, slowly.
- Notice **four things you can feel**: your feet, the chair, your hands, the air.
- Listen for **three sounds**, near or far.
- Let your breath out a little longer than it comes in, a few times.

You are here, now. When you are ready, come back, or stop at any time.
"""


class GroundingScreen(ModalScreen[None]):
    """Guidance and a sixty-second timer the learner may start, or not."""

    DEFAULT_CSS = """
    GroundingScreen { align: center middle; }
    GroundingScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: round $success; padding: 1 2; background: $surface;
    }
    GroundingScreen #grounding-title { text-style: bold; color: $success; margin: 0 0 1 0; }
    """
    """Soft green, centred."""

    BINDINGS = [Binding("escape,enter", "close", "Back", key_display="Esc"), HELP_SHOWN, QUIT_SHOWN]
    """Any of the usual keys ends the pause."""

    def __init__(self, for_room: bool = False) -> None:
        super().__init__()
        self.for_room = for_room
        """A pause for a whole room starts at once and returns by itself when the minute is up."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("A one-minute pause for all of us" if self.for_room else "A one-minute pause", id="grounding-title")
            yield MarkdownText(GROUNDING)
            yield PracticeTimer(60)
        yield CourseFooter()

    def on_mount(self) -> None:
        timer = self.query_one(PracticeTimer)
        timer.focus()
        if self.for_room:
            timer.action_start_pause()

    def on_practice_timer_finished(self) -> None:
        if self.for_room:
            self.set_timer(3, self.action_close)

    def action_close(self) -> None:
        # The room's pause closes itself on a timer: never the screen someone opened over it.
        if self.is_current:
            self.dismiss(None)
