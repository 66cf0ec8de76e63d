"""The Textual app: wires the course and the learner's progress into screens."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ScreenStackError
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme
from textual.timer import Timer
from textual.widget import MountError

from course.answered_notes import AnsweredNotes
from course.idle_collection import CHECK_EVERY as COLLECT_CHECK_EVERY
from course.idle_collection import IdleCollector
from course.keys_in_order import KeysInOrderApp
from course.loader import default_lessons_dir, load_course
from course.locations import DataDirError, data_dir, profile_dir
from course.mode import Mode
from course.model import Course, Module
from course.overview import module_overview
from course.progress import ProgressStore
from course.progress_handle import ProgressHandle
from course.screens.home import HomeScreen

# Other screens are imported where first needed, so start-up pays only for the home screen.
from course.support import SupportDirectory, region_from_locale, support_for
from course.terminal_text import harmless

if TYPE_CHECKING:
    from course.ratings import Helped
    from course.room_follower import RoomFollower
    from course.web.room import Room

RETRY_SECONDS = 5.0
"""How often saving is tried again after it failed."""
THEMES = {
    "textual-dark": "Dark",
    "textual-light": "Light",
    "course-contrast": "High contrast",
    "nord": "Nord, cool blues",
    "gruvbox": "Gruvbox, warm browns",
}
"""The themes `t` steps through, with the names the learner sees."""
HIGH_CONTRAST = Theme(
    name="course-contrast",
    primary="#FFD700",
    secondary="#00BFFF",
    accent="#FFD700",
    warning="#FFA500",
    error="#FF6B6B",
    success="#7CFC00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={"text-disabled": "auto 60%"},
)
"""Black, white and yellow: readable from the back of a room on any projector."""

# Tuned versions of Textual's themes, each under the same name so a learner's saved choice still
# finds it. Every text the course draws reaches WCAG AA (4.5:1) in each: tests/app/test_contrast.py.
# "text-disabled" is what Textual draws an Input's placeholder in: it is read, so it is not faint.
DARK = replace(
    BUILTIN_THEMES["textual-dark"],
    error="#E0637D",
    variables={"text-disabled": "auto 60%", "block-cursor-background": "#0065B3"},
)
"""Textual's dark theme, with a brighter red and a deeper blue behind a chosen row."""
LIGHT = replace(
    BUILTIN_THEMES["textual-light"],
    accent="#743300",
    warning="#743300",
    success="#00520E",
    error="#A82B4E",
    variables={"text": "auto 95%", "text-disabled": "auto 60%", "footer-key-foreground": "#004578"},
)
"""Textual's light theme, with its orange, green and red deepened until they read on light grey."""
NORD = replace(
    BUILTIN_THEMES["nord"],
    primary="#5E81AC",
    foreground="#ECEFF4",
    accent="#D6AFCF",
    error="#F7969E",
    variables={
        **BUILTIN_THEMES["nord"].variables,
        "text": "auto 95%",
        "text-muted": "auto 66%",
        "text-disabled": "auto 66%",
        "footer-key-foreground": "#A3D3E0",
    },
)
"""Nord, still blue-grey: its deeper frost (nord10) behind the chosen module, its brightest snow
(nord6) for text, and a lighter purple and red."""
GRUVBOX = replace(
    BUILTIN_THEMES["gruvbox"],
    error="#FF8061",
    variables={
        **BUILTIN_THEMES["gruvbox"].variables,
        "text": "auto 95%",
        "text-muted": "auto 66%",
        "text-disabled": "auto 66%",
        "text-warning": "#FFD08A",
        "block-cursor-foreground": "#282828",
    },
)
"""Gruvbox, warm as ever: dark text on the chosen row, a lighter red, a paler orange for warnings."""


