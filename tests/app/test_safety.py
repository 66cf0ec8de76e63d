"""Support one key away, trusted contacts, quick-hide, content-note pauses, clearing a reflection."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from driving import forward, open_module
from terminal import FIXTURE_COURSE, LONG_COURSE
from textual.widgets import Input, OptionList, Static, TextArea

from course.app import CourseApp, make_app
from course.loader import load_course
from course.progress import ProgressStore
from course.screens.content_note import ContentNoteScreen
from course.screens.dialogs import ConfirmDialog, ContactDialog
from course.screens.grounding import GroundingScreen
from course.screens.help import HelpScreen
from course.screens.hidden import HiddenScreen
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen
from course.screens.region import RegionScreen
from course.widgets.practice_view import PracticeTimer

COURSE = load_course(FIXTURE_COURSE)


def app_for(data_dir: Path, region: str | None = "US", lessons: Path = FIXTURE_COURSE) -> CourseApp:
    """The fixture course (its support lines: US and a fallback), or the long one (several regions)."""
    return make_app(lessons, data_dir, region)


def crisis_text(app: CourseApp) -> str:
    danger = str(app.screen.query_one("#danger", Static).render())
    return danger + "\n" + str(app.screen.query_one("#lines", Static).render())


async def go_to_kind(pilot, kind: str) -> None:  # type: ignore[no-untyped-def]
    """Open the first module, and go on to its step of that kind."""
    module = COURSE.modules[0]
    await open_module(pilot)
    await forward(pilot, next(i for i, s in enumerate(module.steps) if s.kind == kind))


async def test_f1_shows_the_regions_crisis_line_from_home_a_reading_and_a_timer(data_dir: Path) -> None:
    app = app_for(data_dir, "US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = crisis_text(app)
        assert "call 911" in text and "Call 000-FIXTURE" in text
        await pilot.press("escape")
        await go_to_kind(pilot, "read")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("escape")
        await go_to_kind(pilot, "practice")
        timer = app.screen.query_one(PracticeTimer)
        await pilot.press("right")  # no rating before the practice
        await pilot.press("space")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.focused is timer


async def test_unknown_region_shows_the_international_fallback(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "C.UTF-8")
    app = app_for(data_dir, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = crisis_text(app)
        assert "call your local emergency number" in text
        assert "example.org/directory" in text and "000-FIXTURE" not in text


async def test_the_region_comes_from_the_locale_and_a_choice_in_the_app_is_saved(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    app = app_for(data_dir, None, LONG_COURSE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Call 000-GB" in crisis_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        listing = app.screen.query_one(OptionList)
        listing.highlighted = [o.id for o in listing.options].index("AU")
        await pilot.press("enter")
        await pilot.pause()
        assert "Call 000-AU" in crisis_text(app) and "call 000." in crisis_text(app)
    again = app_for(data_dir, None, LONG_COURSE)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Call 000-AU" in crisis_text(again) and "000-GB" not in crisis_text(again)


async def test_contacts_are_added_edited_removed_and_survive_a_restart(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1", "a")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        await pilot.press(*"Ana", "enter", *"text 555 0199", "enter", *"mornings", "enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")  # nothing typed: the dialog asks for a name
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = [str(o.prompt) for o in app.screen.query_one("#contacts", OptionList).options]
        assert shown == ["Ana: text 555 0199  (mornings)"]
    again = app_for(data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        listing = again.screen.query_one("#contacts", OptionList)
        assert [str(o.prompt) for o in listing.options] == ["Ana: text 555 0199  (mornings)"]
        await pilot.press("e")
        await pilot.pause()
        name = again.screen.query_one("#name", Input)
        name.value = "Ana B."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.name for c in again.store.contacts()] == ["Ana B."]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(again.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert again.store.contacts() == []


async def test_f1_while_typing_keeps_the_text_and_quick_hide_blanks_and_returns(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_kind(pilot, "reflect")
        await pilot.press("w", *"private thou")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        assert not app.screen.query("*")  # nothing at all on screen
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and isinstance(app.focused, TextArea)
        await pilot.press(*"ghts")
        assert app.screen.query_one(TextArea).text == "private thoughts"


async def test_a_content_note_offers_a_grounding_pause_then_still_waits_for_a_choice(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen)
        await pilot.press("space")
        assert app.screen.query_one(PracticeTimer).running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_a_single_reflection_can_be_cleared(data_dir: Path) -> None:
    module = COURSE.modules[0]
    step = next(s for s in module.steps if s.kind == "reflect")
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_kind(pilot, "reflect")
        await pilot.press("w", *"delete me")
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == ""
    assert ProgressStore.in_folder(data_dir).reflection(module.id, step.id) == ""
    assert b"delete me" not in b"".join(p.read_bytes() for p in data_dir.iterdir())


async def test_the_app_opens_no_network_connection(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use is not allowed in this test")

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_kind(pilot, "check")
        await pilot.press("enter", "f1", "escape", "ctrl+n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert attempts == []


async def test_a_lessons_folder_without_support_lines_still_shows_the_built_in_ones(
    data_dir: Path, tmp_path: Path, fixture_as_built_in: Path
) -> None:
    from course.cli import main

    folder = tmp_path / "mine"
    main(["new", "Mine", "--dir", str(folder)])
    assert not (folder / "support.toml").exists()
    app = make_app(folder, data_dir, "US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Call 000-FIXTURE" in crisis_text(app)
