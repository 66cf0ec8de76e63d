"""The room's answers to a check-in, on the projector: counts only, and only from three answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.web.room_hub import REVEAL_AT, Counts
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import literal


class RoomAnswersScreen(ModalScreen[None]):
    """How many chose each option, never who: fewer than REVEAL_AT answers show nothing but a wait."""

    DEFAULT_CSS = """
    RoomAnswersScreen { align: center middle; }
    RoomAnswersScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 1 2; background: $surface;
    }
    RoomAnswersScreen #answers-title { text-style: bold; color: $accent; margin: 0 0 1 0; }
    """

    BINDINGS = [Binding("escape,v,enter", "close", "Back", key_display="Esc"), HELP_SHOWN, QUIT_SHOWN]

    def __init__(self, options: list[str], counts: Counts) -> None:
        super().__init__()
        self.options = options
        self.counts = counts

    def compose(self) -> ComposeResult:
        counts = self.counts
        with Vertical():
            yield Static("The room's answers", id="answers-title")
            if counts.can_show:
                rows = [literal(f"{chosen:>3}  {text}") for text, chosen in zip(self.options, counts.chosen)]
                rows.append(Content(f"\n{counts.answered} answered. No one's answer is shown, only the counts."))
                yield Static(Content("\n").join(rows), id="answers")
            else:
                so_far = f"{counts.answered} so far" if counts.answered else "none yet"
                yield Static(f"Waiting for more answers ({so_far}): counts show once {REVEAL_AT} have answered.", id="answers")
        yield CourseFooter()

    def action_close(self) -> None:
        self.dismiss(None)
