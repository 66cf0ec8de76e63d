"""Content tests: the shipped modules read well on paper (`course read`).

How modules are turned into plain text is tested on the fixture courses in test_plain_text.py;
these tests are about what the shipped lessons say, and fail when a lesson is written in a way
that does not survive being printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.loader import load_course
from course.model import Module
from course.paper_text import cells
from course.plain_text import module_text
from course.support import Region, load_support

SHIPPED = Path(__file__).resolve().parents[2] / "lessons"
COURSE = load_course(SHIPPED)
SUPPORT = load_support(SHIPPED)
KEY_NAMES = re.compile(r"\b(?:F(?:[1-9]|1[0-2])|Enter|Esc|Escape|Ctrl|Alt|Tab|PageUp|PageDown)\b")
PRESS_A_KEY = re.compile(r"\bpress(?:es|ing)?\s+(?:the\s+)?(?:\w\b|F\d|Enter|Esc|Ctrl|Space|Tab|keys?\b)", re.IGNORECASE)
TIMER = re.compile(r"\btimers?\b", re.IGNORECASE)


def on_paper(module: Module, regions: list[Region] | None = None, width: int = 100) -> str:
    return module_text(module, SUPPORT.for_region(None) if regions is None else regions, width)


def module_four() -> Module:
    module = COURSE.find("when-to-reach-for-help")
    assert module is not None
    return module


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_no_key_or_timer_wording_reaches_paper_in_a_shipped_module(module: Module) -> None:
    text = on_paper(module)
    found = [m.group() for pattern in (KEY_NAMES, PRESS_A_KEY, TIMER) for m in pattern.finditer(text)]
    assert found == []


@pytest.mark.parametrize("width", [30, 45, 78])
@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_every_line_of_a_shipped_module_fits_the_width(module: Module, width: int) -> None:
    lines = module_text(module, SUPPORT.for_region("CA"), width).splitlines()
    assert [line for line in lines if cells(line) > width] == []


def test_a_quote_between_list_items_reads_whole_in_module_four() -> None:
    text = on_paper(module_four(), width=1000)
    assert (
        "  | Hi, I'm looking for someone who works with attachment or relational trauma. I often pull away"
        " when people get close, and I'd like help with that. Do you offer a short first call?"
    ) in text.splitlines()
    assert not [line for line in text.splitlines() if line.startswith(("and one way", "away when"))]


def test_module_four_says_how_long_its_practice_takes_in_words() -> None:
    text = on_paper(module_four())
    assert "Take about 4 minutes, or as long as you like." in text


def test_screen_references_in_module_four_read_naturally_on_paper() -> None:
    text = " ".join(on_paper(module_four()).split())
    assert "please stop here and turn to the crisis lines for your region at the end of this text, or call" in text
    assert "straight away; the crisis lines for your region are at the end of this text." in text
    assert "Go at your own pace. The support lines at the end of this text are there whenever you need them." in text
