"""A participant's end of the room, without a hub: which steps it brings the session to, and when
the participant is browsing on their own."""

from __future__ import annotations

from course.room_follower import RoomFollower


def follower() -> tuple[RoomFollower, list[str]]:
    brought: list[str] = []
    return RoomFollower("no hub", lambda module, step: brought.append(step), lambda: None), brought


def test_a_room_moving_faster_than_the_screen_draws_is_followed_not_browsed() -> None:
    room, brought = follower()
    room.moved("m", "s8")
    room.moved("m", "s9")  # the facilitator presses → again before s8 is on screen
    room.shown("m", "s8")
    assert not room.browsing
    room.shown("m", "s9")
    room.moved("m", "s10")
    assert brought == ["s8", "s9", "s10"] and not room.browsing


def test_a_step_the_participant_chose_is_browsing_until_they_rejoin() -> None:
    room, brought = follower()
    room.moved("m", "s1")
    room.shown("m", "s1")
    room.shown("m", "s0")  # a look back on their own
    assert room.browsing
    room.moved("m", "s2")
    assert brought == ["s1"], "the room waits while the participant browses"
    room.rejoin()
    room.shown("m", "s2")
    assert brought == ["s1", "s2"] and not room.browsing


def test_coming_back_to_the_rooms_step_on_their_own_ends_browsing() -> None:
    room, _ = follower()
    room.moved("m", "s1")
    room.shown("m", "s1")
    room.shown("m", "s2")
    assert room.browsing
    room.shown("m", "s1")
    assert not room.browsing
