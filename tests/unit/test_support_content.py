"""Content tests: the shipped support file has the verified lines, each with its source.

The machinery of support lines is tested on the fixture courses' support files (test_support.py);
these tests are about what the shipped file says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.support import load_support

DIRECTORY = load_support(Path(__file__).resolve().parents[2] / "lessons")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CA", ["CA"]),
        ("CA-BC", ["CA-BC", "CA"]),
        ("US", ["US"]),
        ("GB", ["GB"]),
        ("IE", ["IE"]),
        ("AU", ["AU"]),
        ("DE", ["EU", "INTL"]),
        ("JP", ["INTL"]),
        (None, ["INTL"]),
    ],
)
def test_the_shipped_file_has_lines_for_each_region_it_names(code: str | None, expected: list[str]) -> None:
    assert [r.code for r in DIRECTORY.for_region(code)] == expected


def test_the_verified_numbers_are_the_ones_shipped() -> None:
    contacts = {s.contact for r in DIRECTORY.regions.values() for s in r.services}
    assert "Call or text 988" in contacts
    assert "Call 116 123" in contacts
    assert "Call 13 11 14" in contacts
    assert DIRECTORY.regions["AU"].emergency == "000"
    assert all(s.source for r in DIRECTORY.regions.values() for s in r.services)
