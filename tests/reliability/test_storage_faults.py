"""Storage that fails is told, not treated as damage; `course forget` wins over an open window.

* A full disk (a tiny tmpfs, or a file size limit in a child process): saving stops with one
  line saying so, each failed change is rolled back, nothing is set aside, no learner text is
  quoted, and once there is room again everything saved before is still there.
* `course forget` while a window has the store open: every later write in that window raises
  DataForgottenError and nothing is written or created again in the folder.
* `course forget` overwrites only regular files of the course: a symlink or hard link planted
  under one of its names keeps the file it points at intact.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from commands import child_env, course_command, stderr_lines
from terminal import FIXTURE_COURSE

from course.cli import main
from course.progress import DB_NAME, DataForgottenError, ProgressStore, StorageError

SECRET = "SECRET-words-only-the-learner-wrote"
NO_ROOM = ("the disk is full", "the disk could not be read or written")
"""What a learner is told when there is no room: SQLite reports some writes past the end of the
disk as full and others as I/O errors."""


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, so the disk really fills up (ENOSPC); skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; test_a_file_size_limit_... covers a full disk without it")
    mount = ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(disk)]
    mounted = subprocess.run(mount, capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path) -> Path:
    """Write a file until the disk has no room left; delete it to make room again."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\1" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def seed(folder: Path) -> ProgressStore:
    store = ProgressStore.in_folder(folder)
    for n in range(20):
        store.move_to("m", f"s{n + 1}", completed=f"s{n}")
        store.save_reflection("m", f"s{n}", f"{SECRET} {n} " * 20)
    return store


def set_aside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "unreadable" in p.name)


def assert_told_no_room(error: StorageError, path: Path) -> None:
    message = str(error)
    assert message.startswith(f"{path}: cannot save your progress: "), message
    assert any(reason in message for reason in NO_ROOM), message
    assert "\n" not in message and SECRET not in message


def assert_sound(folder: Path) -> None:
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()


def every_write(store: ProgressStore) -> dict[str, Callable[[], object]]:
    return {
        "move_to": lambda: store.move_to("m", "s9", completed="s8"),
        "finish": lambda: store.finish("m", "s9"),
        "save_reflection": lambda: store.save_reflection("m", "s1", "after forget", loaded=""),
        "clear_reflection": lambda: store.clear_reflection("m", "s1"),
        "save_answer": lambda: store.save_answer("m", "c", 1),
        "save_contact": lambda: store.save_contact("Ana", "555", ""),
        "remove_contact": lambda: store.remove_contact(1),
        "set_setting": lambda: store.set_setting("theme", "dark"),
        "reset": lambda: store.reset("m"),
        "check": store.check,
    }


@pytest.mark.parametrize(
    "command", [["list"], ["export"], ["reset", "--yes"], ["reset", "1", "--yes"], ["validate"], ["read", "1"]]
)
def test_every_command_on_a_full_disk_says_so_and_never_sets_the_database_aside(
    command: list[str], tiny_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What used to happen: no room for SQLite's lock file read as damage, and the learner's
    healthy progress.db was renamed progress.db.unreadable-*."""
    folder = tiny_disk / "data"
    seed(folder).close()
    before = (folder / DB_NAME).read_bytes()
    filler = fill(tiny_disk)

    status = main(["--data-dir", str(folder), "--lessons", str(FIXTURE_COURSE), *command])
    err = capsys.readouterr().err

    assert "Traceback" not in err and SECRET not in err
    if status != 0:  # no room even to read, or to write the change: said in one line
        assert status == 2
        (line,) = stderr_lines(err)
        assert line.startswith(f"course: {folder / DB_NAME}: cannot ")
        assert any(reason in line for reason in NO_ROOM), line
    assert set_aside(folder) == []
    if command[0] != "reset":
        assert (folder / DB_NAME).read_bytes() == before
    filler.unlink()
    assert main(["--data-dir", str(folder), "--lessons", str(FIXTURE_COURSE), "list"]) == 0
    assert capsys.readouterr().err == ""
    assert ProgressStore.in_folder(folder).reflection("m", "s3").startswith(SECRET)


def test_a_full_disk_pauses_saving_and_loses_nothing_saved_before(tiny_disk: Path) -> None:
    folder = tiny_disk / "data"
    store = seed(folder)
    filler = fill(tiny_disk)

    saved = store.reflection("m", "long")
    refused = 0
    for n in range(200):
        text = f"{SECRET} {n} " * (50 * (n + 1))  # grows, so the file must grow with it
        try:
            saved = store.save_reflection("m", "long", text, loaded=saved)
        except StorageError as error:
            assert_told_no_room(error, folder / DB_NAME)
            assert store.reflection("m", "long") == saved, "a failed change must be rolled back whole"
            refused += 1
            if refused == 5:
                break
    assert refused == 5, "the disk never filled up"
    for write in every_write(store).values():
        try:
            write()
        except StorageError as error:  # and no other kind of error
            assert_told_no_room(error, folder / DB_NAME)
    assert set_aside(folder) == []

    filler.unlink()  # room again
    store.check()
    store.move_to("m", "after", completed="after")
    store.close()

    assert_sound(folder)
    again = ProgressStore.in_folder(folder)
    assert again.notice == "" and set_aside(folder) == []
    assert again.completed("m") >= {f"s{n}" for n in range(20)} | {"after"}
    assert again.reflection("m", "long") == saved
    assert again.reflection("m", "s19") == f"{SECRET} 19 " * 20
    again.close()


# Under a file size limit a write past it fails with EFBIG, as on a full disk. Prints one line
# per attempt, "attempt: ok" once a save returned or "attempt: " and the StorageError's message,
# then what `course list` returned at the limit.
LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from course.cli import main
    from course.progress import ProgressStore, StorageError

    folder = Path(sys.argv[1])
    store = ProgressStore.in_folder(folder)
    store.move_to("m", "s1")
    saved = store.save_reflection("m", "r", "before the limit")
    largest = max(p.stat().st_size for p in folder.iterdir())
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 32768, resource.RLIM_INFINITY))
    for n in range(60):
        try:
            saved = store.save_reflection("m", "r", f"{sys.argv[2]} {n} " * (40 * (n + 1)), loaded=saved)
            print("attempt: ok", flush=True)
        except StorageError as error:
            print(f"attempt: {error}", flush=True)
            assert store.reflection("m", "r") == saved, "a failed change must be rolled back whole"
    print(f"list: {main(['--data-dir', str(folder), '--lessons', sys.argv[3], 'list'])}", flush=True)
    store.close()
    """
)


