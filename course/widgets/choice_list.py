"""A list of choices that is exactly as tall as what it draws, and its two-column prompts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.widgets import OptionList

from course.terminal_text import harmless


def choice_prompt(marker: str, text: str) -> Table:
    """A two-column prompt: the marker (a number or a tick box), then the wrapping text.

    Wrapped lines hang under the text, not under the marker.
    """
    return hanging([(marker, text, "")])


def hanging(rows: list[tuple[str, str, str]]) -> Table:
    """Lines of text after their markers ("•", "2."), each wrapping under its own text, shown as
    written: (marker, text, style) per line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # a word wider than the column wraps, never cut
    for marker, text, style in rows:
        grid.add_row(Text(marker), Text(harmless(text), style=style))
    return grid


class ChoiceList(OptionList):
    """Choices or statements to pick from, every one in view when there is room for them.

    The list keeps a column for its scrollbar whether or not it needs one, so the text wraps
    the same either way. Textual measures an auto height at the width without that column,
    and adds a row for a horizontal scrollbar the list never shows: measured as drawn
    instead, a list has neither a hidden last line nor an empty row under its choices.
    """

    DEFAULT_CSS = """
    ChoiceList { height: auto; scrollbar-gutter: stable; overflow-x: hidden; }
    """
    """As tall as the choices (a step's stylesheet caps it); room kept for a scrollbar."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        styles = self.styles
        drawn_width = max(1, width - styles.scrollbar_size_vertical)
        height = super().get_content_height(container, viewport, drawn_width)
        return max(1, height - styles.scrollbar_size_horizontal)
