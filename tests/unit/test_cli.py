"""The command line: list, validate, reset, version; bad input is one line and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.cli import main
from course.loader import load_course
from course.progress import ProgressStore

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_module_with_progress(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    module = load_course().modules[0]
    steps = module.steps
    store = ProgressStore.in_folder(data_dir)
    store.move_to(module.id, steps[0].id)
    for previous, step in zip(steps[:3], steps[1:4]):
        store.move_to(module.id, step.id, completed=previous.id)
    store.close()
    code, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:4] == ["1", "Why", "we", "pull"]
    assert f"3/{len(steps)}  in progress, at step 4: {steps[3].title}" in lines[0]
    assert "Noticing safe closeness" in lines[1] and "0/12  not started" in lines[1]
    assert len([line for line in lines if line[:2].strip().isdigit()]) == 4
    assert lines[-1] == f"Your progress is kept in {data_dir / 'progress.db'}"


def test_validate_passes_on_the_shipped_lessons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("OK: 4 modules,")


def test_validate_names_every_broken_file_and_key(
    capsys: pytest.CaptureFixture[str], lessons_copy: Path
) -> None:
    first = lessons_copy / "01-why-we-pull-away.toml"
    first.write_text(first.read_text().replace('title = "Why we pull away"', 'titel = "x"', 1))
    second = lessons_copy / "02-noticing-safe-closeness.toml"
    second.write_text(second.read_text() + "\n[oops\n")
    code, out, err = run(capsys, "validate", str(lessons_copy))
    assert code == 1
    assert "01-why-we-pull-away.toml: titel: unknown key" in out
    assert "01-why-we-pull-away.toml: title: missing" in out
    assert "02-noticing-safe-closeness.toml: line " in out
    assert "3 problems found." in err
    assert "Traceback" not in out + err


def test_reset_one_module_keeps_reflections(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("why-we-pull-away", "two-pulls", completed="what-repair-teaches")
    store.save_reflection("why-we-pull-away", "your-two-pulls", "mine")
    store.move_to("trusting-yourself", "from-me-to-others")
    store.close()
    code, out, _ = run(capsys, "reset", "1", "--yes")
    assert code == 0 and "Reset 1 · Why we pull away" in out
    store = ProgressStore.in_folder(data_dir)
    assert store.position("why-we-pull-away") is None
    assert store.position("trusting-yourself") is not None
    assert store.reflection("why-we-pull-away", "your-two-pulls") == "mine"


def test_reset_without_yes_and_without_a_terminal_refuses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "reset")
    assert code == 2 and "add --yes" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lessons", "/no/such/folder", "list"], "/no/such/folder: no such folder (check the path given to --lessons)"),
        (["validate", "/no/such/folder"], "no such folder"),
        (["reset", "9", "--yes"], "9: no such module (use a number from 1 to 4 or a module id)"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and expected in err and err.startswith("course: ")


def test_an_unusable_data_folder_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "sub"), "list")
    assert code == 2 and err.count("\n") == 1 and "cannot use this data folder" in err


def test_broken_lessons_stop_the_app_with_one_line(
    capsys: pytest.CaptureFixture[str], lessons_copy: Path
) -> None:
    (lessons_copy / "03-trusting-yourself.toml").write_text("id = ")
    code, _, err = run(capsys, "--lessons", str(lessons_copy))
    assert code == 2 and err.count("\n") == 1
    assert "03-trusting-yourself.toml: line 1, column 6: Invalid value" in err


def test_version_names_the_course_and_textual(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("course ") and "Textual 8." in out


def test_options_work_before_and_after_the_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for argv in (["--data-dir", str(tmp_path / "d1"), "list"], ["list", "--data-dir", str(tmp_path / "d2")]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and str(tmp_path) in out


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COURSE_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run(
        [sys.executable, "-m", "course", "list"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Why we pull away" in result.stdout
