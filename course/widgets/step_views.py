"""The view of each step kind, by the kind's name: adding a kind is one view file and one line below."""

from __future__ import annotations

from course.progress_handle import ProgressHandle
from course.steps.base import Step
from course.widgets.check_view import CheckView
from course.widgets.plan_view import PlanView
from course.widgets.practice_view import PracticeView
from course.widgets.read_view import ReadView
from course.widgets.reflect_view import ReflectView
from course.widgets.self_check_view import SelfCheckView
from course.widgets.step_view import KEPT_LOCALLY, StepView

VIEWS: dict[str, type[StepView]] = {
    "read": ReadView,
    "reflect": ReflectView,
    "check": CheckView,
    "practice": PracticeView,
    "self-check": SelfCheckView,
    "plan": PlanView,
}


def view_for(step: Step, module_id: str, store: ProgressHandle, for_room: bool = False, kept: str = KEPT_LOCALLY) -> StepView:
    """The view that shows this step; for a room, questions are for discussion, not for one learner."""
    return VIEWS[step.kind](step, module_id, store, for_room=for_room, kept=kept)
