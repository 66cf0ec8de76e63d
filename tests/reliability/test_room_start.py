"""`course room` that cannot run says why in one line, before the projector opens."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE, TerminalSession, free_port

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX") or not hasattr(os, "fork"), reason="needs Unix sockets and a pseudo-terminal"
)


def start_room(tmp_path: Path, port: int, sessions: list[TerminalSession]) -> TerminalSession:
    room = TerminalSession(["--lessons", str(FIXTURE_COURSE), "room", "--port", str(port)], tmp_path / "data", tmp_path)
    sessions.append(room)
    return room


def said(room: TerminalSession) -> str:
    return room.output.decode(errors="replace").replace("\r", "")


def test_a_second_room_of_yours_is_refused_and_the_first_left_alone(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    folder = tmp_path / f"safe-to-be-close-room-{os.getuid()}"
    folder.mkdir(mode=0o700)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as running:  # a room's hub, answering
        running.bind(str(folder / "room.sock"))
        running.listen()
        room = start_room(tmp_path, free_port(), sessions)
        assert room.wait_exit(30) == 2
        assert (folder / "room.sock").exists()
    assert "course: another room of yours is running on this computer (end it with Ctrl+Q in its terminal)" in said(room)
    assert "Traceback" not in said(room)


def test_a_room_left_by_a_crash_is_replaced(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    folder = tmp_path / f"safe-to-be-close-room-{os.getuid()}"
    folder.mkdir(mode=0o700)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as ended:
        ended.bind(str(folder / "room.sock"))  # bound, never listening: nothing answers there
    port = free_port()
    room = start_room(tmp_path, port, sessions)
    assert room.wait_for(str(port), 30), "the room did not open over a stale socket"


def test_a_busy_port_is_refused_in_one_line(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        room = start_room(tmp_path, port, sessions)
        assert room.wait_exit(30) == 2
    assert f"course: 127.0.0.1:{port}: cannot listen there: Address already in use (try another --port)" in said(room)
    assert "Traceback" not in said(room)


def test_a_room_folder_anyone_else_can_open_is_refused(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    folder = tmp_path / f"safe-to-be-close-room-{os.getuid()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    room = start_room(tmp_path, free_port(), sessions)
    assert room.wait_exit(30) == 2
    assert f"course: {folder} is not a private folder of yours (remove it, then start the room again)" in said(room)


def test_a_room_on_every_network_says_which_addresses_to_share(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    port = free_port()
    room = TerminalSession(
        ["--lessons", str(FIXTURE_COURSE), "room", "--host", "0.0.0.0", "--port", str(port)], tmp_path / "data", tmp_path
    )
    sessions.append(room)
    assert room.wait_for("Participants join here", 30), "the room did not open"
    room.read(1.0)
    assert "Share this address: http://" in said(room) or "No network address found" in said(room)
