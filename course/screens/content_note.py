"""A content note: what lies ahead, and the learner's choice to go on, skip or get support."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.screens.grounding import GroundingScreen
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.markdown_text import MarkdownText


class ContentNoteScreen(ModalScreen[str]):
    """Dismisses with "continue", "skip" or "back"."""

    CSS_PATH = "content_note.tcss"

    BINDINGS = [
        Binding("enter,right,n", "choose('continue')", "Go on", key_display="Enter"),
        Binding("ctrl+n", "choose('continue')", "Go on", show=False, priority=True),
        Binding("s", "choose('skip')", "Skip"),
        Binding("g", "grounding", "Pause first"),
        Binding("escape,left,p", "choose('back')", "Back", key_display="Esc"),
        HELP_SHOWN,
        QUIT_SHOWN,
    ]
    """Going on is the same key as any next; skipping and going back are one key each."""

    def __init__(self, title: str, note: str, skip_label: str) -> None:
        super().__init__()
        self.note_title = title
        self.note = note
        self.skip_label = skip_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="note-box"):
            yield Literal(f'Before "{self.note_title}"', id="note-title")
            yield MarkdownText(self.note)
            yield Static(self.choices(), id="note-choices")
        yield CourseFooter()

    def choices(self) -> Content:
        """One choice per line, its key first, so no choice is ever split across lines."""
        choices = [
            ("Enter", "go on"),
            ("s", self.skip_label.lower()),
            ("g", "a one-minute pause first"),
            ("F1", "help and support"),
            ("Esc", "back"),
        ]
        return Content("\n").join(Content.assemble((key.ljust(6), "bold"), words) for key, words in choices)

    def on_mount(self) -> None:
        self.query_one("#note-box").focus()  # arrow keys scroll a long note on a small screen

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_grounding(self) -> None:
        self.app.push_screen(GroundingScreen())
