"""`course room` with a whole room joining at once: every participant's session follows every move.

Thirty sessions starting together on a small machine are slow to settle: a move that arrives
while a session is still building its step must still be drawn there in full, and moves that
arrive faster than a session draws them are followed, not taken for the participant browsing.
A room killed outright takes its participants' sessions with it.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from terminal import TerminalSession, free_port, keys, poll_until

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")

PARTICIPANTS = 30
READINGS = 6


def readings(folder: Path) -> Path:
    """A course of one module of short readings, each body saying its number."""
    folder.mkdir()
    steps = "".join(
        f'\n[[steps]]\nid = "s{n}"\nkind = "read"\ntitle = "Step {n}"\nbody = "Body of reading number {n}."\n'
        for n in range(1, READINGS + 1)
    )
    module = f'id = "room"\ntitle = "A room"\nsummary = "Readings to follow."\nminutes = 5\n{steps}'
    (folder / "01-room.toml").write_text(module, encoding="utf-8")
    (folder / "course.toml").write_text('title = "A crowd"\nwelcome = "Welcome to the crowd."\n', encoding="utf-8")
    return folder


class Participant:
    """A browser tab, as far as the server can tell: a WebSocket from the page's own origin."""

    def __init__(self) -> None:
        self.screen = b""
        self.drawn = asyncio.Event()

    async def run(self, port: int) -> None:
        import aiohttp

        size = {"width": 100, "height": 30}
        async with aiohttp.ClientSession() as client, client.ws_connect(
            f"http://127.0.0.1:{port}/ws",
            params={name: str(value) for name, value in size.items()},
            headers={"Origin": f"http://127.0.0.1:{port}"},
        ) as ws:
            await ws.send_json(["resize", size])
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.screen += message.data
                    self.drawn.set()

    async def shows(self, text: str, since: int) -> None:
        while text.encode() not in self.screen[since:]:
            self.drawn.clear()
            await self.drawn.wait()


async def everyone_shows(crowd: list[Participant], text: str, marks: list[int], seconds: float) -> int:
    """How many of the crowd show the text (drawn after their mark) within the time."""
    waits = [asyncio.ensure_future(p.shows(text, mark)) for p, mark in zip(crowd, marks)]
    await asyncio.wait(waits, timeout=seconds)
    for wait in waits:
        wait.cancel()
    return sum(wait.done() and not wait.cancelled() for wait in waits)


def test_a_whole_room_joining_at_once_follows_every_move(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    pytest.importorskip("aiohttp", reason="aiohttp (textual-serve's) is not installed")
    port = free_port()
    lessons = readings(tmp_path / "lessons")
    room = ["--lessons", str(lessons), "room", "--port", str(port), "--max-sessions", str(PARTICIPANTS)]
    projector = TerminalSession(room, tmp_path / "data", tmp_path)
    sessions.append(projector)
    assert projector.wait_for(str(port), 30), "the room did not open"

    async def crowd() -> None:
        participants = [Participant() for _ in range(PARTICIPANTS)]
        tasks = [asyncio.ensure_future(p.run(port)) for p in participants]
        reading = True

        async def drain() -> None:
            # The projector is read while the room waits, so its terminal never fills.
            while reading:
                await asyncio.to_thread(projector.read, 0.2)

        drained = asyncio.ensure_future(drain())
        try:
            joined = await everyone_shows(participants, "Welcome to the crowd.", [0] * PARTICIPANTS, 60)
            assert joined == PARTICIPANTS, f"only {joined} of {PARTICIPANTS} reached the room"
            # Moves in one burst (the room is on step 5 before anyone has drawn step 2), then one more.
            for number, pressed in ((1, ("enter",)), (5, ("right",) * 4), (6, ("right",))):
                marks = [len(p.screen) for p in participants]
                projector.send(keys(*pressed))
                followed = await everyone_shows(participants, f"Body of reading number {number}.", marks, 30)
                assert followed == PARTICIPANTS, f"only {followed} of {PARTICIPANTS} show step {number} in full"
        finally:
            reading = False
            await drained
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(crowd())
    projector.read(1.0)
    projector.send(keys("ctrl+q"))
    assert projector.wait_exit(30) == 0


def session_pids(root: int) -> list[int]:
    """Every process below root: the preloaded process and the sessions it forked."""
    found, queue = [], [root]
    while queue:
        for task in Path(f"/proc/{queue.pop()}/task").iterdir():
            children = [int(child) for child in (task / "children").read_text().split()]
            queue += children
            found += children
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the sessions through /proc")
def test_participants_sessions_end_when_the_room_is_killed_outright(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    pytest.importorskip("aiohttp", reason="aiohttp (textual-serve's) is not installed")
    port = free_port()
    projector = TerminalSession(["--lessons", str(readings(tmp_path / "lessons")), "room", "--port", str(port)], tmp_path / "data", tmp_path)
    sessions.append(projector)
    assert projector.wait_for(str(port), 30), "the room did not open"

    async def two_join_then_the_room_dies() -> list[int]:
        participants = [Participant() for _ in range(2)]
        tasks = [asyncio.ensure_future(p.run(port)) for p in participants]
        assert await everyone_shows(participants, "Welcome to the crowd.", [0, 0], 30) == 2
        below = session_pids(projector.pid)
        os.kill(projector.pid, signal.SIGKILL)  # no chance to end its sessions
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return below

    below = asyncio.run(two_join_then_the_room_dies())
    assert len(below) >= 3, "a preloaded process and two sessions"
    assert poll_until(lambda: not any(running(pid) for pid in below), 20), "sessions outlived their room"
