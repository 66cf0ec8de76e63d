"""Saved participants of a served course: only a name and its resume code open a profile."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

import course.participants as participants_module
from course.participants import CODE_WORDS, ParticipantError, Participants, normal_code
from course.progress import ProgressStore
from course.resume_words import WORDS


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real number of rounds makes each try slow on purpose; the logic is the same with few."""
    monkeypatch.setattr(participants_module, "HASH_ROUNDS", 1000)


def test_a_first_visit_gets_four_common_words_that_open_the_profile_again(data_dir: Path) -> None:
    room = Participants(data_dir)
    code = room.create("Sam", "run-1")
    words = code.split()
    assert len(words) == CODE_WORDS and all(word in WORDS for word in words)
    room.check("sam", code)  # names are the same whatever their case
    room.check("Sam", "-".join(words).upper())  # and codes whatever their case and separators


def test_the_words_are_distinct_and_plain() -> None:
    assert len(set(WORDS)) == len(WORDS) >= 256
    assert all(word.isascii() and word.isalpha() and word.islower() for word in WORDS)


def test_a_name_already_taken_cannot_be_created_again(data_dir: Path) -> None:
    room = Participants(data_dir)
    room.create("sam", "run-1")
    with pytest.raises(ParticipantError, match="taken"):
        room.create("SAM", "run-1")


def test_a_wrong_code_and_an_unknown_name_are_told_apart_by_nothing(data_dir: Path) -> None:
    room = Participants(data_dir)
    room.create("sam", "run-1")
    with pytest.raises(ParticipantError) as wrong:
        room.check("sam", "apple apple apple apple")
    with pytest.raises(ParticipantError) as unknown:
        room.check("alex", "apple apple apple apple")
    assert str(wrong.value) == str(unknown.value) == "That name and resume code do not match."


def test_wrong_codes_lock_the_name_even_against_the_right_code(data_dir: Path) -> None:
    room = Participants(data_dir)
    code = room.create("sam", "run-1")
    for _ in range(participants_module.FREE_TRIES):
        with pytest.raises(ParticipantError, match="do not match"):
            room.check("sam", "apple apple apple apple")
    with pytest.raises(ParticipantError, match="Too many tries"):
        room.check("sam", code)


def test_the_right_code_before_the_lock_clears_the_count(data_dir: Path) -> None:
    room = Participants(data_dir)
    code = room.create("sam", "run-1")
    for _ in range(participants_module.FREE_TRIES - 1):
        with pytest.raises(ParticipantError):
            room.check("sam", "apple apple apple apple")
    room.check("sam", code)
    for _ in range(participants_module.FREE_TRIES - 1):
        with pytest.raises(ParticipantError, match="do not match"):
            room.check("sam", "apple apple apple apple")
    room.check("sam", code)


def test_one_server_run_creates_only_so_many_profiles(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(participants_module, "PROFILES_PER_RUN", 3)
    room = Participants(data_dir)
    for n in range(3):
        room.create(f"p{n}", "run-1")
    with pytest.raises(ParticipantError, match="No more profiles"):
        room.create("p3", "run-1")
    room.create("p3", "run-2")  # a new run of the server starts a new count


@pytest.mark.parametrize("name", ["", "../sam", "a" * 33, "sam sam", "[b]x[/b]", "-sam", "\u202esam", "sam\n"])
def test_names_that_cannot_be_folders_are_refused(data_dir: Path, name: str) -> None:
    room = Participants(data_dir)
    with pytest.raises(ParticipantError):
        room.create(name, "run-1")
    with pytest.raises(ParticipantError):
        room.check(name, "apple apple apple apple")
    assert not any((data_dir / "served").glob("*/"))


def test_the_registry_and_folders_are_owner_only_and_forgetting_removes_the_progress(data_dir: Path) -> None:
    room = Participants(data_dir)
    room.create("sam", "run-1")
    store = ProgressStore.in_folder(room.progress_folder("sam"))
    store.save_reflection("m", "s", "private words")
    store.close()
    assert stat.S_IMODE(room.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(room.path.stat().st_mode) == 0o600
    assert [saved.name for saved in room.listing()] == ["sam"]
    assert room.forget("Sam")
    assert not room.progress_folder("sam").exists()
    assert room.listing() == []
    assert not room.forget("sam")


def test_codes_are_read_however_they_are_typed() -> None:
    assert normal_code("  Maple-River.cloud   SEVEN ") == "maple-river-cloud-seven"


def test_the_code_itself_is_kept_nowhere(data_dir: Path) -> None:
    room = Participants(data_dir)
    code = room.create("sam", "run-1")
    stored = b"".join(path.read_bytes() for path in room.folder.rglob("*") if path.is_file())
    assert code.encode() not in stored and normal_code(code).encode() not in stored
    # A word of the code may be an ordinary word of the database's own schema ("name", "time").
    schema = " ".join(
        row[0] or "" for path in room.folder.glob("*.db") for row in sqlite3.connect(path).execute("SELECT sql FROM sqlite_master")
    ).encode()
    assert not any(word.encode() in stored and word.encode() not in schema for word in code.split() if len(word) > 3)
