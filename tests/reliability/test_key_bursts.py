"""Keys that arrive together, as from a fast hand, a clicker or a slow link, never break the app.

Each burst is written to a real pseudo-terminal in one write. Afterwards the app must still be
running, F1 must still open Help and support, and Ctrl+Q must still quit cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import BETWEEN_SESSIONS, FIXTURE_COURSE, TerminalSession, keys

from course.progress import PLAN, ProgressStore

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


def quit_after(session: TerminalSession) -> None:
    """F1 still answers, and Ctrl+Q still quits cleanly."""
    session.send(keys("f1"))
    assert session.wait_for("Help and support", 10), "F1 no longer answers"
    session.send(keys("ctrl+q"))
    assert session.wait_exit() == 0


def between_sessions(sessions: list[TerminalSession], tmp_path: Path) -> TerminalSession:
    session = TerminalSession(["--lessons", str(BETWEEN_SESSIONS), "--region", "US"], tmp_path / "data", tmp_path)
    sessions.append(session)
    assert session.wait_for("Between sessions"), "the app did not start"
    return session


def test_a_rating_typed_in_one_burst_with_the_moves_around_it_is_kept(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    session = between_sessions(sessions, tmp_path)
    session.send(keys("enter", "ctrl+n", "7", "enter", "ctrl+n", "3", "enter"))
    assert session.wait_for("Your plan", 10), "the burst did not end on the step after the practice"
    quit_after(session)
    ratings = ProgressStore.in_folder(tmp_path / "data").ratings()
    assert [(r.step_id, r.before, r.after) for r in ratings] == [("breathe", 7, 3)]


def test_an_experiment_written_in_one_burst_after_finishing_is_kept_whole(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    session = between_sessions(sessions, tmp_path)
    session.send(keys("enter", "ctrl+n", "ctrl+n", "ctrl+n", "down", "down", "down", "enter", "it rains, I will [listen]", "enter"))
    assert session.wait_for("Your experiment", 10), "the experiment was not kept"
    quit_after(session)
    (chosen,) = ProgressStore.in_folder(tmp_path / "data").experiments()
    assert chosen.plan == "When it rains, I will [listen]"


def test_the_plan_opened_and_written_in_one_burst_keeps_every_letter(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    session = between_sessions(sessions, tmp_path)
    session.send(keys("f1", "p", "w", "I stop [answering]", "tab", "a walk"))
    assert session.wait_for("a walk", 10), "the second part was not written"
    session.read(1.0)  # saved about half a second after typing stops
    session.send(keys("ctrl+q"))
    assert session.wait_exit() == 0
    assert ProgressStore.in_folder(tmp_path / "data").texts(PLAN) == {"warning-signs": "I stop [answering]", "on-my-own": "a walk"}
