"""A content note over a run of steps, and the pause key in the player, driven with Pilot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from driving import open_module
from terminal import FIXTURE_COURSE
from textual.widgets import Static, TextArea

from course.app import CourseApp, make_app
from course.mode import Mode
from course.screens.completion import CompletionScreen
from course.screens.content_note import ContentNoteScreen
from course.screens.grounding import GroundingScreen
from course.screens.player import PlayerScreen

RUNS = '''
id = "runs"
title = "Runs"
summary = "Two runs of steps under one content note each."
minutes = 5

[[steps]]
id = "before"
kind = "read"
title = "Before the hard part"
body = "Nothing heavy yet."

[[steps]]
id = "heavy-one"
kind = "read"
title = "Heavy one"
content_note = "These two steps turn toward old hurt."
content_note_covers = 2
body = "The first heavy step."

[[steps]]
id = "heavy-two"
kind = "read"
title = "Heavy two"
body = "The second heavy step."

[[steps]]
id = "ground"
kind = "practice"
title = "Back to now"
body = "Look around the room."

[[steps]]
id = "ending-one"
kind = "read"
title = "Ending one"
content_note = "The last two steps are heavy too."
content_note_covers = 2
body = "Nearly done."

[[steps]]
id = "ending-two"
kind = "read"
title = "Ending two"
body = "Done."
'''
BEFORE, HEAVY_ONE, HEAVY_TWO, GROUND = range(4)


@pytest.fixture
def runs_course(tmp_path: Path) -> Path:
    """The fixture course with its first module replaced by one whose notes cover runs of steps."""
    lessons = tmp_path / "lessons"
    shutil.copytree(FIXTURE_COURSE, lessons)
    (lessons / "01-first-steps.toml").write_text(RUNS, encoding="utf-8")
    return lessons


def shown(app: CourseApp) -> tuple[int, str]:
    """The step the player shows: its index and the title on screen. Fails if a note is in front."""
    player = app.screen
    assert isinstance(player, PlayerScreen), f"{type(player).__name__} is showing, not a step"
    return player.index, str(player.query_one("#step-title", Static).render())


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


def note_on_screen(app: CourseApp) -> ContentNoteScreen:
    note = app.screen
    assert isinstance(note, ContentNoteScreen), f"{type(note).__name__} is showing, not a content note"
    return note


async def test_skipping_a_run_lands_on_the_step_after_it_with_no_note(runs_course: Path, data_dir: Path) -> None:
    app = make_app(runs_course, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        assert shown(app) == (BEFORE, "Before the hard part")
        await press(pilot, "n")
        note = note_on_screen(app)
        assert str(note.query_one("#note-title", Static).render()) == 'Before "Heavy one"'
        assert "s     skip these 2 steps" in str(note.query_one("#note-choices", Static).render())
        await press(pilot, "s")
        assert shown(app) == (GROUND, "Back to now")
        position = app.store.position("runs")
        assert position is not None and position.step_id == "ground"


async def test_going_on_answers_the_note_for_every_step_of_the_run(runs_course: Path, data_dir: Path) -> None:
    app = make_app(runs_course, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await press(pilot, "n")
        note_on_screen(app)
        await press(pilot, "enter")
        assert shown(app) == (HEAVY_ONE, "Heavy one")
        await press(pilot, "n")
        assert shown(app) == (HEAVY_TWO, "Heavy two")
        await press(pilot, "n", "p")
        assert shown(app) == (HEAVY_TWO, "Heavy two")  # back into an answered run: no note again


async def test_going_back_into_an_unanswered_run_asks_and_skipping_lands_before_it(
    runs_course: Path, data_dir: Path
) -> None:
    app = make_app(runs_course, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await press(pilot, "n", "s")
        assert shown(app) == (GROUND, "Back to now")
        await press(pilot, "p")
        assert str(note_on_screen(app).query_one("#note-title", Static).render()) == 'Before "Heavy one"'
        await press(pilot, "s")
        assert shown(app) == (BEFORE, "Before the hard part")


async def test_going_on_after_going_back_into_a_run_shows_the_step_asked_for(runs_course: Path, data_dir: Path) -> None:
    app = make_app(runs_course, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await press(pilot, "n", "s", "p")
        note_on_screen(app)
        await press(pilot, "enter")
        assert shown(app) == (HEAVY_TWO, "Heavy two")


async def test_skipping_a_run_that_ends_the_module_finishes_it(runs_course: Path, data_dir: Path) -> None:
    app = make_app(runs_course, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await press(pilot, "n", "s")
        assert shown(app) == (GROUND, "Back to now")
        await press(pilot, "n")
        assert "skip these 2 steps" in str(note_on_screen(app).query_one("#note-choices", Static).render())
        await press(pilot, "s")
        assert isinstance(app.screen, CompletionScreen)
        position = app.store.position("runs")
        assert position is not None and position.finished_at is not None
        assert app.store.completed("runs") == {"before", "ground"}, "the step left is done; the skipped ones are not"


# The pause key


async def test_g_on_a_step_opens_a_pause_and_esc_returns_to_the_same_step(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await press(pilot, "n", "n")
        before = shown(app)
        assert before[0] == 2
        await press(pilot, "g")
        assert isinstance(app.screen, GroundingScreen) and not app.screen.for_room
        await press(pilot, "escape")
        assert shown(app) == before


async def test_g_while_writing_a_reflection_types_a_g(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        await press(pilot, "n", "enter")  # the fixture's reflection: Enter starts writing
        box = app.focused
        assert isinstance(box, TextArea)
        await press(pilot, *"go")
        assert app.screen is player and box.text == "go"


async def test_g_in_workshop_mode_pauses_the_room_as_b_does(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_module(pilot)
        before = shown(app)
        for key in ("g", "b"):
            await press(pilot, key)
            assert isinstance(app.screen, GroundingScreen) and app.screen.for_room, key
            await press(pilot, "escape")
            assert shown(app) == before
