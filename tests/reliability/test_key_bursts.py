"""Keys that arrive together, as from a fast hand, a clicker or a slow link, never break the app.

Each burst is written to a real pseudo-terminal in one write. Afterwards the app must still be
running, F1 must still open Help and support, and Ctrl+Q must still quit cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE, TerminalSession, keys

from course.progress import ProgressStore

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")

OPEN_FIRST_MODULE = keys("enter", "enter")  # open module 1, go on past its content note
BURSTS = {
    "fourteen ctrl+n through every step kind": (["--lessons", str(FIXTURE_COURSE)], OPEN_FIRST_MODULE, keys(*["ctrl+n"] * 14)),
    "n, p and enter mixed with typing": (
        ["--lessons", str(FIXTURE_COURSE)],
        OPEN_FIRST_MODULE,
        keys(*"nnnnppp", "ctrl+n", *"hello n p", "escape", *"nnnnnnpp", "enter", "enter", *"nnnn"),
    ),
    "a clicker's fourteen page-downs in workshop mode": (
        ["--lessons", str(FIXTURE_COURSE), "workshop"],
        OPEN_FIRST_MODULE,
        keys(*["pagedown"] * 14, *["pageup"] * 3, *["pagedown"] * 5),
    ),
    "help, hide and dialogs opened and closed at once": (
        ["--lessons", str(FIXTURE_COURSE)],
        b"",
        keys("f1", "a", "x", "escape", "f1", "f2", "f2", "f1", "g", "enter", "f1", "c", "down", "enter", "f1"),
    ),
}


def start(sessions: list[TerminalSession], tmp_path: Path, args: list[str]) -> TerminalSession:
    session = TerminalSession(args, tmp_path / "data", tmp_path)
    sessions.append(session)
    assert session.wait_for("First steps"), "the app did not start"
    return session


@pytest.mark.parametrize("name", BURSTS)
def test_a_burst_of_keys_leaves_help_and_quit_working(
    name: str, tmp_path: Path, sessions: list[TerminalSession]
) -> None:
    args, setup, burst = BURSTS[name]
    session = start(sessions, tmp_path, args)
    session.send(setup)
    session.read(1.0)
    session.send(burst)
    session.read(2.0)
    assert not session.exited(), f"the app ended during the burst: {session.output[-2000:]!r}"
    # F1 opens Help and support from anywhere, or closes it if the burst left it open.
    session.send(keys("f1"))
    if not session.wait_for("Help and support", 5):
        session.send(keys("f1"))
        assert session.wait_for("Help and support", 10), "F1 no longer answers"
    session.send(keys("ctrl+q"))
    assert session.wait_exit() == 0, "Ctrl+Q no longer quits"
    assert b"Traceback" not in session.output and b"Error" not in session.output


def test_fast_typing_in_the_contact_dialog_keeps_every_field_apart(
    tmp_path: Path, sessions: list[TerminalSession]
) -> None:
    session = start(sessions, tmp_path, ["--lessons", str(FIXTURE_COURSE)])
    session.send(keys("f1", "a", "Sam [/] (sister)", "enter", "555 [b]0100", "enter", "evenings [@click=app.quit]", "enter"))
    assert session.wait_for("Sam [/] (sister)", 10), "the new person is not listed as written"
    session.send(keys("escape"))  # F1 closes Help as well as opening it: Esc first, then F1
    session.read(0.5)
    session.send(keys("f1"))
    assert session.wait_for("Sam [/] (sister)", 10), "F1 no longer shows the person"
    session.send(keys("ctrl+q"))
    assert session.wait_exit() == 0
    [contact] = ProgressStore.in_folder(tmp_path / "data").contacts()
    assert (contact.name, contact.reach, contact.note) == ("Sam [/] (sister)", "555 [b]0100", "evenings [@click=app.quit]")
