"""Content tests: the shipped lessons, played in the app, fit the screen.

The machinery is tested on the fixture courses; these tests are about what the shipped lessons
say, and fail when a lesson is written so that part of it cannot be seen.
"""

from __future__ import annotations

from pathlib import Path

from driving import open_module, past_notes
from textual.widgets import OptionList

from course.app import make_app
from course.loader import load_course
from course.screens.home import HomeScreen, ModuleCard

SHIPPED = Path(__file__).resolve().parents[2] / "lessons"


async def test_the_built_in_lessons_start_and_list_every_module(data_dir: Path) -> None:
    """`course` with no lessons folder plays the shipped ones."""
    shipped = load_course(SHIPPED)
    app = make_app(None, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        cards = [str(card.render()) for card in app.screen.query(ModuleCard)]
        assert len(cards) == len(shipped.modules) == 4
        for card, module in zip(cards, shipped.modules):
            assert module.title in card


async def test_every_choice_of_every_lesson_check_in_shows_at_80x24(data_dir: Path) -> None:
    """The shipped lessons' long, wrapping choices are what once hid one below a scrollbar."""
    app = make_app(SHIPPED, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        for module in load_course(SHIPPED).modules:
            player = await open_module(pilot)  # after a finished module, home highlights the next
            assert player.module.id == module.id
            for step in module.steps:
                assert player.view is not None and player.view.step.id == step.id
                if step.kind in ("check", "self-check"):
                    choices = player.view.query_one(OptionList)
                    # Every line of every choice is in the box: nothing hides below a scrollbar.
                    assert choices.max_scroll_y == 0, f"{module.id}/{step.id}"
                await pilot.press("ctrl+n")
                await past_notes(pilot)
            await pilot.press("escape")  # the completion screen: back to the modules
            await pilot.pause()
