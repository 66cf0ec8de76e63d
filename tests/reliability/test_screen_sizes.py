"""Every step of the long fixture course at small to large terminal sizes: no crash, and no text
cut off without a way to scroll to it. The course's every text runs long, so at the small sizes
steps and notes really are taller than the screen.

"Not cut off" is checked on the layout Textual actually made, for a scrolling container C:

* C itself lies inside every ancestor on screen (an ancestor does not hide part of it);
* every widget inside C lies inside its parent (a plain container does not clip a child), and
  every text widget is at least as tall as its text needs at its width;
* C's virtual height reaches the bottom of its last child, and C can scroll that far: at the
  top the first child's top row is inside C's viewport, and after scrolling to the end the last
  child's bottom row is. Nested scrolling widgets (option lists, the reflection box) scroll
  themselves and count as single blocks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import LONG_COURSE
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Static

from course.app import make_app
from course.loader import load_course
from course.progress import ProgressStore
from course.screens.completion import CompletionScreen
from course.screens.content_note import ContentNoteScreen
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen
from course.widgets.markdown_text import MarkdownText

COURSE = load_course(LONG_COURSE)
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60)]


def contains(outer: Region, inner: Region) -> bool:
    return (
        outer.x <= inner.x
        and outer.y <= inner.y
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


def scrolls(widget: Widget) -> bool:
    """Whether the widget scrolls its own content (Widget.is_scrollable is true of any container)."""
    return isinstance(widget, ScrollView) or widget.styles.overflow_y in ("auto", "scroll")


def shown(widget: Widget) -> bool:
    return widget.display and widget.styles.visibility != "hidden"


def problems_inside(container: Widget, where: str) -> list[str]:
    """Widgets inside a scrolling container that are clipped or taller than their box allows."""
    found: list[str] = []

    def visit(parent: Widget) -> None:
        for child in parent.children:
            if not shown(child):
                continue
            name = f"{where}: {type(child).__name__}#{child.id or ''}"
            if parent is container:
                if child.virtual_region.right > container.scrollable_content_region.width:
                    found.append(f"{name} is wider than the view and cannot scroll sideways")
            elif not contains(parent.region, child.region):
                found.append(f"{name} at {child.region} is clipped by its parent at {parent.region}")
            if isinstance(child, Static) and child.content_size.width > 0:
                needed = child.get_content_height(parent.content_size, child.app.size, child.content_size.width)
                if child.content_size.height < needed:
                    found.append(f"{name} shows {child.content_size.height} of {needed} lines")
            if not scrolls(child):  # a nested scroller scrolls its own content
                visit(child)

    visit(container)
    return found


async def assert_can_show_everything(pilot, container: Widget, where: str) -> None:  # type: ignore[no-untyped-def]
    screen = container.screen
    assert container.region.height > 0, f"{where}: no room at all for the content"
    node: Widget = container
    while node is not screen:  # no ancestor hides part of the scrolling area, unless it scrolls to it
        parent = node.parent
        assert isinstance(parent, Widget)
        if scrolls(parent):
            if node.virtual_region_with_margin.bottom > parent.virtual_size.height:
                pytest.fail(f"{where}: {parent!r} cannot scroll far enough to show all of {node!r}")
            break
        if not contains(parent.region, container.region):
            pytest.fail(f"{where}: the scrolling area {container.region} is cut off by {parent!r} at {parent.region}")
        node = parent
    assert contains(screen.region, container.region), f"{where}: {container.region} is off the screen"

    problems = problems_inside(container, where)
    assert not problems, "\n".join(problems)

    children = [c for c in container.children if shown(c)]
    assert children
    bottom = max(c.virtual_region_with_margin.bottom for c in children)
    assert container.virtual_size.height >= bottom, f"{where}: content {bottom} rows, scrollable {container.virtual_size.height}"
    assert container.max_scroll_y >= 0
    if container.max_scroll_y > 0:
        assert container.allow_vertical_scroll, f"{where}: more content than room, but no scrolling allowed"
    viewport = container.scrollable_content_region

    assert container.scroll_y == 0, f"{where}: it should open at its top, not scrolled down"
    assert children[0].region.y >= viewport.y, f"{where}: at the top, the first rows are out of view"
    container.scroll_end(animate=False, immediate=True)
    await pilot.pause()
    last = children[-1]
    assert last.region.bottom <= viewport.bottom, f"{where}: scrolled to the end, the last rows are still out of view"


def step_title(screen: PlayerScreen) -> str:
    return str(screen.query_one("#step-title", Static).render())


async def answer_content_note(pilot, notes_seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    while isinstance(pilot.app.screen, ContentNoteScreen):
        notes_seen.append(pilot.app.screen.note_title)
        await pilot.press("enter")
        await pilot.pause()


@pytest.mark.parametrize("module_index", [0, 1], ids=["module-1", "module-2"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_step_can_show_all_its_text_at_every_size(
    data_dir: Path, size: tuple[int, int], module_index: int
) -> None:
    module = COURSE.modules[module_index]
    app = make_app(LONG_COURSE, data_dir)
    notes: list[str] = []
    taller_than_the_screen = 0
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for _ in range(module_index):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        await answer_content_note(pilot, notes)
        for number, step in enumerate(module.steps, start=1):
            screen = app.screen
            assert isinstance(screen, PlayerScreen), f"step {number}: {screen!r} instead of the player"
            assert step_title(screen) == step.title
            where = f"{size[0]}x{size[1]} module {module.number} step {number} ({step.kind})"
            content = screen.query_one("#content")
            taller_than_the_screen += content.max_scroll_y > 0
            await assert_can_show_everything(pilot, content, where)
            await pilot.press("ctrl+n")
            await answer_content_note(pilot, notes)
        assert isinstance(app.screen, CompletionScreen)
    assert (module.title in notes) == (module_index == 0), "only the first module has a note before it"
    if size == SIZES[0]:
        assert taller_than_the_screen >= len(module.steps) / 2, "at the smallest size most steps must scroll"
    store = ProgressStore.in_folder(data_dir)
    position = store.position(module.id)
    assert position is not None and position.finished_at is not None
    assert store.completed(module.id) == {s.id for s in module.steps}
    store.close()


def scrolling_ancestor(widget: Widget) -> Widget | None:
    node = widget.parent
    while isinstance(node, Widget) and not node.is_dom_root:
        if scrolls(node):
            return node
        node = node.parent
    return None


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_module_content_note_can_be_read_in_full_at_every_size(data_dir: Path, size: tuple[int, int]) -> None:
    """The note before a hard module, and its Enter / s / F1 / Esc choices, must be readable (or
    reachable by scrolling) on a small terminal too."""
    app = make_app(LONG_COURSE, data_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContentNoteScreen)
        where = f"{size[0]}x{size[1]} content note"
        note = screen.query_one(MarkdownText)
        choices = screen.query_one("#note-choices")
        scroller = scrolling_ancestor(note)
        if scroller is None:  # nothing scrolls: all of it must be on screen as laid out
            for part in (note, choices):
                assert contains(screen.region, part.region), f"{where}: {part!r} at {part.region} is off the screen"
                assert isinstance(part.parent, Widget) and contains(part.parent.region, part.region), (
                    f"{where}: {part!r} at {part.region} is cut off by {part.parent!r} at {part.parent.region}"
                )
            return
        if scrolling_ancestor(choices) is not scroller:  # outside the scrolling part: always in view
            assert contains(screen.region, choices.region), f"{where}: the choices at {choices.region} are off the screen"
        await assert_can_show_everything(pilot, scroller, where)
