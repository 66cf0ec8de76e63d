"""Benchmark 7: a served workshop, from a browser's connection to the module list on its screen."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from course.loader import load_course
from coursebench.figures import Figure, NotAvailable, Result, alternate, percentile
from coursebench.processes import BENCHMARKS, PYTHON, Runner, course_command, unavailable_reason

HOST = "127.0.0.1"
SIZE = {"width": 100, "height": 30}
TIMEOUT = 20.0
"""Seconds to wait for a server to listen, or for a connection's screen, before giving up."""

BARE_SERVER = """
import sys
from textual_serve.server import Server
Server(sys.argv[1], host=sys.argv[2], port=int(sys.argv[3])).serve()
"""
"""textual-serve's own server, as `course serve` uses it, serving the bare app."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A server process on this machine (loopback only) that starts one app per connection."""

    def __init__(self, runner: Runner, argv: Sequence[str], port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            argv, cwd=runner.cwd, env=runner.env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{' '.join(argv)} did not listen on {HOST}:{port}") from None
                time.sleep(0.05)

    def app_processes(self) -> list[int]:
        """The ids of the processes the server runs for its connections.

        The course's preloaded process, which lives as long as the server, is not one of them;
        the sessions it forks are.
        """
        return [
            pid
            for pid in _descendants(self.process.pid)
            if not (b"course.web.preloaded" in _cmdline(str(pid)) and _parent(pid) == self.process.pid)
        ]

    def stop(self) -> None:
        """Stop the server as Ctrl+C would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def _until_text(port: int, text: bytes, shown: list[float] | None = None, hold: asyncio.Event | None = None) -> float:
    """Seconds from opening a connection as a browser tab does until the screen shows `text`.

    With `shown` and `hold`, the time is also appended to `shown` and the connection stays
    open, its app running, until `hold` is set.
    """
    import aiohttp  # textual-serve's dependency, checked for before serving

    start = time.perf_counter()
    url = f"http://{HOST}:{port}/ws"
    params = {key: str(value) for key, value in SIZE.items()}
    origin = {"Origin": f"http://{HOST}:{port}"}  # as the course's own page: other origins are refused
    async with aiohttp.ClientSession() as session, session.ws_connect(url, params=params, headers=origin) as ws:
        await ws.send_json(["resize", SIZE])
        screen = b""
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                screen += message.data
                if text in screen:
                    seconds = time.perf_counter() - start
                    if shown is not None and hold is not None:
                        shown.append(seconds)
                        await hold.wait()
                    return seconds
        raise RuntimeError(f"the connection closed before {text!r} was on the screen")


def _connect(server: Server, text: bytes) -> float:
    """Time one connection, then wait until the server has ended the app it started for it."""
    seconds = asyncio.run(asyncio.wait_for(_until_text(server.port, text), TIMEOUT))
    deadline = time.monotonic() + TIMEOUT
    while server.app_processes() and time.monotonic() < deadline:
        time.sleep(0.02)
    return seconds


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(child) for child in children.read_text().split()] if children.exists() else []
    return found + [grandchild for child in found for grandchild in _descendants(child)]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def _crowd(server: Server, text: bytes, participants: int) -> tuple[list[float], float, float]:
    """Connect `participants` at once and wait until every one has its screen.

    Returns each one's seconds to the screen, resident memory per session (MiB) with all of
    them open, and the CPU seconds the server and its sessions used until then.
    """
    shown: list[float] = []
    hold = asyncio.Event()
    cpu_before = _cpu_seconds(server.process.pid)
    tasks = [asyncio.create_task(_until_text(server.port, text, shown, hold)) for _ in range(participants)]
    deadline = time.monotonic() + TIMEOUT * 3
    while len(shown) < participants:
        if time.monotonic() > deadline or any(task.done() and task.exception() for task in tasks):
            hold.set()
            raise RuntimeError(f"only {len(shown)} of {participants} participants reached the screen")
        await asyncio.sleep(0.02)
    sessions = _descendants(server.process.pid)
    memory = sum(_rss_mib(pid) for pid in sessions) / participants
    cpu = _cpu_seconds(server.process.pid) + sum(_cpu_seconds(pid) for pid in sessions) - cpu_before
    hold.set()
    await asyncio.gather(*tasks)
    return shown, memory, cpu


@dataclass(frozen=True)
class Crowd:
    """A served workshop with N participants connecting at once: absolute figures, no ratio."""

    participants: int
    seconds: list[float]
    mib_per_session: float
    cpu_seconds: float
    target_p95: float | None

    @property
    def name(self) -> str:
        return f"7. Served workshop, {self.participants} participants connecting at once"

    def cells(self) -> list[str]:
        p50, p95 = percentile(self.seconds, 0.5), percentile(self.seconds, 0.95)
        verdict = "context" if self.target_p95 is None else ("met" if p95 < self.target_p95 else "MISSED")
        return [
            self.name,
            f"first screen p50 {p50:.2f} s, p95 {p95:.2f} s",
            f"{self.mib_per_session:.0f} MiB per session, {self.cpu_seconds:.1f} s CPU in all",
            "-",
            "-",
            "-" if self.target_p95 is None else f"p95 < {self.target_p95:.0f} s",
            verdict,
        ]


def served_crowds(runner: Runner, sizes: Sequence[int] = (1, 10, 30)) -> list[Crowd | NotAvailable]:
    """`course serve` with 1, 10 and 30 participants arriving together (target: 30, p95 < 3 s)."""
    course = course_command()
    if (reason := unavailable_reason(runner.run([*course, "serve", "--help"]))) is not None:
        return [NotAvailable("7. Served workshop, participants at once", reason)]
    last_title = load_course().modules[-1].title.encode()
    crowds: list[Crowd | NotAvailable] = []
    for participants in sizes:
        port = _free_port()
        server = Server(runner, [*course, "serve", "--host", HOST, "--port", str(port)], port)
        try:
            seconds, memory, cpu = asyncio.run(_crowd(server, last_title, participants))
        finally:
            server.stop()
        crowds.append(Crowd(participants, seconds, memory, cpu, 3.0 if participants == 30 else None))
    return crowds


def serving(runner: Runner, runs: int) -> Result:
    """`course serve --workshop` against textual-serve serving a bare app showing one line."""
    name = "7. Served workshop: connection to module list on screen"
    course = course_command()
    if (reason := unavailable_reason(runner.run([*course, "serve", "--help"]))) is not None:
        return NotAvailable(name, reason)
    if find_spec("textual_serve") is None:
        return NotAvailable(name, "textual-serve is not installed here (pip install . installs it)")
    last_title = load_course().modules[-1].title.encode()
    bare_app = shlex.join([PYTHON, str(BENCHMARKS / "text_app.py")])
    ours_port, base_port = _free_port(), _free_port()
    ours = Server(runner, [*course, "serve", "--workshop", "--host", HOST, "--port", str(ours_port)], ours_port)
    try:
        base = Server(runner, [PYTHON, "-c", BARE_SERVER, bare_app, HOST, str(base_port)], base_port)
        try:
            ours_times, base_times = alternate(
                runs, lambda: _connect(ours, last_title), lambda: _connect(base, b"Ready")
            )
        finally:
            base.stop()
    finally:
        ours.stop()
    return Figure(name, ours_times, base_times, "s", None, "served one-line App")

