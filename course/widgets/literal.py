"""Text from a lesson, a support file or the learner, shown exactly as written.

Textual reads a plain string as markup: `[/]` raises, `[sic]` vanishes, `[@click=...]` becomes
an action. Every string that did not come from our own code goes through `literal` (or the
`Literal` widget) instead, so a new screen cannot get this wrong.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from course.terminal_text import harmless


def literal(text: str, style: str = "") -> Content:
    """The text as content that is never parsed, with control characters made visible."""
    return Content.styled(harmless(text), style) if style else Content(harmless(text))


class Literal(Static):
    """A Static whose text is always shown as written."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(literal(text), id=id, classes=classes)

    def show(self, text: str) -> None:
        """Replace the text."""
        self.update(literal(text))
