"""A 100,000-character reflection and a 2,000-line reading: saved, shown and read back intact."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from commands import as_rendered
from driving import open_module
from terminal import FIXTURE_COURSE

from course.app import CourseApp, make_app
from course.cli import build_parser, main
from course.loader import load_course
from course.progress import ProgressStore
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen
from course.widgets.markdown_text import MarkdownText
from course.widgets.reflect_view import ReflectionBox

COURSE = load_course(FIXTURE_COURSE)
MODULE = COURSE.modules[0]
REFLECT = next(step for step in MODULE.steps if step.kind == "reflect")
LENGTH = 100_000


def long_text(seed: str) -> str:
    """100,000 characters of varied writing: accents, CJK, emoji, Markdown and TOML-ish marks,
    quotes and backslashes, long and empty lines; no trailing whitespace."""
    pieces = [
        f"{seed} line {{n}}: I noticed I pulled away again — déjà vu, 距離, 🙂, *not* a heading # [x] \"q\" \\ 'a'",
        "",
        "a-very-long-line-without-spaces-" * 9,
        "- a list item that is not a list item in a reflection, {n}",
    ]
    out: list[str] = []
    n = 0
    while sum(len(p) + 1 for p in out) < LENGTH:
        out.append(pieces[n % len(pieces)].format(n=n))
        n += 1
    text = "\n".join(out)[: LENGTH - 1].rstrip()
    return text + "." * (LENGTH - len(text))


def has_export() -> bool:
    commands = next(a for a in build_parser()._actions if a.dest == "command")
    return "export" in getattr(commands, "choices", {})


async def open_module_at_saved_step(app: CourseApp, pilot) -> PlayerScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    return await open_module(pilot)


def test_a_100k_character_reflection_round_trips_through_the_store(data_dir: Path) -> None:
    text = long_text("stored")
    assert len(text) == LENGTH
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(MODULE.id, REFLECT.id, text)
    store.close()
    again = ProgressStore.in_folder(data_dir)
    assert again.reflection(MODULE.id, REFLECT.id) == text
    assert [r.text for r in again.reflections()] == [text]
    again.close()


async def test_a_100k_character_reflection_is_shown_edited_and_saved_by_the_app(data_dir: Path) -> None:
    first, second = long_text("first"), long_text("second")[:-2] + "xx"
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(MODULE.id, REFLECT.id, first)
    store.move_to(MODULE.id, REFLECT.id)  # so the module resumes on the reflection
    store.close()

    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module_at_saved_step(app, pilot)
        box = player.query_one(ReflectionBox)
        assert box.text == first, "the box must hold the whole saved reflection"
        box.text = second[:-2]  # set through the widget: typing 100k keys would take minutes
        await pilot.press("w")  # start writing, at the end of the text
        assert box.has_focus and box.cursor_location == box.document.end
        await pilot.press("x", "x")  # ...and the last two characters really typed
        await pilot.press("ctrl+n")  # save and move on, from inside the box
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.index == player.module.steps.index(REFLECT) + 1

    again = ProgressStore.in_folder(data_dir)
    assert again.reflection(MODULE.id, REFLECT.id) == second
    again.close()

    # Opened once more, the box shows the new text in full.
    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module_at_saved_step(app, pilot)
        await pilot.press("left")
        await pilot.pause()
        assert player.query_one(ReflectionBox).text == second


def test_the_export_holds_the_whole_100k_character_reflection(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not has_export():
        pytest.skip("this version of course has no `export` command")
    text = long_text("exported")
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(MODULE.id, REFLECT.id, text)
    store.close()

    assert main(["--lessons", str(FIXTURE_COURSE), "export"]) == 0
    assert text in as_rendered(capsys.readouterr().out)

    target = tmp_path / "export.md"
    assert main(["--lessons", str(FIXTURE_COURSE), "export", "--output", str(target)]) == 0
    assert text in as_rendered(target.read_text(encoding="utf-8"))


LINES = 2000


def long_lesson(folder: Path) -> str:
    body = "\n".join(
        f"- item {n:04d}: a short line of the reading, long enough to mean something"
        for n in range(1, LINES)
    ) + "\n- END-OF-THE-LONG-READING"
    assert body.count("\n") + 1 == LINES
    folder.mkdir()
    (folder / "01-long.toml").write_text(
        textwrap.dedent(
            '''\
            id = "long"
            title = "A long reading"
            summary = "Two thousand lines."
            minutes = 30

            [[steps]]
            id = "long-read"
            kind = "read"
            title = "The long part"
            body = """
            {body}
            """

            [[steps]]
            id = "after"
            kind = "reflect"
            title = "After"
            prompt = "How was that?"
            '''
        ).replace("{body}", body),
        encoding="utf-8",
    )
    return body


async def test_a_2000_line_reading_loads_shows_whole_and_scrolls_to_its_end(
    tmp_path: Path, data_dir: Path, fixture_as_built_in: Path
) -> None:
    lessons = tmp_path / "lessons"
    body = long_lesson(lessons)
    step = load_course(lessons).modules[0].steps[0]
    assert step.body == body  # type: ignore[attr-defined]

    app = make_app(lessons, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module_at_saved_step(app, pilot)
        reading = player.query_one(MarkdownText)
        assert reading.source == body
        assert reading.size.height >= LINES, "every line of the reading is laid out"
        content = player.query_one("#content")
        assert content.max_scroll_y >= LINES - content.size.height
        assert "END-OF-THE-LONG-READING" not in app.export_screenshot()
        content.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "END-OF-THE-LONG-READING" in app.export_screenshot()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.index == 1

    store = ProgressStore.in_folder(data_dir)
    assert store.completed("long") == {"long-read"}
    store.close()
