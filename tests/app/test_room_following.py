"""A room: the projector's steps go out to the hub, and a participant's session follows them,
may browse on its own and rejoin with one key, and sends check-in choices with no name."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from driving import screen_text, wait_until
from terminal import FIXTURE_COURSE

from course.app import make_app
from course.mode import Mode
from course.screens.content_note import ContentNoteScreen
from course.screens.player import PlayerScreen
from course.web.room_hub import RoomHub

pytestmark = pytest.mark.skipif(not hasattr(__import__("socket"), "AF_UNIX"), reason="needs Unix sockets")


@pytest.fixture
async def hub() -> AsyncIterator[RoomHub]:
    folder = Path(tempfile.mkdtemp(prefix="room-"))
    room = RoomHub(folder)
    await room.start()
    yield room
    await room.close()
    shutil.rmtree(folder)


def on_step(app: object, step_id: str) -> bool:
    screen = app.screen  # type: ignore[attr-defined]
    return isinstance(screen, PlayerScreen) and screen.module.steps[screen.index].id == step_id


async def test_the_projectors_steps_go_out_to_the_room(hub: RoomHub, data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    app.hub = hub
    reader, writer = await asyncio.open_unix_connection(str(hub.path))
    writer.write(b'{"role": "notes"}\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("right")
        assert await wait_until(pilot, lambda: hub.position == {"module": "first-steps", "step": "thoughts"})
    lines = [json.loads(line) for line in (await asyncio.wait_for(reader.read(65536), 2)).splitlines()]
    assert lines[-1]["notes"]["title"] == "Your thoughts" and lines[0]["notes"]["facilitator"] == "Notes for the facilitator."
    writer.close()


async def test_a_participant_follows_browses_rejoins_and_answers_with_no_name(hub: RoomHub, data_dir: Path) -> None:
    hub.move("first-steps", "thoughts")
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(served=True, room=str(hub.path)))
    async with app.run_test(size=(80, 24)) as pilot:
        # The module's content note is the participant's own to answer, before the room's step.
        assert await wait_until(pilot, lambda: isinstance(app.screen, ContentNoteScreen))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: on_step(app, "thoughts")), "a late joiner starts where the room is"
        hub.move("first-steps", "check-in")
        assert await wait_until(pilot, lambda: on_step(app, "check-in"))
        await pilot.press("left")  # a look back on their own
        assert await wait_until(pilot, lambda: app.follower is not None and app.follower.browsing)
        hub.move("first-steps", "practice")
        await pilot.pause(0.3)
        assert on_step(app, "thoughts"), "the room waits while the participant browses"
        await pilot.press("j")
        assert await wait_until(pilot, lambda: on_step(app, "practice"))
        assert app.follower is not None and not app.follower.browsing
        hub.move("first-steps", "check-in")
        assert await wait_until(pilot, lambda: on_step(app, "check-in"))
        await pilot.press("enter")  # the first choice
        assert await wait_until(pilot, lambda: hub.counts(2).answered == 1)
        assert hub.counts(2).chosen == (1, 0)


async def test_v_shows_the_rooms_counts_only_from_three_answers_and_keeps_up(hub: RoomHub, data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    app.hub = hub
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("right", "right")
        assert await wait_until(pilot, lambda: hub.position == {"module": "first-steps", "step": "check-in"})
        people = []
        for choice in (0, 1, 0):
            _, writer = await asyncio.open_unix_connection(str(hub.path))
            writer.write(b'{"role": "participant"}\n')
            answer = {"answer": {"module": "first-steps", "step": "check-in", "choices": [choice]}}
            writer.write((json.dumps(answer) + "\n").encode())
            people.append(writer)
            if len(people) == 2:
                assert await wait_until(pilot, lambda: hub.counts(2).answered == 2)
                await pilot.press("v")
                await pilot.pause()
                shown = screen_text(app)
                assert "Waiting for more answers (2 so far)" in shown and "The first" not in shown

        def counts_shown() -> bool:  # the third answer arrives while the counts are on the projector
            shown = screen_text(app)
            return "  2  The first" in shown and "  1  The second" in shown and "3 answered" in shown

        assert await wait_until(pilot, counts_shown)
        for writer in people:
            writer.close()


async def test_course_notes_follows_the_room_with_the_steps_notes(hub: RoomHub) -> None:
    from course.notes_app import NotesApp
    from course.widgets.markdown_text import MarkdownText

    app = NotesApp(hub.path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: bool(hub.notes_windows))
        hub.move("m1", "s1", {"module": "Why [you]", "title": "A step", "facilitator": "Go *slowly*", "discuss": "Ask", "next": "Then"})
        assert await wait_until(pilot, lambda: app.query_one("#facilitator", MarkdownText).source == "Go *slowly*")
        assert "Why [you] · A step" in str(app.query_one("#where").render())
        assert "Next: Then" in str(app.query_one("#next").render())


def test_course_notes_without_a_room_says_so_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from course.cli import main

    assert main(["notes"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "course: no room is running here (start one with `course room`, then run this in another terminal)"
    )


async def test_the_projector_keeps_saying_where_to_join_on_its_module_list(data_dir: Path, tmp_path: Path) -> None:
    from terminal import free_port

    from course.screens.home import HomeScreen
    from course.session import SessionOptions
    from course.web.room import Room
    from course.web.server import ServeOptions

    port = free_port()
    app = make_app(FIXTURE_COURSE, data_dir, mode=Mode(workshop=True))
    app.room = Room(ServeOptions(port=port, session=SessionOptions(lessons=str(FIXTURE_COURSE))))
    app.hub = app.room.hub
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        join = home.query_one("#join")
        assert await wait_until(pilot, lambda: join.display, 30), "the room did not open"
        assert f"Open http://127.0.0.1:{port} in a browser on this computer" in str(join.render())
        assert join.region.height > 0, "the address is on the screen, not only in a passing notice"
