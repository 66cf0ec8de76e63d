"""Shared fixtures: every test gets its own data folder and a clean, predictable environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LESSONS = REPO / "lessons"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Nothing from the developer's machine leaks in: no colour or theme overrides, no real data."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL", "COURSE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    return data


@pytest.fixture
def data_dir(clean_environment: Path) -> Path:
    """The test's private learner data folder (not yet created)."""
    return clean_environment


@pytest.fixture
def lessons_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped lessons."""
    target = tmp_path / "lessons"
    shutil.copytree(LESSONS, target)
    return target
