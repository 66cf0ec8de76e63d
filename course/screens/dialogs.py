"""Small modal dialogs: a yes/no question, and a form for a trusted contact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from course.progress import Contact
from course.screens.everywhere_keys import HELP_SHOWN, QUIT_SHOWN
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal


class ConfirmDialog(ModalScreen[bool]):
    """Asks one question; y confirms, n or Escape declines."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 60; max-width: 100%; height: auto; border: round $warning; padding: 1 2; background: $surface; }
    """
    """Centred, compact, in the warning colour."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n"),
        HELP_SHOWN,
        QUIT_SHOWN,
    ]
    """One key each way; Escape is always the safe answer."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Literal(self.question)
            yield Static("[b]y[/b] yes   [b]n[/b] no")
        yield CourseFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ContactDialog(ModalScreen[tuple[str, str, str] | None]):
    """Add or change a trusted person: name, how to reach them, and a note."""

    DEFAULT_CSS = """
    ContactDialog { align: center middle; }
    ContactDialog > Vertical { width: 64; max-width: 100%; height: auto; border: round $accent; padding: 0 2; background: $surface; }
    ContactDialog Label { margin: 1 0 0 0; }
    ContactDialog #contact-error { color: $error; height: auto; }
    """
    """A compact form in the middle of the screen."""

    BINDINGS = [
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        HELP_SHOWN,
        QUIT_SHOWN,
    ]
    """Enter moves to the next field and saves on the last; Ctrl+S saves from any field.
    Enter acts at once (priority), so what is typed right after it lands in the next field."""

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        c = self.contact
        with Vertical():
            yield Label("Name")
            yield Input(c.name if c else "", placeholder="Someone you trust", id="name")
            yield Label("How to reach them")
            yield Input(c.reach if c else "", placeholder="A phone number, an address, where to find them", id="reach")
            yield Label("Note (optional)")
            yield Input(c.note if c else "", placeholder="For example: good to call in the evening", id="note")
            yield Static("", id="contact-error")
            yield Static("Enter next field · Ctrl+S save · Esc cancel", classes="hint")
        yield CourseFooter()

    def action_next_field(self) -> None:
        if self.focused is not None and self.focused.id == "note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        name, reach, note = (self.query_one(f"#{key}", Input).value.strip() for key in ("name", "reach", "note"))
        if not name or not reach:
            self.query_one("#contact-error", Static).update("A name and a way to reach them are needed.")
            return
        self.dismiss((name, reach, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
