"""A served session, driven with Pilot: true words about saving, a name with its code, a careful quit."""

from __future__ import annotations

from pathlib import Path

import pytest
from driving import open_module
from terminal import FIXTURE_COURSE
from textual.widgets import Input, Static

from course.app import CourseApp, make_app
from course.mode import Mode
from course.participants import Participants
from course.screens.dialogs import ConfirmDialog
from course.screens.help import HelpScreen
from course.screens.home import HomeScreen
from course.screens.profile import ProfileScreen
from course.widgets.literal import Literal
from course.widgets.markdown_text import MarkdownText
from course.widgets.reflect_view import ReflectView

UNTRUE_IN_A_BROWSER = ["this computer", "course export", "course forget"]


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    import course.participants

    monkeypatch.setattr(course.participants, "HASH_ROUNDS", 1000)


def words_on(app: CourseApp) -> str:
    """Every text the current screen shows, as written."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, MarkdownText):
            parts.append(widget.source)
        elif isinstance(widget, (Static, Literal)):
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def reach_reflection(pilot, app: CourseApp) -> ReflectView:  # type: ignore[no-untyped-def]
    player = await open_module(pilot)
    while not isinstance(player.view, ReflectView):
        await pilot.press("ctrl+n")
        await pilot.pause()
    return player.view


@pytest.mark.parametrize("signed_in", [False, True], ids=["saving nothing", "saving under a code"])
async def test_a_served_session_never_promises_this_computer_or_its_commands(data_dir: Path, signed_in: bool) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True, ask_profile=signed_in, run="r"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if signed_in:
            await pilot.press(*"sam", "enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        seen = [words_on(app)]
        view = await reach_reflection(pilot, app)
        seen.append(words_on(app))
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen.append(words_on(app))
    text = "\n".join(seen)
    for untrue in UNTRUE_IN_A_BROWSER:
        assert untrue not in text
    if signed_in:
        assert "facilitator's computer" in text and view.kept.startswith("Kept on the facilitator's computer")
    else:
        assert "Nothing you write here is saved" in text and view.kept.startswith("Not saved")


async def test_a_first_visit_shows_a_code_that_with_the_name_opens_the_same_progress(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True, ask_profile=True, run="r"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press(*"sam", "enter")
        await pilot.pause()
        code = str(app.screen.query_one("#resume-code", Literal).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        view = await reach_reflection(pilot, app)
        await pilot.press("w", *"only mine")
        await pilot.press("ctrl+q")
    assert len(code.split()) == 4

    async def visit(code_typed: str) -> tuple[str, str | None]:
        again = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True, ask_profile=True, run="r2"))
        async with again.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*"sam", "tab", *code_typed, "enter")
            await pilot.pause()
            if isinstance(again.screen, ProfileScreen):
                return str(again.screen.query_one("#profile-error", Literal).render()), None
            return "", again.store.reflection("first-steps", view.step.id)

    assert await visit("") == ("That name is taken. Choose another, or enter its resume code.", None)
    assert await visit("apple apple apple apple") == ("That name and resume code do not match.", None)
    assert await visit(code) == ("", "only mine")


async def test_quitting_an_unsaved_session_after_writing_asks_first(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_reflection(pilot, app)
        await pilot.press("w", *"words", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("ctrl+q", "ctrl+q")  # a second quit is a yes
        await pilot.pause()
        assert not app.is_running


async def test_quitting_an_unsaved_session_with_nothing_written_is_immediate(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_name_is_checked_before_anything_is_made(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True, ask_profile=True, run="r"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"[b]no way![/b]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "letters, digits" in str(app.screen.query_one("#profile-error", Literal).render())
        assert app.screen.query_one("#profile-name", Input).value == "[b]no way![/b]"
    assert Participants(data_dir).listing() == []
