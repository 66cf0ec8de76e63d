"""The room's hub: the facilitator's moves go out to participants and the notes window; participants'
check-in answers come in, with no identity, and are counted for the room.

It lives in the `course room` process and listens on a Unix socket, owner-only in a private
folder: only this computer's user can reach it, and participants' sessions are that user's
children. Every message is one line of JSON. Participants cannot move the room: the hub reads
nothing from them but answers to the step on the projector, one per connection, forgotten at
every move. Nothing is written to disk.

  hub -> participant   {"move": {"module": ID, "step": ID}}
  hub -> notes window  {"move": {...}, "notes": {...}}
  participant -> hub   {"answer": {"module": ID, "step": ID, "choices": [0, 2]}}
  either -> hub        {"role": "participant"} or {"role": "notes"}, once, first
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path

from course.record import Record

MAX_LINE = 4096
"""Bytes in one message: far more than an answer needs; a longer line ends that connection."""
MAX_CHOICES = 50
REVEAL_AT = 3
"""Counts are shown to the room only once this many have answered: fewer could point at someone."""


class Counts(Record):
    """How many chose each choice of the step on the projector, and how many answered at all."""

    answered: int
    chosen: tuple[int, ...]

    @property
    def can_show(self) -> bool:
        return self.answered >= REVEAL_AT


class RoomHub:
    """The room's one source of where it is, and of the answers to the step it is on."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "room.sock"
        self.position: dict[str, str] | None = None
        self.notes: dict[str, object] = {}
        self.participants: set[asyncio.StreamWriter] = set()
        self.notes_windows: set[asyncio.StreamWriter] = set()
        self.answers: dict[asyncio.StreamWriter, tuple[int, ...]] = {}
        """The latest answer of each connected participant to the current step: no name, no address."""
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        """Listen; the socket is owner-only before anyone can connect (its folder is already 0700)."""
        old_mask = os.umask(0o177)
        try:
            self._server = await asyncio.start_unix_server(self._serve, path=str(self.path), limit=MAX_LINE)
        finally:
            os.umask(old_mask)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in [*self.participants, *self.notes_windows]:
                writer.close()
            await self._server.wait_closed()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def move(self, module_id: str, step_id: str, notes: dict[str, object] | None = None) -> None:
        """The projector shows another step: everyone follows, and the answers start again."""
        self.position = {"module": module_id, "step": step_id}
        self.notes = notes or {}
        self.answers.clear()
        self._send(self.participants, {"move": self.position})
        self._send(self.notes_windows, {"move": self.position, "notes": self.notes})

    def counts(self, choices: int) -> Counts:
        """The answers to the current step, for a step with this many choices."""
        chosen = [0] * choices
        for answer in self.answers.values():
            for choice in answer:
                if 0 <= choice < choices:
                    chosen[choice] += 1
        return Counts(answered=len(self.answers), chosen=tuple(chosen))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        role = None
        try:
            hello = await _message(reader)
            role = hello.get("role") if hello else None
            if role == "participant":
                self.participants.add(writer)
                if self.position is not None:
                    self._send({writer}, {"move": self.position})
            elif role == "notes":
                self.notes_windows.add(writer)
                if self.position is not None:
                    self._send({writer}, {"move": self.position, "notes": self.notes})
            else:
                return
            while (message := await _message(reader)) is not None:
                if role == "participant":
                    self._answer(writer, message)
        except (ValueError, ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # a line too long or not ours: that connection ends, nothing else changes
        finally:
            self.participants.discard(writer)
            self.notes_windows.discard(writer)
            self.answers.pop(writer, None)
            writer.close()

    def _answer(self, writer: asyncio.StreamWriter, message: dict[str, object]) -> None:
        """Keep an answer to the step on the projector; any other message is ignored."""
        answer = message.get("answer")
        if not isinstance(answer, dict) or self.position is None:
            return
        if answer.get("module") != self.position["module"] or answer.get("step") != self.position["step"]:
            return  # an answer to a step the room has left
        choices = answer.get("choices")
        if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
            return
        if all(type(choice) is int and 0 <= choice < MAX_CHOICES for choice in choices):
            self.answers[writer] = tuple(sorted(set(choices)))

    @staticmethod
    def _send(writers: set[asyncio.StreamWriter], message: dict[str, object]) -> None:
        line = (json.dumps(message) + "\n").encode()
        for writer in list(writers):
            if not writer.is_closing():
                writer.write(line)


async def _message(reader: asyncio.StreamReader) -> dict[str, object] | None:
    """The next message, or None at the end; ValueError for a line that is not a JSON object."""
    line = await reader.readline()
    if not line:
        return None
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message
