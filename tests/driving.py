"""Moving through the app with Pilot as a learner does: shared by the app and reliability tests.

`wait_until` is the one way these tests wait for something that happens on a timer."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.content import Content

from course.screens.content_note import ContentNoteScreen
from course.screens.player import PlayerScreen


class Notified(NamedTuple):
    """One notification as the app asked Textual to show it (see the `notifications` fixture)."""

    message: str
    title: str
    severity: str


async def past_notes(pilot: Any) -> None:
    """Let the screen settle, and go on past any content note that is showing."""
    await pilot.pause()
    while isinstance(pilot.app.screen, ContentNoteScreen):
        await pilot.press("enter")
        await pilot.pause()


async def open_module(pilot: Any, number: int = 1) -> PlayerScreen:
    """From a fresh home screen, open module `number` (past its content note) in the player."""
    for _ in range(number - 1):
        await pilot.press("down")
    await pilot.press("enter")
    await past_notes(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen)
    return screen


async def forward(pilot: Any, steps: int) -> None:
    """Next (Ctrl+N, which works even while typing) `steps` times."""
    for _ in range(steps):
        await pilot.press("ctrl+n")
    await pilot.pause()


async def wait_until(pilot: Any, condition: Callable[[], bool], seconds: float = 10, every: float = 0.05) -> bool:
    """Whether the condition comes true within the time: checked every `every` seconds, each time
    once the app has handled what was sent to it. For what happens on a timer (a debounced save,
    a retry, a countdown): generous on a busy machine, and quick where the app is quick."""
    deadline = time.monotonic() + seconds
    while True:
        await pilot.pause(every)
        if condition():
            return True
        if time.monotonic() > deadline:
            return False


def screen_text(app: App[Any]) -> str:
    """The words of every Static on the screen, tables and all, one line each, as the learner reads them."""
    console = Console(width=300, file=io.StringIO(), record=True)
    for widget in app.screen.query("Static"):
        shown = widget.content  # as given: text, Content or a Rich table
        console.print(Text(str(shown)) if isinstance(shown, (str, Content)) else shown)
    return console.export_text()
