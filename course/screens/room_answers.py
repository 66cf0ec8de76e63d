"""The room's answers to a check-in, on the projector: counts only, and only from three answers.
The counts keep up while the screen is open, as more of the room answers."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.web.room_hub import REVEAL_AT, Counts
from course.widgets.choice_list import hanging
from course.widgets.course_footer import CourseFooter

COUNTS_EVERY = 0.5
"""Seconds between looks at the hub's counts while they are on the projector."""


class RoomAnswersScreen(ModalScreen[None]):
    """How many chose each option, never who: fewer than REVEAL_AT answers show nothing but a wait."""

    CSS_PATH = "room_answers.tcss"

    BINDINGS = [Binding("escape,v,enter", "close", "Back", key_display="Esc"), HELP_SHOWN, QUIT_SHOWN]

    def __init__(self, options: list[str], counts: Callable[[], Counts]) -> None:
        super().__init__()
        self.options = options
        self.counts = counts
        """The room's answers now (the hub's counts for these options)."""
        self.shown: Counts | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("The room's answers", id="answers-title")
            yield Static(id="answers")
        yield CourseFooter()

    def on_mount(self) -> None:
        self.show_counts()
        self.set_interval(COUNTS_EVERY, self.show_counts)

    def show_counts(self) -> None:
        counts = self.counts()
        if counts == self.shown:
            return
        self.shown = counts
        if counts.can_show:
            rows = [(f"{chosen:>3} ", text, "") for text, chosen in zip(self.options, counts.chosen)]
            rows.append(("", f"\n{counts.answered} answered. No one's answer is shown, only the counts.", ""))
            self.query_one("#answers", Static).update(hanging(rows))
        else:
            so_far = f"{counts.answered} so far" if counts.answered else "none yet"
            words = f"Waiting for more answers ({so_far}): counts show once {REVEAL_AT} have answered."
            self.query_one("#answers", Static).update(words)

    def action_close(self) -> None:
        self.dismiss(None)
