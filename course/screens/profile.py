"""Asking a served participant for a profile name, so their progress is theirs alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from course.locations import PROFILE_NAME


class ProfileScreen(Screen[str]):
    """Dismisses with a usable profile name."""

    DEFAULT_CSS = """
    ProfileScreen { align: center middle; }
    ProfileScreen > Vertical { width: 64; max-width: 100%; height: auto; border: round $accent; padding: 1 2; }
    ProfileScreen #profile-error { color: $error; height: auto; }
    """
    """A single question in the middle of the screen."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Safe to be close", classes="title")
            yield Static(
                "Choose a name for your profile, so you can come back to your own progress. "
                "Use the same name next time. Anyone who knows it can open your answers, so pick "
                "something only you would use.",
                markup=False,
            )
            yield Input(placeholder="letters, digits, - or _", id="profile-name")
            yield Static("", id="profile-error")
        yield Footer()

    BINDINGS = [Binding("enter", "choose", "Choose", priority=True)]
    """Enter acts at once, so keys typed right after it never land in a field that is going."""

    def action_choose(self) -> None:
        name = self.query_one(Input).value.strip()
        if PROFILE_NAME.match(name):
            self.dismiss(name)
        else:
            self.query_one("#profile-error", Static).update(
                "Use up to 32 letters, digits, - or _, starting with a letter or digit."
            )
