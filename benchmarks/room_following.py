"""A room on this machine: participants joining at once, following lag, and the idle cost per participant.

    python benchmarks/room_following.py [PARTICIPANTS ...]   (default: 30 60)

Starts `course room` on a pseudo-terminal with a small course of its own (six readings, no
content notes), connects the participants as browser tabs do (a WebSocket each, from the
page's own origin), then presses → on the projector five times and times, for every
participant, the key to the moment its screen shows the new step. Run it with the Python of a
normal install of the course, where `aiohttp` (textual-serve's) is installed.
"""

from __future__ import annotations

import asyncio
import os
import pty
import select
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

HOST = "127.0.0.1"
SIZE = {"width": 100, "height": 30}
STEPS = 6
MOVES = 5
IDLE_SECONDS = 10.0


def lessons(folder: Path) -> Path:
    steps = "".join(
        f'\n[[steps]]\nid = "s{n}"\nkind = "read"\ntitle = "Step {n}"\nbody = "Body of reading number {n}."\n'
        for n in range(1, STEPS + 1)
    )
    (folder / "01-room.toml").write_text(
        f'id = "room"\ntitle = "A room"\nsummary = "Readings to follow."\nminutes = 5\n{steps}', encoding="utf-8"
    )
    (folder / "course.toml").write_text('title = "Room bench"\nwelcome = "Welcome to the room bench."\n', encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Projector:
    """`course room` on a pseudo-terminal."""

    def __init__(self, folder: Path, port: int, count: int) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            room = ["room", "--port", str(port), "--max-sessions", str(count)]
            os.execvp(sys.executable, [sys.executable, "-m", "course", "--lessons", str(folder), *room])
        self.output = b""

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    return

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def pids(self) -> list[int]:
        found, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text().split()
                queue += [int(child) for child in children]
                found += [int(child) for child in children]
        return found

    def stop(self) -> None:
        self.send(b"\x11")  # Ctrl+Q
        for _ in range(100):
            self.read(0.1)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return
        os.kill(self.pid, signal.SIGKILL)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pss_mib(pid: int) -> float:
    """The process's proportional share of memory: pages shared with other sessions count in part."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Participant:
    def __init__(self) -> None:
        self.screen = b""
        self.changed = asyncio.Event()

    async def run(self, port: int, joined: list[float], done: asyncio.Event) -> None:
        start = time.perf_counter()
        origin = {"Origin": f"http://{HOST}:{port}"}
        params = {key: str(value) for key, value in SIZE.items()}
        async with aiohttp.ClientSession() as session, session.ws_connect(
            f"http://{HOST}:{port}/ws", params=params, headers=origin
        ) as ws:
            await ws.send_json(["resize", SIZE])
            first = True
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.screen += message.data
                    if first and b"Room bench" in self.screen:
                        joined.append(time.perf_counter() - start)
                        first = False
                    self.changed.set()
                if done.is_set():
                    break

    async def shows(self, text: bytes, since: int) -> float:
        while text not in self.screen[since:]:
            self.changed.clear()
            await self.changed.wait()
        return time.perf_counter()


async def room(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        projector = Projector(lessons(Path(folder)), port, count)
        projector.read(6.0)
        loop = asyncio.get_running_loop()
        participants = [Participant() for _ in range(count)]
        joined: list[float] = []
        done = asyncio.Event()
        tasks = [asyncio.create_task(p.run(port, joined, done)) for p in participants]
        deadline = time.monotonic() + 60
        while len(joined) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if len(joined) < count:
            raise RuntimeError(f"only {len(joined)} of {count} participants reached the room's first screen")
        figures = {"join p50": statistics.median(joined), "join p95": percentile(joined, 0.95)}
        await loop.run_in_executor(None, projector.read, 1.0)
        lags: list[float] = []
        for step in range(1, MOVES + 2):
            await asyncio.sleep(0.3)
            marks = [len(p.screen) for p in participants]
            pressed = time.perf_counter()
            # Enter opens the module on the projector (everyone follows to step 1), then → moves on.
            projector.send(b"\r" if step == 1 else b"\x1b[C")
            reached = await asyncio.wait_for(
                asyncio.gather(*(p.shows(f"Body of reading number {step}.".encode(), mark) for p, mark in zip(participants, marks))), 30
            )
            if step > 1:
                lags += [moment - pressed for moment in reached]
            await loop.run_in_executor(None, projector.read, 0.05)
        figures["lag p50"], figures["lag p95"] = statistics.median(lags), percentile(lags, 0.95)
        pids = projector.pids()
        before = sum(cpu_seconds(pid) for pid in pids)
        await asyncio.sleep(IDLE_SECONDS)
        after = sum(cpu_seconds(pid) for pid in projector.pids())
        figures["idle cpu % per participant"] = 100 * (after - before) / IDLE_SECONDS / count
        figures["mib per participant"] = sum(pss_mib(pid) for pid in pids) / count
        done.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await loop.run_in_executor(None, projector.stop)
        return figures


def main() -> None:
    for count in [int(arg) for arg in sys.argv[1:]] or [30, 60]:
        figures = asyncio.run(room(count))
        shown = ", ".join(f"{name} {value:.3f}" for name, value in figures.items())
        print(f"{count} participants: {shown}", flush=True)


if __name__ == "__main__":
    main()
