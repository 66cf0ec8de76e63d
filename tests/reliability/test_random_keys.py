"""Any sequence of keys, at any speed, on any screen: no error, and the app still quits."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from terminal import FIXTURE_COURSE
from textual import events
from textual.pilot import Pilot

from course.app import CourseApp, make_app
from course.mode import Mode

# Every key some screen binds, letters that type, and markup-like text; not q, which quits early.
KEYS = [
    "n", "p", "right", "left", "up", "down", "enter", "escape", "ctrl+n", "pagedown", "pageup",
    "home", "end", "tab", "space", "f1", "f2", "a", "e", "d", "c", "g", "x", "y", "s", "t", "r",
    "b", "f", "1", "2", "9", "ctrl+s", "[", "/", "]", "@", "backspace",
]
CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "backspace": "\x7f"}
MODES = {
    "learner": Mode(),
    "workshop": Mode(workshop=True),
    "served, asking for a profile": Mode(served=True, ask_profile=True),
}


def key_event(key: str) -> events.Key:
    return events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))


SETTLE_AT_MOST = 30.0
"""Seconds a shared, busy machine may take to work through a burst; a frozen app takes forever."""


async def settled(app: CourseApp, pilot: Pilot[None]) -> bool:
    """Wait until every key sent has been handed on and handled, or the app has ended."""
    deadline = time.monotonic() + SETTLE_AT_MOST
    while app.is_running and time.monotonic() < deadline:
        # pause(0) waits for the screen's queue to empty, without Pilot's wait for an idle CPU.
        await pilot.pause(0)
        if not (app._held or app._in_flight is not None):
            return True
        await asyncio.sleep(0.01)
    return app.is_running is False


async def drive(data: Path, mode: Mode, sequence: list[str], burst: bool) -> int | None:
    app = make_app(FIXTURE_COURSE, data, "US", mode)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in sequence:
            app.post_message(key_event(key))
            # Slow hands: each key once the one before it has been handled. A burst: all at once.
            if not burst and not await settled(app, pilot):
                return None
        if not await settled(app, pilot):
            return None
        app.post_message(key_event("ctrl+q"))
        await settled(app, pilot)
        deadline = time.monotonic() + SETTLE_AT_MOST
        while app.is_running and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        quit_at_once = not app.is_running
    return app.return_code if quit_at_once else None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # Runs of one key, as a held key or a clicker sends them, among single presses.
    sequence=st.lists(st.tuples(st.sampled_from(KEYS), st.integers(1, 8)), max_size=12).map(
        lambda runs: [key for key, times in runs for _ in range(times)]
    ),
    mode=st.sampled_from(sorted(MODES)),
    burst=st.booleans(),
)
def test_random_keys_never_break_the_app(tmp_path_factory, sequence: list[str], mode: str, burst: bool) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp("data")
    # run_test raises any error the app met; a frozen app would not quit and returns no status.
    assert asyncio.run(drive(data, MODES[mode], sequence, burst)) == 0


async def close_with_keys_held(data: Path, after: float, quit_first: bool) -> None:
    app = make_app(FIXTURE_COURSE, data, "US", Mode())
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["ctrl+q"] * quit_first + ["tab", "n", "enter", "enter", *["ctrl+n"] * 20, *["n"] * 20]:
            app.post_message(key_event(key))
        await pilot.pause(after)
        # Leaving closes the app with keys still held or bubbling up through closing screens.


@pytest.mark.parametrize("quit_first", [False, True], ids=["closed", "quit"])
@pytest.mark.parametrize("after", [i / 100 for i in range(11)])
def test_keys_still_on_their_way_when_the_app_closes_are_dropped(tmp_path: Path, after: float, quit_first: bool) -> None:
    # run_test raises any error the app met while closing.
    asyncio.run(close_with_keys_held(tmp_path / "data", after, quit_first))
