"""An App that hands keys on one at a time, each once the one before it has had its effect."""

from __future__ import annotations

import sys
import time
from functools import partial

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

HOLD_POLL = 0.01
"""Seconds between looks at whether a new screen is ready for the keys held for it."""
HOLD_AT_MOST = 1.0
"""Seconds after which the next key is handed on even if the one before seems unfinished."""


class KeysInOrderApp(App[None]):
    """Keys that arrive in one burst act in order, each on the screen the ones before it left."""

    def __init__(self) -> None:
        super().__init__()
        self._held: list[events.Key | events.Paste] = []
        """Keys and pastes not yet handed on."""
        self._in_flight: events.Key | events.Paste | None = None
        self._typing: tuple[events.Key | events.Paste, MessagePump] | None = None
        """The last text sent to a text field without waiting, and the field."""
        self._waiting_since = 0.0
        self._poll_pending = False

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled one at a time, each only once the one before it has had its effect.

        Textual hands a key to whatever has focus when it arrives, while the key's effect
        (a binding, a new screen) happens later, as the key travels up from the focused
        widget. Keys arriving in one burst (a fast typist, a clicker, a slow link) would go to
        widgets the earlier keys were about to replace, or be lost. Screens whose keys act
        through messages (a form's Enter) bind them with priority, so they act at once.
        """
        if isinstance(event, (events.Key, events.Paste)) and self.closing_down:
            # A key still on its way when the app closes has nothing left to act on.
            self._held.clear()
            return
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if not self._held and self._in_flight is None:
                self._waiting_since = time.monotonic()
            self._held.append(event)
            await self._deliver_held()
            return
        await super().on_event(event)

    async def _deliver_held(self) -> None:
        while self._held and self._in_flight is None:
            if self.closing_down:
                self._held.clear()
                return
            settling = not self.screen.is_mounted or getattr(self.screen, "focus_pending", False)
            if settling and time.monotonic() - self._waiting_since < HOLD_AT_MOST:
                # A new screen, or a screen's new part, is still being built: what is to have
                # the keys is not focused yet (a screen says so with `focus_pending`).
                if not self._poll_pending:
                    self._poll_pending = True
                    self.set_timer(HOLD_POLL, self._poll)
                return
            event = self._held[0]
            typing = self._typed_into_text(event)
            if self._typing is not None and not typing:
                # Text typed so far must land in its field before a key that may act on it.
                self._wait_for(*self._typing)
                self._typing = None
                continue
            self._held.pop(0)
            await super().on_event(event)
            self._waiting_since = time.monotonic()
            if event.is_forwarded:  # on its way through a widget
                if typing:
                    self._typing = (event, self.focused or self.screen)
                else:
                    self._wait_for(event, self.focused or self.screen)

    @property
    def closing_down(self) -> bool:
        """Whether the app is on its way out: asked to exit, closing, or out of screens."""
        return self._exit or self._closing or not self.screen_stack

    def _wait_for(self, event: events.Key | events.Paste, node: MessagePump) -> None:
        self._in_flight = event
        self.set_timer(HOLD_AT_MOST, partial(self._handled, event))
        self._follow(event, node)

    def _typed_into_text(self, event: events.Key | events.Paste) -> bool:
        """Whether the event is text going into a text field, which keeps it and moves nothing.

        Such keys need not wait for each other (a long paste types quickly): they queue in
        the field's own queue, in order. The next key that is not text waits for them.
        """
        if isinstance(event, events.Key) and not event.is_printable:
            return False
        text_fields = tuple(
            getattr(sys.modules[module], name)
            for module, name in (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))
            if module in sys.modules  # a field that was never imported cannot have focus
        )
        return isinstance(self.focused, text_fields)

    async def _poll(self) -> None:
        self._poll_pending = False
        await self._deliver_held()

    def _follow(self, event: events.Key | events.Paste, node: MessagePump) -> None:
        """Wait for the event to be handled by node, then by each parent it bubbles up to."""

        def after() -> None:
            parent = node._parent
            if event._stop_propagation or parent is None or parent is self:
                # The app runs its bindings when the key reaches it, queued ahead of this; what
                # they queue in turn (a focus change) runs before the next key is handed on.
                self.call_later(self.call_later, self._handled, event)
            else:
                self._follow(event, parent)

        if not node.call_later(after):  # the widget is gone, and the key with it
            self.call_later(self._handled, event)

    async def _handled(self, event: events.Key | events.Paste) -> None:
        if self._in_flight is event:
            self._in_flight = None
            await self._deliver_held()

