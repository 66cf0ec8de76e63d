"""Text that looks like markup, actions or escape codes is shown and printed exactly as written.

A corpus of hostile strings goes through every text field a lesson, a support file, the contact
dialog, a profile name and a reflection can fill; each must come out literally on screen and in
`list`, `read` and `export`, and no control character may reach a terminal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from commands import as_rendered
from driving import past_notes
from terminal import FIXTURE_COURSE
from textual.screen import ModalScreen

from course.app import CourseApp, make_app
from course.cli import main
from course.mode import Mode
from course.progress import ProgressStore
from course.screens.help import HelpScreen
from course.screens.player import PlayerScreen
from course.screens.region import RegionScreen
from course.terminal_text import first_control_character

# Each is shown on one line at 100 columns, so it can be found whole on the screen.
HOSTILE = [
    "Sam [/] (sister)",
    "[/red] oops",
    "[link=https://x.example]x[/link]",
    "[@click=app.screenshot('/tmp/x')]click me[/]",
    "see [1] and [sic]",
    "[b]not bold[/b] [on red]",
    "$text-muted and $accent",
    "שלום עולם, مرحبا بالعالم",
    "e\u0301\u0301 a\u0308 n\u0303",
    "漢字とかな 🙂",
]
LONG_WORD = "x" * 400
ESCAPES = ["\x1b]0;pwned\x07", "\x1b]52;c;aGVsbG8=\x07", "\x1b[2J", "\x9b31m", "\x00\x08\x7f"]


BOX = str.maketrans("", "", "│╭╮╰╯─▊▎▔▁")


def screen_text(app: CourseApp) -> str:
    """What the terminal shows, as one flowing text: borders gone, wrapped lines joined.

    Over a dialog, only the dialog's box is read: the screen behind it shows at its sides.
    """
    strips = app.screen._compositor.render_strips()
    box = app.screen.children[0].region if isinstance(app.screen, ModalScreen) else None
    if box is not None:
        strips = [strip.crop(box.x, box.right) for strip in strips[box.y : box.bottom]]
    lines = (strip.text.translate(BOX) for strip in strips)
    return " ".join(" ".join(lines).split())


def flowing(text: str) -> str:
    return " ".join(text.split())


def toml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def hostile_course(folder: Path, text: str) -> Path:
    """The fixture course with the text in every text field a learner sees."""
    shutil.copytree(FIXTURE_COURSE, folder)
    module = folder / "01-first-steps.toml"
    source = module.read_text(encoding="utf-8")
    for plain in ("First steps", "A fixture module with one step of every kind.", "A reading", "Your thoughts",
                  "A check-in", "The first", "The second", "A practice", "Familiar?", "A statement.",
                  "Another statement.", "A heavier reading"):
        source = source.replace(toml_text(plain), toml_text(f"{plain} {text}"))
    for markdown in ("Feedback for the first.", "Its reflection.", "A fixture content note before the module."):
        source = source.replace(toml_text(markdown), toml_text(f"{markdown} {text}"))
    module.write_text(source, encoding="utf-8")
    return folder


async def walk_every_step(pilot: Any) -> list[str]:
    """The screen's text on home, the content note and every step of module 1 (choices picked)."""
    app = pilot.app
    seen = [screen_text(app)]
    await pilot.press("enter")
    await pilot.pause()
    seen.append(screen_text(app))
    await past_notes(pilot)
    while isinstance(app.screen, PlayerScreen):
        await pilot.press("enter") if app.screen.view and app.screen.view.step.kind in {"check", "self-check"} else None
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("ctrl+n")
        await past_notes(pilot)
    seen.append(screen_text(app))
    return seen


