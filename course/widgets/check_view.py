"""The view of a check-in question: pick a choice, read its feedback."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from course.progress_handle import ProgressHandle
from course.steps.check import CheckStep, chosen
from course.widgets.choice_list import ChoiceList, choice_prompt
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import KEPT_LOCALLY, StepView

CHOSEN, NOT_CHOSEN = "●", "○"
"""The answer given stays marked, also without colour, wherever the highlight moves."""


class CheckView(StepView[CheckStep]):
    """A gentle question; every choice earns feedback, and none has to be picked."""

    FOCUS = "#choices"

    def __init__(self, step: CheckStep, module_id: str, store: ProgressHandle, for_room: bool = False, kept: str = KEPT_LOCALLY) -> None:
        super().__init__(step, module_id, store, for_room, kept)
        self.chosen: int | None = chosen(step, self.store.answer(module_id, step.id))
        """The answer given, kept here so the view never needs its children to know it."""

    def compose(self) -> ComposeResult:
        if self.step.body:
            yield MarkdownText(self.step.body)
        yield MarkdownText(self.step.question, classes="prompt")
        yield ChoiceList(*(Option(self.prompt(n)) for n in range(len(self.step.choices))), id="choices")
        yield Static("↑↓ choose · Enter answer · → next, with or without an answer", classes="hint")
        yield MarkdownText(id="feedback")

    def prompt(self, index: int) -> Table:
        marker = CHOSEN if index == self.chosen else NOT_CHOSEN
        return choice_prompt(f"{marker} {index + 1}.", self.step.choices[index].text)

    def on_mount(self) -> None:
        if self.chosen is not None:
            self.query_one(OptionList).highlighted = self.chosen
            self.show_feedback(self.chosen, scroll=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        before, self.chosen = self.chosen, event.option_index
        self.store.save_answer(self.module_id, self.step.id, self.chosen)
        for index in {before, self.chosen} - {None}:
            assert index is not None
            event.option_list.replace_option_prompt_at_index(index, self.prompt(index))
        self.show_feedback(self.chosen, scroll=True)

    def show_feedback(self, index: int, scroll: bool) -> None:
        """Show what the chosen answer means; just chosen, bring it into view."""
        choice = self.step.choices[index]
        feedback = self.query_one("#feedback", MarkdownText)
        feedback.show(choice.feedback)
        feedback.set_class(choice.correct, "correct")
        feedback.add_class("shown")
        if scroll:
            # After the new text is laid out, so the whole of it comes into view.
            self.call_after_refresh(feedback.scroll_visible, animate=False)
