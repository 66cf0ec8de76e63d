"""How each screen and step kind looks at 80x24, compared with reviewed SVG snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.app import CourseApp, make_app
from course.loader import load_course
from course.progress import ProgressStore

REPO = Path(__file__).resolve().parents[2]
COURSE = load_course(REPO / "lessons")
SIZE = (80, 24)


def app_on_step(data_dir: Path, module_number: int, kind: str) -> CourseApp:
    """An app whose learner last stopped on the first step of this kind in the module."""
    module = COURSE.modules[module_number - 1]
    step = next(s for s in module.steps if s.kind == kind)
    ProgressStore.in_folder(data_dir).move_to(module.id, step.id)
    app = make_app(REPO / "lessons", data_dir)
    app.acknowledged.add(module.id)
    return app


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.pause(0.1)


class TestHome:
    def test_first_run(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(REPO / "lessons", data_dir), terminal_size=SIZE, run_before=settle)


class TestStepKinds:
    @pytest.mark.parametrize(
        ("module_number", "kind"),
        [(1, "read"), (1, "reflect"), (1, "check"), (2, "practice"), (1, "self-check")],
    )
    def test_step(self, snap_compare, data_dir: Path, module_number: int, kind: str) -> None:  # type: ignore[no-untyped-def]
        async def open_step(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.press("enter")
            await settle(pilot)

        app = app_on_step(data_dir, module_number, kind)
        assert snap_compare(app, terminal_size=SIZE, run_before=open_step)

    def test_check_with_feedback(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        async def answer(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app_on_step(data_dir, 1, "check"), terminal_size=SIZE, run_before=answer)


class TestNotesAndEndings:
    def test_module_content_note(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        async def open_module(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(REPO / "lessons", data_dir), terminal_size=SIZE, run_before=open_module)

    def test_completion(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        module = COURSE.modules[0]

        async def finish(pilot) -> None:  # type: ignore[no-untyped-def]
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)

        ProgressStore.in_folder(data_dir).move_to(module.id, module.steps[-1].id)
        app = make_app(REPO / "lessons", data_dir)
        app.acknowledged.add(module.id)
        assert snap_compare(app, terminal_size=SIZE, run_before=finish)
