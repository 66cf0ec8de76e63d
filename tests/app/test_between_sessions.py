"""Between sessions: the welcome back after days away, ratings around practices, the experiment at a
module's end, the plan for hard moments and What helps me, played with Pilot on a fixture course."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from driving import screen_text, wait_until
from terminal import BETWEEN_SESSIONS

from course.app import CourseApp, make_app
from course.export import export_markdown
from course.loader import load_course
from course.mode import Mode
from course.progress import EXPERIMENTS, PLAN, ProgressStore
from course.screens.completion import CompletionScreen
from course.screens.grounding import GroundingScreen
from course.screens.help import HelpScreen
from course.screens.home import HomeScreen
from course.screens.plan import PlanScreen
from course.screens.player import PlayerScreen
from course.screens.welcome_back import WelcomeBackScreen
from course.screens.what_helps import WhatHelpsScreen
from course.widgets.plan_editor import PlanEditor
from course.widgets.rating_prompt import RatingPrompt
from course.widgets.writing_box import WritingBox

DAY = 86400.0
COURSE = load_course(BETWEEN_SESSIONS)
SIZE = (100, 40)


def app_at(data_dir: Path, days: float = 0, mode: Mode | None = None) -> CourseApp:
    """The app as started `days` after now, on the fixture course."""
    return make_app(BETWEEN_SESSIONS, data_dir, "US", mode=mode, clock=lambda: time.time() + days * DAY)


def left_at(data_dir: Path, step: str = "breathe", experiment: str | None = None) -> None:
    """The learner stopped at a step of the first module just now, perhaps after choosing an experiment."""
    store = ProgressStore.in_folder(data_dir)
    store.move_to("arriving", step)
    if experiment is not None:
        store.choose_experiment("arriving", experiment)
    store.close()


async def started(pilot) -> None:  # type: ignore[no-untyped-def]
    """The first frame, and what follows it (a welcome back is pushed after it)."""
    await pilot.pause()
    await pilot.pause()


# Welcome back


async def test_three_days_later_a_welcome_back_recaps_the_module_and_asks_to_recall(data_dir: Path) -> None:
    left_at(data_dir)
    app = app_at(data_dir, days=3)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert isinstance(app.screen, WelcomeBackScreen)
        text = screen_text(app)
        assert "It has been 3 days" in text and "Last time, in 1 · Arriving [again]:" in text
        assert "• A first idea, with [brackets] kept." in text and "What was the first idea?" in text
        assert text.count("A first idea, with [brackets] kept.") == 1, "no answer shows before it is asked for"
        await pilot.press("space")
        assert screen_text(app).count("A first idea, with [brackets] kept.") == 2
        assert screen_text(app).count("(Space shows the answer)") == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("days", [0, 1])
async def test_a_same_day_or_next_day_return_goes_straight_to_the_modules(data_dir: Path, days: float) -> None:
    left_at(data_dir)
    app = app_at(data_dir, days=days)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_first_start_has_no_welcome_back(data_dir: Path) -> None:
    async with app_at(data_dir, days=30).run_test(size=SIZE) as pilot:
        await started(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


@pytest.mark.parametrize("mode", [Mode(workshop=True), Mode(served=True)], ids=["workshop", "tab-saving-nothing"])
async def test_no_welcome_back_for_a_room_or_a_tab_that_saves_nothing(data_dir: Path, mode: Mode) -> None:
    app = app_at(data_dir, days=3, mode=mode)
    app.store.move_to("arriving", "breathe")  # progress made in this sitting's memory
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_enter_goes_on_to_the_modules_and_g_offers_a_pause_first(data_dir: Path) -> None:
    left_at(data_dir)
    app = app_at(data_dir, days=2)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, GroundingScreen)
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_how_the_experiment_went_is_asked_and_saved_as_typed(data_dir: Path) -> None:
    left_at(data_dir, experiment="When it rains, I will notice one sound.")
    app = app_at(data_dir, days=4)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "You planned to try: When it rains, I will notice one sound." in screen_text(app)
        await pilot.press("w", *"It went [well]", "enter", "q")
        assert app.focused is app.screen.query_one(WritingBox)
        assert await wait_until(pilot, lambda: ProgressStore.in_folder(data_dir).texts(EXPERIMENTS).get("arriving") == "It went [well]\nq")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    # Once answered, it is not asked again.
    app = app_at(data_dir, days=9)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "You planned to try" not in screen_text(app)


async def test_words_typed_about_the_experiment_are_saved_when_the_terminal_closes(data_dir: Path) -> None:
    left_at(data_dir, experiment="When I wake, I will stretch once.")
    app = app_at(data_dir, days=3)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("w", *"Half a sentence")
        app.save_typing()  # what SIGHUP, SIGTERM and quitting do first
        assert ProgressStore.in_folder(data_dir).texts(EXPERIMENTS)["arriving"] == "Half a sentence"


async def test_the_last_reflection_shows_only_when_asked_for(data_dir: Path) -> None:
    left_at(data_dir)
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection("arriving", "somewhere", "A private [thought]")
    store.close()
    app = app_at(data_dir, days=3)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert not app.screen.query_one("#last-reflection").display
        await pilot.press("l")
        assert app.screen.query_one("#last-reflection").display
        assert "A private [thought]" in screen_text(app)


# Ratings around a practice


async def at_the_practice(pilot) -> PlayerScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("right")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen) and screen.module.steps[screen.index].id == "breathe"
    return screen


async def test_a_practice_asks_before_and_after_and_the_export_shows_both(data_dir: Path) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await at_the_practice(pilot)
        assert isinstance(app.focused, RatingPrompt)
        await pilot.press("7", "enter", "right")
        assert player.index == 1 and isinstance(app.focused, RatingPrompt), "moving on asks once more"
        await pilot.press("3", "enter")
        await pilot.pause()
        assert player.module.steps[player.index].id == "plan"
    store = ProgressStore.in_folder(data_dir)
    assert [(r.before, r.after) for r in store.ratings()] == [(7, 3)]
    assert "#### Breathing out\n\n- " in export_markdown(COURSE, store, time.time())
    assert "before 7, after 3" in export_markdown(COURSE, store, time.time())


@pytest.mark.parametrize("skip", ["enter", "right"])
async def test_enter_alone_or_right_skips_and_nothing_more_is_asked(data_dir: Path, skip: str) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await at_the_practice(pilot)
        await pilot.press(skip)
        assert player.index == 1 and not app.screen.query_one(RatingPrompt).display
        await pilot.press("right")
        await pilot.pause()
        assert player.index == 2
    assert ProgressStore.in_folder(data_dir).ratings() == []


@pytest.mark.parametrize(("before", "after"), [("3", "5"), ("2", "8")], ids=["rise-of-two", "eight-or-more"])
async def test_a_harder_moment_after_offers_the_pause_and_support_and_waits(data_dir: Path, before: str, after: str) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await at_the_practice(pilot)
        await pilot.press(before, "enter", "right", after, "enter")
        await pilot.pause()
        assert player.index == 1, "the move waits"
        note = str(app.screen.query_one("#rating-note").render())
        assert "press g for a one-minute pause, or F1 for support" in note
        await pilot.press("g")
        assert isinstance(app.screen, GroundingScreen)
        await pilot.press("escape", "right")
        await pilot.pause()
        assert player.index == 2


async def test_a_rating_is_asked_afresh_on_coming_back_to_the_practice(data_dir: Path) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await at_the_practice(pilot)
        await pilot.press("4", "enter", "left")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert player.index == 1 and isinstance(app.focused, RatingPrompt)
        assert "Before you begin" in str(app.focused.render())
    assert [(r.before, r.after) for r in ProgressStore.in_folder(data_dir).ratings()] == [(4, None)]


async def test_a_room_is_never_asked_for_a_rating(data_dir: Path) -> None:
    app = app_at(data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=SIZE) as pilot:
        player = await at_the_practice(pilot)
        assert not player.query(RatingPrompt)
        await pilot.press("right")
        await pilot.pause()
        assert player.index == 2


async def test_what_helps_shows_a_practice_once_it_has_two_pairs(data_dir: Path, notifications: list) -> None:  # type: ignore[type-arg]
    store = ProgressStore.in_folder(data_dir)
    store.rate_after(store.rate_before("arriving", "breathe", 7), 3)
    store.close()
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "w what helps me" not in screen_text(app)
        await pilot.press("w")
        assert not isinstance(app.screen, WhatHelpsScreen) and "2 times or more" in notifications[-1].message
        app.store.rate_after(app.store.rate_before("arriving", "breathe", 6) or 0, 4)
        app.screen.refresh_modules()  # type: ignore[attr-defined]
        assert "w what helps me" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhatHelpsScreen)
        assert "Breathing out (module 1): on average 3 points calmer after it, over 2 times" in screen_text(app)
        await pilot.press("escape", "f1", "w")
        await pilot.pause()
        assert isinstance(app.screen, WhatHelpsScreen), "Help opens it too"


# The experiment at a module's end


async def finished(pilot) -> CompletionScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompletionScreen)
    return screen


async def test_the_modules_end_offers_its_experiments_and_keeps_the_one_chosen(data_dir: Path) -> None:
    async with app_at(data_dir).run_test(size=SIZE) as pilot:
        await finished(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "Your experiment: When I wake, I will stretch once." in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayerScreen) and pilot.app.screen.module.id == "after"
    (chosen,) = ProgressStore.in_folder(data_dir).experiments()
    assert (chosen.module_id, chosen.plan) == ("arriving", "When I wake, I will stretch once.")


async def test_the_learner_may_write_their_own_experiment(data_dir: Path) -> None:
    async with app_at(data_dir).run_test(size=SIZE) as pilot:
        await finished(pilot)
        await pilot.press("down", "down", "down", "enter", *"it is [late], I will rest", "enter")
        await pilot.pause()
    assert ProgressStore.in_folder(data_dir).experiments()[0].plan == "When it is [late], I will rest"


async def test_enter_on_finishing_goes_on_and_chooses_nothing(data_dir: Path) -> None:
    async with app_at(data_dir).run_test(size=SIZE) as pilot:
        await finished(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayerScreen)
    assert ProgressStore.in_folder(data_dir).experiments() == []


async def test_a_room_is_offered_no_experiment(data_dir: Path) -> None:
    async with app_at(data_dir, mode=Mode(workshop=True)).run_test(size=SIZE) as pilot:
        screen = await finished(pilot)
        assert not screen.query("#experiments")


# The plan for hard moments


async def test_f1_then_p_opens_the_plan_from_any_screen_and_what_is_written_is_kept(data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_contact("Ana [sister]", "555 0100", "")
    store.close()
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f1", "p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert not app.screen.query(WritingBox), "the parts are text until the learner writes"
        assert "Ana [sister]: 555 0100" in screen_text(app)
        await pilot.press("w")
        boxes = {box.id: box for box in app.screen.query(WritingBox)}
        assert boxes["part-people-to-ask"].text == "Ana [sister]: 555 0100"
        assert "Fixture Line: Call 000-FIXTURE" in boxes["part-professionals"].text
        await pilot.press(*"I go [quiet]", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await at_the_practice(pilot)
        await pilot.press("right", "f1", "p")  # from a step, past its rating
        await pilot.pause()
        assert app.screen.query_one(PlanEditor).texts["warning-signs"] == "I go [quiet]"
        assert "I go [quiet]" in screen_text(app)
    stored = ProgressStore.in_folder(data_dir).texts(PLAN)
    assert stored == {"warning-signs": "I go [quiet]"}, "a suggestion is saved only once it is changed"


async def test_the_plan_step_and_the_plan_from_help_are_one_plan(data_dir: Path) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen) and player.module.steps[player.index].kind == "plan"
        assert not player.query(WritingBox), "arriving costs no text boxes: they come with writing"
        await pilot.press("enter", *"Too tired", "escape")
        await pilot.press("f1", "p")
        await pilot.pause()
        assert "Too tired" in screen_text(app)
        await pilot.press("w", *" and short", "escape", "escape", "escape")
        await pilot.pause()
        assert app.screen is player
        assert player.query_one("#part-warning-signs", WritingBox).text == "Too tired and short"
    assert ProgressStore.in_folder(data_dir).texts(PLAN) == {"warning-signs": "Too tired and short"}


async def test_for_a_room_the_plan_is_an_empty_template_and_nothing_is_saved(data_dir: Path) -> None:
    app = app_at(data_dir, mode=Mode(workshop=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1", "p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert not app.screen.query(WritingBox) and len(app.screen.query_one(PlanEditor).query(".plan-heading")) == 6
        await pilot.press("w", "x")
        await pilot.pause()
    assert not (data_dir / "progress.db").exists()


async def test_a_participant_who_saves_is_welcomed_back_after_signing_in(data_dir: Path) -> None:
    mode = Mode(served=True, ask_profile=True, run="r")
    app = make_app(BETWEEN_SESSIONS, data_dir, mode=mode)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"sam", "enter")
        await pilot.pause()
        code = str(app.screen.query_one("#resume-code").render())
        await pilot.press("enter")
        await at_the_practice(pilot)
        await pilot.press("ctrl+q")
    again = make_app(BETWEEN_SESSIONS, data_dir, mode=mode.replace(run="r2"), clock=lambda: time.time() + 3 * DAY)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"sam", "tab", *code, "enter")
        await started(pilot)
        assert isinstance(again.screen, WelcomeBackScreen)
        assert "Last time, in 1 · Arriving [again]:" in screen_text(again)


async def test_the_plan_opened_over_itself_shows_what_the_upper_one_saved(data_dir: Path) -> None:
    app = app_at(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f1", "p")
        await pilot.pause()
        lower = app.screen
        await pilot.press("f1", "p", "w", *"from above", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is lower and lower.query_one(PlanEditor).texts["warning-signs"] == "from above"
