"""What a served page may ask for is bounded: sizes are clamped, odd values fall back."""

from __future__ import annotations

import pytest

from course.web.server import MAX_HEIGHT, MAX_WIDTH, clamped


@pytest.mark.parametrize(
    ("asked", "largest", "given"),
    [(100_000, MAX_WIDTH, MAX_WIDTH), (100_000, MAX_HEIGHT, MAX_HEIGHT), (-5, MAX_WIDTH, 1), (0, MAX_HEIGHT, 1),
     ("120", MAX_WIDTH, 120), ("wide", MAX_WIDTH, 80), (None, MAX_WIDTH, 80), (10**400, MAX_WIDTH, MAX_WIDTH),
     (float("inf"), MAX_WIDTH, 80), ([1], MAX_WIDTH, 80)],
)
def test_a_terminal_size_is_clamped_or_falls_back(asked: object, largest: int, given: int) -> None:
    assert clamped(asked, largest, 80) == given


class FakeMessage:
    def __init__(self, data: str) -> None:
        from aiohttp import WSMsgType

        self.type = WSMsgType.TEXT
        self.data = data


class FakeSocket:
    def __init__(self, *messages: str) -> None:
        self.messages = [FakeMessage(m) for m in messages]
        self.sent: list[object] = []

    def __aiter__(self):  # type: ignore[no-untyped-def]
        return self._each()

    async def _each(self):  # type: ignore[no-untyped-def]
        for message in self.messages:
            yield message

    async def send_json(self, data: object) -> None:
        self.sent.append(data)


class FakeSession:
    def __init__(self) -> None:
        self.typed: list[bytes] = []
        self.sizes: list[tuple[int, int]] = []

    async def send_bytes(self, data: bytes) -> None:
        self.typed.append(data)

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.sizes.append((width, height))


async def test_a_huge_paste_is_dropped_and_sizes_are_clamped_while_keys_still_type() -> None:
    import json

    from course.web.server import MAX_MESSAGE, CourseServer, ServeOptions

    socket = FakeSocket(
        json.dumps(["stdin", "x" * MAX_MESSAGE]),
        json.dumps(["stdin", "ab"]),
        json.dumps(["resize", {"width": 100_000, "height": 100_000}]),
        "not json",
        json.dumps(["resize", "nonsense"]),
        json.dumps(["ping", 7]),
    )
    session = FakeSession()
    server = CourseServer(ServeOptions(), print)
    await server._process_messages(socket, session)  # type: ignore[arg-type]
    assert session.typed == [b"ab"]
    assert session.sizes == [(MAX_WIDTH, MAX_HEIGHT)]
    assert socket.sent == [["pong", 7]]
