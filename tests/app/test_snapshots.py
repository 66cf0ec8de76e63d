"""How each screen and step kind looks, compared with reviewed SVG snapshots of the fixture course.

Each test's docstring says what its picture must show. Pictures are taken of the small course
in tests/fixtures, so changing the shipped lessons never changes a picture of the machinery.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from terminal import BETWEEN_SESSIONS, FIXTURE_COURSE

from course.app import CourseApp, make_app
from course.mode import Mode
from course.progress import ProgressStore

SIZE = (80, 24)
READ, REFLECT, CHECK, PRACTICE, SELF_CHECK = range(5)  # the first fixture module's steps


@pytest.fixture(autouse=True)
def no_region_from_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Help looks the same on every machine: no region comes from a language setting."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.setenv(name, "C")


def app(data_dir: Path, mode: Mode | None = None) -> CourseApp:
    return make_app(FIXTURE_COURSE, data_dir, mode=mode)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let every message be handled and every scroll or animation end, so the picture is still."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def pressing(*keys: str):  # type: ignore[no-untyped-def]
    """A run_before that presses the keys one at a time, letting the screen settle after each."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run_before


OPEN = ("enter", "enter")  # open the first module, past its content note


class TestHome:
    def test_first_run(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The welcome, both modules with empty bars, the first row marked with ▶."""
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing())

    def test_after_skipping_a_module(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """Module 1 says "skipped"; the ▶ marker is on module 2."""
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing("enter", "s"))

    def test_after_finishing_a_module(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The greeting names the next module and Enter begins it; ▶ is on module 2."""
        store = ProgressStore.in_folder(data_dir)
        store.finish("first-steps", "heavier")
        store.close()
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing())

    def test_workshop(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """Words for a room, lengths instead of progress bars, 1-2 (not 1-9) in the hint and footer."""
        assert snap_compare(app(data_dir, Mode(workshop=True)), terminal_size=SIZE, run_before=pressing())


class TestStepKinds:
    @pytest.mark.parametrize("index", [READ, REFLECT, CHECK, PRACTICE, SELF_CHECK])
    def test_step(self, snap_compare, data_dir: Path, index: int) -> None:  # type: ignore[no-untyped-def]
        """Each kind as it first appears: a reflection not yet writing, its hint saying Enter or w."""
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing(*OPEN, *["n"] * index))

    def test_reflection_while_writing(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The text typed, the hint saying Esc and Ctrl+N, the footer offering Done writing."""
        keys = pressing(*OPEN, "n", "enter", *"Some [b]words[/b]")
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=keys)

    def test_check_with_an_answer(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The second answer marked ●, the highlight moved back to the first, the feedback in view."""
        keys = pressing(*OPEN, "n", "n", "down", "enter", "up")
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=keys)

    def test_self_check_with_a_statement_ticked(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """[x] beside the first statement, and what you noticed under the list."""
        keys = pressing(*OPEN, *["n"] * SELF_CHECK, "enter")
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=keys)

    def test_practice_timer_paused(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The timer box as wide as when it started, saying paused, Space resumes and r restarts."""

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await pressing(*OPEN, *["n"] * PRACTICE, "right")(pilot)  # past the rating, unanswered
            timer = pilot.app.screen.query_one("#timer")
            timer.remaining = 12
            await settle(pilot)

        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=run_before)


class TestSmallScreens:
    def test_writing_at_40x12(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The box being written in is on screen, with the text in it."""
        keys = pressing(*OPEN, "n", "enter", *"typed at 40 by 12")
        assert snap_compare(app(data_dir), terminal_size=(40, 12), run_before=keys)


class TestNotesHelpAndEndings:
    def test_module_content_note(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The note, then one choice per line: Enter, s, g, F1, Esc."""
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing("enter"))

    def test_help_with_no_region_known(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """Your local emergency number, then "Press c to choose your region" first, international lines."""
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing("f1"))

    def test_completion(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The module finished, with what was written counted and the next module offered."""
        store = ProgressStore.in_folder(data_dir)
        store.move_to("first-steps", "heavier")
        store.close()
        assert snap_compare(app(data_dir), terminal_size=SIZE, run_before=pressing(*OPEN, "enter", "ctrl+n"))


class TestWorkshop:
    def test_step_for_the_room(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The step and "To talk about together" with its question; no facilitator notes."""
        keys = pressing(*OPEN)
        assert snap_compare(app(data_dir, Mode(workshop=True)), terminal_size=SIZE, run_before=keys)

    def test_notes_shown_on_request(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """After f: the facilitator's notes beside the step, saying f hides them."""
        keys = pressing(*OPEN, "f")
        assert snap_compare(app(data_dir, Mode(workshop=True)), terminal_size=SIZE, run_before=keys)

    def test_help_for_the_room(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """No one's contacts; the keys of workshop mode, with 1-2 for the modules."""
        assert snap_compare(app(data_dir, Mode(workshop=True)), terminal_size=(80, 40), run_before=pressing("f1"))


def between_sessions(data_dir: Path, days: float = 0, mode: Mode | None = None) -> CourseApp:
    """The course for coming back, as started `days` from now, with the fixture's US lines."""
    return make_app(BETWEEN_SESSIONS, data_dir, "US", mode=mode, clock=lambda: time.time() + days * 86400)


class TestBetweenSessions:
    def test_welcome_back(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """Three days later: the recap, the first answer shown and the second waiting for Space,
        the experiment asked about with a box to write in, and every key named."""
        store = ProgressStore.in_folder(data_dir)
        store.move_to("arriving", "breathe")
        store.choose_experiment("arriving", "When it rains, I will notice one sound.")
        store.close()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot)  # the welcome back comes after the first frame
            await pressing("space")(pilot)

        assert snap_compare(between_sessions(data_dir, days=3), terminal_size=(80, 34), run_before=run_before)

    def test_care_after_a_harder_moment(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """After 3 before and 6 after: a gentle note offering g and F1, and the practice still showing."""
        keys = ("enter", "right", "3", "enter", "right", "6", "enter")
        assert snap_compare(between_sessions(data_dir), terminal_size=SIZE, run_before=pressing(*keys))

    def test_completion_with_experiments(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """Two suggestions, one's own and not this time, the first highlighted after ↓; Enter still named as going on."""
        keys = ("enter", "ctrl+n", "ctrl+n", "ctrl+n", "down")
        assert snap_compare(between_sessions(data_dir), terminal_size=(80, 30), run_before=pressing(*keys))

    def test_plan(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The plan over the home screen: the first parts, one written with brackets kept, and its keys."""
        store = ProgressStore.in_folder(data_dir)
        store.save_reflection("~plan", "warning-signs", "I stop answering [texts]")
        store.close()
        assert snap_compare(between_sessions(data_dir), terminal_size=SIZE, run_before=pressing("f1", "p"))

    def test_plan_for_the_room(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """The plan step in workshop mode: the six headings and prompts as a template, nowhere to write."""
        keys = ("enter", "right", "right")
        app = between_sessions(data_dir, mode=Mode(workshop=True))
        assert snap_compare(app, terminal_size=(80, 34), run_before=pressing(*keys))

    def test_what_helps(self, snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
        """One practice rated twice, said as the learner's own evidence, most calming first."""
        store = ProgressStore.in_folder(data_dir)
        for before, after in ((7, 3), (6, 4)):
            store.rate_after(store.rate_before("arriving", "breathe", before), after)
        store.close()
        assert snap_compare(between_sessions(data_dir), terminal_size=SIZE, run_before=pressing("w"))
