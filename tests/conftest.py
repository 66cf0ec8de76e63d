"""Shared fixtures: every test gets its own data folder and a clean, predictable environment."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from driving import Notified
from terminal import FIXTURE_COURSE


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Nothing from the developer's machine leaks in: no colour or theme overrides, no real data,
    and no room of theirs (a room's hub lives in the runtime folder, one room per user)."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL", "COURSE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    return data


@pytest.fixture
def data_dir(clean_environment: Path) -> Path:
    """The test's private learner data folder (not yet created)."""
    return clean_environment


@pytest.fixture
def fixture_as_built_in(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture course stands in for the built-in lessons, and its support lines for theirs.

    For a test of a lessons folder that leans on what is built in (a folder with no support file
    of its own shows the built-in crisis lines), so it owns that data too.
    """
    import course.app
    import course.cli
    import course.loader
    import course.support

    for module in (course.loader, course.cli, course.app, course.support):
        monkeypatch.setattr(module, "default_lessons_dir", lambda: FIXTURE_COURSE)
    return FIXTURE_COURSE


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture course, for a test that changes or breaks its files."""
    return Path(shutil.copytree(FIXTURE_COURSE, tmp_path / "lessons"))


@pytest.fixture
def notifications(monkeypatch: pytest.MonkeyPatch) -> list[Notified]:
    """Every notification an app raises during the test, in order.

    Recorded at Textual's public `App.notify`, which the course's own `notify` ends by calling, so
    each holds the words the learner is shown (after the course has made them harmless).
    """
    from textual.app import App

    shown: list[Notified] = []
    notify = App.notify

    def recording(self: App[Any], message: str, **options: Any) -> None:
        shown.append(Notified(message, options.get("title", ""), options.get("severity", "information")))
        notify(self, message, **options)

    monkeypatch.setattr(App, "notify", recording)
    return shown
