"""The real course in a pseudo-terminal: keys go in as bytes, in one write if need be.

Also where the fixture courses are, and `poll_until`, the one way to wait for a condition
outside Pilot (a child process, a server, a browser)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import socket
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from commands import child_env

FIXTURE_COURSE = Path(__file__).resolve().parent / "fixtures" / "course"
"""A small course with one step of every kind: what the tests of the machinery play."""
LONG_COURSE = Path(__file__).resolve().parent / "fixtures" / "long-course"
"""A course whose every text runs long, with support lines for several regions: for layout at
every size, and for the support directory."""
BETWEEN_SESSIONS = Path(__file__).resolve().parent / "fixtures" / "between-sessions"
"""A course with a recap, recall questions, experiments, a practice and a plan step."""

KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "ctrl+n": b"\x0e",
    "ctrl+q": b"\x11",
    "ctrl+s": b"\x13",
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "tab": b"\t",
}


def poll_until(condition: Callable[[], bool], seconds: float = 10, every: float = 0.05) -> bool:
    """Whether the condition comes true within the time, checked every `every` seconds."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(every)
    return True


def keys(*names: str) -> bytes:
    """The bytes a terminal sends for these keys; anything not named above is typed as text."""
    return b"".join(KEYS.get(name, name.encode()) for name in names)


class TerminalSession:
    """One `course` process on a pseudo-terminal of a given size."""

    def __init__(
        self,
        args: list[str],
        data: Path,
        cwd: Path,
        size: tuple[int, int] = (100, 30),
        program: tuple[str, ...] = ("-m", "course"),
    ) -> None:
        env = child_env(data, LANG="en_US.UTF-8")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the course
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, *program, *args], env)
        columns, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = b""
        self.status: int | None = None

    def send(self, data: bytes) -> None:
        """Write the bytes in one write, as a burst of keys arrives from a slow link."""
        os.write(self.fd, data)

    def read(self, seconds: float) -> bytes:
        """Collect what the app draws for a while; returns what arrived."""
        start = len(self.output)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:  # the process has gone and closed the terminal
                    break
                if not chunk:
                    break
                self.output += chunk
        return self.output[start:]

    def wait_for(self, text: str, seconds: float = 20) -> bool:
        """Whether the text is drawn (after this call starts) within the time."""
        start = len(self.output)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.read(0.1)
            if text.encode() in self.output[start:]:
                return True
            if self.exited():
                return False
        return False

    def exited(self) -> bool:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status is not None

    def wait_exit(self, seconds: float = 15) -> int | None:
        """The exit status, or None if the process is still running after the time."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.read(0.1)
            if self.exited():
                return self.status
        return None

    def close(self) -> None:
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium, which Playwright drives: its own browser download is not used."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# textual-serve's page keeps its xterm.js terminal to itself: catch it as the page assigns it
# (`this.terminal = new Terminal(...)`), so the test can read the buffer the page draws from.
CATCH_THE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", { value, writable: true, configurable: true, enumerable: true });
    if (value && value.buffer && value.buffer.active && !window.courseTerminal) window.courseTerminal = value;
  },
});
"""
SCREEN_TEXT = """() => {
  const terminal = window.courseTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""
