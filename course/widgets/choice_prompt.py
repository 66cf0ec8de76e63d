"""An option's prompt with a marker column, so wrapped lines hang under the text, not the marker."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from course.terminal_text import harmless


def choice_prompt(marker: str, text: str) -> Table:
    """A two-column prompt: the marker (a number or a tick box), then the wrapping text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker), Text(harmless(text)))
    return grid
