"""Markdown shown as one Rich renderable: far cheaper to build than Textual's Markdown widget."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.widgets import Static


class MarkdownText(Static):
    """A block of lesson Markdown."""

    DEFAULT_CSS = """
    MarkdownText { height: auto; margin: 0 0 1 0; }
    """
    """Lesson text flows to its natural height, with a blank line after it."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(Markdown(text, hyperlinks=False), id=id, classes=classes)
        self.source = text

    def show(self, text: str) -> None:
        """Replace the text."""
        self.source = text
        self.update(Markdown(text, hyperlinks=False))
