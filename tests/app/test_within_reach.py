"""Moving on never types, every part of a step is in reach, and home always shows where you are."""

from __future__ import annotations

from pathlib import Path

import pytest
from driving import Notified, open_module, past_notes
from terminal import FIXTURE_COURSE, LONG_COURSE
from textual.containers import VerticalScroll
from textual.widgets import ListView, Static, TextArea

from course.app import make_app
from course.progress import ProgressStore
from course.screens.home import HomeScreen, ModuleCard
from course.screens.player import PlayerScreen
from course.widgets.self_check_view import SelfCheckView

REFLECTION = 1  # the fixture's first module: a reading, then a reflection
SELF_CHECK = 4


def hint(player: PlayerScreen) -> str:
    return str(player.query_one("#reflection-hint", Static).render())


async def test_arriving_at_a_reflection_n_and_right_still_move_on(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert player.index == REFLECTION and not isinstance(app.focused, TextArea)
        assert "Enter or w to write" in hint(player)
        await pilot.press("n")
        await pilot.pause()
        assert player.index == REFLECTION + 1
        await pilot.press("left", "right")
        await pilot.pause()
        assert player.index == REFLECTION + 1
    assert ProgressStore.in_folder(data_dir).reflection("first-steps", "thoughts") == ""


async def test_enter_starts_writing_at_the_end_and_esc_stops(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection("first-steps", "thoughts", "written before")
    store.close()
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n", "enter")
        await pilot.pause()
        box = app.focused
        assert isinstance(box, TextArea) and box.cursor_location == box.document.end
        assert "Esc done writing" in hint(player)
        await pilot.press(*" and now", "n")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, TextArea) and "Enter or w to write" in hint(player)
        assert player.index == REFLECTION
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+n")  # moves on even while writing
        await pilot.pause()
        assert player.index == REFLECTION + 1
    assert ProgressStore.in_folder(data_dir).reflection("first-steps", "thoughts") == "written before and nown"


async def test_page_keys_and_end_scroll_the_step_whatever_has_focus(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        player = await open_module(pilot)
        await pilot.press(*["n"] * SELF_CHECK)
        await pilot.pause()
        assert isinstance(player.view, SelfCheckView)
        content = player.query_one("#content", VerticalScroll)
        assert content.max_scroll_y > 0, "the fixture step must be taller than a 40x12 screen"
        highlighted = player.query_one("#statements").highlighted  # type: ignore[attr-defined]
        await pilot.press("end")
        await pilot.pause()
        assert content.scroll_y == content.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert content.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert content.scroll_y > 0
        assert player.query_one("#statements").highlighted == highlighted  # type: ignore[attr-defined]


async def test_reading_keeps_a_comfortable_measure_on_a_wide_screen(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(200, 60)) as pilot:
        player = await open_module(pilot)
        assert player.view is not None and player.view.size.width <= 84


async def test_home_always_marks_one_row_after_esc_help_and_a_skip(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:

        async def marked() -> list[int]:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            cards = list(app.screen.query(ModuleCard))
            return [i for i, card in enumerate(cards) if str(card.render()).startswith("▶")]

        assert await marked() == [0]
        await open_module(pilot)
        await pilot.press("escape")
        assert await marked() == [0]
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        assert await marked() == [0]
        await pilot.press("down")
        assert await marked() == [1]
    again = make_app(FIXTURE_COURSE, data_dir / "again")
    async with again.run_test(size=(80, 24)) as pilot:
        app = again
        await pilot.press("enter", "s")  # the module's content note: skip this module
        assert await marked() == [1]


async def test_after_finishing_a_module_enter_begins_the_next(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.finish("first-steps", "heavier")
    store.close()
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        greeting = str(app.screen.query_one("#greeting", Static).render())
        assert "You last finished 1 · First steps" in greeting and "Next: 2 · Second module" in greeting
        assert app.screen.query_one(ListView).index == 1
        await pilot.press("enter")
        await past_notes(pilot)
        assert isinstance(app.screen, PlayerScreen) and app.screen.module.number == 2


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12)])
async def test_the_key_to_quit_is_in_view_on_every_screen_and_step(data_dir: Path, size: tuple[int, int]) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=size) as pilot:

        async def quit_in_view() -> bool:
            await pilot.pause()
            keys = [key for key in app.screen.query(FooterKey) if key.action.endswith("quit")]
            return bool(keys) and all(0 < key.region.right <= size[0] and key.region.width > 0 for key in keys)

        assert await quit_in_view(), "home"
        await pilot.press("f1")
        assert await quit_in_view(), "help and support"
        await pilot.press("g")
        assert await quit_in_view(), "the grounding pause"
        await pilot.press("escape", "escape", "enter")
        assert await quit_in_view(), "the module's content note"
        await pilot.press("escape")
        player = await open_module(pilot)
        for index in range(len(player.module.steps)):
            assert player.index == index
            assert await quit_in_view(), player.module.steps[index].kind
            if player.module.steps[index].kind == "reflect":
                await pilot.press("enter")
                assert await quit_in_view(), "writing"
            await pilot.press("ctrl+n")
            await past_notes(pilot)


async def test_every_line_of_every_long_choice_shows_at_80x24(data_dir: Path) -> None:
    """Choices that wrap over several lines each: every line of every one is in the box."""
    from textual.widgets import OptionList

    app = make_app(LONG_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        lists = 0
        for step in player.module.steps:
            assert player.view is not None and player.view.step.id == step.id
            if step.kind in ("check", "self-check"):
                choices = player.view.query_one(OptionList)
                assert choices.option_count > 2 and choices.virtual_size.height > choices.option_count  # wrapped
                assert choices.max_scroll_y == 0, step.id  # nothing hides below a scrollbar
                lists += 1
            await pilot.press("ctrl+n")
            await past_notes(pilot)
        assert lists == 2


async def test_themes_are_named_as_people_would_name_them(data_dir: Path, notifications: list[Notified]) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in range(5):
            await pilot.press("t")
            await pilot.pause()
            seen.append(notifications[-1].message)
    assert all(message.startswith("Theme: ") for message in seen)
    assert not any("-" in message for message in seen), seen  # no internal names like course-contrast


async def test_quit_comes_into_view_when_the_terminal_narrows(data_dir: Path) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_module(pilot)
        await pilot.press("n", "n", "n")  # the practice, whose footer is the longest
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.pause()
        keys = [key for key in app.screen.query(FooterKey) if key.action.endswith("quit")]
        assert keys and all(key.region.right <= 40 for key in keys)