def test_a_file_size_limit_stops_saving_with_one_line_and_sets_nothing_aside(data_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LIMITED, str(data_dir), SECRET, str(FIXTURE_COURSE)],
        check=False,
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "list: 0", "course list still works at the limit"
    attempts = [line.removeprefix("attempt: ") for line in lines if line.startswith("attempt: ")]
    told = [line for line in attempts if line != "ok"]
    assert "ok" in attempts and len(told) >= 5, attempts[:5]
    for line in told:
        assert line.startswith(f"{data_dir / DB_NAME}: cannot save your progress: "), line
        assert any(reason in line for reason in NO_ROOM) and SECRET not in line, line

    assert set_aside(data_dir) == []
    assert_sound(data_dir)
    store = ProgressStore.in_folder(data_dir)
    assert store.notice == ""
    last_saved = max(n for n, line in enumerate(attempts) if line == "ok")
    assert store.reflection("m", "r") == f"{SECRET} {last_saved} " * (40 * (last_saved + 1))
    store.close()
    copy = tmp_path / "copy.db"  # and progress.db alone carries it
    shutil.copyfile(data_dir / DB_NAME, copy)
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT text FROM reflections").fetchone()[0].startswith(f"{SECRET} {last_saved} ")
    db.close()


def test_forget_while_a_window_is_open_stops_its_saving_and_leaves_nothing_behind(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("m", "s2", completed="s1")
    store.save_reflection("m", "s1", SECRET)
    store.save_contact("Ana", "555 0199", "")

    forgot = subprocess.run(
        course_command("forget", "--yes"),
        check=False,
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    assert forgot.returncode == 0, forgot.stderr

    for name, write in every_write(store).items():
        with pytest.raises(DataForgottenError) as caught:
            write()
        message = str(caught.value)
        assert "course forget" in message and "nothing more is saved" in message, name
        assert "\n" not in message and SECRET not in message
    with pytest.raises(DataForgottenError):
        store.position("m")  # nor does it read on from the deleted file
    store.close()
    assert not data_dir.exists() or list(data_dir.iterdir()) == []


def test_a_forgotten_window_leaves_the_fresh_start_of_a_new_one_alone(data_dir: Path) -> None:
    old = ProgressStore.in_folder(data_dir)
    old.move_to("m", "old")
    assert main(["forget", "--yes"]) == 0
    new = ProgressStore.in_folder(data_dir)
    new.move_to("m", "fresh")
    with pytest.raises(DataForgottenError):
        old.move_to("m", "stale")
    old.close()  # SQLite sees its file has gone: nothing is written or deleted by name
    new.move_to("m", "fresh-2")
    new.close()
    again = ProgressStore.in_folder(data_dir)
    position = again.position("m")
    assert position is not None and position.step_id == "fresh-2"
    again.close()


def test_forget_overwrites_no_file_through_a_planted_link(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir).close()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not the course's " * 1000)
    linked = tmp_path / "linked.txt"
    linked.write_bytes(b"also not the course's " * 1000)
    (data_dir / f"{DB_NAME}-wal").symlink_to(elsewhere)
    os.link(linked, data_dir / f"{DB_NAME}.linked")

    assert main(["forget", "--yes"]) == 0

    assert elsewhere.read_bytes() == b"not the course's " * 1000
    assert linked.read_bytes() == b"also not the course's " * 1000
    assert (data_dir / f"{DB_NAME}-wal").is_symlink(), "what is not the course's is left alone"
    assert not (data_dir / DB_NAME).exists()
