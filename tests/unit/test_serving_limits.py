"""What a served page may ask for is bounded: sizes are clamped, odd values fall back."""

from __future__ import annotations

import pytest

from course.web.guarded_server import MAX_HEIGHT, MAX_WIDTH, clamped


@pytest.mark.parametrize(
    ("asked", "largest", "given"),
    [(100_000, MAX_WIDTH, MAX_WIDTH), (100_000, MAX_HEIGHT, MAX_HEIGHT), (-5, MAX_WIDTH, 1), (0, MAX_HEIGHT, 1),
     ("120", MAX_WIDTH, 120), ("wide", MAX_WIDTH, 80), (None, MAX_WIDTH, 80), (10**400, MAX_WIDTH, MAX_WIDTH),
     (float("inf"), MAX_WIDTH, 80), ([1], MAX_WIDTH, 80)],
)
def test_a_terminal_size_is_clamped_or_falls_back(asked: object, largest: int, given: int) -> None:
    assert clamped(asked, largest, 80) == given
