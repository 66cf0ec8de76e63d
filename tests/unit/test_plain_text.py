"""`course read`: a module as plain text that reads well on paper and to a screen reader.

Modules and support lines come from the fixture courses; what the shipped lessons say on paper
is checked in test_lesson_content_on_paper.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from terminal import FIXTURE_COURSE, LONG_COURSE

from course.cli import main, read_module
from course.loader import load_course
from course.markdown_reader import inline_text
from course.model import Module
from course.paper_text import cells, duration, markdown_lines, wrap
from course.plain_text import module_text
from course.steps.check import CheckStep
from course.steps.read import ReadStep
from course.support import Region, load_support

COURSE = load_course(FIXTURE_COURSE)
SUPPORT = load_support(FIXTURE_COURSE)
LONG = load_course(LONG_COURSE)
EVERY_MODULE = [*COURSE.modules, *LONG.modules]
WIDE_AND_COMBINING = [
    "漢字かな交じり文を折り返す",
    "😀 emoji 👩\u200d💻 and ❤\ufe0f hearts",
    "e\u0301 cafe\u0301 na\u0308ive",
    "Ａｂｃ fullwidth　ideographic space",
    "שלום עולם",
    "مَرْحَبًا بِكُمْ",
]


def on_paper(module: Module, regions: list[Region] | None = None, width: int = 100) -> str:
    return module_text(module, SUPPORT.for_region(None) if regions is None else regions, width)


def lines_of(region: Region) -> list[str]:
    """What the support section says for a region: its name, then each service as support.toml has it."""
    lines = [f"{region.name}:"]
    for service in region.services:
        lines += [f"  - {service.name}", f"    {service.contact}"] + ([f"    {service.hours}"] if service.hours else [])
    return lines


# Blocks


def test_consecutive_quote_lines_are_one_quoted_paragraph() -> None:
    quote = "> Hi, I'm looking for someone. I often pull\n> away when people get close."
    assert markdown_lines(quote, 100) == ["  | Hi, I'm looking for someone. I often pull away when people get close."]


def test_a_quote_line_without_its_marker_continues_the_quoted_paragraph() -> None:
    assert markdown_lines("> I often pull\naway when people get close.", 100) == [
        "  | I often pull away when people get close."
    ]


def test_an_empty_quote_line_separates_quoted_paragraphs() -> None:
    assert markdown_lines("> One.\n>\n> Two.", 100) == ["  | One.", "  |", "  | Two."]


def test_indented_lines_after_a_list_item_belong_to_it_and_the_paragraph_after_stands_alone() -> None:
    text = "- **Name one trusted person**. Write down their name\n  and one way you'd reach them.\n\nNotice how it feels."
    assert markdown_lines(text, 100) == [
        "  - Name one trusted person. Write down their name and one way you'd reach them.",
        "",
        "Notice how it feels.",
    ]


def test_numbered_lists_keep_their_numbers_and_nested_lists_indent() -> None:
    assert markdown_lines("3. three\n4. four\n   - inside", 100) == ["  3. three", "  4. four", "       - inside"]


def test_a_heading_is_its_text_on_a_line_of_its_own() -> None:
    assert markdown_lines("# What *you* can do\nSome text.\n\n## Next ##", 100) == [
        "What you can do",
        "",
        "Some text.",
        "",
        "Next",
    ]


# Inlines


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("Save it as file_name_here.", "Save it as file_name_here."),
        ("snake_case_words and a_b_c", "snake_case_words and a_b_c"),
        ("*gently*, **at any point**, _slowly_", "gently, at any point, slowly"),
        ("**strong *and emphasis***", "strong and emphasis"),
        ("use `file_name_here` and `a * b`", "use file_name_here and a * b"),
        ("\\*not emphasis\\* and a \\_ and \\\\", "*not emphasis* and a _ and \\"),
        ("2 * 3 * 4 and a lone * star", "2 * 3 * 4 and a lone * star"),
        ("[988lifeline.org](https://988lifeline.org)", "988lifeline.org (https://988lifeline.org)"),
        ('[a site](<https://example.org/a b> "title")', "a site (https://example.org/a b)"),
        ("[https://example.org](https://example.org)", "https://example.org"),
        ("<https://example.org>", "https://example.org"),
        ("[red] and [brackets] stay", "[red] and [brackets] stay"),
    ],
)
def test_inline_markdown_shows_its_words_as_commonmark_reads_them(markdown: str, shown: str) -> None:
    assert inline_text(markdown) == shown


def test_a_line_break_is_a_space_unless_it_is_hard() -> None:
    assert markdown_lines("one\ntwo  \nthree\\\nfour", 100) == ["one two", "three", "four"]


# Width


@pytest.mark.parametrize("text", WIDE_AND_COMBINING)
@pytest.mark.parametrize("width", [2, 3, 7, 10, 13])
def test_wide_and_combining_characters_never_overflow_the_width(text: str, width: int) -> None:
    lines = wrap(" ".join([text] * 4), width)
    assert all(cells(line) <= width and cell_len(line) <= width for line in lines), lines


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "bb", "漢", "😀", "e\u0301", "\u200b", "❤\ufe0f", "ש", "Ａ", " ", "  "]), max_size=60),
    st.integers(min_value=4, max_value=30),
)
def test_no_mix_of_characters_overflows_and_nothing_is_lost(parts: list[str], width: int) -> None:
    text = "".join(parts)
    lines = wrap(text, width, "  ", "  ")
    assert all(cells(line) <= width and cell_len(line) <= width for line in lines), lines
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_word_that_fits_a_line_is_never_split() -> None:
    assert wrap("aaa bbbb 漢字漢字 cccccc", 8) == ["aaa bbbb", "漢字漢字", "cccccc"]


def test_a_word_wider_than_the_line_breaks_at_the_width() -> None:
    assert wrap("go " + "x" * 25, 10) == ["go", "x" * 10, "x" * 10, "x" * 5]
    assert wrap("漢" * 7, 6) == ["漢漢漢", "漢漢漢", "漢"]
    assert wrap("e\u0301" * 12, 10) == ["e\u0301" * 10, "e\u0301" * 2]


def test_right_to_left_text_is_left_as_written() -> None:
    assert wrap("שלום עולם, مَرْحَبًا", 80) == ["שלום עולם, مَرْحَبًا"]


def test_width_counts_screen_cells() -> None:
    assert [cells(text) for text in ("abc", "漢字", "e\u0301", "😀", "a\u200bb", "Ａ")] == [3, 4, 1, 2, 2, 2]


# Time


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (30, "about 30 seconds"),
        (60, "about a minute"),
        (90, "about a minute and a half"),
        (120, "about 2 minutes"),
        (150, "about 2 and a half minutes"),
        (600, "about 10 minutes"),
    ],
)
def test_a_length_of_time_is_said_as_a_person_would(seconds: int, said: str) -> None:
    assert duration(seconds) == said


@pytest.mark.parametrize(("module", "said"), [(COURSE.modules[0], "about 30 seconds"), (LONG.modules[0], "about a minute and a half")])
def test_a_practice_says_how_long_to_take_in_words(module: Module, said: str) -> None:
    text = on_paper(module)
    assert f"Take {said}, or as long as you like." in text
    assert f"Module {module.number} · about {module.minutes} minutes" in text
    assert " min " not in text and " s," not in text


# Keys, timer and facilitator notes


@pytest.mark.parametrize("module", EVERY_MODULE, ids=[m.id for m in EVERY_MODULE])
def test_facilitator_notes_and_room_questions_are_not_printed(module: Module) -> None:
    text = " ".join(on_paper(module).split())
    for step in module.steps:
        for private in (step.facilitator, step.discuss):
            assert not private or " ".join(private.split())[:60] not in text


def test_the_fixture_has_notes_and_questions_that_must_not_be_printed() -> None:
    assert any(step.facilitator and step.discuss for step in COURSE.modules[0].steps)


@pytest.mark.parametrize(
    ("lesson", "paper"),
    [
        ("Press g for a one-minute pause.", "You can stop and take a pause at any time."),
        ("If it is too much, press g at any time for a one-minute pause", "If it is too much, you can stop and take a pause at any time"),
    ],
)
def test_the_pause_key_reads_as_a_pause_you_may_take_on_paper(lesson: str, paper: str) -> None:
    assert markdown_lines(lesson, 100) == [paper]


def test_a_sentence_without_a_known_phrasing_is_left_as_written() -> None:
    assert markdown_lines("Press Esc to go back, or press F1 now.", 100) == ["Press Esc to go back, or press F1 now."]


# Worksheet


def noted_module(covers: int) -> Module:
    """Three readings, the first with a content note over `covers` of them."""
    steps = [ReadStep(id=f"s{n}", title=f"Step {n}", body="Words.") for n in range(1, 4)]
    steps[0] = steps[0].replace(content_note="These turn toward old hurt.", content_note_covers=covers)
    return Module(id="m", title="M", summary="S.", minutes=5, steps=tuple(steps), number=1)


@pytest.mark.parametrize(
    ("covers", "heading"),
    [
        (1, "Content note:"),
        (2, "Content note (this step and the next step):"),
        (3, "Content note (this step and the next 2):"),
    ],
)
def test_a_content_note_says_how_many_steps_it_covers(covers: int, heading: str) -> None:
    text = module_text(noted_module(covers), [], 100).splitlines()
    assert text[text.index("1. Step 1 (Reading)") + 2:][:2] == [heading, "These turn toward old hurt."]


def test_a_reflection_asks_its_question_with_lines_to_write_on() -> None:
    text = on_paper(COURSE.modules[0], width=60).splitlines()
    at = text.index("A question to think about:")
    assert text[at + 1] == "What comes to mind?"
    assert text.count("_" * 60) >= 3 and "_" * 60 in text[at + 3:at + 9]


def test_a_check_in_lists_its_choices_then_what_each_answer_means() -> None:
    module = COURSE.modules[0]
    text = on_paper(module, width=1000).splitlines()
    check = next(step for step in module.steps if isinstance(step, CheckStep))
    choices = [text.index(f"  {n}. {choice.text}") for n, choice in enumerate(check.choices, start=1)]
    about = text.index("About each answer:")
    assert choices == sorted(choices) and choices[-1] < about
    assert text[about + 1] == f"  1. {check.choices[0].feedback}"


# Support


def test_with_a_region_the_text_ends_with_that_regions_lines_from_support_toml() -> None:
    text = on_paper(COURSE.modules[0], SUPPORT.for_region("US"))
    region = SUPPORT.regions["US"]
    assert text.splitlines()[-len(lines_of(region)):] == lines_of(region)
    assert f"If you are in danger right now, call {region.emergency}." in text
    assert "Fixture Directory" not in text


def test_without_a_region_the_text_ends_with_the_international_directory() -> None:
    text = on_paper(COURSE.modules[0], SUPPORT.for_region(None)).splitlines()
    world = SUPPORT.regions["INTL"]
    assert text[-len(lines_of(world)) - 2:] == ["If you are in danger right now, call your local emergency number.", "", *lines_of(world)]


def test_read_takes_the_region_from_the_language_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["--lessons", str(FIXTURE_COURSE), "read", "1", "--width", "100"]) == 0
    assert capsys.readouterr().out.splitlines()[-len(lines_of(SUPPORT.regions["US"])):] == lines_of(SUPPORT.regions["US"])


def test_read_module_shows_the_region_it_is_given_from_the_lessons_own_support_file(
    capsys: pytest.CaptureFixture[str], course_copy: Path
) -> None:
    own = (course_copy / "support.toml").read_text().replace("Call 000-FIXTURE", "Call 000-FIXTURE (our copy)")
    (course_copy / "support.toml").write_text(own)
    assert read_module(load_course(course_copy), "1", 100, "US", course_copy) == 0
    assert capsys.readouterr().out.splitlines()[-2] == "    Call 000-FIXTURE (our copy)"


def test_read_with_region_ends_with_that_regions_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert main(["--lessons", str(FIXTURE_COURSE), "--region", "US", "read", "1", "--width", "100"]) == 0
    assert capsys.readouterr().out.splitlines()[-len(lines_of(SUPPORT.regions["US"])):] == lines_of(SUPPORT.regions["US"])


@pytest.mark.parametrize("width", [30, 45, 78])
@pytest.mark.parametrize("module", EVERY_MODULE, ids=[m.id for m in EVERY_MODULE])
def test_every_line_of_a_module_fits_the_width(module: Module, width: int) -> None:
    lines = module_text(module, load_support(LONG_COURSE).for_region("CA"), width).splitlines()
    assert [line for line in lines if cells(line) > width] == []
