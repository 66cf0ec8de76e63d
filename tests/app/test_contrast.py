"""Every theme the learner can pick is readable: WCAG AA contrast for every character drawn.

What is measured is what Textual really draws, not the CSS: each screen's composed lines,
whose segment styles carry resolved colours with transparency already blended. Dim text is
drawn a third of the way back toward its background (Textual's own dim factor, close to what
terminals do), and reversed cells are swapped. Every cell showing a character must reach
4.5:1 against its own background (WCAG 2 relative luminance).

Left out, and only these: cells showing nothing but box-drawing or block characters (borders,
and the progress bar, which is drawn in the colour of the status text beside it, which is
checked); scrollbars; and on a modal screen, the faded screen beneath it, which is an
inactive interface (WCAG 1.4.3 exempts it) shown only so the learner knows where they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from driving import past_notes
from rich.color import Color
from rich.segment import Segment
from terminal import FIXTURE_COURSE
from textual._context import visible_screen_stack
from textual.app import App
from textual.errors import NoWidget
from textual.filter import dim_color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.strip import Strip

from course.app import THEMES, make_app
from course.mode import Mode
from course.progress import ProgressStore

AA = 4.5
"""WCAG 2 level AA for normal text."""
SIZE = (80, 60)
"""Tall enough that Help fits, so every line of it is measured."""


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of a colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: Color, other: Color) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def not_text(character: str) -> bool:
    """Blank, box-drawing (U+2500-257F) or block (U+2580-259F): borders and bars, not words."""
    return character.isspace() or "\u2500" <= character <= "\u259f"


def drawn_colours(segment: Segment) -> tuple[Color, Color]:
    """The foreground and background a segment is drawn in, after reverse and dim."""
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None, segment
    fore, back = style.color, style.bgcolor
    if style.reverse:
        fore, back = back, fore
    if style.dim:
        fore = dim_color(back, fore)
    return fore, back


def drawn_lines(app: App[None]) -> list[Strip]:
    """The current screen as drawn, line by line, with the screens beneath a modal one blended in."""
    visible_screen_stack.set(app._background_screens)  # as the app sets it before each frame
    return app.screen._compositor.render_strips()


def drawn_text(app: App[None], region: Region) -> str:
    """The characters drawn in a region of the screen, line by line."""
    lines = drawn_lines(app)[region.y : region.bottom]
    return "\n".join(line.crop(region.x, region.right).text for line in lines)


def measured_cells(app: App[None]) -> Iterator[tuple[str, Color, Color]]:
    """Each text cell of the current screen as drawn: its run of text, foreground and background."""
    for y, line in enumerate(drawn_lines(app)):
        x = 0
        for segment in line:
            if not all(not_text(c) for c in segment.text):
                fore, back = drawn_colours(segment)
                for offset, character in enumerate(segment.text):
                    if not not_text(character) and measured(app, x + offset, y):
                        yield segment.text.strip(), fore, back
            x += segment.cell_length


def measured(app: App[None], x: int, y: int) -> bool:
    """Whether the cell is the course's own text: not a scrollbar, not the faded screen beneath."""
    try:
        widget, _ = app.screen.get_widget_at(x, y)
    except NoWidget:
        return True
    if isinstance(widget, (ScrollBar, ScrollBarCorner)):
        return False
    return not (isinstance(app.screen, ModalScreen) and widget is app.screen)


class Findings:
    """Walks the course with Pilot and notes what is too faint, as "theme / screen / text / ratio"."""

    def __init__(self, pilot: Pilot[None], theme: str) -> None:
        self.pilot = pilot
        self.theme = theme
        self.lines: list[str] = []
        self.seen: set[str] = set()

    async def after(self, screen: str, *keys: str) -> None:
        """Press the keys, let the screen settle, and measure it as it is drawn."""
        await self.pilot.press(*keys)
        await self.pilot.pause()
        for text, fore, back in measured_cells(self.pilot.app):
            ratio = contrast(fore, back)
            line = f"{text!r} / {ratio:.2f} ({fore.get_truecolor().hex} on {back.get_truecolor().hex})"
            # The footer and the top bar are on every screen: each is reported where first seen.
            if ratio < AA and line not in self.seen:
                self.seen.add(line)
                self.lines.append(f"{self.theme} / {screen} / {line}")

    def verdict(self) -> None:
        """Fail with every faint run of text found."""
        if self.lines:
            pytest.fail("Too faint to read (theme / screen / text / ratio):\n" + "\n".join(self.lines), pytrace=False)


@pytest.mark.parametrize("theme", list(THEMES))
async def test_every_screen_is_readable_in_every_theme(theme: str, data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    app.theme = theme
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        seen = Findings(pilot, theme)
        await seen.after("home")
        app.screen.set_focus(None)
        await seen.after("home, list not focused")
        app.notify("A notification, as the learner sees one.")
        app.notify("What you write stays here.", title="Saving is paused", severity="warning")
        await seen.after("notifications")
        app.clear_notifications()
        app.screen.query_one("#modules").focus()
        await seen.after("content note", "enter")
        await seen.after("read", "enter")
        await seen.after("reflect", "n")
        await seen.after("reflect, writing", "enter", *"Hi")
        await seen.after("check, feedback shown", "ctrl+n", "enter")
        app.screen.set_focus(None)
        await seen.after("check, list not focused")
        await seen.after("practice, timer running", "ctrl+n", "space")
        await seen.after("self-check, statement ticked", "ctrl+n", "enter")
        await seen.after("help", "f1")
        await seen.after("contact dialog", "a", "S", "enter", "1", "down")
        await seen.after("help, with a person", "ctrl+s")
        await seen.after("confirm dialog", "d")
        await pilot.press("n", "escape", "ctrl+n")
        await past_notes(pilot)
        await seen.after("completion", "ctrl+n")
        await seen.after("home, a module finished", "escape")
        await seen.after("home, a module in progress", "enter", "n", "escape")
    seen.verdict()


@pytest.mark.parametrize("theme", list(THEMES))
async def test_the_badge_is_readable_in_every_theme(theme: str, data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True))
    app.theme = theme
    async with app.run_test(size=SIZE) as pilot:
        seen = Findings(pilot, theme)
        await seen.after("home with a badge")
    seen.verdict()


async def test_a_theme_chosen_before_opens_in_its_readable_form(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.set_setting("theme", "textual-light")
    store.close()
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        seen = Findings(pilot, "textual-light, as saved")
        await seen.after("home")
        assert app.theme == "textual-light"
    seen.verdict()


@pytest.mark.parametrize(
    ("size", "kept_in_view"),
    [((80, 24), ("#home-hint", "Footer")), ((40, 12), ("Footer",))],  # a short screen has no hint line
)
async def test_the_theme_is_named_without_covering_the_hint_or_the_keys(
    size: tuple[int, int], kept_in_view: tuple[str, ...], data_dir: Path
) -> None:
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        regions = [app.screen.query_one(selector).region for selector in kept_in_view]
        before = [drawn_text(app, region) for region in regions]
        assert all(text.strip() for text in before)
        await pilot.press("t")
        await pilot.pause()
        assert "Theme: Light" in drawn_text(app, app.screen.region)
        assert [drawn_text(app, region) for region in regions] == before
