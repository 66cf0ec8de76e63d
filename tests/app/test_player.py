"""Driving the real app with Pilot: moving, typing, resuming, help, notes and the end of a module."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from driving import forward, open_module

from course.app import CourseApp, make_app
from course.loader import load_course
from course.progress import ProgressStore
from course.screens.completion import CompletionScreen
from course.screens.content_note import ContentNoteScreen
from course.screens.help import HelpScreen
from course.screens.home import HomeScreen, ModuleCard
from course.screens.player import PlayerScreen
from course.widgets.markdown_text import MarkdownText
from course.widgets.practice_view import PracticeTimer

REPO = Path(__file__).resolve().parents[2]
COURSE = load_course(REPO / "lessons")


def app_for(data_dir: Path, lessons: Path = REPO / "lessons") -> CourseApp:
    return make_app(lessons, data_dir)


def step_title(app: CourseApp) -> str:
    return str(app.screen.query_one("#step-title", Static).render())


async def test_home_lists_every_module_and_starts_on_the_first(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        cards = home.query(ModuleCard)
        assert len(cards) == 4
        assert home.query_one("ListView").index == 0
        assert "Welcome." in str(home.query_one("#greeting", Static).render())


async def test_next_and_back_keys_move_and_every_move_is_saved(data_dir: Path) -> None:
    module = COURSE.modules[0]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        assert step_title(app) == module.steps[0].title
        await pilot.press("right")
        await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()
        assert step_title(app) == module.steps[3].title
        assert not isinstance(app.focused, TextArea)  # a reflection: arriving never captures the keys
        await pilot.press("left")
        await pilot.press("p")
        await pilot.pause()
        assert step_title(app) == module.steps[1].title
        position = app.store.position(module.id)
        assert position is not None and position.step_id == module.steps[1].id
        assert app.store.completed(module.id) == {s.id for s in module.steps[:3]}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_typing_is_saved_ctrl_n_moves_on_and_a_restart_resumes_on_the_same_step(data_dir: Path) -> None:
    module = COURSE.modules[0]
    reflect_index = next(i for i, s in enumerate(module.steps) if s.kind == "reflect")
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, reflect_index)
        await pilot.press("enter")  # on a reflection, Enter starts writing
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"not now, maybe")  # 'n' and 'p' are text while typing
        await pilot.press("right", "left", "enter")  # cursor keys edit; Enter is a new line
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert step_title(app) == module.steps[reflect_index + 1].title
        await pilot.press("q")
    saved = ProgressStore.in_folder(data_dir).reflection(module.id, module.steps[reflect_index].id)
    assert saved == "not now, mayb\ne"

    again = app_for(data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        greeting = str(again.screen.query_one("#greeting", Static).render())
        assert "Welcome back" in greeting and module.steps[reflect_index + 1].title in greeting
        await open_module(pilot)
        assert step_title(again) == module.steps[reflect_index + 1].title
        await pilot.press("left")
        await pilot.pause()
        assert again.screen.query_one(TextArea).text == "not now, mayb\ne"


async def test_reflection_is_saved_while_typing_without_leaving_the_step(data_dir: Path) -> None:
    module = COURSE.modules[0]
    reflect_index = next(i for i, s in enumerate(module.steps) if s.kind == "reflect")
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, reflect_index)
        await pilot.press("w", *"safe")
        await pilot.pause(1.0)
        reader = ProgressStore.in_folder(data_dir)
        assert reader.reflection(module.id, module.steps[reflect_index].id) == "safe"


async def test_help_opens_over_home_and_while_typing_and_escape_keeps_the_text(data_dir: Path) -> None:
    module = COURSE.modules[0]
    reflect_index = next(i for i, s in enumerate(module.steps) if s.kind == "reflect")
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await open_module(pilot)
        await forward(pilot, reflect_index)
        await pilot.press("w", *"half a thou")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "If you are in danger right now, call" in str(app.screen.query_one("#danger", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"ght")
        assert app.screen.query_one(TextArea).text == "half a thought"


async def test_a_check_choice_shows_its_feedback_and_is_kept(data_dir: Path) -> None:
    module = COURSE.modules[0]
    index = next(i for i, s in enumerate(module.steps) if s.kind == "check")
    step = module.steps[index]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, index)
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")
        await pilot.pause()
        feedback = app.screen.query_one("#feedback", MarkdownText)
        assert feedback.source == step.choices[1].feedback
        assert feedback.has_class("shown")
        assert app.store.answer(module.id, step.id) == 1


async def test_self_check_reflects_chosen_statements_back(data_dir: Path) -> None:
    module = COURSE.modules[0]
    index = next(i for i, s in enumerate(module.steps) if s.kind == "self-check")
    step = module.steps[index]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, index)
        await pilot.press("enter", "down", "down", "enter", "down", "enter", "up", "enter")
        await pilot.pause()
        assert app.store.answer(module.id, step.id) == [0, 3]
        text = app.screen.query_one("#reflections", MarkdownText).source
        assert step.statements[0].reflection in text  # type: ignore[attr-defined]
        assert step.statements[3].reflection in text  # type: ignore[attr-defined]
        assert step.statements[2].reflection not in text  # type: ignore[attr-defined]
        assert step.summary in text  # type: ignore[attr-defined]


async def test_practice_timer_starts_pauses_and_restarts(data_dir: Path) -> None:
    module = COURSE.modules[1]
    index = next(i for i, s in enumerate(module.steps) if s.kind == "practice" and s.seconds)  # type: ignore[attr-defined]
    store = ProgressStore.in_folder(data_dir)
    store.move_to(module.id, module.steps[index].id)
    app = app_for(data_dir)
    app.notes.answer_module(module)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the module last worked on is highlighted
        await pilot.pause()
        timer = app.screen.query_one(PracticeTimer)
        assert app.focused is timer and not timer.running
        await pilot.press("space")
        assert timer.running
        await pilot.pause(1.3)
        assert timer.remaining < timer.total
        await pilot.press("space")
        assert not timer.running
        paused_at = timer.remaining
        await pilot.pause(1.2)
        assert timer.remaining == paused_at
        await pilot.press("r")
        assert timer.remaining == timer.total
        await pilot.press("right")
        await pilot.pause()
        assert step_title(app) == module.steps[index + 1].title


async def test_the_last_step_leads_to_completion_and_on_to_the_next_module(data_dir: Path) -> None:
    module = COURSE.modules[0]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        for _ in module.steps:
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CompletionScreen)
        overview = app.store.position(module.id)
        assert overview is not None and overview.finished_at is not None
        assert app.store.completed(module.id) == {s.id for s in module.steps}
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, ContentNoteScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.module.id == COURSE.modules[1].id


async def test_content_notes_offer_go_on_skip_and_back_and_are_asked_once(data_dir: Path) -> None:
    module = next(m for m in COURSE.modules if m.content_note and any(s.content_note for s in m.steps))
    noted = next(i for i, s in enumerate(module.steps) if s.content_note)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(module.number - 1):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await forward(pilot, noted)
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("s")  # skips every step the note covers
        await pilot.pause()
        if isinstance(app.screen, ContentNoteScreen):  # the next step has a note of its own
            await pilot.press("enter")
            await pilot.pause()
        span = module.note_span(noted)
        assert span is not None
        assert step_title(app) == module.steps[span[1] + 1].title
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("enter")  # the module's note is not asked twice in one sitting
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_small_terminals_do_not_crash(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_module(pilot)
        for _ in range(len(COURSE.modules[0].steps) + 1):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, CompletionScreen)


async def test_an_unreadable_progress_file_is_reported_in_the_app(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.db").write_bytes(b"\x00garbage" * 64)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("moved to" in n.message for n in app._notifications)
        assert isinstance(app.screen, HomeScreen)
