"""Any sequence of keys, at any speed, on any screen: no error, and the app still quits."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from terminal import FIXTURE_COURSE
from textual import events

from course.app import make_app
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


async def drive(data: Path, mode: Mode, sequence: list[str], burst: bool) -> int | None:
    app = make_app(FIXTURE_COURSE, data, "US", mode)
    async with app.run_test(size=(80, 24)) as pilot:
        if burst:  # all at once, before the app has handled any of them
            for key in sequence:
                app.post_message(key_event(key))
            await pilot.pause(0.2)
        else:
            await pilot.press(*sequence)
        await pilot.pause()
        app.post_message(key_event("ctrl+q"))
        await pilot.pause(0.2)
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
