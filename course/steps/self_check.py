"""Statements the learner may mark as familiar; the answer is the sorted list of ticked indexes."""

from __future__ import annotations

from course.record import Record
from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields

STATEMENT_KEYS = frozenset({"text", "reflection"})


class Statement(Record):
    """A statement in a self-check, and how it is reflected back when chosen."""

    text: str
    reflection: str


class SelfCheckStep(Step):
    """Statements the learner may mark as familiar; chosen ones are reflected back as patterns."""

    statements: tuple[Statement, ...]
    summary: str
    body: str = ""
    kind = "self-check"


def ticked(step: SelfCheckStep, stored: object) -> list[int]:
    """The statements a stored answer ticks, in order, leaving out any no longer there."""
    if not isinstance(stored, list):
        return []
    numbers = {n for n in stored if isinstance(n, int) and not isinstance(n, bool)}
    return sorted(n for n in numbers if 0 <= n < len(step.statements))


class SelfCheckKind(StepKind):
    name = "self-check"
    label = "Self-check"
    required = frozenset({"statements", "summary"})
    optional = frozenset({"body"})
    starter = '''
[[steps]]
id = "familiar"
kind = "self-check"
title = "Which feel familiar?"
statements = [
  {{ text = "A statement a learner might recognise.", reflection = "How it is reflected back, as a pattern." }},
  {{ text = "Another statement.", reflection = "Another kind reflection." }},
]
summary = "These are patterns to notice, not a diagnosis."
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> SelfCheckStep:
        body = fields.text(data, "body", where, required=False)
        tables = fields.tables(data.get("statements"), where, "statement", 1, '{ text = "...", reflection = "..." }')
        statements = tuple(
            Statement(text=fields.text(table, "text", at), reflection=fields.text(table, "reflection", at))
            for at, table in tables
            if fields.unknown_keys(table, STATEMENT_KEYS, at, "a statement")
        )
        return SelfCheckStep(**common, body=body, statements=statements, summary=fields.text(data, "summary", where))

    def options(self, step: Step) -> list[str]:
        assert isinstance(step, SelfCheckStep)
        return [statement.text for statement in step.statements]

    def paper(self, step: Step, width: int) -> list[str]:
        from course.paper_text import markdown_lines, numbered, wrap  # only `course read` pays for it

        assert isinstance(step, SelfCheckStep)
        lines = wrap("Notice which of these feel familiar:", width)
        lines += numbered([statement.text for statement in step.statements], width, markdown=False)
        lines += ["", "If one feels familiar:", *numbered([s.reflection for s in step.statements], width)]
        return [*lines, "", *markdown_lines(step.summary, width)]

    def answer_text(self, step: Step, stored: object, when: str) -> str:
        from course.export_text import one_line

        assert isinstance(step, SelfCheckStep)
        chosen = [step.statements[n].text for n in ticked(step, stored)]
        if not chosen:
            return ""
        return f"*Marked as familiar, {when}:*\n\n" + "\n".join(f"- {one_line(text)}" for text in chosen)