@pytest.mark.parametrize("text", HOSTILE)
async def test_lesson_text_is_shown_as_written_on_every_screen(text: str, tmp_path: Path, data_dir: Path) -> None:
    app = make_app(hostile_course(tmp_path / "lessons", text), data_dir, "US")
    async with app.run_test(size=(100, 40)) as pilot:
        screens = await walk_every_step(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    shown = "\n".join(screens)
    for field in ("First steps", "A reading", "A check-in", "The second", "Familiar?", "Feedback for the first.",
                  "Its reflection.", "A heavier reading", "A fixture content note before the module."):
        assert flowing(f"{field} {text}") in shown, f"{field!r} with {text!r} is not shown as written"


async def test_a_very_long_word_wraps_or_scrolls_without_breaking(tmp_path: Path, data_dir: Path) -> None:
    app = make_app(hostile_course(tmp_path / "lessons", LONG_WORD), data_dir, "US")
    async with app.run_test(size=(40, 12)) as pilot:
        screens = await walk_every_step(pilot)
    assert len(screens) >= 8


@pytest.mark.parametrize("text", HOSTILE)
async def test_support_lines_and_people_are_listed_as_written(text: str, tmp_path: Path, data_dir: Path) -> None:
    lessons = shutil.copytree(FIXTURE_COURSE, tmp_path / "lessons")
    support = lessons / "support.toml"
    source = support.read_text(encoding="utf-8")
    for plain in ("United States", "Fixture Line", "Call 000-FIXTURE", "Around the clock"):
        source = source.replace(toml_text(plain), toml_text(f"{plain} {text}"))
    support.write_text(source, encoding="utf-8")
    store = ProgressStore.in_folder(data_dir)
    store.save_contact(text, f"reach {text}", f"note {text}")
    store.close()
    app = make_app(lessons, data_dir, "US")
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(3):  # F1 keeps answering, again and again
            await pilot.press("f1")
            await pilot.pause()
            help_text = screen_text(app)
            await pilot.press("f1")
            await pilot.pause()
        await pilot.press("f1", "c")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        regions = screen_text(app)
        await pilot.press("escape", "d")
        await pilot.pause()
        confirm = screen_text(app)
    for expected in (f"United States {text}", f"Fixture Line {text}", f"Call 000-FIXTURE {text}", f"{text}: reach {text}"):
        assert flowing(expected) in help_text, f"{expected!r} is not shown as written"
    assert flowing(f"United States {text}") in regions
    assert flowing(f"Remove {text} from your people?") in confirm


async def test_a_profile_name_that_looks_like_markup_is_refused_calmly(data_dir: Path) -> None:
    app = make_app(FIXTURE_COURSE, data_dir, "US", Mode(served=True, ask_profile=True))
    async with app.run_test(size=(80, 24)) as pilot:
        for text in HOSTILE[:5]:
            await pilot.press(*text, "enter")
            await pilot.pause()
            assert "Use up to 32 letters" in screen_text(app)
            await pilot.press(*["backspace"] * len(text))


async def test_a_reflection_keeps_what_was_typed_and_pasted(data_dir: Path) -> None:
    from textual import events

    text = " ".join(HOSTILE[:5])
    app = make_app(FIXTURE_COURSE, data_dir, "US")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await past_notes(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("w", *text)
        app.post_message(events.Paste(" " + "".join(ESCAPES)))
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
    saved = ProgressStore.in_folder(data_dir).reflection("first-steps", "thoughts")
    assert saved == text + " " + "".join(ESCAPES)


@pytest.mark.parametrize("command", [["list"], ["read", "1"], ["export"], ["export", "-o", "{out}"]])
def test_commands_print_hostile_text_literally_and_no_control_character(
    command: list[str], tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = " ".join(HOSTILE)
    lessons = hostile_course(tmp_path / "lessons", text)
    store = ProgressStore.in_folder(data_dir)
    store.move_to("first-steps", "thoughts", completed="reading")
    store.save_reflection("first-steps", "thoughts", text + "".join(ESCAPES))
    store.save_contact(text + ESCAPES[0], "reach" + ESCAPES[1], "note" + ESCAPES[2])
    store.close()
    out = tmp_path / "export.md"
    assert main(["--lessons", str(lessons), *(part.format(out=out) for part in command)]) == 0
    printed, errors = capsys.readouterr()
    if command[-1] == "{out}":
        printed = out.read_text(encoding="utf-8")
    assert first_control_character(printed + errors) is None
    if command[0] == "export":  # Markdown: what matters is what a viewer shows
        printed = as_rendered(printed)
    assert flowing(f"Your thoughts {text}") in flowing(printed)
    if command[0] == "export":
        assert text in printed and "␛]0;pwned␇" in printed
