"""A gentle check-in question with feedback for every choice; the answer is the chosen index."""

from __future__ import annotations

from course.record import Record
from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields

CHOICE_KEYS = frozenset({"text", "feedback", "correct"})


class Choice(Record):
    """One answer to a check-in question, with the feedback it earns."""

    text: str
    feedback: str
    correct: bool = False


class CheckStep(Step):
    """A gentle check-in question with feedback for every choice."""

    question: str
    choices: tuple[Choice, ...]
    body: str = ""
    kind = "check"


def chosen(step: CheckStep, stored: object) -> int | None:
    """The choice a stored answer names, or None: nothing stored, or a choice no longer there."""
    if isinstance(stored, int) and not isinstance(stored, bool) and 0 <= stored < len(step.choices):
        return stored
    return None


class CheckKind(StepKind):
    name = "check"
    label = "Check-in"
    required = frozenset({"question", "choices"})
    optional = frozenset({"body"})
    starter = '''
[[steps]]
id = "check-in"
kind = "check"
title = "A quick check-in"
question = "A gentle question?"
choices = [
  {{ text = "One answer", feedback = "Kind feedback for this answer.", correct = true }},
  {{ text = "Another answer", feedback = "Kind feedback for this one too." }},
]
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> CheckStep:
        body = fields.text(data, "body", where, required=False)
        question = fields.text(data, "question", where)
        tables = fields.tables(data.get("choices"), where, "choice", 2, '{ text = "...", feedback = "..." }')
        choices = tuple(
            Choice(
                text=fields.text(table, "text", at),
                feedback=fields.text(table, "feedback", at),
                correct=fields.flag(table, "correct", at),
            )
            for at, table in tables
            if fields.unknown_keys(table, CHOICE_KEYS, at, "a choice")
        )
        return CheckStep(**common, body=body, question=question, choices=choices)

    def options(self, step: Step) -> list[str]:
        assert isinstance(step, CheckStep)
        return [choice.text for choice in step.choices]

    def paper(self, step: Step, width: int) -> list[str]:
        from course.paper_text import markdown_lines, numbered  # only `course read` pays for it

        assert isinstance(step, CheckStep)
        lines = markdown_lines(step.question, width)
        lines += numbered([choice.text for choice in step.choices], width, markdown=False)
        return [*lines, "", "About each answer:", *numbered([choice.feedback for choice in step.choices], width)]

    def asked(self, step: Step) -> str:
        assert isinstance(step, CheckStep)
        return step.question

    def answer_text(self, step: Step, stored: object, when: str) -> str:
        from course.export_text import one_line

        assert isinstance(step, CheckStep)
        index = chosen(step, stored)
        return "" if index is None else f"*Answered {when}:* {one_line(step.choices[index].text)}"
