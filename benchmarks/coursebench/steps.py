"""Benchmark 2: a step change, from the key press to the first frame that shows the new step."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Markdown, Static, TextArea

from course.app import make_app
from course.loader import load_course
from course.screens.player import PlayerScreen
from coursebench.figures import Figure, alternate, percentile
from coursebench.frames import Shown, laid_out, on_frames

SIZE = (100, 30)
TIMEOUT = 10.0
"""Seconds to wait for the frame that shows a change before giving up."""


class FrameClock:
    """Times key presses until the first frame rendered that shows what the key should change."""

    def __init__(self, app: App[Any]) -> None:
        self._shown: Shown | None = None
        self._at: float | None = None
        on_frames(app, self._on_frame)

    def _on_frame(self, screen: Screen[object]) -> None:
        if self._at is None and self._shown is not None and self._shown(screen):
            self._at = time.perf_counter()

    async def time_key(self, app: App[Any], key: str, shown: Shown) -> float:
        """Milliseconds from a key press to the first frame for which `shown` holds.

        The key goes to the app as a terminal's would, and the wait is plain sleeps:
        `Pilot.press()` and `Pilot.pause()` also wait for the app to go idle, which makes a
        run slow, and `pause()` forces a refresh, which would shorten the wait measured.
        """
        self._shown, self._at = shown, None
        start = time.perf_counter()
        app.post_message(events.Key(key, None))
        while self._at is None:
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError(f"no frame showed the change after pressing {key!r}")
            await asyncio.sleep(0.001)
        self._shown = None
        return (self._at - start) * 1000


async def course_changes(data_dir: Path) -> list[float]:
    """Next through every step of every module, then back to the first, timing each change."""
    app = make_app(None, data_dir)
    for module in app.course.modules:
        app.notes.answer_module(module)
        for index, step in enumerate(module.steps):
            if step.content_note:
                app.notes.answer_run(module, index)
    timings: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        for module in app.course.modules:
            app.open_module(module)
            await pilot.pause()
            player = app.screen
            assert isinstance(player, PlayerScreen) and player.index == 0, "the module did not open at its start"
            last = len(module.steps) - 1
            for target in [*range(1, last + 1), *range(last - 1, -1, -1)]:
                if target < player.index and isinstance(app.focused, TextArea):
                    player.set_focus(None)  # done typing (what Escape does), so Left means back
                key = "ctrl+n" if target > player.index else "left"
                timings.append(await clock.time_key(app, key, _new_view_shown(player)))
                await pilot.pause()  # let focus settle before the next key
                assert player.index == target, f"{key} did not move to step {target + 1} of {module.id}"
            player.action_home()
            await pilot.pause()
    return timings


def _new_view_shown(player: PlayerScreen) -> Shown:
    old = player.view

    def shown(screen: Screen[object]) -> bool:
        view = player.view
        return screen is player and view is not None and view is not old and laid_out(screen, view)

    return shown


class Page(Screen[None]):
    """A minimal screen: one line of text."""

    def compose(self) -> ComposeResult:
        yield Static(f"Page {self.name}", id="text")


class TwoPages(App[None]):
    """A bare app that switches between two installed screens with the player's keys."""

    BINDINGS = [Binding("ctrl+n,left", "flip")]

    def on_mount(self) -> None:
        self.install_screen(Page(name="a"), "a")
        self.install_screen(Page(name="b"), "b")
        self.push_screen("a")

    def action_flip(self) -> None:
        self.switch_screen("b" if self.screen.name == "a" else "a")


async def toggled_changes(app: App[Any], count: int, next_shown: Callable[[App[Any]], Shown]) -> list[float]:
    """Press the player's keys `count` times in a bare app that toggles between two things,
    timing each as a step change is timed; `next_shown` says what the next press should show."""
    timings: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        for change in range(count):
            key = "ctrl+n" if change % 2 == 0 else "left"
            timings.append(await clock.time_key(app, key, next_shown(app)))
            await pilot.pause()
    return timings


async def bare_changes(count: int) -> list[float]:
    """Switch between the two pages `count` times."""
    return await toggled_changes(TwoPages(), count, lambda app: _page_shown(app.get_screen("b" if app.screen.name == "a" else "a")))


def _page_shown(target: Screen[object]) -> Shown:
    def shown(screen: Screen[object]) -> bool:
        return screen is target and laid_out(screen, target.query_one("#text"))

    return shown


PROSE = (
    "A step of the course is a short reading: a heading, a few paragraphs, now and then a list. "
    "This text stands in for one, about as long as the course's own readings, with *emphasis* "
    "and a [link](https://example.org) so the Markdown has something to parse. "
)
"""About fifty words of Markdown; three of them make one view of about 150 words."""


class TwoViews(App[None]):
    """A bare app with one screen holding two prepared views of about 150 words of Markdown,
    swapped with the player's keys: the fair baseline for a step change, which the player also
    makes within one screen, between views it prepared while the learner read."""

    BINDINGS = [Binding("ctrl+n,left", "swap")]

    def compose(self) -> ComposeResult:
        for name in ("a", "b"):
            yield Markdown(f"## View {name}\n\n{PROSE}\n\n{PROSE}\n\n- {PROSE}", id=name)

    def on_mount(self) -> None:
        self.query_one("#b").display = False

    def action_swap(self) -> None:
        a, b = self.query_one("#a"), self.query_one("#b")
        a.display, b.display = b.display, a.display


async def swap_changes(count: int) -> list[float]:
    """Swap the two views `count` times."""
    return await toggled_changes(TwoViews(), count, lambda app: _view_shown(app.query_one("#b" if app.query_one("#a").display else "#a")))


def _view_shown(target: Widget) -> Shown:
    def shown(screen: Screen[object]) -> bool:
        return laid_out(screen, target)

    return shown


def step_changes(runs: int) -> list[Figure]:
    """p50 and p95 of a step change per run (every step of every module, both ways), against two
    prepared Markdown views swapped in one screen; two bare screens switched for context."""
    changes = sum(2 * (len(module.steps) - 1) for module in load_course().modules)

    def ours() -> list[float]:
        with tempfile.TemporaryDirectory(prefix="course-bench-") as data:
            return asyncio.run(course_changes(Path(data)))

    def swapped() -> list[float]:
        return asyncio.run(swap_changes(changes))

    ours_runs, swap_runs = alternate(runs, ours, swapped, warm_up=0)
    screen_runs = [asyncio.run(bare_changes(changes)) for _ in range(runs)]
    figures = [
        Figure(
            f"2. Step change p{round(fraction * 100)}: key to first frame of the new step ({changes} per run)",
            [percentile(run, fraction) for run in ours_runs],
            [percentile(run, fraction) for run in swap_runs],
            "ms",
            1.5,
            "2 prepared Markdown views swapped",
        )
        for fraction in (0.5, 0.95)
    ]
    return figures + [
        Figure(
            f"2. Step change p{round(fraction * 100)}, for context",
            [percentile(run, fraction) for run in ours_runs],
            [percentile(run, fraction) for run in screen_runs],
            "ms",
            None,
            "2 bare one-line screens switched",
        )
        for fraction in (0.5, 0.95)
    ]
