"""Workshop mode speaks to a room: no private notes or personal words on the projected screen."""

from __future__ import annotations

from pathlib import Path

from driving import open_module
from terminal import FIXTURE_COURSE
from textual.widgets import Footer, Static

from course.app import make_app
from course.mode import Mode
from course.screens.help import HelpScreen
from course.screens.home import HomeScreen, ModuleCard
from course.widgets.markdown_text import MarkdownText


def words_on(screen: object) -> str:
    """Every word the screen's widgets draw, as one string."""
    parts = []
    for widget in screen.query("*"):  # type: ignore[attr-defined]
        if isinstance(widget, MarkdownText):
            parts.append(widget.source)
        elif isinstance(widget, Static) and widget.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def test_home_greets_a_room_and_shows_lengths_not_one_learners_progress(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        greeting = str(app.screen.query_one("#greeting", Static).render())
        assert greeting.startswith("Welcome, everyone.") and "your own pace" not in greeting
        cards = [str(card.render()) for card in app.screen.query(ModuleCard)]
        assert all("not started" not in card and "/" not in card.splitlines()[0] for card in cards)
        assert "6 steps" in cards[0]
        assert "1-2 open a module" in str(app.screen.query_one("#home-hint", Static).render())


async def test_only_number_keys_for_modules_that_exist_are_offered_or_work(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer_keys = [app.get_key_display(b.binding) for b in app.active_bindings.values() if b.binding.show]
        assert "1-2" in footer_keys and "1-9" not in footer_keys
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.module.number == 2  # type: ignore[attr-defined]
        assert app.screen.query_one(Footer)


async def test_the_projector_shows_the_question_for_the_room_and_hides_the_notes(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module(pilot)
        notes = player.query_one("#notes")
        assert not notes.display and notes.region.width == 0
        discuss = player.query_one("#discuss", MarkdownText)
        assert discuss.source == "A question for the room." and discuss.region.height > 0
        await pilot.press("f")
        await pilot.pause()
        assert notes.display and notes.region.width > 0
        assert "Notes for the facilitator." in player.query_one("#facilitator", MarkdownText).source
        await pilot.press("f", "n")
        await pilot.pause()
        assert not notes.display
        assert not player.query_one("#discuss").display  # the reflection has no question for discussion


async def test_help_in_a_workshop_keeps_no_ones_people_and_lists_the_room_keys(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        words = words_on(app.screen)
        assert "a add" not in words and "readable only by you" not in words
        assert "Keys in workshop mode" in words and "**1-2** open a module" in words
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # no contact form over the projected screen
