"""A lessons folder speaks for itself: nothing about one course is built into the app."""

from __future__ import annotations

import shutil
from pathlib import Path

from terminal import FIXTURE_COURSE
from textual.widgets import Static

from course.app import make_app
from course.screens.help import HelpScreen
from course.widgets.markdown_text import MarkdownText


async def test_a_one_module_folder_never_mentions_four_modules(
    tmp_path: Path, data_dir: Path, fixture_as_built_in: Path
) -> None:
    folder = tmp_path / "breathing-space"
    folder.mkdir()
    shutil.copy(FIXTURE_COURSE / "02-second-module.toml", folder / "01-only.toml")
    app = make_app(folder, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.title == "Breathing space"
        heading = str(app.screen.query_one("#heading", Static).render())
        greeting = str(app.screen.query_one("#greeting", Static).render())
        assert heading == "Breathing space" and "1 short module" in greeting
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        words = " ".join(m.source for m in app.screen.query(MarkdownText))
    assert "1 short module" in words
    assert "Four" not in greeting + words and "Safe to be close" not in heading + words
    # Nor anything from the built-in course's own words (here the fixture course stands in for it).
    assert "fixture course" not in (heading + greeting + words).lower()


async def test_course_toml_gives_the_title_welcome_and_about(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#greeting", Static).render()).startswith("Welcome to the fixture course.")
        await pilot.press("f1")
        await pilot.pause()
        words = " ".join(m.source for m in app.screen.query(MarkdownText))
    assert app.title == "Fixture course" and "with [brackets] kept as written" in words
