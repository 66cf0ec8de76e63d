"""The wheel carries the lessons, so an installed `course` finds them from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_every_lesson_module(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("course-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"course/lessons/{p.name}" for p in (REPO / "lessons").glob("*.toml")}
    assert shipped and shipped <= names
    assert {"course/screens/home.tcss", "course/screens/player.tcss", "course/web/app_index.html"} <= names
