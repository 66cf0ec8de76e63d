"""An optional rating from 0 to 10, typed as digits: the cost of answering is one number and Enter."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from course.ratings import HIGHEST


class RatingPrompt(Static, can_focus=True):
    """Asks how stirred up the learner feels; Enter with a number answers, Enter alone or → skips."""

    BINDINGS = [
        Binding("enter", "answer", "Rate", key_display="⏎"),
        Binding("right", "skip", "Skip rating", show=False),
        Binding("backspace", "erase", show=False),
    ]
    """Enter answers (or skips, with nothing typed); → always skips. Digits are read as they come."""

    DEFAULT_CSS = """
    RatingPrompt { height: auto; padding: 0 1; margin: 0 0 1 0; border-left: thick $accent; }
    RatingPrompt:focus { border-left: thick $primary; }
    """
    """A bar beside the question, brighter while the keys go to it."""

    class Answered(Message):
        """The learner answered with a number, or skipped (None)."""

        def __init__(self, value: int | None) -> None:
            super().__init__()
            self.value = value

    typed: reactive[str] = reactive("", layout=True)

    def __init__(self, question: str = "") -> None:
        super().__init__(id="rating")
        self.question = question

    def ask(self, question: str) -> None:
        """Ask a question afresh, with nothing typed."""
        self.question = question
        self.typed = ""
        self.refresh(layout=True)

    def render(self) -> Content:
        answer = Content.styled(f" {self.typed or '_'} ", "reverse" if self.has_focus else "bold")
        keys = Content.styled(f"Type 0-{HIGHEST}, then Enter · Enter alone or → skips", "$text-muted")
        return Content.assemble(self.question, " ", answer, "\n", keys)

    def on_key(self, event: events.Key) -> None:
        digit = event.character
        if digit is None or not (digit.isascii() and digit.isdigit()):
            return  # every other key keeps its meaning on the step: n, g, ←, F1
        event.stop()
        event.prevent_default()
        joined = self.typed + digit
        # A digit that cannot continue the number starts a new one: "7" then "5" reads as 5.
        self.typed = joined if int(joined) <= HIGHEST and len(joined) <= 2 else digit

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_erase(self) -> None:
        self.typed = self.typed[:-1]

    def action_answer(self) -> None:
        self.post_message(self.Answered(int(self.typed) if self.typed else None))

    def action_skip(self) -> None:
        self.post_message(self.Answered(None))
