"""Driving the real app with Pilot: moving, typing, resuming, help, notes and the end of a module.

Played on the fixture course: module 1 has a note before it and one step of every kind (read,
reflect, check, practice, self-check), then a reading with a note of its own; module 2 has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from driving import Notified, forward, open_module, past_notes, wait_until
from rich.markdown import Markdown
from terminal import FIXTURE_COURSE
from textual.widgets import OptionList, Static, TextArea

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

COURSE = load_course(FIXTURE_COURSE)
READ, REFLECT, CHECK, PRACTICE, SELF_CHECK, NOTED = range(6)  # the first module's steps


def app_for(data_dir: Path) -> CourseApp:
    return make_app(FIXTURE_COURSE, data_dir)


def step_title(app: CourseApp) -> str:
    return str(app.screen.query_one("#step-title", Static).render())


async def test_home_lists_every_module_and_starts_on_the_first(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        cards = [str(card.render()) for card in home.query(ModuleCard)]
        assert len(cards) == len(COURSE.modules)
        for card, module in zip(cards, COURSE.modules):
            assert module.title in card
        assert home.query_one("ListView").index == 0
        assert "Welcome to the fixture course." in str(home.query_one("#greeting", Static).render())


async def test_next_and_back_keys_move_and_every_move_is_saved(data_dir: Path) -> None:
    module = COURSE.modules[0]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        assert step_title(app) == module.steps[READ].title
        await pilot.press("enter")  # on a reading, Enter moves on
        await pilot.pause()
        assert step_title(app) == module.steps[REFLECT].title
        assert not isinstance(app.focused, TextArea)  # a reflection: arriving never captures the keys
        await pilot.press("n")
        await pilot.press("right")
        await pilot.pause()
        assert step_title(app) == module.steps[PRACTICE].title
        await pilot.press("left")
        await pilot.press("p")
        await pilot.pause()
        assert step_title(app) == module.steps[REFLECT].title
        position = app.store.position(module.id)
        assert position is not None and position.step_id == module.steps[REFLECT].id
        assert app.store.completed(module.id) == {s.id for s in module.steps[:PRACTICE]}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_typing_is_saved_ctrl_n_moves_on_and_a_restart_resumes_on_the_same_step(data_dir: Path) -> None:
    module = COURSE.modules[0]
    reflect_index = REFLECT
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
    reflect_index = REFLECT
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, reflect_index)
        await pilot.press("w", *"safe")
        reader = ProgressStore.in_folder(data_dir)
        saved = await wait_until(pilot, lambda: reader.reflection(module.id, module.steps[reflect_index].id) == "safe")
        assert saved, "the reflection was not saved while the learner stayed on the step"
        assert isinstance(app.focused, TextArea)  # still writing


async def test_help_opens_over_home_and_while_typing_and_escape_keeps_the_text(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await open_module(pilot)
        await forward(pilot, REFLECT)
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
    index = CHECK
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
    index = SELF_CHECK
    step = module.steps[index]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        await forward(pilot, index)
        await pilot.press("enter", "down", "enter", "up", "enter")  # tick both, then untick the first
        await pilot.pause()
        assert app.store.answer(module.id, step.id) == [1]
        text = app.screen.query_one("#reflections", MarkdownText).source
        assert step.statements[1].reflection in text  # type: ignore[attr-defined]
        assert step.statements[0].reflection not in text  # type: ignore[attr-defined]
        assert step.summary in text  # type: ignore[attr-defined]


async def test_practice_timer_starts_pauses_and_restarts(data_dir: Path) -> None:
    module = COURSE.modules[0]
    index = PRACTICE
    store = ProgressStore.in_folder(data_dir)
    store.move_to(module.id, module.steps[index].id)
    app = app_for(data_dir)
    app.notes.answer_module(module)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the module last worked on is highlighted
        await pilot.pause()
        await pilot.press("enter")  # no rating before the practice
        timer = app.screen.query_one(PracticeTimer)
        assert app.focused is timer and not timer.running
        await pilot.press("space")
        assert timer.running
        assert await wait_until(pilot, lambda: timer.remaining < timer.total), "the running timer never counted down"
        await pilot.press("space")
        assert not timer.running
        paused_at = timer.remaining
        # A clock beside the timer's own, on the same beat: once it has ticked twice, a timer
        # still running would have ticked at least once.
        beats: list[None] = []
        app.set_interval(1, lambda: beats.append(None))
        assert await wait_until(pilot, lambda: len(beats) >= 2)
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
            await past_notes(pilot)  # the last step's own note
        assert isinstance(app.screen, CompletionScreen)
        overview = app.store.position(module.id)
        assert overview is not None and overview.finished_at is not None
        assert app.store.completed(module.id) == {s.id for s in module.steps}
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)  # the second module has no note before it
        assert app.screen.module.id == COURSE.modules[1].id


async def test_content_notes_offer_go_on_skip_and_back_and_are_asked_once(data_dir: Path) -> None:
    module = COURSE.modules[0]
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("escape")  # back: not now
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # declined, so asked again
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("ctrl+n")  # go on
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and step_title(app) == module.steps[READ].title
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the module's note is not asked twice in one sitting
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await forward(pilot, NOTED)
        assert isinstance(app.screen, ContentNoteScreen)  # the step's own note
        await pilot.press("escape")  # back: to the step before it
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and step_title(app) == module.steps[NOTED - 1].title
        await forward(pilot, 1)
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("s")  # skips every step the note covers: here the last, so the module ends
        await pilot.pause()
        assert isinstance(app.screen, CompletionScreen)


async def test_small_terminals_do_not_crash(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_module(pilot)
        for _ in COURSE.modules[0].steps:
            await pilot.press("ctrl+n")
            await past_notes(pilot)
        assert isinstance(app.screen, CompletionScreen)


async def test_an_unreadable_progress_file_is_reported_in_the_app(
    data_dir: Path, notifications: list[Notified]
) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.db").write_bytes(b"\x00garbage" * 64)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("moved to" in n.message for n in notifications)
        assert isinstance(app.screen, HomeScreen)


async def test_the_footer_follows_each_steps_keys_and_keeps_its_keys_when_they_are_the_same(data_dir: Path) -> None:
    from textual.widgets._footer import FooterKey

    def footer_keys() -> list[FooterKey]:
        return list(app.screen.query(FooterKey))

    def says_write() -> bool:
        return any(key.description == "Write" for key in footer_keys())

    app = make_app(FIXTURE_COURSE, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        player = await open_module(pilot)  # the reading
        await pilot.pause()
        assert not says_write()
        await pilot.press("right")  # the reflection: its footer offers Write
        assert await wait_until(pilot, says_write)
        await pilot.press("right")  # the check-in: no Write
        assert await wait_until(pilot, lambda: not says_write())
        kept = footer_keys()
        player.refresh_bindings()  # the same keys looked at again, as every step change does
        await pilot.pause()
        await pilot.pause()
        assert footer_keys() == kept, "identical keys are not rebuilt"


async def test_the_next_step_is_measured_while_the_learner_reads_and_takes_no_room_or_focus(data_dir: Path) -> None:
    """A prepared step is laid out out of sight, so that showing it does not wait for its text
    to be measured; it must not be seen, take room under the step shown, or take focus."""
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await open_module(pilot)  # the reading; the reflection after it is prepared
        assert await wait_until(pilot, lambda: REFLECT in player.views)
        await pilot.pause()
        shown, prepared = player.views[READ], player.views[REFLECT]
        prompt = prepared.query_one(".prompt", MarkdownText)
        assert prompt.measured_width() == shown.query_one(MarkdownText).measured_width() > 0
        assert prepared.query_one(TextArea) not in player.focus_chain
        views = player.query_one("#views")
        assert views.size.height == shown.outer_size.height, "the prepared step takes no room"
        assert prompt.region.height == 0, "the prepared step is not drawn"
        await pilot.press("right")
        await pilot.pause()
        assert player.view is prepared and prompt.region.height > 0
        assert prepared.query_one(TextArea) in player.focus_chain


async def test_lesson_markdown_is_drawn_once_for_its_height_and_its_lines(data_dir: Path, monkeypatch: Any) -> None:
    """Textual measures a block of text by drawing it; the lines shown are that same drawing."""
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        source = "A *short* paragraph, long enough to wrap at a narrow width, and a list:\n\n- one\n- two"
        text = MarkdownText(source)
        await app.screen.query_one("#views").mount(text)
        await pilot.pause()
        drawn: list[int] = []
        render = app.console.render

        def counting(renderable: object, *args: Any, **kwargs: Any) -> Any:
            if isinstance(renderable, Markdown) and renderable.markup == source:
                drawn.append(text.measured_width())
            return render(renderable, *args, **kwargs)

        monkeypatch.setattr(app.console, "render", counting)
        text.styles.width = 30
        await pilot.pause()
        assert text.size.height > 3 and text.measured_width() == 30
        assert len(drawn) == 1, "measured and shown at width 30 from one drawing"


async def test_full_collections_wait_for_a_pause_in_the_keys_and_are_given_back_at_the_end(data_dir: Path) -> None:
    """A full garbage collection started mid step change showed the step tens of milliseconds
    late: after the first frame the app holds them back, noting each key, until it closes."""
    import gc

    from course.idle_collection import NEVER

    before = gc.get_threshold()
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot)
        assert await wait_until(pilot, lambda: gc.get_threshold()[2] == NEVER)
        seen = app.collector.last_input
        await pilot.press("right")
        assert app.collector.last_input > seen
    assert gc.get_threshold() == before
