"""The step kinds, by the name a lesson file gives them: adding a kind is one file here and one line below."""

from __future__ import annotations

from course.steps.base import Step, StepKind
from course.steps.check import CheckKind
from course.steps.plan import PlanKind
from course.steps.practice import PracticeKind
from course.steps.read import ReadKind
from course.steps.reflect import ReflectKind
from course.steps.self_check import SelfCheckKind

KINDS: dict[str, StepKind] = {
    kind.name: kind for kind in (ReadKind(), ReflectKind(), CheckKind(), PracticeKind(), SelfCheckKind(), PlanKind())
}
"""In the order lessons/README.md and the starter module show them."""


def kind_of(step: Step) -> StepKind:
    """The kind a step was built as."""
    return KINDS[step.kind]
