"""The plan for hard moments, written by the learner in six parts (course.hard_moments_plan)."""

from __future__ import annotations

from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields


class PlanStep(Step):
    """An introduction, then the learner's own plan for hard moments: the same plan Help opens."""

    body: str
    kind = "plan"


class PlanKind(StepKind):
    name = "plan"
    label = "Plan"
    required = frozenset({"body"})
    starter = '''
[[steps]]
id = "plan"
kind = "plan"
title = "Your plan for hard moments"
body = "What the plan is for. Below it the learner writes their plan, in six parts."
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> PlanStep:
        return PlanStep(**common, body=fields.text(data, "body", where))

    def paper(self, step: Step, width: int) -> list[str]:
        from course.hard_moments_plan import PARTS  # only `course read` pays for it
        from course.paper_text import RULED_LINES, wrap

        lines = wrap("The plan, in six parts. Write on the lines, or skip any part:", width)
        for number, part in enumerate(PARTS, start=1):
            lines += ["", *wrap(f"{number}. {part.heading}", width), *wrap(part.prompt, width, "   ", "   ")]
            lines += ["_" * width] * RULED_LINES
        return lines
