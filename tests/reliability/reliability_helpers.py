"""Shared bits of the reliability tests: where things are, and how to start a child Python."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"


def child_env() -> dict[str, str]:
    """The environment for a child Python that imports this checkout's `course` package."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def stderr_lines(err: str) -> list[str]:
    """The non-blank lines of what a command wrote to stderr."""
    return [line for line in err.splitlines() if line.strip()]


def as_rendered(markdown: str) -> str:
    """What a Markdown viewer shows of an export, as plain text: line breaks where it breaks lines."""
    import html
    import re

    from markdown_it import MarkdownIt

    shown = MarkdownIt("commonmark").render(markdown).replace("<br />\n", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", shown))
