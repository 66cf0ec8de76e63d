"""Full garbage collections wait for a pause in the keys, and never for ever."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from course.idle_collection import AT_MOST_EVERY, NEVER, QUIET_FOR, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[IdleCollector, Clock, list[int]]]:
    """A started collector on a clock the test moves, with Python's collector replaced by a
    record of the full collections asked for; Python's own settings come back afterwards."""
    thresholds = gc.get_threshold()
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(1) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    clock = Clock()
    made = IdleCollector(clock)
    made.start()
    yield made, clock, collected
    made.stop()
    assert gc.get_threshold() == thresholds


def wanting(monkeypatch: pytest.MonkeyPatch, wanted: bool) -> None:
    """Whether Python would collect fully now: its count of middle collections at its threshold."""
    full_after = 10
    monkeypatch.setattr(gc, "get_count", lambda: (5, 3, full_after if wanted else full_after - 1))


def test_python_starts_no_full_collection_while_the_collector_runs(collector: tuple[IdleCollector, Clock, list[int]]) -> None:
    made, _, _ = collector
    assert gc.get_threshold()[2] == NEVER
    made.stop()
    assert gc.get_threshold()[2] != NEVER


def test_a_collection_due_waits_while_keys_arrive_and_runs_once_they_pause(
    collector: tuple[IdleCollector, Clock, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    made, clock, collected = collector
    wanting(monkeypatch, True)
    for _ in range(10):  # a key every 0.2 s for two seconds
        made.input_seen()
        clock.now += 0.2
        assert not made.tick()
    assert collected == []
    clock.now += QUIET_FOR
    assert made.tick()
    assert collected == [1]


def test_keys_that_never_pause_still_get_a_collection_when_it_is_long_overdue(
    collector: tuple[IdleCollector, Clock, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    made, clock, collected = collector
    wanting(monkeypatch, True)
    ran = []
    for _ in range(int(AT_MOST_EVERY / 0.5) + 2):
        made.input_seen()
        ran.append(made.tick())
        clock.now += 0.5
    assert collected == [1] and ran.index(True) >= int(AT_MOST_EVERY / 0.5)


def test_an_app_left_idle_with_nothing_to_collect_never_collects(
    collector: tuple[IdleCollector, Clock, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    made, clock, collected = collector
    wanting(monkeypatch, False)
    for _ in range(100):
        clock.now += 10
        assert not made.tick()
    assert collected == []
