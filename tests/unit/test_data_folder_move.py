"""An earlier version's `course` data folder moves to `safe-to-be-close` once, whole, and only when
it is surely ours and nothing is there yet; otherwise both folders stay exactly as they are."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from course import locations
from course.cli import main
from course.locations import data_dir
from course.progress import ProgressStore

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "course"


@pytest.fixture
def share(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The platform's user data folder, in the test's own folder; no $COURSE_DATA_DIR."""
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    folder = tmp_path / "share"
    folder.mkdir()

    def user_data_path(appname: str, appauthor: object = None) -> Path:
        return folder / appname

    monkeypatch.setattr(platformdirs, "user_data_path", user_data_path)
    return folder


def earlier_progress(folder: Path) -> None:
    """A data folder as an earlier version left it: progress, a reflection, a profile."""
    store = ProgressStore.in_folder(folder)
    store.move_to("m1", "s1")
    store.move_to("m1", "s2", completed="s1")
    store.save_reflection("m1", "s2", "what I wrote before the update")
    store.close()
    profile = ProgressStore.in_folder(folder / "profiles" / "ana")
    profile.move_to("m2", "s3")
    profile.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder and its bytes, to show that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_earlier_folder_moves_once_with_everything_in_it(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, new = share / "course", share / "safe-to-be-close"
    earlier_progress(earlier)
    before = snapshot(earlier)

    assert data_dir() == new
    assert not earlier.exists()
    assert snapshot(new) == before
    store = ProgressStore.in_folder(new)
    assert store.reflection("m1", "s2") == "what I wrote before the update"
    assert store.completed("m1") == {"s1"}
    store.close()
    profile = ProgressStore.in_folder(new / "profiles" / "ana")
    position = profile.position("m2")
    assert position is not None and position.step_id == "s3"
    profile.close()
    assert capsys.readouterr().err == f"Your progress moved from {earlier} to {new}.\n"

    assert data_dir() == new
    assert capsys.readouterr().err == ""


def test_the_moved_folder_stays_owner_only(share: Path) -> None:
    earlier = share / "course"
    earlier_progress(earlier)
    assert mode(earlier) == 0o700
    new = data_dir()
    assert mode(new) == 0o700
    assert mode(new / "progress.db") == 0o600
    assert mode(new / "profiles" / "ana") == 0o700


def test_course_list_moves_it_and_shows_the_new_place(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier_progress(share / "course")
    new = share / "safe-to-be-close"
    assert main(["list", "--lessons", str(FIXTURE)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == f"Your progress is kept in {new / 'progress.db'}"
    assert err == f"Your progress moved from {share / 'course'} to {new}.\n"


def test_when_both_folders_exist_neither_is_touched(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, new = share / "course", share / "safe-to-be-close"
    earlier_progress(earlier)
    ProgressStore.in_folder(new).close()
    before = snapshot(earlier), snapshot(new)

    assert data_dir() == new
    assert (snapshot(earlier), snapshot(new)) == before
    assert capsys.readouterr().err == ""


def test_an_empty_new_folder_is_not_replaced_either(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, new = share / "course", share / "safe-to-be-close"
    earlier_progress(earlier)
    new.mkdir()
    before = snapshot(earlier)

    assert data_dir() == new
    assert snapshot(earlier) == before and not any(new.iterdir())
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "planted",
    [
        pytest.param({"notes.txt": b"someone else's"}, id="a file the course never writes beside our database"),
        pytest.param({"config": None}, id="a folder the course never makes beside our database"),
    ],
)
def test_a_folder_holding_anything_else_stays(
    share: Path, capsys: pytest.CaptureFixture[str], planted: dict[str, bytes | None]
) -> None:
    earlier = share / "course"
    earlier_progress(earlier)
    for name, content in planted.items():
        if content is None:
            (earlier / name).mkdir()
        else:
            (earlier / name).write_bytes(content)
    before = snapshot(earlier)

    assert data_dir() == share / "safe-to-be-close"
    assert snapshot(earlier) == before
    assert not (share / "safe-to-be-close").exists()
    assert capsys.readouterr().err == ""


def another_apps_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE lessons (id INTEGER PRIMARY KEY, title TEXT)")
        db.execute("PRAGMA user_version = 2")
    db.close()


def unversioned_copy_of_our_tables(path: Path) -> None:
    """Our tables, but no schema version: not a file this course wrote."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE positions (module_id TEXT PRIMARY KEY, step_id TEXT NOT NULL)")
    db.close()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_text("not a database at all\n" * 20), id="not SQLite"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(another_apps_database, id="another app's SQLite tables"),
        pytest.param(unversioned_copy_of_our_tables, id="SQLite without our schema version"),
        pytest.param(lambda p: p.mkdir(), id="a folder named progress.db"),
    ],
)
def test_a_progress_db_that_is_not_ours_stays(
    share: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], object]
) -> None:
    earlier = share / "course"
    earlier.mkdir(mode=0o700)
    make(earlier / "progress.db")
    before = sorted(p.name for p in earlier.iterdir()), snapshot(earlier)

    assert data_dir() == share / "safe-to-be-close"
    assert (sorted(p.name for p in earlier.iterdir()), snapshot(earlier)) == before
    assert not (share / "safe-to-be-close").exists()
    assert capsys.readouterr().err == ""


def test_a_folder_without_a_database_stays(share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier = share / "course"
    earlier.mkdir()
    (earlier / "syllabus.pdf").write_bytes(b"%PDF")
    data_dir()
    assert (earlier / "syllabus.pdf").read_bytes() == b"%PDF"
    assert not (share / "safe-to-be-close").exists()
    assert capsys.readouterr().err == ""


def test_a_link_named_course_is_not_followed_or_moved(share: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    earlier_progress(elsewhere)
    (share / "course").symlink_to(elsewhere)
    data_dir()
    assert (share / "course").is_symlink()
    assert not (share / "safe-to-be-close").exists()


@pytest.mark.parametrize("how", ["environment", "--data-dir"])
def test_a_folder_the_learner_named_means_nothing_moves(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    earlier = share / "course"
    earlier_progress(earlier)
    before = snapshot(earlier)
    chosen = tmp_path / "chosen"
    if how == "environment":
        monkeypatch.setenv("COURSE_DATA_DIR", str(chosen))
        assert data_dir() == chosen
        assert main(["list", "--lessons", str(FIXTURE)]) == 0
    else:
        assert data_dir(chosen) == chosen
        assert main(["list", "--lessons", str(FIXTURE), "--data-dir", str(chosen)]) == 0
    assert snapshot(earlier) == before
    assert not (share / "safe-to-be-close").exists()
    assert "moved" not in capsys.readouterr().err


def test_a_rename_that_fails_moves_nothing_and_says_nothing(
    share: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = share / "course"
    earlier_progress(earlier)
    before = snapshot(earlier)

    def refuse(source: object, target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "rename", refuse)
    assert data_dir() == share / "safe-to-be-close"
    assert snapshot(earlier) == before
    assert capsys.readouterr().err == ""


def test_a_locked_or_unreadable_database_moves_nothing(share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = share / "course"
    earlier_progress(earlier)

    def locked(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(sqlite3, "connect", locked)
    assert data_dir() == share / "safe-to-be-close"
    assert (earlier / "progress.db").exists()
    assert not (share / "safe-to-be-close").exists()


def test_with_nothing_to_move_it_looks_once(share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every start pays for the move: one lstat of the earlier folder, and no other stat."""
    looked: list[object] = []

    def counting(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def look(path: object, *args: object, **kwargs: object) -> os.stat_result:
            looked.append(path)
            return real(path, *args, **kwargs)

        return look

    monkeypatch.setattr(os, "lstat", counting(os.lstat))
    monkeypatch.setattr(os, "stat", counting(os.stat))
    folder = data_dir()
    monkeypatch.undo()
    assert folder == share / "safe-to-be-close"
    assert looked == [share / "course"]


def test_the_new_name_is_the_apps_own() -> None:
    assert locations.APP_NAME == "safe-to-be-close"
