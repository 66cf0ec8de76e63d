"""`course serve`: one course session per browser tab, through textual-serve."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

PAGE_FOLDER = Path(__file__).resolve().parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def session_command(lessons: Path | None, data: str | None, workshop: bool, save: bool) -> str:
    """The command each browser connection runs: this Python, this course, these options."""
    parts = [sys.executable, "-m", "course"]
    if lessons is not None:
        parts += ["--lessons", str(lessons.resolve())]
    if data is not None:
        parts += ["--data-dir", str(Path(data).expanduser().resolve())]
    parts.append("session")
    if workshop:
        parts.append("--workshop")
    if save:
        parts.append("--save")
    return shlex.join(parts)


def serve(host: str, port: int, command: str, title: str) -> None:
    """Serve until interrupted; our own page, so the browser asks no one but this server."""
    from textual_serve.server import Server

    server = Server(command, host=host, port=port, title=title)
    server.templates_path = PAGE_FOLDER
    server.serve()


def reach_note(host: str, port: int) -> list[str]:
    """What to tell the facilitator about who can open the course."""
    if host in LOOPBACK:
        return [f"Serving the course on http://{host}:{port} (this computer only). Ctrl+C stops it."]
    return [
        f"Share this address: http://{host}:{port}",
        "Warning: anyone on this network can open the course at that address. Ctrl+C stops it.",
    ]
