"""A data folder that cannot be created or written: exit 2 with one line saying so, no traceback."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from commands import stderr_lines
from terminal import FIXTURE_COURSE

import course.app
from course.cli import main
from course.progress import DB_NAME

COMMANDS = [["list"], ["reset", "--yes"], ["export"], []]
COMMAND_IDS = ["list", "reset", "export", "app"]


@pytest.fixture(autouse=True)
def no_real_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the app got as far as running it would take over the terminal: fail instead."""

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError("the app started although its data folder is unusable")

    monkeypatch.setattr(course.app.CourseApp, "run", refuse)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        pytest.skip("running as root: permissions are not enforced, so a 0o500 folder is still writable")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def unusable(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if kind == "under-a-file":
        blocker = tmp_path / "a-file"
        blocker.write_text("in the way")
        return blocker / "data"
    if kind == "is-a-file":
        blocker = tmp_path / "a-file"
        blocker.write_text("in the way")
        return blocker
    if kind == "database-is-a-folder":
        folder = tmp_path / "data"
        (folder / DB_NAME).mkdir(parents=True)
        return folder
    folder = request.getfixturevalue("read_only")
    return folder if kind == "read-only" else folder / "data"


KINDS = ["under-a-file", "is-a-file", "database-is-a-folder", "read-only", "under-read-only"]


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("kind", KINDS)
def test_an_unusable_data_folder_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    kind: str,
    command: list[str],
) -> None:
    folder = unusable(kind, tmp_path, request)
    before = sorted(p.name for p in tmp_path.rglob("*"))

    status = main(["--data-dir", str(folder), "--lessons", str(FIXTURE_COURSE), *command])
    out, err = capsys.readouterr()

    assert status == 2, err
    assert "Traceback" not in out + err
    lines = stderr_lines(err)
    assert len(lines) == 1, lines
    assert lines[0].startswith("course: ")
    assert "--data-dir" in lines[0], "the line should say how to get going again"
    assert out == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == before, "nothing may be left behind"


def test_a_read_only_database_file_is_one_line_and_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: permissions are not enforced, so a 0o400 file is still writable")
    assert main(["--lessons", str(FIXTURE_COURSE), "list"]) == 0
    capsys.readouterr()
    (data_dir / DB_NAME).chmod(stat.S_IRUSR)
    try:
        status = main(["--lessons", str(FIXTURE_COURSE), "list"])
    finally:
        (data_dir / DB_NAME).chmod(0o600)
    err = capsys.readouterr().err
    assert status == 2
    assert len(stderr_lines(err)) == 1 and "Traceback" not in err
