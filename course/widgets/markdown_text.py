"""Markdown shown as one Rich renderable: far cheaper to build than Textual's Markdown widget."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets import Static


class RenderedMarkdown(RichVisual):
    """Markdown drawn once for each width: Textual measures a Rich renderable's height by
    drawing it, then draws it again to show it; here the second is the first, kept."""

    def __init__(self, widget: Widget, markdown: Markdown) -> None:
        super().__init__(widget, markdown)
        self._drawn: tuple[tuple[int, Style], list[Strip]] | None = None

    def _lines(self, width: int, style: Style) -> list[Strip]:
        if self._drawn is None or self._drawn[0] != (width, style):
            app = self._widget.app
            options = app.console_options.update(highlight=False, width=width)
            segments = app.console.render(self._widget.post_render(self._renderable, style.rich_style), options)
            lines = Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False)
            self._drawn = ((width, style), [Strip(line) for line in lines])
        return self._drawn[1]

    @property
    def width(self) -> int:
        """The width it was last drawn at; 0 if never."""
        return 0 if self._drawn is None else self._drawn[0][0]

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width, self._widget.visual_style))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._lines(width, style)[:height]


class MarkdownText(Static):
    """A block of lesson Markdown."""

    DEFAULT_CSS = """
    MarkdownText { height: auto; margin: 0 0 1 0; }
    """
    """Lesson text flows to its natural height, with a blank line after it."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.show(text)

    def show(self, text: str) -> None:
        """Replace the text."""
        self.source = text
        self._drawing = RenderedMarkdown(self, Markdown(text, hyperlinks=False))
        self.update(self._drawing)

    def measured_width(self) -> int:
        """The width the text was last measured or drawn at; 0 if it has not been yet."""
        return self._drawing.width
