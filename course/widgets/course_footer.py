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

    _keys_composed: tuple[object, ...] | None = None

    def keys_to_show(self) -> tuple[object, ...]:
        """What the footer's keys say and do now, and whether Quit comes first."""
        shown = tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.app.size.width < NARROW, *shown)

    async def recompose(self) -> None:
        """Rebuild the keys only if they have changed. Textual rebuilds a footer whenever its
        screen's bindings are looked at again, which the player does at every step: rebuilding
        identical keys restyled a dozen widgets, a fifth of the time of a step change."""
        if not self.is_attached:
            return  # its screen has gone since the rebuild was asked for
        keys = self.keys_to_show()
        if keys != self._keys_composed:
            self._keys_composed = keys
            await super().recompose()

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
