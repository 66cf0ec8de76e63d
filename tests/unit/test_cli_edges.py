"""The command line at its edges: every path ends in one line, never a traceback, and touches only ours."""

from __future__ import annotations

import errno
import os
import pty
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from commands import child_env, course_command, run
from terminal import FIXTURE_COURSE

import course.app
from course.cli import NO_TERMINAL, main
from course.export import write_whole
from course.loader import load_course
from course.progress import ProgressStore

COURSE = load_course(FIXTURE_COURSE)
LESSONS = ("--lessons", str(FIXTURE_COURSE))
"""Every command here plays the fixture course."""
PASTED = "before \x1b]52;c;aGk=\x07 middle \x1b[2J after"
"""Escape codes a learner might paste: write the clipboard (OSC 52), clear the screen."""


def assert_one_line(err: str, *expected: str) -> None:
    """Exactly one line on stderr, in the course's voice, saying what was expected."""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("course: ")
    for part in expected:
        assert part in err


def shell(script: str, data: Path) -> subprocess.CompletedProcess[str]:
    """Run a bash script in which `course` is this checkout's console entry, on the fixture course."""
    quoted = " ".join(f"'{part}'" for part in course_command(*LESSONS))
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; course() {{ {quoted} \"$@\"; }}; {script}"],
        check=False,
        capture_output=True,
        text=True,
        env=child_env(data),
        timeout=30,
    )


# No terminal, no full-screen


