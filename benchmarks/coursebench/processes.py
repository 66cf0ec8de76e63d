"""Whole processes, timed from their start, in a clean environment."""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import struct
import subprocess
import sys
import sysconfig
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

PYTHON = sys.executable
BENCHMARKS = Path(__file__).resolve().parent.parent
TERMINAL_SIZE = (30, 100)
"""Rows and columns of the pseudo-terminal."""


class ProcessFailed(RuntimeError):
    """A benchmarked process exited with an error."""


def compile_bytecode() -> None:
    """Compile the environment's installed packages, so no measured run compiles anything."""
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1, workers=0)


def course_command() -> list[str]:
    """The `course` console script of this environment, else `python -m course`."""
    script = Path(PYTHON).parent / "course"
    return [str(script)] if script.exists() else [PYTHON, "-m", "course"]


def clean_env(data_dir: Path) -> dict[str, str]:
    """The environment for measured processes: bytecode may be cached, data goes to data_dir.

    Drops PYTHON* variables (PYTHONDONTWRITEBYTECODE among them) and TEXTUAL* ones (devtools).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TEXTUAL"))}
    env["COURSE_DATA_DIR"] = str(data_dir)
    env["TERM"] = "xterm-256color"
    return env


@dataclass(frozen=True)
class Runner:
    """Runs commands in a working folder outside the repository, with the learner data in data_dir."""

    cwd: Path
    data_dir: Path

    @classmethod
    def in_folder(cls, folder: Path) -> Runner:
        """A runner working in folder/work, keeping learner data in folder/data."""
        (folder / "work").mkdir()
        return cls(folder / "work", folder / "data")

    @cached_property
    def env(self) -> dict[str, str]:
        return clean_env(self.data_dir)

    def run(self, argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
        """Run to completion, capturing output: for checks, not for timing."""
        return subprocess.run(argv, cwd=self.cwd, env=self.env, capture_output=True, text=True)

    def time(self, argv: Sequence[str]) -> float:
        """Seconds from starting the process until it has exited; output is discarded."""
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(
                argv, cwd=self.cwd, env=self.env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
            )
            code = process.wait()
            seconds = time.perf_counter() - start
            if code != 0:
                errors.seek(0)
                raise ProcessFailed(f"{' '.join(argv)} exited {code}:\n{errors.read().decode()[-2000:]}")
        return seconds

    def time_to_signal(self, argv: Callable[[int], Sequence[str]], terminal: bool = False) -> Timing:
        """Seconds from starting a process until it signals, and until it has exited.

        `argv(fd)` is the command line, given the file descriptor the process writes a byte to
        when what is timed has happened. Headless, its output is discarded; with `terminal`,
        its stdin, stdout and stderr are a pseudo-terminal.
        """
        signal_read, signal_write = os.pipe()
        try:
            with ExitStack() as stack:
                if terminal:
                    slave, drawn = stack.enter_context(_pseudo_terminal())
                    streams: dict[str, Any] = {"stdin": slave, "stdout": slave, "stderr": slave}
                else:
                    errors = stack.enter_context(tempfile.TemporaryFile())
                    streams = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": errors}
                start = time.perf_counter()
                process = subprocess.Popen(
                    argv(signal_write), cwd=self.cwd, env=self.env, pass_fds=(signal_write,),
                    start_new_session=terminal, **streams,
                )
                os.close(signal_write)
                signal_write = -1
                signalled = os.read(signal_read, 1)
                to_signal = time.perf_counter() - start
                code = process.wait()
                to_exit = time.perf_counter() - start
                if code != 0 or not signalled:
                    if not terminal:
                        errors.seek(0)
                        drawn = [errors.read()]
                    output = b"".join(drawn).decode(errors="replace")[-2000:]
                    raise ProcessFailed(f"{' '.join(argv(0))} exited {code} without signalling:\n{output}")
        finally:
            for fd in (signal_read, signal_write):
                if fd >= 0:
                    os.close(fd)
        return Timing(to_signal, to_exit)


@dataclass(frozen=True)
class Timing:
    """Seconds from a process's start until it signalled, and until it exited."""

    signal: float
    exit: float


@contextmanager
def _pseudo_terminal() -> Iterator[tuple[int, list[bytes]]]:
    """A pseudo-terminal of TERMINAL_SIZE: the end to give a process, and the last chunks drawn on it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *TERMINAL_SIZE, 0, 0))
    drawn: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, drawn), daemon=True)
    reader.start()
    try:
        yield slave, drawn
    finally:
        os.close(slave)
        reader.join(timeout=5)
        os.close(master)


def _drain(master: int, into: list[bytes]) -> None:
    """Read what the process draws, so it never blocks on a full terminal, until the terminal closes."""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return
        if not chunk:
            return
        into.append(chunk)
        del into[:-8]


def unavailable_reason(result: subprocess.CompletedProcess[str]) -> str | None:
    """Why a command is not available, if argparse rejected it as an unknown choice."""
    if result.returncode == 2 and "invalid choice" in result.stderr:
        return "no such command yet"
    return None
