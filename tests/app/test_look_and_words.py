"""Small things a learner notices: answers stay marked, boxes keep their size, words say what keys do."""

from __future__ import annotations

import re
from pathlib import Path

from driving import open_module
from terminal import FIXTURE_COURSE
from textual.containers import VerticalScroll
from textual.widgets import ListView, OptionList, Static

from course.app import make_app
from course.progress import ProgressStore
from course.screens.content_note import ContentNoteScreen
from course.screens.help import HelpScreen
from course.screens.home import HomeScreen, ModuleCard
from course.widgets.check_view import CHOSEN, CheckView
from course.widgets.practice_view import PracticeTimer

REPO = Path(__file__).resolve().parents[2]
CHECK, PRACTICE = 2, 3  # the fixture's first module: read, reflect, check, practice, self-check, read


def option_text(options: OptionList, index: int) -> str:
    table = options.get_option_at_index(index).prompt
    return " ".join(str(cell) for column in table.columns for cell in column.cells)  # type: ignore[attr-defined]


async def test_a_check_in_says_its_keys_and_keeps_the_answer_marked_wherever_the_highlight_goes(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        assert isinstance(player.view, CheckView)
        hints = [str(hint.render()) for hint in player.view.query(".hint").results(Static)]
        assert any("↑↓ choose · Enter answer" in hint for hint in hints)
        choices = player.view.query_one(OptionList)
        await pilot.press("down", "enter", "up")
        await pilot.pause()
        assert choices.highlighted == 0
        assert option_text(choices, 1).startswith(CHOSEN) and not option_text(choices, 0).startswith(CHOSEN)
    store = ProgressStore.in_folder(data_dir)
    assert store.answer("first-steps", "check-in") == 1
    store.close()
    again = make_app(FIXTURE_COURSE, data_dir)
    async with again.run_test(size=(80, 24)) as pilot:  # the mark comes back with the answer
        player = await open_module(pilot)
        assert player.view is not None and player.view.step.id == "check-in"
        assert option_text(player.view.query_one(OptionList), 1).startswith(CHOSEN)


async def test_answering_a_check_in_brings_its_feedback_into_view_on_a_small_screen(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        feedback = player.query_one("#feedback")
        content = player.query_one("#content", VerticalScroll)
        assert content.region.contains_region(feedback.region), (content.region, feedback.region)


async def test_choice_lists_are_exactly_as_tall_as_their_choices(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        choices = player.query_one(OptionList)
        assert choices.max_scroll_y == 0
        assert choices.content_region.height == choices.virtual_size.height == 2  # no empty row under them


async def test_the_timer_keeps_one_width_as_it_starts_pauses_and_ends(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        timer = player.query_one(PracticeTimer)
        widths = [timer.size.width]
        for remaining, running in ((29, True), (12, False), (0, False)):
            timer.remaining, timer.running = remaining, running
            await pilot.pause()
            widths.append(timer.size.width)
        assert len(set(widths)) == 1, widths


async def test_a_content_note_never_splits_a_choice_across_lines(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        lines = str(app.screen.query_one("#note-choices", Static).render()).splitlines()
        assert [line.split()[0] for line in lines] == ["Enter", "s", "g", "F1", "Esc"]
        assert any(line.split() == ["F1", "help", "and", "support"] for line in lines)


async def test_a_skipped_module_says_so_until_it_is_started(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "s")  # the first module's content note: skip this module
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        first = str(next(iter(app.screen.query(ModuleCard))).render())
        assert "skipped" in first
        await pilot.press("up", "enter", "enter")  # change of heart: open it after all
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        first = str(next(iter(app.screen.query(ModuleCard))).render())
        assert "skipped" not in first and "in progress" in first


async def test_with_no_region_known_help_offers_choosing_one_first(data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.setenv(name, "C")
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        offer = app.screen.query_one("#choose-region", Static)
        assert offer.display and "Press c to choose your region" in str(offer.render())
        danger = app.screen.query_one("#danger")
        assert offer.region.y <= danger.region.bottom + 2  # straight after the emergency line
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "RegionScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and not app.screen.query_one("#choose-region").display


def test_quotes_are_straight_in_every_word_of_the_app() -> None:
    curly = re.compile("[‘’“”]")
    places = sorted((REPO / "course").rglob("*.py"))
    assert places
    found = [f"{path.name}:{n}" for path in places for n, line in enumerate(path.read_text().splitlines(), 1) if curly.search(line)]
    assert found == []


async def test_up_and_down_move_the_module_list_even_when_it_has_lost_focus(data_dir: Path) -> None:
    """A served tab is blurred at start, which takes focus from the list: the arrows still move it, once."""
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        modules = app.screen.query_one(ListView)
        await pilot.press("down")
        assert modules.index == 1, "with focus: one row per key"
        app.screen.set_focus(None)
        await pilot.press("up")
        assert modules.index == 0 and app.focused is modules


def test_a_choice_too_long_for_its_line_wraps_whole_and_is_never_cut() -> None:
    """A word wider than the column, or text with no spaces to break at (Chinese, Japanese),
    wraps onto the next lines under its text; before, the grid cut it with "…"."""
    from rich.console import Console

    from course.widgets.choice_list import choice_prompt

    text = "Averyveryveryveryveryveryveryveryveryverylongword and 漢字の長い文章、折り返しが必要な幅です。"
    console = Console(width=30, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(choice_prompt("○ 1.", text))
    lines = captured.get().splitlines()
    assert "…" not in captured.get()
    assert all(line.startswith("○ 1. " if number == 0 else "     ") for number, line in enumerate(lines))
    assert "".join(line[5:].strip() for line in lines) == text.replace(" ", "")
