"""Leaving politely keeps everything: a closed terminal, a logout or `kill` right after typing."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE, TerminalSession, keys

from course.progress import ProgressStore


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("after", [0.1, 0.3])
def test_words_typed_just_before_a_signal_are_kept(
    number: int, after: float, tmp_path: Path, sessions: list[TerminalSession]
) -> None:
    session = TerminalSession(["--lessons", str(FIXTURE_COURSE)], tmp_path / "data", tmp_path)
    sessions.append(session)
    assert session.wait_for("First steps")
    session.send(keys("enter", "enter", "ctrl+n"))
    assert session.wait_for("What comes to mind?")
    session.send(b"the last words before goodbye")
    session.read(after)  # well inside the half second before a pause in typing is saved
    os.kill(session.pid, number)
    assert session.wait_exit() == 128 + number
    store = ProgressStore.in_folder(tmp_path / "data")
    assert store.reflection("first-steps", "thoughts") == "the last words before goodbye"
