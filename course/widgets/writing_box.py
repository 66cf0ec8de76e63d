"""A box the learner writes in, outside a step: Escape stops writing, and the screen's keys work again."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class WritingBox(TextArea):
    """A few lines of the learner's own words, drawn light: a bar beside the text, brighter while writing."""

    BINDINGS = [Binding("escape", "done_typing", "Done writing")]
    """Escape leaves the box, not the screen."""

    DEFAULT_CSS = """
    WritingBox {
        height: auto; min-height: 2; max-height: 10; margin: 0 0 1 0; padding: 0 1;
        border: none; border-left: thick $panel-lighten-2; background: $boost;
    }
    WritingBox:focus { border: none; border-left: thick $primary; }
    WritingBox > .text-area--placeholder { color: $text-muted; }
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, highlight_cursor_line=False, id=id)

    def action_done_typing(self) -> None:
        self.screen.set_focus(None)
