"""An unexpected error is met like a product: typing saved, one calm line, a report without it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from driving import open_module
from terminal import FIXTURE_COURSE, TerminalSession, keys
from textual.widgets import TextArea

from course.app import make_app
from course.progress import ProgressStore
from course.widgets.reflect_view import ReflectView

SECRET = "words only I should see!"


async def test_an_error_while_typing_keeps_the_words_and_a_report_without_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = ReflectView.on_text_area_changed

    def fails_at_the_end(self: ReflectView, event: TextArea.Changed) -> None:
        typed(self, event)
        if self.text.endswith("!"):
            raise RuntimeError(f"the learner wrote {self.text}")  # a message carrying learner text

    monkeypatch.setattr(ReflectView, "on_text_area_changed", fails_at_the_end)
    app = make_app(FIXTURE_COURSE, data_dir, "US")
    with pytest.raises(RuntimeError):  # Pilot hands the app's error on to the test
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press("w", *SECRET)
            await pilot.pause()
    assert app.crashed and app.return_code != 0
    assert ProgressStore.in_folder(data_dir).reflection("first-steps", "thoughts") == SECRET
    report = app.crash_report
    assert report is not None and report.parent == data_dir
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text()
    assert "RuntimeError" in text and "fails_at_the_end" in text
    assert SECRET[:-1] not in text  # neither the message nor any variable that held it


BROKEN_READING = (
    "-c",
    "import sys; from course.widgets.read_view import ReadView; "
    "ReadView.compose = lambda self: 1 / 0; "
    "from course.cli import main; sys.exit(main(sys.argv[1:]))",
)


def test_the_terminal_gets_one_calm_line_and_a_failing_status(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    session = TerminalSession(["--lessons", str(FIXTURE_COURSE)], tmp_path / "data", tmp_path, program=BROKEN_READING)
    sessions.append(session)
    assert session.wait_for("First steps")
    session.send(keys("enter", "enter"))
    assert session.wait_exit() == 70
    assert b"something unexpected went wrong and the course closed. Your progress is saved." in session.output
    assert b"Traceback" not in session.output and b"ZeroDivisionError" not in session.output
    [report] = (tmp_path / "data").glob("crash-*.txt")
    assert "ZeroDivisionError" in report.read_text()


def test_forget_takes_crash_reports_too(data_dir: Path) -> None:
    from course.cli import main
    from course.crash_report import write_report

    ProgressStore.in_folder(data_dir).close()
    report = write_report(data_dir, RuntimeError("x"))
    assert report is not None
    assert main(["forget", "--yes"]) == 0
    assert not data_dir.exists()
