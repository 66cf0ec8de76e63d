"""The view of a check-in question: pick a choice, read its feedback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from course.model import CheckStep
from course.widgets.choice_prompt import choice_prompt
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import StepView


class CheckView(StepView[CheckStep]):
    """A gentle question; every choice earns feedback, and none has to be picked."""

    FOCUS = "#choices"

    def compose(self) -> ComposeResult:
        if self.step.body:
            yield MarkdownText(self.step.body)
        yield MarkdownText(self.step.question, classes="prompt")
        yield OptionList(
            *(Option(choice_prompt(f"{n}.", c.text)) for n, c in enumerate(self.step.choices, 1)),
            id="choices",
        )
        yield MarkdownText(id="feedback")

    def on_mount(self) -> None:
        saved = self.store.answer(self.module_id, self.step.id)
        if isinstance(saved, int) and 0 <= saved < len(self.step.choices):
            self.query_one(OptionList).highlighted = saved
            self.show_feedback(saved)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.store.save_answer(self.module_id, self.step.id, event.option_index)
        self.show_feedback(event.option_index)

    def show_feedback(self, index: int) -> None:
        choice = self.step.choices[index]
        feedback = self.query_one("#feedback", MarkdownText)
        feedback.show(choice.feedback)
        feedback.set_class(choice.correct, "correct")
        feedback.add_class("shown")
