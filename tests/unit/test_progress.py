"""The progress store keeps every move in progress.db itself, survives concurrent writers and
windows, migrates old files, refuses newer ones, and sets only really damaged files aside."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE

import course.progress
from course.locations import DataDirError, describe_failure, ensure_private_dir
from course.progress import (
    ALSO_WRITTEN,
    DB_NAME,
    EXPERIMENTS,
    PLAN,
    SCHEMA,
    SCHEMA_VERSION,
    NewerVersionError,
    ProgressStore,
    StorageError,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_positions_completions_reflections_answers_and_settings_round_trip(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("m1", "s1")
    store.move_to("m1", "s2", completed="s1")
    store.save_reflection("m1", "s2", "first words")
    store.save_reflection("m1", "s2", "first words, then more")
    store.save_answer("m1", "check", 2)
    store.save_answer("m1", "self", [0, 3])
    store.set_setting("theme", "textual-light")
    store.close()

    again = ProgressStore.in_folder(data_dir)
    position = again.position("m1")
    assert position is not None and position.step_id == "s2" and position.finished_at is None
    assert again.completed("m1") == {"s1"}
    assert again.reflection("m1", "s2") == "first words, then more"
    assert again.answer("m1", "check") == 2
    assert again.answer("m1", "self") == [0, 3]
    assert again.setting("theme") == "textual-light"
    assert again.last_position() == position
    assert again.position("m2") is None and again.answer("m1", "none") is None


def test_finishing_a_module_marks_its_last_step_and_the_time(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("m1", "last")
    store.finish("m1", "last")
    position = store.position("m1")
    assert position is not None and position.finished_at is not None
    assert store.completed("m1") == {"last"}


def test_reset_clears_progress_but_keeps_reflections(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("m1", "s2", completed="s1")
    store.save_answer("m1", "c", 1)
    store.save_reflection("m1", "r", "mine")
    store.reset("m1")
    assert store.position("m1") is None and store.completed("m1") == set()
    assert store.answer("m1", "c") is None
    assert store.reflection("m1", "r") == "mine"


def test_schema_version_is_recorded(data_dir: Path) -> None:
    import sqlite3

    ProgressStore.in_folder(data_dir).close()
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_data_folder_and_files_are_owner_only_even_with_an_open_umask(data_dir: Path) -> None:
    old = os.umask(0)
    try:
        store = ProgressStore.in_folder(data_dir)
        store.move_to("m1", "s1")
        store.save_reflection("m1", "s1", "private")
    finally:
        os.umask(old)
    assert mode(data_dir) == 0o700
    files = list(data_dir.iterdir())
    assert files, "the database should exist"
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    store.close()


def test_an_unreadable_database_is_set_aside_not_deleted(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    garbage = b"this is not a database " * 100
    (data_dir / DB_NAME).write_bytes(garbage)
    store = ProgressStore.in_folder(data_dir)
    assert "moved to" in store.notice and "\n" not in store.notice
    aside = [p for p in data_dir.iterdir() if p.name.startswith(f"{DB_NAME}.unreadable-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    store.move_to("m1", "s1")
    assert store.position("m1") is not None


def test_a_data_folder_that_cannot_be_created_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(DataDirError, match=r"cannot use this data folder: .* \(pass --data-dir"):
        ProgressStore.in_folder(blocker / "data")


def test_an_in_memory_store_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = ProgressStore(None)
    store.move_to("m1", "s1")
    store.save_reflection("m1", "s1", "kept in memory")
    assert store.reflection("m1", "s1") == "kept in memory"
    assert list(tmp_path.iterdir()) == []


def alone(data_dir: Path, tmp_path: Path) -> sqlite3.Connection:
    """progress.db copied without its side files, as a learner copying one file would."""
    copy = tmp_path / "copied" / DB_NAME
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(data_dir / DB_NAME, copy)
    for side in copy.parent.glob(f"{DB_NAME}-*"):
        side.unlink()
    return sqlite3.connect(copy)


def test_progress_db_alone_holds_each_change_as_soon_as_it_is_made(data_dir: Path, tmp_path: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    changes: list[tuple[Callable[[], object], str, tuple[object, ...]]] = [
        (lambda: store.move_to("m1", "s2", completed="s1"), "SELECT step_id FROM positions", ("s2",)),
        (lambda: store.save_reflection("m1", "s2", "words"), "SELECT text FROM reflections", ("words",)),
        (lambda: store.save_answer("m1", "c", 3), "SELECT value FROM answers", ("3",)),
        (lambda: store.set_setting("theme", "dark"), "SELECT value FROM settings", ("dark",)),
        (lambda: store.save_contact("Ana", "555", ""), "SELECT name FROM contacts", ("Ana",)),
        (lambda: store.finish("m1", "s9"), "SELECT finished_at IS NOT NULL FROM positions", (1,)),
    ]
    for change, query, expected in changes:
        change()
        assert (data_dir / f"{DB_NAME}-wal").exists(), "the store is open in WAL mode"
        with alone(data_dir, tmp_path) as db:
            assert db.execute(query).fetchone() == expected, query
        db.close()
    store.close()


def test_opening_folds_what_an_older_version_left_in_the_wal(data_dir: Path, tmp_path: Path) -> None:
    """The older version never copied the WAL into progress.db while it ran."""
    data_dir.mkdir(mode=0o700)
    older = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    older.execute("PRAGMA journal_mode = WAL")
    older.execute("PRAGMA wal_autocheckpoint = 0")
    older.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    older.execute("INSERT INTO positions VALUES ('m1', 's7', 1.0, NULL)")
    with alone(data_dir, tmp_path) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    db.close()
    store = ProgressStore.in_folder(data_dir)
    with alone(data_dir, tmp_path) as db:
        assert db.execute("SELECT step_id FROM positions").fetchone() == ("s7",)
    db.close()
    store.close()
    older.close()


def newer_database(folder: Path, wal: bool) -> None:
    folder.mkdir(mode=0o700)
    db = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION + 5};")
    db.execute("INSERT INTO reflections VALUES ('m', 's', 'future words', 1, 1)")
    db.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_database_from_a_newer_version_is_refused_and_left_byte_identical(
    data_dir: Path, capsys: pytest.CaptureFixture[str], wal: bool
) -> None:
    from course.cli import main

    newer_database(data_dir, wal)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    for _ in range(3):
        with pytest.raises(NewerVersionError, match=r"newer version of the course \(update the course"):
            ProgressStore.in_folder(data_dir)
        assert main(["--lessons", str(FIXTURE_COURSE), "list"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "newer version" in err and str(data_dir / DB_NAME) in err
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


def test_a_newer_version_only_in_the_wal_is_refused_and_the_files_left_as_they_were(
    data_dir: Path, tmp_path: Path
) -> None:
    """A newer version still running: its version number is in the WAL, not yet in the file."""
    live = tmp_path / "live"
    live.mkdir()
    db = sqlite3.connect(live / DB_NAME, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    shutil.copytree(live, data_dir)
    db.close()
    before = {name: (data_dir / name).read_bytes() for name in (DB_NAME, f"{DB_NAME}-wal")}
    with pytest.raises(NewerVersionError):
        ProgressStore.in_folder(data_dir)
    assert {name: (data_dir / name).read_bytes() for name in before} == before


def version_1_database(folder: Path) -> None:
    """The schema as version 1 left it: every table but contacts."""
    folder.mkdir(mode=0o700)
    db = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA[: SCHEMA.index("CREATE TABLE IF NOT EXISTS contacts")] + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO positions VALUES ('m1', 's3', 1.0, NULL)")
    db.execute("INSERT INTO reflections VALUES ('m1', 's2', 'kept through the update', 1.0, 1.0)")
    db.close()
    os.chmod(folder / DB_NAME, 0o600)


def test_a_version_1_database_is_migrated_with_its_data_and_no_copy_left(data_dir: Path) -> None:
    version_1_database(data_dir)
    store = ProgressStore.in_folder(data_dir)
    assert store.notice == ""
    position = store.position("m1")
    assert position is not None and position.step_id == "s3"
    assert store.reflection("m1", "s2") == "kept through the update"
    assert store.save_contact("Ana", "555 0199", "") == 1
    store.close()
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    db.close()
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


def test_a_migration_that_fails_changes_nothing_and_leaves_a_private_copy(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version_1_database(data_dir)
    monkeypatch.setattr(course.progress, "SCHEMA", SCHEMA + "CREATE TABLE positions (x);")
    with pytest.raises(StorageError, match="cannot open your progress"):
        ProgressStore.in_folder(data_dir)
    copies = list(data_dir.glob(f"{DB_NAME}.before-migration*"))
    assert len(copies) == 1 and mode(copies[0]) == 0o600
    for path in (data_dir / DB_NAME, copies[0]):
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone() == (1,)
            assert db.execute("SELECT text FROM reflections").fetchone() == ("kept through the update",)
            assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'contacts'").fetchone() == (0,)
        db.close()


def test_two_windows_saving_one_reflection_keep_both_texts_in_order(data_dir: Path) -> None:
    first, second = ProgressStore.in_folder(data_dir), ProgressStore.in_folder(data_dir)
    loaded_first, loaded_second = first.reflection("m", "r"), second.reflection("m", "r")
    assert first.save_reflection("m", "r", "typed in the first", loaded_first) == "typed in the first"
    both = second.save_reflection("m", "r", "typed in the second", loaded_second)
    assert both == f"typed in the first{ALSO_WRITTEN}typed in the second"
    assert first.reflection("m", "r") == both
    # The merged text, once shown and passed as loaded, is simply added to.
    assert second.save_reflection("m", "r", both + " and more", both) == both + " and more"
    first.close()
    second.close()


def test_a_window_saving_without_loaded_text_replaces_what_is_stored(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection("m", "r", "old")
    assert store.save_reflection("m", "r", "new") == "new"
    assert store.save_reflection("m", "r", "newer", loaded="new") == "newer"
    store.close()


def test_emptying_or_clearing_in_one_window_keeps_words_another_window_saved_since(data_dir: Path) -> None:
    first, second = ProgressStore.in_folder(data_dir), ProgressStore.in_folder(data_dir)
    first.save_reflection("m", "r", "mine", "")
    assert second.save_reflection("m", "r", "", "") == "mine"
    assert second.clear_reflection("m", "r", loaded="") is False
    assert first.reflection("m", "r") == "mine"
    assert first.clear_reflection("m", "r", loaded="mine") is True
    assert second.reflection("m", "r") == ""
    first.close()
    second.close()


def test_a_lock_held_too_long_is_a_storage_error_and_nothing_is_set_aside(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("m", "s1")
    monkeypatch.setattr(course.progress, "BUSY_SECONDS", 0.2)
    other = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        waiting = ProgressStore.in_folder(data_dir)  # reading is not blocked by a writer
        assert waiting.notice == ""
        with pytest.raises(StorageError, match=r"cannot save your progress: another copy of the course kept it busy"):
            waiting.move_to("m", "s2")
    finally:
        other.execute("ROLLBACK")
        other.close()
    waiting.move_to("m", "s3")
    assert [p.name for p in data_dir.glob("*unreadable*")] == []
    position = store.position("m")
    assert position is not None and position.step_id == "s3"
    store.close()
    waiting.close()


def test_an_existing_folder_keeps_its_mode_and_a_shared_one_is_reported(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    store = ProgressStore.in_folder(shared)
    store.move_to("m1", "s1")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert {f.name: mode(f) for f in shared.iterdir()} == {f.name: 0o600 for f in shared.iterdir()}
    assert store.notice.startswith(f"{shared} can be opened by other users") and "\n" not in store.notice
    store.close()
    private = tmp_path / "private"
    private.mkdir(mode=0o711)
    os.chmod(private, 0o711)  # others may pass through, not list: nothing to report
    assert ProgressStore.in_folder(private).notice == ""
    assert mode(private) == 0o711


def test_a_read_only_existing_folder_is_never_made_writable(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        if os.geteuid() == 0:
            ensure_private_dir(locked)  # root may write anyway; the mode must still not change
        else:
            with pytest.raises(DataDirError, match="not writable"):
                ensure_private_dir(locked)
        assert mode(locked) == 0o555
    finally:
        os.chmod(locked, 0o700)


def test_folders_the_course_creates_are_owner_only_parents_included(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700


@pytest.mark.parametrize(
    ("error", "told"),
    [
        (sqlite3.OperationalError("database or disk is full"), "the disk is full (free some space"),
        (OSError(28, "No space left on device"), "the disk is full (free some space"),
        (OSError(13, "Permission denied"), "read-only (make them writable, or pass --data-dir"),
        (sqlite3.OperationalError("database is locked"), "kept it busy for too long"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: my secret words"), "an unexpected error"),
    ],
    ids=["sqlite-full", "enospc", "eacces", "busy", "unknown"],
)
def test_storage_failures_are_one_line_from_codes_never_from_error_text(
    tmp_path: Path, error: Exception, told: str
) -> None:
    """Python 3.10's sqlite3 errors carry no error name: SQLite's own wording stands in for it."""
    message = describe_failure(tmp_path / DB_NAME, "save", error)
    assert message.startswith(f"{tmp_path / DB_NAME}: cannot save your progress: ")
    assert told in message and "\n" not in message and "secret" not in message


def test_ratings_experiments_and_the_plan_round_trip(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    first = store.rate_before("m1", "breathe", 7)
    store.rate_after(first, 3)
    store.rate_before("m1", "breathe", 5)  # moved on without a rating after
    store.choose_experiment("m1", "When I notice it, I will pause.")
    store.save_reflection(EXPERIMENTS, "m1", "It went [fine].")
    store.choose_experiment("m2", "When it is hard, I will breathe out.")
    store.save_reflection(PLAN, "warning-signs", "I go quiet.")
    store.save_reflection(PLAN, "safer-space", "")
    store.close()

    again = ProgressStore.in_folder(data_dir)
    assert [(r.step_id, r.before, r.after) for r in again.ratings()] == [("breathe", 7, 3), ("breathe", 5, None)]
    assert all(r.before_at > 0 for r in again.ratings()) and again.ratings()[0].after_at is not None
    assert [(e.module_id, e.plan, e.outcome) for e in again.experiments()] == [
        ("m1", "When I notice it, I will pause.", "It went [fine]."),
        ("m2", "When it is hard, I will breathe out.", ""),
    ]
    # A part the learner emptied is still theirs: it is not filled in again for them.
    assert again.texts(PLAN) == {"warning-signs": "I go quiet.", "safer-space": ""}
    assert again.texts(EXPERIMENTS) == {"m1": "It went [fine]."}


def test_an_older_file_gains_the_ratings_table_and_keeps_everything(data_dir: Path) -> None:
    path = data_dir / DB_NAME
    ensure_private_dir(data_dir)
    older = sqlite3.connect(path)
    older.executescript(SCHEMA.split("CREATE TABLE IF NOT EXISTS ratings")[0] + "PRAGMA user_version = 2;")
    older.execute("INSERT INTO reflections VALUES ('m1', 's1', 'kept', 1.0, 1.0)")
    older.commit()
    older.close()
    store = ProgressStore(path)
    assert store.reflection("m1", "s1") == "kept"
    store.rate_after(store.rate_before("m1", "p", 4), 2)
    assert [(r.before, r.after) for r in store.ratings()] == [(4, 2)]
