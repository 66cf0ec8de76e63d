"""Help: the keys, what this course is, and where to turn in a crisis."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from course.widgets.markdown_text import MarkdownText

HELP_TEXT = """
**If you are in danger right now, call your local emergency number.**

**What this course is.** Four short modules about why we sometimes pull away from the
closeness we want, noticing where closeness has been safe, trusting yourself, and when to
reach for help. It is education, not therapy or a diagnosis, and it cannot respond in a crisis.
Every exercise is optional.

**Your privacy.** Everything you write is kept only on this computer, in {data}.

**Keys**

- **↑ ↓** choose a module · **Enter** open it where you left off
- **→**, **n** or **Enter** next step · **Ctrl+N** next step from anywhere, even while typing
- **←** or **p** previous step · **Esc** back to the modules (or stop typing)
- **Space** start or pause a practice timer · **r** restart it
- **F1** this help, from any screen · **q** or **Ctrl+Q** quit (progress is already saved)
"""


class HelpScreen(ModalScreen[None]):
    """Shown over whatever the learner was doing; closing it returns them exactly there."""

    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,f1,q", "close", "Close help", key_display="Esc")]
    """Escape (or F1 again) returns to where the learner was."""

    def __init__(self, data_location: str) -> None:
        super().__init__()
        self.data_location = data_location

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Help and support", id="help-title")
            yield MarkdownText(HELP_TEXT.format(data=self.data_location))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
