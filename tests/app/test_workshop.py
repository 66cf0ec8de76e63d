"""Workshop mode and profiles, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from driving import past_notes
from terminal import FIXTURE_COURSE
from textual.widgets import Static, TextArea

from course.app import make_app
from course.loader import load_course
from course.mode import Mode
from course.progress import ProgressStore
from course.screens.grounding import GroundingScreen
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen
from course.steps import KINDS
from course.widgets.markdown_text import MarkdownText

COURSE = load_course(FIXTURE_COURSE)


async def test_workshop_shows_notes_jumps_by_number_and_saves_nothing(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#badge", Static).render()) == "Workshop mode: nothing is saved"
        assert app.theme == "course-contrast"
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.module.number == 2
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert app.screen.index == 2
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen.index == 1
        await pilot.press("1")
        await past_notes(pilot)
        assert isinstance(app.screen, PlayerScreen) and app.screen.module.number == 1
        first = COURSE.modules[0].steps[0]
        assert app.screen.query_one("#facilitator", MarkdownText).source == first.facilitator
        assert app.screen.query_one("#discuss", MarkdownText).source == first.discuss
        assert not app.screen.query_one("#notes").display  # the room sees no private notes
        await pilot.press("f")
        assert app.screen.query_one("#notes").display
        await pilot.press("f", "pagedown")  # on to the reflection
        await pilot.pause()
        assert app.screen.module.steps[app.screen.index].kind == "reflect"
        assert not app.screen.query(TextArea)  # a question for the room, nowhere to type
        assert app.screen.query(".room-question")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen) and app.screen.for_room
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not data_dir.exists()


async def test_number_keys_do_nothing_outside_workshop_mode(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query("#badge")


async def test_two_profiles_keep_separate_progress_and_the_app_says_whose(data_dir: Path) -> None:
    for name, steps in (("ana", 3), ("ben", 1)):
        app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(profile=name))
        async with app.run_test(size=(80, 24)) as pilot:
            assert f"{name}'s course" in str(app.screen.query_one("#heading", Static).render())
            await pilot.press("enter")
            await past_notes(pilot)
            for _ in range(steps):
                await pilot.press("ctrl+n")
            await pilot.pause()
    module = COURSE.modules[0]
    ana = ProgressStore.in_folder(data_dir / "profiles" / "ana").position(module.id)
    ben = ProgressStore.in_folder(data_dir / "profiles" / "ben").position(module.id)
    assert ana is not None and ana.step_id == module.steps[3].id
    assert ben is not None and ben.step_id == module.steps[1].id
    assert ProgressStore.in_folder(data_dir).position(module.id) is None


async def test_a_served_session_by_default_saves_nothing(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "nothing you write here is saved" in str(app.screen.query_one("#badge", Static).render())
        await pilot.press("enter")
        await past_notes(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
    assert not data_dir.exists()


async def test_the_chosen_theme_is_kept_for_next_time(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        chosen = app.theme
        assert chosen != "textual-dark"
    again = make_app(FIXTURE_COURSE, data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == chosen


async def test_a_module_made_by_course_new_plays_every_step(
    tmp_path: Path, data_dir: Path, fixture_as_built_in: Path
) -> None:
    from course.cli import main

    folder = tmp_path / "mine"
    assert main(["new", "Being kind to yourself", "--dir", str(folder)]) == 0
    assert main(["validate", str(folder)]) == 0
    course = load_course(folder)
    app = make_app(folder, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        kinds = []
        for _ in course.modules[0].steps:
            kinds.append(app.screen.module.steps[app.screen.index].kind)
            await pilot.press("ctrl+n")
            await pilot.pause()
    assert kinds == list(KINDS)  # every kind, in the registry's order
