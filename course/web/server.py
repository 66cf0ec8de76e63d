"""`course serve`: one course session per browser tab, through textual-serve."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE_FOLDER = Path(__file__).resolve().parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def session_args(lessons: Path | None, data: str | None, workshop: bool, save: bool) -> list[str]:
    """The course's command-line arguments for one served session."""
    parts: list[str] = []
    if lessons is not None:
        parts += ["--lessons", str(lessons.resolve())]
    if data is not None:
        parts += ["--data-dir", str(Path(data).expanduser().resolve())]
    parts.append("session")
    if workshop:
        parts.append("--workshop")
    if save:
        parts.append("--save")
    return parts


def serve(host: str, port: int, arguments: list[str], title: str) -> None:
    """Serve until interrupted; our own page, so the browser asks no one but this server.

    Sessions are forked from one preloaded process (see course.web.sessions), which starts
    before the server and stops with it.
    """
    from course.web.guarded_server import GuardedServer

    folder = tempfile.mkdtemp(prefix="course-serve-")  # mode 0700: the socket is ours alone
    socket_path = os.path.join(folder, "sessions")
    module = [sys.executable, "-m", "course.web.sessions"]
    preloaded = subprocess.Popen([*module, "preload", socket_path, "--", *arguments], stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not os.path.exists(socket_path) and preloaded.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        command = shlex.join([*module, "launch", socket_path, "--", *arguments])
        server = GuardedServer(command, host=host, port=port, title=title)
        server.templates_path = PAGE_FOLDER
        server.serve()
    finally:
        preloaded.terminate()
        try:
            preloaded.wait(timeout=5)
        except subprocess.TimeoutExpired:
            preloaded.kill()
        shutil.rmtree(folder, ignore_errors=True)


def reach_note(host: str, port: int) -> list[str]:
    """What to tell the facilitator about who can open the course."""
    if host in LOOPBACK:
        return [f"Serving the course on http://{host}:{port} (this computer only). Ctrl+C stops it."]
    return [
        f"Share this address: http://{host}:{port}",
        "Warning: anyone on this network can open the course at that address. Ctrl+C stops it.",
    ]
