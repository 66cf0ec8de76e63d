"""The view of a plan step: why the plan helps, then the learner's own plan for hard moments."""

from __future__ import annotations

from textual.app import ComposeResult

from course.steps.plan import PlanStep
from course.widgets.markdown_text import MarkdownText
from course.widgets.plan_editor import PlanEditor, PlanHint
from course.widgets.step_view import StepView


class PlanView(StepView[PlanStep]):
    """The step's introduction and the plan itself: the same plan Help opens with p."""

    writes = True

    def compose(self) -> ComposeResult:
        yield MarkdownText(self.step.body)
        yield PlanEditor(self.store, for_room=self.for_room)
        yield PlanHint(self.kept, self.for_room)

    def start_writing(self) -> None:
        for editor in self.query(PlanEditor):
            editor.start_writing()

    def save(self) -> None:
        for editor in self.query(PlanEditor):
            editor.save()

    def resume(self) -> None:
        for editor in self.query(PlanEditor):
            editor.reload()
