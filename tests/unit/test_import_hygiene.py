"""The core and the screenless commands never load Textual: they stay fast and reusable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "code",
    [
        "import course.model, course.loader, course.progress, course.overview, course.locations",
        "import course.terminal_text, course.crash_report, course.progress_handle, course.export",
        "import course.steps, course.plain_text, course.paper_text, course.markdown_reader, course.export_text",
        "from course.cli import main; main(['list']); main(['validate'])",
    ],
)
def test_no_textual_import(code: str, tmp_path: Path) -> None:
    check = f"{code}\nimport sys\nassert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')], 'UI loaded'"
    env = {**os.environ, "PYTHONPATH": str(REPO), "COURSE_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
