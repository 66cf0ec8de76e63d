"""Leaving politely keeps everything: a closed terminal, a logout or `kill` right after typing."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE, TerminalSession, keys

from course.progress import ProgressStore


def at_the_reflection(sessions: list[TerminalSession], tmp_path: Path) -> TerminalSession:
    """The course on a pseudo-terminal, on the fixture's reflection step, ready for typing."""
    session = TerminalSession(["--lessons", str(FIXTURE_COURSE)], tmp_path / "data", tmp_path)
    sessions.append(session)
    assert session.wait_for("First steps")
    session.send(keys("enter", "enter", "ctrl+n"))
    assert session.wait_for("What comes to mind?")
    session.send(keys("w"))  # start writing: keys typed after it land in the box, in order
    return session


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("after", [0.1, 0.3])
def test_words_typed_just_before_a_signal_are_kept(
    number: int, after: float, tmp_path: Path, sessions: list[TerminalSession]
) -> None:
    session = at_the_reflection(sessions, tmp_path)
    session.send(b"the last words before goodbye")
    session.read(after)  # well inside the half second before a pause in typing is saved
    os.kill(session.pid, number)
    assert session.wait_exit() == 128 + number
    store = ProgressStore.in_folder(tmp_path / "data")
    assert store.reflection("first-steps", "thoughts") == "the last words before goodbye"


def test_after_a_kill_progress_db_alone_holds_every_shown_step_and_the_text(
    tmp_path: Path, sessions: list[TerminalSession]
) -> None:
    session = at_the_reflection(sessions, tmp_path)
    session.send(b"written before the kill")
    session.read(1.5)  # typing has paused long enough to be saved
    session.send(keys("ctrl+n", "ctrl+n"))
    assert session.wait_for("A practice")
    os.kill(session.pid, signal.SIGKILL)
    session.wait_exit()
    copy = tmp_path / "another-computer"
    copy.mkdir()
    shutil.copy(tmp_path / "data" / "progress.db", copy / "progress.db")  # the one file, no -wal
    store = ProgressStore.in_folder(copy)
    position = store.position("first-steps")
    assert position is not None and position.step_id == "practice"
    assert store.completed("first-steps") == {"reading", "thoughts", "check-in"}
    assert store.reflection("first-steps", "thoughts") == "written before the kill"
