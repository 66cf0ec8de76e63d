"""In the app, storage trouble is a calm warning, never a crash, and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from driving import Notified, open_module, wait_until
from terminal import FIXTURE_COURSE

import course.app
from course.app import make_app
from course.cli import main
from course.progress import ProgressStore, StorageError
from course.progress_handle import ProgressHandle

DISK_FULL = "progress.db: cannot save your progress: the disk is full (free some space, then try again)"


def failing(*args: Any, **kwargs: Any) -> None:
    raise StorageError(DISK_FULL)


def test_a_failed_save_is_kept_in_memory_reported_once_and_saved_by_retry(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, bool]] = []
    store = ProgressStore.in_folder(data_dir)
    handle = ProgressHandle(store, lambda problem, for_good: told.append((problem, for_good)))
    monkeypatch.setattr(store, "save_reflection", failing)
    assert handle.save_reflection("m", "s", "first words", loaded="") == "first words"
    assert handle.save_reflection("m", "s", "first words, more", loaded="first words") == "first words, more"
    handle.move_to("m", "s")
    assert told == [(DISK_FULL, False)]
    assert handle.reflection("m", "s") == "first words, more"
    assert not handle.retry()  # still failing: kept, not lost
    monkeypatch.undo()
    assert handle.retry() and handle.problem == ""
    assert ProgressStore.in_folder(data_dir).reflection("m", "s") == "first words, more"


def test_after_forget_the_handle_carries_on_in_memory_and_writes_nothing(data_dir: Path) -> None:
    told: list[tuple[str, bool]] = []
    handle = ProgressHandle(ProgressStore.in_folder(data_dir), lambda problem, for_good: told.append((problem, for_good)))
    handle.move_to("m", "s")
    assert main(["forget", "--yes"]) == 0
    handle.save_reflection("m", "s", "after forgetting", loaded="")
    handle.move_to("m", "t")
    assert handle.forgotten and len(told) == 1 and told[0][1] is True
    assert handle.reflection("m", "s") == ""  # the memory store starts empty, as the learner asked
    assert not data_dir.exists()


async def test_the_app_warns_keeps_typing_and_saves_once_the_disk_has_room(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, notifications: list[Notified]
) -> None:
    monkeypatch.setattr(course.app, "RETRY_SECONDS", 0.2)
    saving = ProgressStore.save_reflection
    monkeypatch.setattr(ProgressStore, "save_reflection", failing)
    app = make_app(FIXTURE_COURSE, data_dir, "US")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("w", *"kept safe")
        await pilot.press("ctrl+n", "left")  # leaving the step saves, and fails
        await pilot.pause()
        messages = [n.message for n in notifications]
        assert any("Saving is paused" in m and "the disk is full" in m for m in messages)
        assert app.store.reflection("first-steps", "thoughts") == "kept safe"
        monkeypatch.setattr(ProgressStore, "save_reflection", saving)  # room on the disk again
        assert await wait_until(pilot, lambda: any("Saving works again" in n.message for n in notifications))
        await pilot.press("ctrl+q")
    assert ProgressStore.in_folder(data_dir).reflection("first-steps", "thoughts") == "kept safe"


async def test_forget_with_the_app_open_is_noticed_and_nothing_comes_back(
    data_dir: Path, notifications: list[Notified]
) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, "US")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        assert main(["forget", "--yes"]) == 0
        await pilot.press("ctrl+n")
        await pilot.press(*"written after forget")
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert any("deleted" in n.message for n in notifications)
        await pilot.press("ctrl+q")
    assert not app.crashed
    assert not data_dir.exists()
