"""The Textual app: wires the course and the learner's progress into screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from course.loader import default_lessons_dir, load_course
from course.locations import data_dir
from course.model import Course, Module
from course.overview import module_overview
from course.progress import ProgressStore
from course.screens.completion import CompletionScreen
from course.screens.content_note import ContentNoteScreen
from course.screens.help import HelpScreen
from course.screens.hidden import HiddenScreen
from course.screens.home import HomeScreen
from course.screens.player import PlayerScreen
from course.support import SupportDirectory, load_support, region_from_locale

TITLE = "Safe to be close"


class CourseApp(App[None]):
    """The course: home, player, completion and help screens over one progress store."""

    CSS_PATH = "app.tcss"
    TITLE = TITLE
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "hide", "Hide", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("q", "quit", "Quit"),
    ]
    """Help and quick-hide from every screen, even while typing; quit from anywhere."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        directory: SupportDirectory | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__()
        self.course = course
        self.store = store
        self.directory = directory or SupportDirectory(regions={})
        self.region_code, self.region_source = self.initial_region(region)
        """Whose crisis lines to show, and why: command line, the learner's choice, or locale."""
        self.acknowledged: set[str] = set()
        """Content notes answered in this sitting, so none is asked twice."""

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.course, self.store, TITLE))
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=20)

    def on_home_screen_open(self, event: HomeScreen.Open) -> None:
        self.open_module(self.course.modules[event.index])

    def open_module(self, module: Module) -> None:
        """Play a module from where the learner left it, after its content note if any."""
        start = module_overview(module, self.store).resume_index
        if not module.content_note or module.id in self.acknowledged:
            self.push_screen(PlayerScreen(module, self.store, start, self.acknowledged), self.after_player(module))
            return

        def answered(choice: str | None) -> None:
            if choice == "continue":
                self.acknowledged.add(module.id)
                self.open_module(module)
            elif choice == "skip":
                self.highlight_home(self.next_module(module) or module)

        self.push_screen(ContentNoteScreen(module.title, module.content_note, "Skip this module"), answered)

    def after_player(self, module: Module) -> Callable[[str | None], None]:
        """What happens when the player closes: the completion screen if the module was finished."""

        def done(result: str | None) -> None:
            if result == "finished":
                reflections = sum(1 for r in self.store.reflections() if r.module_id == module.id and r.text.strip())
                following = self.next_module(module)
                self.push_screen(CompletionScreen(module, reflections, following), after_completion)

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
        return from_locale, "from your language setting" if from_locale else "c to choose"

    def action_help(self) -> None:
        if isinstance(self.screen, HiddenScreen):
            self.screen.dismiss(None)
        elif isinstance(self.screen, HelpScreen):
            self.screen.action_close()
        else:
            self.push_screen(HelpScreen(self.store, self.directory, self.region_code, self.region_source), self.region_changed)

    def region_changed(self, region: tuple[str | None, str] | None) -> None:
        if region is not None:
            self.region_code, self.region_source = region

    def action_hide(self) -> None:
        if isinstance(self.screen, HiddenScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HiddenScreen())

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.save_current()
        self.exit()

    def on_unmount(self) -> None:
        self.store.close()


def make_app(lessons: Path | None = None, data: Path | str | None = None, region: str | None = None) -> CourseApp:
    """The app for the console script and the tests alike; raises LessonError or DataDirError."""
    folder = lessons or default_lessons_dir()
    course = load_course(folder)
    directory = load_support(folder)
    store = ProgressStore.in_folder(data_dir(data))
    return CourseApp(course, store, directory, region)