class CourseApp(KeysInOrderApp):
    """The course: home, player, completion and help screens over one progress store."""

    ENABLE_COMMAND_PALETTE = False
    CSS_PATH = "screens/home.tcss"
    """The home screen is the default screen, whose own CSS_PATH Textual would not load."""
    CSS = """
    HomeScreen > ToastRack { dock: top; align: right top; margin-bottom: 0; }
    HomeScreen Toast { width: auto; margin-top: 0; padding: 0 1; }
    """
    """On the home screen, where `t` changes the theme, a notice takes one line in the top right
    corner (above the heading, or beside it on a short screen), clear of the hint line and the keys."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "hide", "Hide", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True, key_display="^q"),
        Binding("q", "quit", "Quit"),
        Binding("j", "rejoin", "Rejoin the room"),
        Binding("v", "room_answers", "The room's answers"),
        Binding("1", "jump(1)", "Module"),
        *(Binding(str(n), f"jump({n})", show=False) for n in range(2, 10)),
    ]
    """Help and quick-hide from every screen, even while typing; quit from anywhere.
    In workshop mode, number keys jump straight to a module."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        directory: SupportDirectory | None = None,
        region: str | None = None,
        mode: Mode | None = None,
        data_folder: Path | None = None,
        report_folder: Path | None = None,
        clock: Callable[[], float] = time.time,
        room: Room | None = None,
    ) -> None:
        super().__init__()
        self.room = room
        """The room this app projects (`course room`), whose participants follow its steps."""
        self.hub = room.hub if room is not None else None
        """Where every step shown goes out to the room."""
        self.follower: RoomFollower | None = None
        """The room this participant's session follows, once connected."""
        self.clock = clock
        """The time now, for how long the learner has been away (tests bring another day)."""
        self.report_folder = report_folder
        """Where a report goes if something unexpected happens; None keeps none."""
        self.crash_report: Path | None = None
        self.crashed = False
        self.collector = IdleCollector()
        """Full garbage collections, held back while keys arrive (see idle_collection)."""
        self._retrying: Timer | None = None
        self.mode = mode or Mode()
        self.data_folder = data_folder
        """Where named profiles are created, for a served session that asks for one."""
        self.course = course
        self.title = course.title
        self.store = ProgressHandle(store, self.storage_problem)
        """The one way screens reach the learner's progress; it never raises a storage error."""
        self.directory = directory or SupportDirectory(regions={})
        self.region_code, self.region_source = self.initial_region(region)
        """Whose crisis lines to show, and why: command line, the learner's choice, or locale."""
        self.notes = AnsweredNotes()
        """Content notes answered in this sitting, so none is asked twice."""
        # The theme is chosen before the first screen is styled, so it is styled only once.
        for theme in (DARK, LIGHT, HIGH_CONTRAST, NORD, GRUVBOX):
            self.register_theme(theme)
        # The stylesheet read Textual's own textual-dark when the app was made: read the tuned one.
        self.stylesheet.set_variables(self.get_css_variables())
        self.choose_theme()

    def choose_theme(self) -> None:
        """High contrast for a workshop; otherwise the learner's saved choice, if any."""
        saved = self.store.setting("theme")
        if self.mode.workshop:
            self.theme = HIGH_CONTRAST.name
        elif saved in self.available_themes:
            self.theme = saved

    def get_default_screen(self) -> Screen[Any]:
        """The home screen is the first screen itself, not one pushed over an empty default."""
        if self.mode.ask_profile:
            return super().get_default_screen()
        return self.home_screen()

    def home_screen(self) -> HomeScreen:
        heading = self.course.title + (f" · {self.mode.profile}'s course" if self.mode.profile else "")
        return HomeScreen(self.course, self.store, heading, self.open_index, self.mode.badge, for_room=self.mode.workshop)

    def on_mount(self) -> None:
        self.listen_for_goodbyes()
        if self.room is not None:
            self.run_worker(self.open_room(), exit_on_error=False)
        if self.mode.room:
            from course.room_follower import RoomFollower

            # Moves arrive on the follower's own task: each is handled in the app's message loop,
            # like a key, so what it changes on screen is drawn as a key's change is.
            self.follower = RoomFollower(self.mode.room, self.room_moved, self.refresh_bindings)
            self.store.on_answer = self.follower.answered
            self.run_worker(self.follower.run(), exit_on_error=False)
        if self.mode.ask_profile:
            from course.screens.profile import ProfileScreen

            self.push_screen(ProfileScreen(self.sign_in, self.course.title), self.start_profile)
        self.settle()

    def listen_for_goodbyes(self) -> None:
        """Closing the terminal, logging out or `kill` save what was typed before the course ends."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(number, self.leave_politely, number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread, or a platform without these signals: nothing to listen for

    def leave_politely(self, number: int) -> None:
        try:
            self.save_typing()
        finally:
            self.exit(return_code=128 + number)

    def sign_in(self, name: str, code: str) -> tuple[str | None, str | None]:
        """A served participant's name and code: an error to show, or a first visit's new code."""
        from course.participants import ParticipantError, Participants

        assert self.data_folder is not None
        participants = Participants(self.data_folder)
        try:
            if code.strip():
                participants.check(name, code)
                return None, None
            return None, participants.create(name, self.mode.run)
        except ParticipantError as error:
            return str(error), None
        except (sqlite3.Error, OSError, DataDirError):
            return "Saved progress cannot be reached just now. Try again, or ask the facilitator.", None

    def start_profile(self, name: str | None) -> None:
        """A served participant signed in: their own progress from now on."""
        from course.participants import Participants

        assert self.data_folder is not None and name
        try:
            self.store.replace(ProgressStore.in_folder(Participants(self.data_folder).progress_folder(name)))
        except DataDirError as error:  # a newer version's file, a full disk: this session saves nothing
            self.notify(f"{error}. Nothing you do here is saved.", severity="warning", timeout=20)
        else:
            self.mode = self.mode.replace(profile=name)
        self.choose_theme()
        self.push_screen(self.home_screen())
        self.settle()

    def settle(self) -> None:
        """After the first screen: quiet the garbage collector, say if data was repaired, and
        welcome the learner back if they have been away for days."""
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=20)
        self.call_after_refresh(self.after_first_frame)

    def after_first_frame(self) -> None:
        # What start-up built lives as long as the app: keep it out of the collector's scans,
        # and hold full collections back until the keys pause. (Passed to call_after_refresh
        # itself, the collector's start would cost a parse of its text signature.)
        self.collector.start()
        self.set_interval(COLLECT_CHECK_EVERY, self.collector.tick)
        self.welcome_back()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste, events.MouseDown)):
            self.collector.input_seen()
        await super().on_event(event)

    def welcome_back(self) -> None:
        """A welcome back over the module list, after days away: never for a room, nor where
        nothing is saved, and only if the learner has not already moved on from the list."""
        if self.mode.workshop or self.mode.keeps_nothing or not isinstance(self.screen, HomeScreen):
            return
        from course.coming_back import coming_back

        back = coming_back(self.course, self.store.last_position(), self.store.experiments(), self.clock())
        if back is not None:
            from course.screens.welcome_back import WelcomeBackScreen

            self.push_screen(WelcomeBackScreen(back, self.store, self.mode.kept_where))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications show their text as written: they often carry a name or a path."""
        super().notify(harmless(message), title=harmless(title), severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """Something unexpected: save what was typed, keep a report, and close calmly."""
        if self.closing_down and isinstance(error, (NoMatches, ScreenStackError, MountError)):
            # A screen still being built as the app closes finds its parts already gone.
            # Everything was saved before the app was asked to close; nothing is lost.
            return
        if not self.crashed:
            self.crashed = True
            try:
                self.save_typing()
            except Exception:
                pass  # saving failing too must not hide the first error
            if self.report_folder is not None:
                from course.crash_report import write_report

                self.crash_report = write_report(self.report_folder, error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Close without Textual's traceback, whose local variables can show what was written."""
        self.bell()
        self._close_messages_no_wait()

    def save_typing(self) -> None:
        """Flush what any open screen has typed but not saved (a step, the plan, a welcome back)."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_current", None)
            if callable(save):
                save()

    def storage_problem(self, problem: str, for_good: bool) -> None:
        """Saving failed: say so calmly, keep going, and try again until it works."""
        if for_good:
            self.notify(problem, severity="warning", timeout=30)
            return
        self.notify(
            f"Saving is paused. {problem}. What you write stays here and is saved as soon as it can be.",
            severity="warning",
            timeout=30,
        )
        if self._retrying is None:
            self._retrying = self.set_interval(RETRY_SECONDS, self.retry_saving)

    def retry_saving(self) -> None:
        if self.store.retry():
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
            self.notify("Saving works again: everything you wrote is saved.", timeout=8)

    def watch_theme(self, theme: str) -> None:
        if not self.mode.workshop and self.screen_stack:  # not while the app is being built
            self.store.set_setting("theme", theme)

    def action_next_theme(self) -> None:
        names = [name for name in THEMES if name in self.available_themes]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {THEMES[self.theme]}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "room_answers":
            return self.hub is not None and bool(self.room_step_options())
        if action == "rejoin":
            return self.follower is not None and self.follower.browsing
        if action == "jump":  # only in a workshop, and only the numbers of modules there are
            number = parameters[0]
            return self.mode.workshop and isinstance(number, int) and number <= len(self.course.modules)
        return True

    def get_key_display(self, binding: Binding) -> str:
        """The number keys are offered as the range of modules there are: 1-4 with four."""
        if binding.action == "jump(1)":
            return self.course.number_keys
        return super().get_key_display(binding)

    def action_jump(self, number: int) -> None:
        """Workshop mode: go straight to a module, from anywhere."""
        from course.screens.player import PlayerScreen

        if not 1 <= number <= len(self.course.modules):
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            if isinstance(self.screen, PlayerScreen):
                self.screen.stop()
            self.pop_screen()
        self.open_module(self.course.modules[number - 1])

    async def open_room(self) -> None:
        """Start serving participants, and say on the projector where they join."""
        assert self.room is not None
        try:
            await self.room.open()
        except OSError as error:
            self.notify(f"The room could not open: {error.strerror}. Quit, and try another --port.", severity="error", timeout=60)
            return
        where = "\n".join(self.room.addresses())
        self.notify(where, title="Participants join here", timeout=30)
        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            home.show_join(where)  # for whoever comes late: back on the module list, it is still there

    def on_player_screen_shown(self, event: Any) -> None:
        """A step is on screen: the projector's goes out to the room; a participant's own is browsing."""
        module, step = event.module, event.module.steps[event.index]
        if self.hub is not None:
            following = module.steps[event.index + 1].title if event.index + 1 < len(module.steps) else ""
            notes = {"title": step.title, "facilitator": step.facilitator, "discuss": step.discuss, "next": following}
            self.hub.move(module.id, step.id, {**notes, "module": module.title, "minutes": module.minutes})
        if self.follower is not None:
            self.follower.shown(module.id, step.id)

    def room_moved(self, module_id: str, step_id: str) -> None:
        self.call_later(self.bring_to_room, module_id, step_id)

    def bring_to_room(self, module_id: str, step_id: str) -> None:
        """Show the room's step: in the module open now, or in the room's module from the list."""
        from course.screens.player import PlayerScreen

        module = next((m for m in self.course.modules if m.id == module_id), None)
        index = module.index_of(step_id) if module is not None else None
        if module is None or index is None:
            return
        if isinstance(self.screen, PlayerScreen) and self.screen.module is module:
            self.screen.follow_to(index)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            if isinstance(self.screen, PlayerScreen):
                self.screen.stop()
            self.pop_screen()
        self.open_module(module, start=index)

    def room_step_options(self) -> list[str]:
        """The options of the step on the projector, if the room answers it (a check-in, a self-check)."""
        from course.screens.player import PlayerScreen
        from course.steps import kind_of

        screen = self.screen
        if not isinstance(screen, PlayerScreen):
            return []
        step = screen.module.steps[screen.index]
        return kind_of(step).options(step)

    def action_room_answers(self) -> None:
        from course.screens.room_answers import RoomAnswersScreen

        options = self.room_step_options()
        if self.hub is not None and options:
            hub = self.hub
            self.push_screen(RoomAnswersScreen(options, lambda: hub.counts(len(options))))

    def action_rejoin(self) -> None:
        if self.follower is not None:
            self.follower.rejoin()

    def open_index(self, index: int) -> None:
        self.open_module(self.course.modules[index])

    def open_module(self, module: Module, start: int | None = None) -> None:
        """Play a module from where the learner left it (or from `start`), after its content note if any."""
        from course.screens.content_note import ContentNoteScreen
        from course.screens.player import PlayerScreen

        start = module_overview(module, self.store).resume_index if start is None else start
        if not self.notes.module_pending(module):
            player = PlayerScreen(
                module, self.store, start, self.notes, workshop=self.mode.workshop, kept=self.mode.kept_where
            )
            self.push_screen(player, self.after_player(module))
            return

        def answered(choice: str | None) -> None:
            if choice == "continue":
                self.notes.answer_module(module)
                self.open_module(module, start)
            elif choice == "skip":
                self.store.skip(module.id)
                self.highlight_home(self.next_module(module) or module)

        self.push_screen(ContentNoteScreen(module.title, module.content_note, "Skip this module"), answered)

    def after_player(self, module: Module) -> Callable[[str | None], None]:
        """What happens when the player closes: the completion screen if the module was finished."""
        from course.screens.completion import CompletionScreen


        def done(result: str | None) -> None:
            if result == "finished":
                reflections = sum(1 for r in self.store.reflections() if r.module_id == module.id and r.text.strip())
                following = self.next_module(module)
                keeps = None if self.mode.workshop else self.store  # a room plans no one's experiment
                completion = CompletionScreen(module, reflections, following, self.mode.kept_where, keeps)
                self.push_screen(completion, after_completion)

        def after_completion(choice: str | None) -> None:
            following = self.next_module(module)
            if choice == "next" and following is not None:
                self.open_module(following)

        return done

    def next_module(self, module: Module) -> Module | None:
        modules = self.course.modules
        return modules[module.number] if module.number < len(modules) else None

    def highlight_home(self, module: Module) -> None:
        home = self.screen
        if isinstance(home, HomeScreen):
            home.highlight = module.number - 1
            home.refresh_modules()

    def initial_region(self, given: str | None) -> tuple[str | None, str]:
        """The region given on the command line, else the one the learner chose, else the locale's."""
        if given:
            return given.upper(), "from --region"
        saved = self.store.setting("region")
        if saved:
            return saved, "chosen by you"
        from_locale = region_from_locale()
        return from_locale, "from your language setting" if from_locale else "not known"

    def action_help(self) -> None:
        from course.screens.help import HelpScreen
        from course.screens.hidden import HiddenScreen

        if isinstance(self.screen, HiddenScreen):
            self.screen.dismiss(None)
        elif isinstance(self.screen, HelpScreen):
            self.screen.action_close()
        else:
            help_screen = HelpScreen(
                self.store, self.directory, self.region_code, self.region_source, self.mode, self.course.about,
                self.course.number_keys,
            )
            self.push_screen(help_screen, self.region_changed)

    def action_plan(self) -> None:
        """The learner's plan for hard moments (for a room, an empty template), over any screen."""
        from course.screens.plan import PlanScreen

        self.save_typing()  # a plan step beneath is saved first, so the plan opens as it is
        self.push_screen(PlanScreen(self.store, self.mode.kept_where, for_room=self.mode.workshop))

    def what_helps(self) -> list[Helped]:
        """The practices the learner has rated often enough to see what helps; none for a room."""
        from course.ratings import what_helps

        return [] if self.mode.workshop else what_helps(self.course, self.store.ratings())

    def action_what_helps(self) -> None:
        from course.ratings import PAIRS_TO_SHOW
        from course.screens.what_helps import WhatHelpsScreen

        helped = self.what_helps()
        if helped:
            self.push_screen(WhatHelpsScreen(helped))
        elif not self.mode.workshop:
            self.notify(
                f"Rate a practice before and after, {PAIRS_TO_SHOW} times or more, and this shows how it went for you.",
                timeout=8,
            )

    def plan_suggestions(self) -> dict[str, str]:
        """What the plan's parts start with: the learner's people and their region's lines."""
        from course.hard_moments_plan import suggestions

        return suggestions(self.store.contacts(), self.directory.for_region(self.region_code))

    def region_changed(self, region: tuple[str | None, str] | None) -> None:
        if region is not None:
            self.region_code, self.region_source = region

    def action_hide(self) -> None:
        from course.screens.hidden import HiddenScreen

        if isinstance(self.screen, HiddenScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HiddenScreen())

    async def action_quit(self) -> None:
        """Quit; where nothing is saved and something was written, ask first (a second quit is a yes)."""
        self.save_typing()
        if self.mode.keeps_nothing and not self.mode.workshop and self.has_writing():
            from course.screens.dialogs import ConfirmDialog

            if not isinstance(self.screen, ConfirmDialog):

                def answered(leave: bool | None) -> None:
                    if leave:
                        self.exit()

                question = "Quit now? Nothing here is saved, so what you wrote will be gone."
                self.push_screen(ConfirmDialog(question), answered)
                return
        self.exit()

    def has_writing(self) -> bool:
        """Whether the learner wrote anything in this sitting: a reflection or a person."""
        return any(r.text.strip() for r in self.store.reflections()) or bool(self.store.contacts())

    async def _on_exit_app(self) -> None:
        """A closing browser tab ends the app this way: save what was typed first. A room ends
        every participant's session with it."""
        self.save_typing()
        if self.room is not None:
            await self.room.close()
        await super()._on_exit_app()

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            try:
                loop.remove_signal_handler(number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        self.collector.stop()
        self.store.close()


def make_app(
    lessons: Path | None = None,
    data: Path | str | None = None,
    region: str | None = None,
    mode: Mode | None = None,
    clock: Callable[[], float] = time.time,
) -> CourseApp:
    """The app for the console script and the tests alike; raises LessonError or DataDirError.

    A workshop, or a served session that does not save, keeps everything in memory and never
    touches the data folder.
    """
    mode = mode or Mode()
    folder = lessons or default_lessons_dir()
    course = load_course(folder)
    directory = support_for(folder)
    if mode.saves_from_start:
        store = ProgressStore.in_folder(profile_dir(data_dir(data), mode.profile))
    else:
        store = ProgressStore(None)
    folder_for_profiles = data_dir(data) if mode.ask_profile else None
    return CourseApp(course, store, directory, region, mode, folder_for_profiles, report_folder=data_dir(data), clock=clock)
