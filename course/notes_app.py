"""`course notes`: the facilitator's private notes in a second terminal, following the room's step."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from course.web.room_hub import MAX_LINE
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.markdown_text import MarkdownText


class NotesApp(App[None]):
    """Shows, for the step on the projector, the notes, the room's question, what comes next and
    the time planned and spent in the module. Nothing here is ever on the projector."""

    ENABLE_COMMAND_PALETTE = False
    CSS_PATH = "notes_app.tcss"
    BINDINGS = [Binding("q,ctrl+q", "quit", "Quit", key_display="q")]

    def __init__(self, socket: Path) -> None:
        super().__init__()
        self.socket = socket
        self.module = ""
        self.module_started = time.monotonic()
        self.minutes = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="notes"):
            yield Literal("Waiting for the room to show a step…", id="where")
            yield Static("Notes", classes="label")
            yield MarkdownText(id="facilitator")
            yield Static("For the room", classes="label")
            yield MarkdownText(id="discuss")
            yield Literal("", id="next")
            yield Static("", id="time")
        yield CourseFooter()

    def on_mount(self) -> None:
        self.title = "Facilitator's notes"
        self.run_worker(self.follow(), exit_on_error=False)
        self.set_interval(15, self.show_time)

    async def follow(self) -> None:
        try:
            reader, writer = await asyncio.open_unix_connection(str(self.socket), limit=MAX_LINE * 16)
            writer.write(b'{"role": "notes"}\n')
            while line := await reader.readline():
                message = json.loads(line)
                if isinstance(message, dict) and isinstance(message.get("notes"), dict):
                    self.show(message["notes"])
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        self.query_one("#where", Literal).show("The room has ended. Press q to close this window.")

    def show(self, notes: dict[str, object]) -> None:
        def text(key: str) -> str:
            value = notes.get(key)
            return value if isinstance(value, str) else ""

        if text("module") != self.module:
            self.module, self.module_started = text("module"), time.monotonic()
        minutes = notes.get("minutes")
        self.minutes = minutes if isinstance(minutes, int) else 0
        self.query_one("#where", Literal).show(f"{self.module} · {text('title')}")
        self.query_one("#facilitator", MarkdownText).show(text("facilitator") or "No notes for this step.")
        self.query_one("#discuss", MarkdownText).show(text("discuss") or "No question for the room on this step.")
        following = text("next")
        self.query_one("#next", Literal).show(f"Next: {following}" if following else "This is the module's last step.")
        self.show_time()

    def show_time(self) -> None:
        spent = int((time.monotonic() - self.module_started) // 60)
        planned = f" of about {self.minutes} planned" if self.minutes else ""
        self.query_one("#time", Static).update(f"{spent} min in this module{planned}")
