"""The footer of every screen: its keys, with the key to quit always in view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 80
"""Below this many columns a footer may not hold every key, so Quit comes first."""


class CourseFooter(Footer):
    """Textual's footer, with Quit moved to the front where the screen is too narrow for every key.

    A footer is cut at the screen's edge, and the key to quit is listed last; on a narrow
    screen it would be the first to go.
    """

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # our bindings have no groups: only FooterKeys, in a flat list
        if self.app.size.width < NARROW:
            keys.sort(key=lambda key: not (isinstance(key, FooterKey) and key.action.endswith("quit")))
        yield from keys

    def on_resize(self, event: Resize) -> None:
        narrow = self.app.size.width < NARROW
        if narrow != getattr(self, "_narrow", narrow):
            self.refresh(recompose=True)
        self._narrow = narrow