@pytest.mark.parametrize("argv", [[], ["workshop"], ["--profile", "ana"]], ids=["app", "workshop", "profile"])
def test_the_app_without_a_terminal_says_so_at_once_instead_of_hanging(tmp_path: Path, argv: list[str]) -> None:
    result = subprocess.run(
        course_command(*LESSONS, *argv),
        check=False,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=child_env(tmp_path / "data"),
        timeout=10,  # a hang fails the test here
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_line(result.stderr, NO_TERMINAL)


def test_a_dumb_terminal_is_refused_even_when_it_is_a_terminal(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            course_command(*LESSONS),
            check=False,
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(tmp_path / "data", TERM="dumb"),
            timeout=10,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 2
    assert_one_line(result.stderr, NO_TERMINAL)


def test_a_browser_session_starts_on_pipes(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(course.app.CourseApp, "run", lambda self: started.append(self))
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert main([*LESSONS]) == 0
    assert len(started) == 1


# Closed or broken pipes


@pytest.mark.parametrize("argv", [["read", "1"], ["list"], ["export"]], ids=["read", "list", "export"])
def test_a_reader_that_leaves_ends_the_command_quietly_with_status_141(tmp_path: Path, argv: list[str]) -> None:
    child = subprocess.Popen(
        course_command(*LESSONS, *argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(tmp_path / "data")
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the child writes a byte: every write meets a closed pipe
    err = child.stderr.read()
    assert child.wait(timeout=30) == 141
    assert err == b""


@pytest.mark.parametrize(
    ("command", "first"),
    [("read 1", COURSE.modules[0].title.upper()), ("list", " 1  "), ("export", "# Your reflections")],
)
def test_piping_into_head_prints_the_first_line_and_nothing_else(tmp_path: Path, command: str, first: str) -> None:
    result = shell(f"course {command} | head -1", tmp_path / "data")
    assert result.returncode in {0, 141}  # 0 when everything fitted in the pipe before head left
    assert result.stdout.startswith(first) and result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_a_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    result = shell("course list >&-", tmp_path / "data")
    assert result.returncode == 2
    assert_one_line(result.stderr, "standard output is closed")


# Bad paths and odd input


def test_a_data_folder_path_too_long_for_the_system_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, *LESSONS, "--data-dir", str(tmp_path / ("a" * 10_000)), "list")
    assert code == 2 and out == ""
    assert_one_line(err, "File name too long")
    assert len(err) < 300


@pytest.mark.parametrize("option", ["--data-dir", "--lessons"])
def test_a_home_folder_of_no_one_is_one_line(capsys: pytest.CaptureFixture[str], option: str) -> None:
    code, _, err = run(capsys, *LESSONS, option, "~nosuchuser/x", "list")  # the option given last wins
    assert code == 2
    assert_one_line(err, "~nosuchuser/x: ~nosuchuser is no one's home folder here", option)


def test_a_home_folder_of_no_one_in_the_environment_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_DATA_DIR", "~nosuchuser/x")
    code, _, err = run(capsys, *LESSONS, "list")
    assert code == 2
    assert_one_line(err, "$COURSE_DATA_DIR")


@pytest.mark.parametrize("key", ["²", "٣", "9" * 5000])
def test_digits_that_are_not_a_module_number_are_no_such_module(capsys: pytest.CaptureFixture[str], key: str) -> None:
    code, _, err = run(capsys, *LESSONS, "read", key)
    assert code == 2
    assert_one_line(err, "no such module (use a number from 1 to 2 or a module id)")


@pytest.fixture
def unreadable_lessons(course_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A lessons folder that cannot be listed: for real, or simulated for root, who may read anything."""
    if os.geteuid() != 0:
        course_copy.chmod(0)
        yield course_copy
        course_copy.chmod(0o700)
        return
    listing = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == course_copy:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    yield course_copy


def test_an_unreadable_lessons_folder_names_the_folder_and_the_fix(
    capsys: pytest.CaptureFixture[str], unreadable_lessons: Path
) -> None:
    code, _, err = run(capsys, "--lessons", str(unreadable_lessons), "list")
    assert code == 2
    assert_one_line(err, f"{unreadable_lessons}: cannot read this lesson folder", "(give yourself read access to it)")


@pytest.mark.parametrize("port", ["99999", "-1", "abc", "0"])
def test_a_port_that_cannot_be_is_one_line(capsys: pytest.CaptureFixture[str], port: str) -> None:
    code, out, err = run(capsys, *LESSONS, "serve", "--port", port)
    assert code == 2 and out == ""
    assert_one_line(err, f"argument --port: {port!r} is not a whole number from 1 to 65535")


@pytest.mark.parametrize("width", ["-5", "0", "100000", "wide"])
def test_a_width_that_cannot_be_is_one_line(capsys: pytest.CaptureFixture[str], width: str) -> None:
    code, out, err = run(capsys, *LESSONS, "read", "1", "--width", width)
    assert code == 2 and out == ""
    assert_one_line(err, "argument --width:", "from 1 to 1000")


def test_a_narrow_width_is_read_as_thirty(capsys: pytest.CaptureFixture[str]) -> None:
    code, narrow, _ = run(capsys, *LESSONS, "read", "1", "--width", "5")
    assert code == 0
    assert run(capsys, *LESSONS, "read", "1", "--width", "30")[1] == narrow


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mine\x1b[2J", "control character"),
        ("Two\nlines", "line break"),
        ("   \t ", "the title is empty"),
    ],
    ids=["escape", "newline", "whitespace"],
)
def test_a_new_title_that_is_not_one_line_of_text_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, title: str, expected: str
) -> None:
    folder = tmp_path / "mine"
    code, _, err = run(capsys, "new", title, "--dir", str(folder))
    assert code == 2
    assert_one_line(err, expected)
    assert not folder.exists()


def test_a_very_long_new_title_still_makes_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "word " * 200, "--dir", str(tmp_path / "mine"))
    assert code == 0, err
    (made,) = (tmp_path / "mine").iterdir()
    assert len(made.name) < 80


def test_a_mistyped_command_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lisst")
    assert code == 2
    assert_one_line(err, "invalid choice: 'lisst'", "(see `course --help`)")


def test_ctrl_d_at_a_prompt_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", end_of_input)
    code, out, err = run(capsys, *LESSONS, "reset", "1")
    assert code == 0 and "Nothing was changed." in out and err == ""


# Nothing reaches the terminal raw


@pytest.fixture
def pasted(data_dir: Path) -> Path:
    """A learner's data with escape codes pasted into a reflection and a contact."""
    module = COURSE.modules[0]
    reflect = next(s for s in module.steps if s.kind == "reflect")
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(module.id, reflect.id, PASTED)
    store.save_contact("Ana\x1b[2J", "555 0199\x1b]0;pwned\x07", PASTED)
    store.close()
    return data_dir


def assert_harmless(output: bytes) -> None:
    assert b"\x1b" not in output and b"\x07" not in output
    assert "␛]52;c;aGk=␇".encode() in output and "␛[2J".encode() in output


def as_shown(markdown: bytes) -> bytes:
    """Markdown's characters as a viewer shows them: a backslash before punctuation is not shown."""
    return re.sub(rb"\\([!-/:-@\[-`{-~])", rb"\1", markdown)


def test_export_to_the_screen_shows_pasted_escape_codes_without_obeying_them(pasted: Path) -> None:
    result = subprocess.run(
        course_command(*LESSONS, "export"), check=False, capture_output=True, env=child_env(pasted), timeout=30
    )
    assert result.returncode == 0 and result.stderr == b""
    assert_harmless(as_shown(result.stdout))


def test_export_to_a_file_shows_pasted_escape_codes_and_the_database_keeps_them(pasted: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    result = subprocess.run(
        course_command(*LESSONS, "export", "-o", str(target)), check=False, capture_output=True, env=child_env(pasted), timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert_harmless(as_shown(target.read_bytes()))
    module = COURSE.modules[0]
    reflect = next(s for s in module.steps if s.kind == "reflect")
    assert ProgressStore.in_folder(pasted).reflection(module.id, reflect.id) == PASTED


@pytest.mark.parametrize(
    "argv",
    [[*LESSONS, "read", "\x1b]0;pwned\x07"], [*LESSONS, "reset", "\x1b[2J", "--yes"], ["--lessons", "/no/\x1b]52;c;aGk=\x07", "list"]],
    ids=["read", "reset", "lessons"],
)
def test_error_lines_quote_what_was_typed_harmlessly(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert_one_line(err, "␛")
    assert "\x1b" not in err and "\x07" not in err


def test_a_data_folder_named_with_escape_codes_is_printed_harmlessly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, *LESSONS, "--data-dir", str(tmp_path / "odd\x1b[2J"), "list")
    assert code == 0
    assert "\x1b" not in out and f"{tmp_path}/odd␛[2J" in out


# Touch only what is ours: export -o


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)


def test_export_refuses_a_device_node(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root (or CAP_MKNOD) here")
    code, _, err = run(capsys, *LESSONS, "export", "-o", str(node), "--force")
    assert code == 2
    assert_one_line(err, "is a device or other special file")
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_export_refuses_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = run(capsys, *LESSONS, "export", "-o", str(folder), "--force")
    assert code == 2
    assert_one_line(err, "is a folder")
    assert list(folder.iterdir()) == []


def test_export_refuses_a_symbolic_link_and_leaves_what_it_points_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "keep.md"
    outside.parent.mkdir()
    outside.write_bytes(b"not the course's\n")
    link = tmp_path / "export.md"
    link.symlink_to(outside)
    code, _, err = run(capsys, *LESSONS, "export", "-o", str(link), "--force")
    assert code == 2
    assert_one_line(err, "is a symbolic link")
    assert link.is_symlink() and outside.read_bytes() == b"not the course's\n"


def test_export_leaves_an_existing_file_without_force_and_without_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_terminal: None
) -> None:
    target = tmp_path / "mine.md"
    target.write_text("earlier words")
    code, _, err = run(capsys, *LESSONS, "export", "-o", str(target))
    assert code == 2
    assert_one_line(err, f"{target}: already exists (add --force to replace it)")
    assert target.read_text() == "earlier words"


def test_export_with_force_replaces_an_existing_file_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_terminal: None
) -> None:
    target = tmp_path / "mine.md"
    target.write_text("earlier words")
    target.chmod(0o644)
    code, _, _ = run(capsys, *LESSONS, "export", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text().startswith("# Your reflections and answers")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mine.md"], "no temporary file is left"


@pytest.mark.parametrize(("answer", "replaced"), [("y", True), ("", False)], ids=["yes", "no"])
def test_export_asks_on_a_terminal_before_replacing_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, replaced: bool
) -> None:
    target = tmp_path / "mine.md"
    target.write_text("earlier words")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: answer)
    code, out, _ = run(capsys, *LESSONS, "export", "-o", str(target))
    assert code == 0
    assert (target.read_text() != "earlier words") is replaced
    assert ("Nothing was written." in out) is not replaced


def test_export_to_a_dash_writes_to_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, *LESSONS, "export", "-o", "-")
    assert code == 0
    assert out.startswith("# Your reflections and answers")
    assert not (Path.cwd() / "-").exists()


def test_a_failed_private_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    in_the_way = tmp_path / "mine.md"
    in_the_way.mkdir()
    (in_the_way / "keep").write_text("x")
    with pytest.raises(OSError):
        write_whole(in_the_way, "words")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.md"]
