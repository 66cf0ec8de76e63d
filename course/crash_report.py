"""A report of an unexpected error that is safe to keep and to share.

It names where the code failed and nothing else: no local variables and no exception
messages, since either can hold what the learner wrote.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from course import __version__

CRASHED = 70
"""The exit status after an unexpected error (EX_SOFTWARE)."""


def report_text(error: BaseException, now: float) -> str:
    """The error's kind and where it happened, newest call last, for each error in its chain."""
    import platform  # loaded only when there is a report to write: every start-up skips them
    import traceback

    lines = [
        f"course {__version__} on Python {platform.python_version()}, {_textual_version()}",
        time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)),
        "Messages and variables are left out: they can hold what you wrote.",
    ]
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for each in reversed(chain):
        lines += ["", f"{type(each).__module__}.{type(each).__qualname__}", "Traceback (most recent call last):"]
        for frame in traceback.extract_tb(each.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"


def write_report(folder: Path, error: BaseException) -> Path | None:
    """Write the report to a new owner-only file in the folder; None if it cannot be written."""
    now = time.time()
    try:
        text = report_text(error, now)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    except Exception:  # a report that cannot be written must not hide the error it reports
        return None


def _textual_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"Textual {version('textual')}"
    except PackageNotFoundError:
        return "Textual not installed"
