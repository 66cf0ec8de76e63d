"""Every file in the data folder damaged in turn: the CLI and the app still start, and keep going.

The data folder is a snapshot of a live store (database, -wal and -shm copied while its
connection was open), holding a checkpointed first half of the progress in progress.db and
a second half only in the WAL. Each case then damages one file:

* garbage: overwritten with random bytes of the same length;
* empty: truncated to zero bytes (for SQLite an empty database file is simply a new database);
* half: truncated to half its length.

The garbage and half cases of progress.db are the hard ones: page 1 (the header and schema) is
served from the intact WAL, so the file opens and its first table reads, and only other pages
are bad.

Whatever SQLite can still read is kept; what it cannot is set aside with one line saying so.
Set aside means moved as found: progress.db.unreadable-* holds the damaged bytes and the WAL
beside it its bytes too (it may hold the newest good pages; recovery needs both untouched).
In every case the course goes on with a database that is sound all through, so nothing fails
later.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from commands import stderr_lines
from driving import Notified
from terminal import FIXTURE_COURSE

from course.app import make_app
from course.cli import main
from course.loader import load_course
from course.progress import DB_NAME, ProgressStore
from course.screens.content_note import ContentNoteScreen
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen

MODULE = load_course(FIXTURE_COURSE).modules[0]
NOTES = 40
"""Reflections of a few kilobytes each, so the tables span many pages of the file."""

FILES = [DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"]
DAMAGES = ["garbage", "empty", "half"]


def fill(store: ProgressStore, notes: range) -> None:
    steps = MODULE.steps
    for n in notes:
        store.move_to(MODULE.id, steps[n % len(steps)].id, completed=f"note-{n}")
        store.save_reflection(MODULE.id, f"note-{n}", f"reflection {n} " * 300)
        store.save_answer(MODULE.id, f"answer-{n}", n)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder copied while a store had it open: progress.db, -wal and -shm all present."""
    live = tmp_path_factory.mktemp("live")
    store = ProgressStore.in_folder(live)
    fill(store, range(NOTES // 2))
    with sqlite3.connect(live / DB_NAME) as checkpointer:  # first half into progress.db itself
        assert checkpointer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    checkpointer.close()
    fill(store, range(NOTES // 2, NOTES))  # second half only in the WAL
    copy = tmp_path_factory.mktemp("snapshot")
    for name in FILES:
        shutil.copyfile(live / name, copy / name)
    store.close()
    sizes = {name: (copy / name).stat().st_size for name in FILES}
    assert all(sizes.values()), sizes
    return copy


def damage(folder: Path, name: str, how: str) -> dict[str, bytes]:
    """Damage one file; return the bytes of the database and its WAL as the course will find them."""
    path = folder / name
    data = path.read_bytes()
    if how == "garbage":
        data = random.Random(path.name).randbytes(len(data))
    elif how == "empty":
        data = b""
    else:
        data = data[: len(data) // 2]
    path.write_bytes(data)
    return {n: (folder / n).read_bytes() for n in (DB_NAME, f"{DB_NAME}-wal")}


def set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{DB_NAME}.unreadable-*[0-9]"))


def assert_sound_and_usable(folder: Path) -> None:
    """The database the course went on with is sound all through, and every part of it reads."""
    db = sqlite3.connect(folder / DB_NAME)
    try:
        verdict = db.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        verdict = [(str(error),)]
    finally:
        db.close()
    assert verdict == [("ok",)], f"the course went on with a damaged database: {verdict[:3]}"
    store = ProgressStore.in_folder(folder)
    assert store.notice == ""
    store.completed(MODULE.id)
    store.position(MODULE.id)
    store.last_position()
    list(store.reflections())
    store.answer(MODULE.id, "answer-0")
    store.setting("theme")
    store.move_to(MODULE.id, MODULE.steps[0].id, completed="after-damage")
    store.save_reflection(MODULE.id, "after-damage", "still here")
    assert "after-damage" in store.completed(MODULE.id)
    store.close()


def check_outcome(folder: Path, name: str, how: str, found: dict[str, bytes], told: list[str]) -> None:
    aside = set_aside(folder)
    if name == DB_NAME and how == "garbage":
        assert aside, "a progress file full of garbage must be set aside"
    if aside:
        assert len(aside) == 1
        for original, data in found.items():
            moved = aside[0].with_name(aside[0].name + original[len(DB_NAME):])
            assert moved.exists() and moved.read_bytes() == data, f"{moved.name} must hold the bytes of {original} as found"
        assert len(told) == 1, told
        assert "moved to" in told[0] and aside[0].name in told[0]
    else:
        assert told == [], f"nothing was set aside, so there is nothing to say: {told}"
    if how == "empty" and name == DB_NAME:
        assert not aside, "an empty file is a valid empty database: it just works"
    assert_sound_and_usable(folder)


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("name", FILES)
def test_the_cli_lists_modules_after_a_data_file_is_damaged(
    snapshot: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], name: str, how: str
) -> None:
    shutil.copytree(snapshot, data_dir)
    found = damage(data_dir, name, how)

    status = main(["--lessons", str(FIXTURE_COURSE), "list"])
    captured = capsys.readouterr()

    assert status == 0, captured.err
    assert "Traceback" not in captured.err
    assert MODULE.title in captured.out
    told = stderr_lines(captured.err)
    assert len(told) <= 1, told
    assert all(line.startswith("course: ") for line in told)
    check_outcome(data_dir, name, how, found, told)


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("name", FILES)
async def test_the_app_reaches_home_and_plays_after_a_data_file_is_damaged(
    snapshot: Path, data_dir: Path, notifications: list[Notified], name: str, how: str
) -> None:
    shutil.copytree(snapshot, data_dir)
    found = damage(data_dir, name, how)

    app = make_app(FIXTURE_COURSE, data_dir)
    notice = app.store.notice
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        if notice:  # the learner is told, on screen, what happened to their file
            shown = [n.message for n in notifications]
            assert notice in shown, "the notice should be shown as a notification"
        await pilot.press("enter")  # open module 1, past its content note: keep going
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        # Showing a step saved the move: the app wrote to the database it went on with.
        assert app.store.position(MODULE.id) is not None
    assert app.return_code in (0, None)
    assert "\n" not in notice
    check_outcome(data_dir, name, how, found, [notice] if notice else [])
