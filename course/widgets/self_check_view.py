"""The view of a self-check: tick familiar statements, see them reflected back as patterns."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from course.progress_handle import ProgressHandle
from course.steps.self_check import SelfCheckStep, ticked
from course.widgets.choice_list import ChoiceList, choice_prompt
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import KEPT_LOCALLY, StepView

TICKED, UNTICKED = "[x]", "[ ]"


class SelfCheckView(StepView[SelfCheckStep]):
    """Statements to mark as familiar; the summary describes patterns, never a diagnosis."""

    FOCUS = "#statements"

    def __init__(
        self, step: SelfCheckStep, module_id: str, store: ProgressHandle, for_room: bool = False, kept: str = KEPT_LOCALLY
    ) -> None:
        super().__init__(step, module_id, store, for_room, kept)
        self.chosen = set(ticked(step, store.answer(module_id, step.id)))
        """The statements ticked, kept here so the view never needs its children to know them."""

    def compose(self) -> ComposeResult:
        if self.step.body:
            yield MarkdownText(self.step.body)
        yield ChoiceList(*(Option(self.prompt(n)) for n in range(len(self.step.statements))), id="statements")
        yield Static("↑↓ choose · Enter tick or untick · End read what you noticed · → next", classes="hint")
        yield MarkdownText(id="reflections")

    def prompt(self, index: int) -> Table:
        marker = TICKED if index in self.chosen else UNTICKED
        return choice_prompt(marker, self.step.statements[index].text)

    def on_mount(self) -> None:
        self.show_reflections()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen ^= {event.option_index}
        self.store.save_answer(self.module_id, self.step.id, sorted(self.chosen))
        event.option_list.replace_option_prompt_at_index(event.option_index, self.prompt(event.option_index))
        self.show_reflections()

    def show_reflections(self) -> None:
        lines = [f"- {self.step.statements[n].reflection}" for n in sorted(self.chosen)]
        if lines:
            text = "**What you noticed**\n\n" + "\n".join(lines) + f"\n\n{self.step.summary}"
        else:
            text = f"Nothing ticked yet, and that is fine too.\n\n{self.step.summary}"
        self.query_one("#reflections", MarkdownText).show(text)
