"""A browser tab's course process, forked from the preloaded process or started plainly.

Either way the server holds the session's pipes as asyncio streams and can end the session:
politely (SIGTERM, on which the course saves what was typed) and then for good (SIGKILL).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.web.preloaded import GO, NUMBER

READY_WITHIN = 20.0
"""Seconds the server waits, before listening, for the preloaded process to be ready."""
ANSWER_WITHIN = 3.0
"""Seconds the preloaded process has to fork a session before the session starts plainly."""
RESTARTS_PER_MINUTE = 5
"""Restarts of a preloaded process that keeps dying, before sessions just start plainly."""


class SessionProcess:
    """One session's streams and the means to end it."""

    def __init__(
        self,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        pid: int,
        ended: asyncio.Future[None],
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = asyncio.StreamReader()
        """Empty: what a session writes to stderr goes nowhere, so no traceback reaches anyone."""
        self.stderr.feed_eof()
        self.pid = pid
        self.ended = ended

    def signal(self, number: int) -> None:
        if not self.ended.done():  # once it has ended, its pid may be someone else's
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass

    async def end(self, polite_for: float, then_for: float) -> None:
        """Wait for the session to end; after polite_for seconds ask it to (SIGTERM), then make it."""
        for number, wait in ((signal.SIGTERM, polite_for), (signal.SIGKILL, then_for)):
            try:
                await asyncio.wait_for(asyncio.shield(self.ended), wait)
                return
            except asyncio.TimeoutError:
                self.signal(number)
        await asyncio.shield(self.ended)


class SessionStarter:
    """Starts sessions: forked by a supervised preloaded process, or plainly where it cannot."""

    def __init__(self, options_json: str, preload: bool) -> None:
        self.options_json = options_json
        self.preloaded: subprocess.Popen[bytes] | None = None
        self.folder: str | None = None
        self.restarts: list[float] = []
        # fork and Unix sockets are what the preloaded process is made of (Windows has neither).
        self.preload = preload and hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds")

    @property
    def socket_path(self) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, "sessions")

    def start_preloaded(self) -> None:
        """Start (or restart) the preloaded process; it is ready once its socket exists."""
        if not self.preload:
            return
        if self.folder is None:
            self.folder = tempfile.mkdtemp(prefix="course-serve-")  # 0700: the socket is ours alone
        self.stop_preloaded()
        # Its own session: the facilitator's Ctrl+C reaches the server, which stops it cleanly.
        self.preloaded = subprocess.Popen(
            [sys.executable, "-m", "course.web.preloaded", self.socket_path, self.options_json],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_until_ready(self, seconds: float) -> None:
        """Give a starting preloaded process time to listen, so the first tabs are forked too."""
        deadline = time.monotonic() + seconds
        while self.preloaded is not None and self.preloaded.poll() is None and time.monotonic() < deadline:
            if os.path.exists(self.socket_path):
                return
            time.sleep(0.02)

    def stop_preloaded(self) -> None:
        process, self.preloaded = self.preloaded, None
        if process is not None:
            process.kill()  # it holds nothing of anyone's: its sessions are separate processes
            process.wait()
        if self.folder is not None:
            Path(self.socket_path).unlink(missing_ok=True)

    def close(self) -> None:
        self.stop_preloaded()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def supervise(self, now: float) -> None:
        """Restart a preloaded process that has died, unless it keeps dying."""
        if self.preloaded is None or self.preloaded.poll() is None:
            return
        self.restarts = [t for t in self.restarts if now - t < 60]
        if len(self.restarts) < RESTARTS_PER_MINUTE:
            self.restarts.append(now)
            self.start_preloaded()
        else:
            self.stop_preloaded()

    async def start(self, environment: dict[str, str]) -> SessionProcess:
        if self.preloaded is not None and os.path.exists(self.socket_path):
            session = await self._forked(environment)
            if session is not None:
                return session
            # Stopped, stuck or gone: a fresh one for the next tab, and this tab starts plainly.
            self.start_preloaded()
        return await self._plain(environment)

    async def _forked(self, environment: dict[str, str]) -> SessionProcess | None:
        loop = asyncio.get_running_loop()
        ours, theirs = _pipes()
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.setblocking(False)

        async def handshake() -> int:
            await loop.sock_connect(connection, self.socket_path)
            payload = json.dumps(environment).encode()
            socket.send_fds(connection, [NUMBER.pack(len(payload))], theirs)
            await loop.sock_sendall(connection, payload)
            answer = b""
            while len(answer) < NUMBER.size:
                chunk = await loop.sock_recv(connection, NUMBER.size - len(answer))
                if not chunk:
                    raise ConnectionError("the preloaded process closed the connection")
                answer += chunk
            await loop.sock_sendall(connection, GO)
            return int(NUMBER.unpack(answer)[0])

        try:
            pid = await asyncio.wait_for(handshake(), ANSWER_WITHIN)
        except (OSError, asyncio.TimeoutError):
            connection.close()
            for fd in ours:
                os.close(fd)
            return None
        finally:
            for fd in theirs:
                os.close(fd)

        async def until_it_ends() -> None:
            """The child holds its end of the connection until it exits."""
            try:
                while await loop.sock_recv(connection, 1):
                    pass
            except OSError:
                pass
            finally:
                connection.close()

        stdin, stdout = await _streams(ours)
        return SessionProcess(stdin, stdout, pid, asyncio.ensure_future(until_it_ends()))

    async def _plain(self, environment: dict[str, str]) -> SessionProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "course.session",
            self.options_json,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None and process.stdout is not None
        ended = asyncio.ensure_future(process.wait())
        return SessionProcess(process.stdin, process.stdout, process.pid, ended)  # type: ignore[arg-type]


def _pipes() -> tuple[tuple[int, int], list[int]]:
    """Our ends (write to stdin, read from stdout) and the session's (stdin, stdout, stderr)."""
    stdin_read, stdin_write = os.pipe()
    stdout_read, stdout_write = os.pipe()
    devnull = os.open(os.devnull, os.O_WRONLY)
    return (stdin_write, stdout_read), [stdin_read, stdout_write, devnull]


async def _streams(ours: tuple[int, int]) -> tuple[asyncio.StreamWriter, asyncio.StreamReader]:
    loop = asyncio.get_running_loop()
    stdin_write, stdout_read = ours
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(stdout_read, "rb", 0))
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(stdin_write, "wb", 0)
    )
    writer = asyncio.StreamWriter(transport, protocol, None, loop)
    return writer, reader
