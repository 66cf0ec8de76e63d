"""What helps me: the practices the learner rated, by how their own ratings changed across them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from course.ratings import Helped
from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import literal

ABOUT = (
    "From your own ratings of how stirred up you felt, 0 to 10, before and after each practice. "
    "It is your evidence of what works for you, not a score: a practice that did not help is worth knowing about too."
)


class WhatHelpsScreen(ModalScreen[None]):
    """The practices with two or more pairs of ratings, the most calming first."""

    CSS_PATH = "what_helps.tcss"

    BINDINGS = [Binding("escape,enter", "close", "Back", key_display="Esc"), HELP_SHOWN, QUIT_SHOWN]

    def __init__(self, helped: list[Helped]) -> None:
        super().__init__()
        self.helped = helped

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("What helps me", id="helps-title")
            yield Static(ABOUT, id="helps-about")
            yield Static(Content("\n").join(literal(f"• {helped.in_words()}") for helped in self.helped), id="helps")
            yield Static("Only you see this. `course export` lists every rating.", classes="hint")
        yield CourseFooter()

    def action_close(self) -> None:
        self.dismiss(None)
