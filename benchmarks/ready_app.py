"""Start an app and exit at the first frame that shows its first screen ready.

    python ready_app.py course|bare [--terminal] [--peak-rss-to FILE] [--frame-fd FD]

`course` builds the app with `course.app.make_app()` (lessons and data as the console script
finds them; set COURSE_DATA_DIR) and exits at the first frame drawn in which the home
screen's module list is laid out with every module. `bare` is a plain Textual `App`, which
exits at its first frame drawn. Textual's Ready event is not used: in the course it fires at
a frame rendered during start-up's batched updates, which is dropped, never drawn.

Headless unless `--terminal` (then it draws on the terminal it was given, e.g. a
pseudo-terminal). With `--frame-fd`, a newline is written to that file descriptor at that
frame. With `--peak-rss-to`, the process's peak resident memory (VmHWM, in KiB) is written
there after the app has exited.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from coursebench.frames import Shown, laid_out, on_frames
from textual.app import App
from textual.screen import Screen
from textual.widgets import ListView

GIVE_UP = 30.0
"""Seconds after which the app exits with an error if the frame never came."""


def module_list_shown(modules: int) -> Shown:
    """A frame shows the home screen ready when its list has every module, all laid out."""

    def shown(screen: Screen[object]) -> bool:
        lists = screen.query(ListView)
        if not lists:
            return False
        items = lists.first().children
        return len(items) == modules and laid_out(screen, items[-1])

    return shown


def exit_when_shown(app: App[Any], shown: Shown, frame_fd: int | None) -> None:
    """Make the app exit at the first frame for which `shown` holds."""
    done = False

    def check(screen: Screen[object]) -> None:
        nonlocal done
        if not done and shown(screen):
            done = True
            if frame_fd is not None:
                os.write(frame_fd, b"\n")
            app.exit()

    on_frames(app, check)
    app.call_later(lambda: app.set_timer(GIVE_UP, lambda: app.exit(return_code=3)))


def peak_rss_kib() -> int:
    """This process's peak resident set size (VmHWM) in KiB.

    Not `getrusage` or `wait4`: on Linux their maxrss also counts the high-water mark of the
    parent process that spawned this one, which would measure the benchmark runner.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["course", "bare"])
    parser.add_argument("--terminal", action="store_true", help="draw on the terminal, not headless")
    parser.add_argument("--peak-rss-to", type=Path, metavar="FILE")
    parser.add_argument("--frame-fd", type=int, metavar="FD")
    args = parser.parse_args()
    if args.which == "course":
        from course.app import make_app

        course_app = make_app()
        exit_when_shown(course_app, module_list_shown(len(course_app.course.modules)), args.frame_fd)
        app: App[Any] = course_app
    else:
        app = App()
        exit_when_shown(app, lambda screen: True, args.frame_fd)
    app.run(headless=not args.terminal)
    if args.peak_rss_to is not None:
        args.peak_rss_to.write_text(str(peak_rss_kib()))
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
