"""A question the learner may answer in their own words."""

from __future__ import annotations

from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields


class ReflectStep(Step):
    """A question the learner may answer in their own words; the words are kept as reflections."""

    prompt: str
    body: str = ""
    kind = "reflect"


class ReflectKind(StepKind):
    name = "reflect"
    label = "Reflection"
    required = frozenset({"prompt"})
    optional = frozenset({"body"})
    starter = '''
[[steps]]
id = "first-thoughts"
kind = "reflect"
title = "Your first thoughts"
prompt = "A question the learner may answer in their own words, or skip."
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> ReflectStep:
        body = fields.text(data, "body", where, required=False)
        return ReflectStep(**common, body=body, prompt=fields.text(data, "prompt", where))

    def paper(self, step: Step, width: int) -> list[str]:
        from course.paper_text import RULED_LINES, markdown_lines, wrap  # only `course read` pays for it

        assert isinstance(step, ReflectStep)
        lines = ["A question to think about:", *markdown_lines(step.prompt, width)]
        lines += [*wrap("(Write on the lines below or anywhere you like, or skip it.)", width), ""]
        return lines + ["_" * width] * RULED_LINES

    def asked(self, step: Step) -> str:
        assert isinstance(step, ReflectStep)
        return step.prompt
