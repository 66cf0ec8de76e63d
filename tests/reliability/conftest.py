"""The reliability tests share the fixtures of tests/conftest.py, and its helper modules (commands.py,
driving.py, terminal.py) with the other tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

HERE = Path(__file__).resolve().parent

# Hypothesis keeps a cache even without an example database; keep it beside these tests
# (it ignores itself in git) rather than in whatever folder pytest was started from.
set_hypothesis_home_dir(str(HERE / ".hypothesis"))

from terminal import TerminalSession  # noqa: E402 - tests/ is on the path once pytest has started


@pytest.fixture
def sessions() -> Iterator[list[TerminalSession]]:
    """Course processes on pseudo-terminals that a test starts; killed if still running after it."""
    started: list[TerminalSession] = []
    yield started
    for session in started:
        session.close()
