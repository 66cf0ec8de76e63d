"""Content notes answered in a sitting: a module's note and each run's note are remembered apart."""

from __future__ import annotations

from course.answered_notes import AnsweredNotes
from course.model import Module
from course.steps.read import ReadStep


def module(module_id: str = "m") -> Module:
    steps = (
        ReadStep(id="a", title="A", body="."),
        ReadStep(id="b", title="B", body=".", content_note="Heavy.", content_note_covers=2),
        ReadStep(id="c", title="C", body="."),
        ReadStep(id="d", title="D", body="."),
    )
    return Module(id=module_id, title="M", summary=".", minutes=1, steps=steps, content_note="Module note.")


def test_a_modules_note_is_pending_until_answered_and_does_not_answer_its_runs() -> None:
    notes, m = AnsweredNotes(), module()
    assert notes.module_pending(m)
    notes.answer_module(m)
    assert not notes.module_pending(m)
    assert notes.run_pending(m, 2) == (1, 2)


def test_answering_a_run_answers_every_step_in_it_and_nothing_else() -> None:
    notes, m, other = AnsweredNotes(), module(), module("other")
    assert [notes.run_pending(m, i) for i in range(4)] == [None, (1, 2), (1, 2), None]
    notes.answer_run(m, 1)
    assert [notes.run_pending(m, i) for i in range(4)] == [None, None, None, None]
    assert notes.run_pending(other, 1) == (1, 2), "the same step id in another module is a different note"
    assert notes.module_pending(m)
