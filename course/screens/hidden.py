"""The quick-hide screen: nothing on it, and any key brings the course back."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class HiddenScreen(Screen[None]):
    """A blank screen for when someone walks in; the learner's place is untouched beneath it."""

    DEFAULT_CSS = """
    HiddenScreen { background: black; }
    """
    """Plain black, nothing to read."""

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.reveal()

    def on_click(self) -> None:
        self.reveal()

    def reveal(self) -> None:
        """Bring the course back, once: a second click must not close the screen beneath."""
        if self.is_current:
            self.dismiss(None)
