"""A participant's end of the room: follows the projector's step, and sends check-in answers with no name.

The participant may look back or ahead in the module on their own; then they are browsing, and
the room's next move waits for them until they rejoin (one key). Nothing they write leaves
their session: only the choices of a check-in or self-check on the room's own step are sent.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from course.web.room_hub import MAX_LINE

MOST_IN_FLIGHT = 64
"""Room moves remembered while a session has not drawn them (it may sit on a content note)."""


class RoomFollower:
    """Keeps where the room is, whether the participant is with it, and the line to the hub."""

    def __init__(self, path: str, bring_there: Callable[[str, str], None], changed: Callable[[], None]) -> None:
        self.path = path
        self.bring_there = bring_there
        """Called to show the room's step (module id, step id)."""
        self.changed = changed
        """Called when browsing starts or ends, to update what the screen says."""
        self.position: tuple[str, str] | None = None
        self.browsing = False
        self._brought: list[tuple[str, str]] = []
        """Steps the room has sent this session to and that it has not shown yet, oldest first. The
        room can move again before its last step is drawn: showing any of these is following,
        however far behind, and never browsing."""
        self._writer: asyncio.StreamWriter | None = None

    async def run(self) -> None:
        """Follow until the room ends. Connecting is tried again while the hub is busy (a whole
        room joining at once can fill its queue); a room that has gone leaves the session as it is."""
        wait = 0.05
        while True:
            try:
                reader, self._writer = await asyncio.open_unix_connection(self.path, limit=MAX_LINE)
                break
            except FileNotFoundError:
                return
            except OSError:
                await asyncio.sleep(wait)
                wait = min(1.0, wait * 2)
        try:
            self._writer.write(b'{"role": "participant"}\n')
            while line := await reader.readline():
                move = json.loads(line).get("move")
                if isinstance(move, dict) and isinstance(move.get("module"), str) and isinstance(move.get("step"), str):
                    self.moved(move["module"], move["step"])
        except (OSError, ValueError, AttributeError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._writer = None

    def moved(self, module_id: str, step_id: str) -> None:
        self.position = (module_id, step_id)
        if not self.browsing:
            self._bring(self.position)

    def _bring(self, position: tuple[str, str]) -> None:
        self._brought = [*self._brought[-(MOST_IN_FLIGHT - 1) :], position]
        self.bring_there(*position)

    def shown(self, module_id: str, step_id: str) -> None:
        """A step is on the participant's screen: one they chose, away from the room's, is browsing."""
        step = (module_id, step_id)
        if step in self._brought:
            del self._brought[: self._brought.index(step) + 1]
            browsing = False
        else:
            browsing = self.position is not None and step != self.position
        if browsing != self.browsing:
            self.browsing = browsing
            self.changed()

    def rejoin(self) -> None:
        self.browsing = False
        self.changed()
        if self.position is not None:
            self._bring(self.position)

    def answered(self, module_id: str, step_id: str, value: object) -> None:
        """Send a check-in choice (a number) or self-check choices (numbers) for the room's step."""
        if self._writer is None or (module_id, step_id) != self.position:
            return
        choices = value if isinstance(value, list) else [value]
        if all(type(choice) is int for choice in choices):
            message = {"answer": {"module": module_id, "step": step_id, "choices": choices}}
            self._writer.write((json.dumps(message) + "\n").encode())
