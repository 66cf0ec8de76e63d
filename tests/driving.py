"""Moving through the app with Pilot as a learner does: shared by the app and reliability tests."""

from __future__ import annotations

from typing import Any

from course.screens.content_note import ContentNoteScreen
from course.screens.player import PlayerScreen


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
