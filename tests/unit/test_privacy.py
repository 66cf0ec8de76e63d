"""Export and forget: the learner's words leave only when they ask, and vanish when they ask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE

from course.cli import main
from course.loader import load_course
from course.progress import DB_NAME, ProgressStore

COURSE = load_course(FIXTURE_COURSE)
LESSONS = ("--lessons", str(FIXTURE_COURSE))
SECRET = "a sentence only I should ever read"


def seed(data_dir: Path) -> ProgressStore:
    module = COURSE.modules[0]
    reflect = next(s for s in module.steps if s.kind == "reflect")
    check = next(s for s in module.steps if s.kind == "check")
    self_check = next(s for s in module.steps if s.kind == "self-check")
    store = ProgressStore.in_folder(data_dir)
    store.move_to(module.id, reflect.id)
    store.save_reflection(module.id, reflect.id, SECRET)
    store.save_answer(module.id, check.id, 0)
    store.save_answer(module.id, self_check.id, [1])
    store.save_contact("Ana", "555 0199", "evenings")
    return store


def test_export_prints_reflections_answers_choices_and_contacts_by_module(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seed(data_dir).close()
    assert main([*LESSONS, "export"]) == 0
    out = capsys.readouterr().out
    module = COURSE.modules[0]
    check = next(s for s in module.steps if s.kind == "check")
    self_check = next(s for s in module.steps if s.kind == "self-check")
    assert f"## 1 · {module.title}" in out
    assert SECRET in out
    assert check.choices[0].text in out  # type: ignore[attr-defined]
    assert self_check.statements[1].text in out  # type: ignore[attr-defined]
    assert "- **Ana**, 555 0199: evenings" in out
    assert str(data_dir / DB_NAME) in out
    assert "Written 20" in out


def test_export_to_a_file_is_owner_only_even_with_an_open_umask(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    seed(data_dir).close()
    target = tmp_path / "mine.md"
    old = os.umask(0)
    try:
        assert main([*LESSONS, "export", "-o", str(target)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert SECRET in target.read_text()
    assert str(target) in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".mine")] == []


def test_export_to_a_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([*LESSONS, "export", "-o", str(tmp_path / "nowhere" / "x.md")]) == 2
    assert "no such folder for the export" in capsys.readouterr().err


def test_forget_leaves_no_learner_bytes_on_disk(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = seed(data_dir)  # left open, so the WAL and SHM files exist too
    (data_dir / f"{DB_NAME}.unreadable-20260101-000000").write_text(SECRET)
    assert any(p.name.endswith("-wal") for p in data_dir.iterdir())
    assert main(["forget", "--yes"]) == 0
    store.close()
    assert "Everything the course kept for you is deleted" in capsys.readouterr().out
    leftovers = list(data_dir.iterdir()) if data_dir.exists() else []
    assert all(SECRET.encode() not in p.read_bytes() for p in leftovers if p.is_file())
    assert not any(p.name.startswith(DB_NAME) and p.stat().st_size for p in leftovers)


def test_forget_without_yes_and_without_a_terminal_refuses(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir).close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["forget"]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert (data_dir / DB_NAME).exists()


def test_forget_asks_for_the_word_forget(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir).close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert main(["forget"]) == 0
    assert (data_dir / DB_NAME).exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "forget")
    assert main(["forget"]) == 0
    assert not (data_dir / DB_NAME).exists()


def test_list_says_where_the_data_lives(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main([*LESSONS, "list"]) == 0
    assert str(data_dir) in capsys.readouterr().out
