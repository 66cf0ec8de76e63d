"""A served participant's name and resume code, so their progress opens for them alone."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal

SignIn = Callable[[str, str], tuple[str | None, str | None]]
"""Name and code in; an error to show, or the new code of a first visit (None when returning)."""


class ProfileScreen(Screen[str]):
    """Dismisses with the participant's name once their progress is theirs to open."""

    DEFAULT_CSS = """
    ProfileScreen { align: center middle; }
    ProfileScreen > Vertical { width: 68; max-width: 100%; height: auto; max-height: 100%; border: round $accent; padding: 0 2; }
    ProfileScreen .title { text-style: bold; margin: 1 0 0 0; }
    ProfileScreen .label { margin: 1 0 0 0; }
    ProfileScreen #profile-error { color: $error; height: auto; }
    ProfileScreen #resume-code { text-style: bold; color: $accent; margin: 1 0; }
    """
    """A short form in the middle of the screen."""

    BINDINGS = [Binding("enter", "choose", "Continue", priority=True)]
    """Enter acts at once, so keys typed right after it never land in a field that is going."""

    def __init__(self, sign_in: SignIn, title: str = "") -> None:
        super().__init__()
        self.sign_in = sign_in
        self.course_title = title
        self.name_given: str | None = None
        """Set once a first visit's profile exists: Enter then only goes on."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Literal(self.course_title, classes="title")
            yield Static(
                "Your progress is kept on the facilitator's computer under your name and a resume "
                "code. First time here? Choose a name and leave the code empty: you will be given "
                "one to write down. Coming back? Enter the same name and your code.",
                markup=False,
            )
            yield Static("Name", classes="label")
            yield Input(placeholder="letters, digits, - or _", id="profile-name", max_length=32)
            yield Static("Resume code", classes="label")
            yield Input(placeholder="empty the first time", id="profile-code", max_length=100)
            yield Literal("", id="profile-error")
        yield CourseFooter()

    def action_choose(self) -> None:
        if self.name_given is not None:
            self.dismiss(self.name_given)
            return
        name = self.query_one("#profile-name", Input).value.strip()
        code = self.query_one("#profile-code", Input).value
        error, new_code = self.sign_in(name, code)
        if error is not None:
            self.query_one("#profile-error", Literal).show(error)
            return
        if new_code is None:
            self.dismiss(name)
            return
        self.name_given = name
        self.show_code(name, new_code)

    def show_code(self, name: str, code: str) -> None:
        """A first visit: the code, shown this once, to write down."""
        box = self.query_one(Vertical)
        box.remove_children()
        box.mount(
            Static("Your resume code", classes="title"),
            Literal(code, id="resume-code"),
            Literal(
                f"Write it down now: it is shown only this once. To come back to your progress, "
                f"enter your name ({name}) and this code. Without the code your progress cannot be "
                "opened, not even by the facilitator, who can only delete it. Press Enter to go on."
            ),
        )
