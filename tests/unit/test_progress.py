"""The progress store keeps every move, survives concurrent writers and sets bad files aside."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course.locations import DataDirError
from course.progress import DB_NAME, SCHEMA_VERSION, ProgressStore


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


def test_a_database_from_a_newer_version_is_set_aside(data_dir: Path) -> None:
    import sqlite3

    data_dir.mkdir(mode=0o700)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    store = ProgressStore.in_folder(data_dir)
    assert "newer version" in store.notice


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


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from course.progress import ProgressStore
    store = ProgressStore.in_folder(Path(sys.argv[1]))
    module = sys.argv[2]
    for n in range(int(sys.argv[3])):
        store.move_to(module, f"s{n + 1}", completed=f"s{n}")
        store.save_reflection(module, f"s{n}", f"text {n}")
    print("done")
    """
)


def test_two_processes_writing_at_once_lose_nothing(data_dir: Path) -> None:
    count = 200
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), module, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for module in ("a", "b")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    store = ProgressStore.in_folder(data_dir)
    for module in ("a", "b"):
        assert store.completed(module) == {f"s{n}" for n in range(count)}
        position = store.position(module)
        assert position is not None and position.step_id == f"s{count}"
        assert store.reflection(module, f"s{count - 1}") == f"text {count - 1}"


def test_an_existing_folder_loses_group_and_other_access_but_gains_nothing(tmp_path: Path) -> None:
    from course.locations import ensure_private_dir

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    ensure_private_dir(shared)
    assert mode(shared) == 0o700
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        if os.geteuid() == 0:
            ensure_private_dir(locked)  # root may write anyway; the mode must still not change
        else:
            with pytest.raises(DataDirError, match="not writable"):
                ensure_private_dir(locked)
        assert mode(locked) == 0o500
    finally:
        os.chmod(locked, 0o700)

