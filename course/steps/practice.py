"""A guided practice, optionally timed."""

from __future__ import annotations

from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields


class PracticeStep(Step):
    """A guided practice, optionally timed."""

    body: str
    seconds: int | None = None
    kind = "practice"


class PracticeKind(StepKind):
    name = "practice"
    label = "Practice"
    required = frozenset({"body"})
    optional = frozenset({"seconds"})
    starter = '''
[[steps]]
id = "pause"
kind = "practice"
title = "A short practice"
body = "Guidance for a practice. The timer is optional."
seconds = 60
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> PracticeStep:
        body = fields.text(data, "body", where)
        seconds = fields.integer(data, "seconds", where, 10, 3600, required=False)
        return PracticeStep(**common, body=body, seconds=seconds)

    def paper(self, step: Step, width: int) -> list[str]:
        from course.paper_text import duration, wrap  # only `course read` pays for it

        assert isinstance(step, PracticeStep)
        return wrap(f"Take {duration(step.seconds)}, or as long as you like.", width) if step.seconds else []
