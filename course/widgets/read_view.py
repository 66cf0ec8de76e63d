"""The view of a reading step."""

from __future__ import annotations

from textual.app import ComposeResult

from course.steps.read import ReadStep
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import StepView


class ReadView(StepView[ReadStep]):
    """A short reading."""

    def compose(self) -> ComposeResult:
        yield MarkdownText(self.step.body)
