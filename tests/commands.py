"""Running the `course` command line from a test: in this process, or as a child Python."""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

import pytest

from course.cli import main

REPO = Path(__file__).resolve().parent.parent
OVERRIDES = {"NO_COLOR", "TEXTUAL_THEME", "TEXTUAL", "TEXTUAL_DRIVER"}
"""Settings from the developer's machine that would change how a child draws or runs."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`course ARGV` in this process: its exit status, and what it wrote to stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def course_command(*argv: str) -> list[str]:
    """The command line that runs this checkout's `course ARGV` in a child Python."""
    return [sys.executable, "-m", "course", *argv]


def child_env(data: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child Python: this checkout's `course`, unbuffered output, a terminal
    type that is not dumb, none of the developer's colour, theme or driver overrides, and `data`
    as its data folder (by default the test's own, which COURSE_DATA_DIR already names)."""
    env = {name: value for name, value in os.environ.items() if name not in OVERRIDES}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.update(PYTHONUNBUFFERED="1", TERM="xterm-256color")
    if data is not None:
        env["COURSE_DATA_DIR"] = str(data)
    env.update(extra)
    return env


def stderr_lines(err: str) -> list[str]:
    """The non-blank lines of what a command wrote to stderr."""
    return [line for line in err.splitlines() if line.strip()]


def as_rendered(markdown: str) -> str:
    """What a Markdown viewer shows of an export, as plain text: line breaks where it breaks lines."""
    from markdown_it import MarkdownIt

    shown = MarkdownIt("commonmark").render(markdown).replace("<br />\n", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", shown))
