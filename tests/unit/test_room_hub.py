"""The room's hub: moves reach every participant and the notes window; answers come in without
identity, only for the step on the projector, and are counted only for the room."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from course.web.room_hub import RoomHub

pytestmark = pytest.mark.skipif(not hasattr(__import__("socket"), "AF_UNIX"), reason="needs Unix sockets")


@pytest.fixture
async def hub() -> AsyncIterator[RoomHub]:
    folder = Path(tempfile.mkdtemp(prefix="room-"))  # short: a socket's path has a length limit
    room = RoomHub(folder)
    await room.start()
    yield room
    await room.close()
    shutil.rmtree(folder)


async def join(hub: RoomHub, role: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_unix_connection(str(hub.path))
    writer.write((json.dumps({"role": role}) + "\n").encode())
    await writer.drain()
    await asyncio.sleep(0.05)
    return reader, writer


async def next_message(reader: asyncio.StreamReader) -> dict[str, object]:
    return json.loads(await asyncio.wait_for(reader.readline(), 2))


async def answer(writer: asyncio.StreamWriter, module: str, step: str, choices: object) -> None:
    writer.write((json.dumps({"answer": {"module": module, "step": step, "choices": choices}}) + "\n").encode())
    await writer.drain()
    await asyncio.sleep(0.05)


async def test_the_socket_is_the_owners_alone(hub: RoomHub) -> None:
    assert stat.S_IMODE(os.stat(hub.path).st_mode) & 0o077 == 0


async def test_every_participant_and_the_notes_window_follow_each_move(hub: RoomHub) -> None:
    hub.move("m1", "s1", {"facilitator": "Go slowly [gently]"})
    first, kept_first = await join(hub, "participant")  # a writer let go would close its connection
    assert await next_message(first) == {"move": {"module": "m1", "step": "s1"}}, "a late joiner starts where the room is"
    second, kept_second = await join(hub, "participant")
    await next_message(second)
    notes, kept_notes = await join(hub, "notes")
    assert (await next_message(notes))["notes"] == {"facilitator": "Go slowly [gently]"}
    hub.move("m1", "s2")
    for reader in (first, second):
        assert await next_message(reader) == {"move": {"module": "m1", "step": "s2"}}
    assert (await next_message(notes))["move"] == {"module": "m1", "step": "s2"}
    assert not any(kept.is_closing() for kept in (kept_first, kept_second, kept_notes))


async def test_answers_are_counted_once_each_and_shown_only_from_three(hub: RoomHub) -> None:
    hub.move("m1", "check")
    people = [await join(hub, "participant") for _ in range(3)]
    await answer(people[0][1], "m1", "check", [0])
    await answer(people[1][1], "m1", "check", [1])
    assert not hub.counts(2).can_show
    await answer(people[1][1], "m1", "check", [0])  # a change of mind replaces, never adds
    await answer(people[2][1], "m1", "check", [1])
    counts = hub.counts(2)
    assert (counts.answered, counts.chosen, counts.can_show) == (3, (2, 1), True)
    hub.move("m1", "next")
    assert hub.counts(2).answered == 0, "counts start again at every move"


async def test_an_answer_to_another_step_or_out_of_bounds_is_ignored(hub: RoomHub) -> None:
    hub.move("m1", "check")
    _, writer = await join(hub, "participant")
    await answer(writer, "m1", "old-step", [0])
    await answer(writer, "m1", "check", [-1, 99, "x"])
    await answer(writer, "m1", "check", list(range(60)))
    assert hub.counts(2).answered == 0


async def test_a_participant_cannot_move_the_room_and_nonsense_ends_only_that_connection(hub: RoomHub) -> None:
    hub.move("m1", "s1")
    reader, writer = await join(hub, "participant")
    await next_message(reader)
    writer.write(b'{"move": {"module": "m9", "step": "x"}}\n')
    writer.write(b"not json at all\n")
    await writer.drain()
    await asyncio.sleep(0.1)
    assert hub.position == {"module": "m1", "step": "s1"}
    assert not hub.participants
    other, kept = await join(hub, "participant")
    assert await next_message(other) == {"move": {"module": "m1", "step": "s1"}} and not kept.is_closing()


async def test_a_participant_who_leaves_takes_their_answer_with_them(hub: RoomHub) -> None:
    hub.move("m1", "check")
    _, writer = await join(hub, "participant")
    await answer(writer, "m1", "check", [0])
    assert hub.counts(1).answered == 1
    writer.close()
    await asyncio.sleep(0.1)
    assert hub.counts(1).answered == 0
