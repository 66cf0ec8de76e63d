"""Draw docs/screenshot.svg: the course open at module 1's first step, from the shipped lessons.

The README shows this picture, so it is made from the app itself, never by hand: run
`python docs/make_screenshot.py` from a clone, with the course's dependencies installed
(`.venv/bin/python docs/make_screenshot.py` after the README's quick start), and review the
new picture like code. It runs headless in a throwaway data folder and touches no one's progress.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
TARGET = DOCS / "screenshot.svg"
SIZE = (100, 30)
"""Wide enough for the step and its footer, small enough to read on a README page."""
TITLE = "Safe to be close"


def steady_environment(data: Path) -> None:
    """The same picture on every machine: default colours and theme, no region from the locale,
    and a fresh data folder instead of the learner's own."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL"):
        os.environ.pop(name, None)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        os.environ[name] = "C"
    os.environ["COURSE_DATA_DIR"] = str(data)


async def first_step_svg(data: Path) -> str:
    """The SVG of module 1's first step, reached the way a learner gets there: Enter, past its note."""
    from course.app import make_app
    from course.screens.player import PlayerScreen

    app = make_app(REPO / "lessons", data)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):  # home, then the module's content note, if it has one
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause(0.3)
            if isinstance(app.screen, PlayerScreen):
                break
        screen = app.screen
        if not (isinstance(screen, PlayerScreen) and screen.module.number == 1 and screen.index == 0):
            raise SystemExit(
                f"{TARGET}: not written: Enter did not open module 1's first step (check the home screen's keys)"
            )
        return app.export_screenshot(title=TITLE)


def main() -> int:
    """Write the screenshot; one line says where."""
    sys.path.insert(0, str(REPO))  # this clone's code, even where another copy is installed
    with tempfile.TemporaryDirectory(prefix="course-screenshot-") as folder:
        steady_environment(Path(folder) / "data")
        svg = asyncio.run(first_step_svg(Path(folder) / "data"))
    TARGET.write_text(svg, encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(REPO)} ({SIZE[0]}x{SIZE[1]}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
