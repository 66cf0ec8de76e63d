"""Crisis lines by region: the most local lines first, stale entries flagged, a broken file named.

These tests read the support files of the fixture courses (the long one has several regions,
all made up); the shipped support file's own lines are checked in test_support_content.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from terminal import LONG_COURSE

from course.cli import main
from course.loader import LessonError
from course.support import load_support, region_from_locale

DIRECTORY = load_support(LONG_COURSE)  # every service in it was last checked 2026-11


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CA", ["CA"]),
        ("CA-BC", ["CA-BC", "CA"]),
        ("ca-bc", ["CA-BC", "CA"]),
        ("GB", ["GB"]),
        ("AU", ["AU"]),
        ("DE", ["EU", "INTL"]),
        ("JP", ["INTL"]),
        (None, ["INTL"]),
    ],
)
def test_each_region_shows_its_own_lines_most_local_first(code: str | None, expected: list[str]) -> None:
    assert [r.code for r in DIRECTORY.for_region(code)] == expected


def test_entries_older_than_a_year_are_warned_about() -> None:
    assert DIRECTORY.stale(dt.date(2026, 12, 1)) == []
    assert DIRECTORY.stale(dt.date(2027, 11, 1)) == []  # a year to the day after 2026-11: still fresh
    warnings = DIRECTORY.stale(dt.date(2027, 11, 2))
    assert len(warnings) == sum(len(r.services) for r in DIRECTORY.regions.values())
    assert warnings[0].startswith("support.toml: regions.")


def test_validate_prints_stale_warnings_but_passes(capsys: pytest.CaptureFixture[str], course_copy: Path) -> None:
    # `course validate` asks about today: every line checked this month but one, two years back.
    support = course_copy / "support.toml"
    fresh = re.sub(r'checked = "[0-9-]+"', f'checked = "{dt.date.today():%Y-%m}"', support.read_text())
    support.write_text(re.sub(r'checked = "[0-9-]+"', 'checked = "2024-01"', fresh, count=1))
    assert main(["validate", str(course_copy)]) == 0
    out = capsys.readouterr().out
    assert "warning: support.toml: regions.US: 'Fixture Line' was last checked 2024-01" in out
    assert out.strip().endswith("1 warning.")


def test_a_broken_support_file_is_named_with_place_and_fix(tmp_path: Path) -> None:
    (tmp_path / "support.toml").write_text('[regions.CA]\nname = "Canada"\n[[regions.CA.services]]\nname = "x"\nchecked = "soon"\n')
    with pytest.raises(LessonError) as caught:
        load_support(tmp_path)
    problems = caught.value.problems
    assert any("regions.CA, emergency: missing or empty" in p for p in problems)
    assert any("regions.CA, service 1, contact: missing or empty" in p for p in problems)
    assert any("regions.CA, service 1, checked: 'soon' is not a date" in p for p in problems)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({"LANG": "en_CA.UTF-8"}, "CA"), ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US"}, "FR"), ({"LANG": "C.UTF-8"}, None), ({}, None)],
)
def test_the_region_can_come_from_the_locale(environ: dict[str, str], expected: str | None) -> None:
    assert region_from_locale(environ) == expected


@pytest.mark.parametrize(
    ("asked", "known"),
    [("UK", "GB"), ("uk", "GB"), ("gb", "GB"), ("CA-BC", "CA-BC"), ("CA-ON", "CA-ON"), ("DE", "DE"),
     ("XX", None), ("", None), ("x[b]", None), ("INTLX", None)],
)
def test_a_region_code_is_known_by_its_usual_names_or_not_at_all(asked: str, known: str | None) -> None:
    assert DIRECTORY.known_code(asked) == known


@pytest.mark.parametrize("argv", [["--region", "XX", "list"], ["--region", "XX"], ["--region", "[red]XX", "read", "1"]])
def test_an_unknown_region_is_a_one_line_error_naming_the_known_ones(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["--lessons", str(LONG_COURSE), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no crisis lines for that region" in err and "GB" in err
