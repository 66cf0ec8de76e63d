"""The core and the screenless commands never load Textual: they stay fast and reusable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from commands import child_env
from terminal import FIXTURE_COURSE

LESSONS = str(FIXTURE_COURSE)


def assert_runs(code: str, tmp_path: Path) -> None:
    """Run the code in a fresh Python, where no test has loaded anything yet; its asserts must hold."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "code",
    [
        "import course.model, course.loader, course.progress, course.overview, course.locations",
        "import course.terminal_text, course.crash_report, course.progress_handle, course.export",
        "import course.steps, course.plain_text, course.paper_text, course.markdown_reader, course.export_text",
        "import course.ratings, course.hard_moments_plan",
        f"from course.cli import main\nassert main(['--lessons', {LESSONS!r}, 'list']) == 0\nassert main(['validate', {LESSONS!r}]) == 0",
    ],
)
def test_no_textual_import(code: str, tmp_path: Path) -> None:
    check = f"{code}\nimport sys\nassert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')], 'UI loaded'"
    assert_runs(check, tmp_path)


def test_listing_and_validating_never_load_the_paper_renderer(tmp_path: Path) -> None:
    """Step kinds render on paper and in exports only when asked: every other command stays light."""
    code = (
        f"from course.cli import main\nassert main(['--lessons', {LESSONS!r}, 'list']) == 0\n"
        f"assert main(['validate', {LESSONS!r}]) == 0\nimport sys\n"
        "heavy = [m for m in ('course.paper_text', 'course.markdown_reader', 'course.export_text', 'dataclasses')"
        " if m in sys.modules]\nassert not heavy, heavy"
    )
    assert_runs(code, tmp_path)


def test_exporting_never_loads_the_paper_renderer_or_the_support_lines(tmp_path: Path) -> None:
    """The export names the plan's parts, but only `course plan` pays for printing them."""
    code = (
        f"from course.cli import main\nassert main(['--lessons', {LESSONS!r}, 'export']) == 0\nimport sys\n"
        "heavy = [m for m in ('course.paper_text', 'course.plain_text', 'course.support') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    assert_runs(code, tmp_path)


@pytest.mark.parametrize("command", [["read", "1"], ["plan"], ["export", "-o", "-"], ["handout", "1", "-o", "-"]])
def test_printing_commands_never_load_modules_they_do_not_use(command: list[str], tmp_path: Path) -> None:
    """dataclasses (with inspect), shutil and tempfile each cost more than a command's own work."""
    code = (
        f"from course.cli import main\nassert main(['--lessons', {LESSONS!r}, *{command!r}]) == 0\nimport sys\n"
        "heavy = [m for m in ('dataclasses', 'inspect', 'shutil', 'tempfile') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    assert_runs(code, tmp_path)
