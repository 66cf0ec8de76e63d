"""One served browser session: what `course serve` tells each tab's process, and how it runs.

A session's streams are its browser tab (through textual-serve's web driver), so it prints
nothing of its own: a problem ends the session, and the tab says the session has ended.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from course.record import Record

if TYPE_CHECKING:
    from textual.app import App


SERVER_CHECK = 1.0
"""Seconds between looks at whether the server (or the process that forked this one) is still there."""


class SessionOptions(Record):
    """What every session of one `course serve` run shares."""

    lessons: str | None = None
    """The lessons folder, or None for the course's own lessons."""
    data: str | None = None
    """The data folder, or None for the default; used only when participants save."""
    workshop: bool = False
    save: bool = False
    """Participants keep their progress, under a name and a resume code."""
    run: str = ""
    """This server run: new saved profiles are counted, and capped, per run."""
    room: str = ""
    """The room hub's socket, for a `course room` participant: the session follows its step."""

    def to_json(self) -> str:
        return json.dumps({name: getattr(self, name) for name in self._fields})

    @classmethod
    def from_json(cls, text: str) -> SessionOptions:
        return cls(**json.loads(text))


def run_session(options: SessionOptions) -> int:
    """Run one session in this process, whose standard streams are the browser tab's."""
    from pathlib import Path

    from course.app import make_app
    from course.crash_report import CRASHED
    from course.mode import Mode

    mode = Mode(
        workshop=options.workshop,
        served=True,
        ask_profile=options.save and not options.workshop,
        run=options.run,
        room=options.room,
    )
    try:
        app = make_app(Path(options.lessons) if options.lessons else None, options.data, None, mode)
    except Exception:
        return 1  # lessons broken since the server checked them, a data folder gone: the tab says it ended
    end_with_server(app)
    app.run()
    return CRASHED if app.crashed else app.return_code or 0


def end_with_server(app: App[Any]) -> None:
    """End the session, saving first, once the process that started it has gone. A server ended
    outright (SIGKILL, a crash) cannot end its sessions, and a session hears nothing from a
    closed pipe until it next writes: idle, it would wait forever for a tab that has gone."""
    import os
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(SERVER_CHECK)
        try:
            app.call_from_thread(app.exit)
        except RuntimeError:
            pass  # the session ended meanwhile

    threading.Thread(target=watch, name="end with the server", daemon=True).start()


if __name__ == "__main__":
    # The plain start of a session, where no preloaded process can fork one.
    sys.exit(run_session(SessionOptions.from_json(sys.argv[1])))
