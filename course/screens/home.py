"""The home screen: every module with its progress, and where the learner left off."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ListItem, ListView, Static

from course.model import Course
from course.overview import ModuleOverview, ago, course_overview, last_worked_on, progress_bar
from course.progress_handle import ProgressHandle
from course.ratings import what_helps
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal, literal


class ModuleCard(ListItem):
    """One module in the list: title, length, progress bar and summary, drawn as one widget.

    One widget per card, rather than one per line, keeps the home screen quick to build.
    """

    STATUS_STYLES = {"not started": "$text-muted", "skipped": "$text-muted", "in progress": "$accent", "finished": "$success"}

    def __init__(self, overview: ModuleOverview, for_room: bool = False) -> None:
        super().__init__(classes="module-card")
        self.overview = overview
        self.for_room = for_room
        """A room sees how long a module is, not one learner's progress through it."""

    def render(self) -> Content:
        o, m = self.overview, self.overview.module
        # A marker, not only a shade, so the chosen row shows without colour too.
        marker = "▶ " if self.highlighted else "  "
        title = Content.assemble(marker, literal(f"{m.number}  {m.title}", "bold"), "  ", Content.styled(f"{m.minutes} min", "dim"))
        if self.for_room:
            progress = Content.styled(f"{o.total} step{'s' if o.total != 1 else ''}", "$text-muted")
        else:
            progress = Content.styled(
                f"{progress_bar(o.done, o.total, 12)} {o.done:>2}/{o.total} {o.status:>11}", self.STATUS_STYLES[o.status]
            )
        gap = self.content_region.width - title.cell_length - progress.cell_length
        top = Content.assemble(title, " " * gap, progress) if gap >= 2 else Content.assemble(title, "\n", progress)
        return Content.assemble(top, "\n", literal(m.summary, "$text-muted"))


class HomeScreen(Screen[None]):
    """The module list; Enter opens the highlighted module where the learner left it."""

    # Styled by home.tcss beside this file, which the app loads: see CourseApp.CSS_PATH.

    BINDINGS = [
        Binding("enter", "open", "Open module", priority=True),
        Binding("t", "app.next_theme", "Theme"),
        Binding("w", "app.what_helps", "What helps me", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]
    """Enter opens the highlighted module. It acts at once (priority), so keys pressed right
    after it go to the module, never to this list. Up and Down move the list itself; these
    bindings catch them only when the list has lost focus, as a served tab's does when the
    browser blurs it at start, so the arrows always move the highlight."""

    def __init__(
        self,
        course: Course,
        store: ProgressHandle,
        heading: str,
        on_open: Callable[[int], None],
        badge: str = "",
        for_room: bool = False,
    ) -> None:
        super().__init__()
        self.for_room = for_room
        """Workshop mode: every word is for a room, and number keys open a module."""
        self.on_open = on_open
        """Called with the index of the module the learner chose."""
        self.course = course
        self.store = store
        self.heading = heading
        self.badge = badge
        self.highlight: int | None = None
        """Set by the app to highlight a module other than the last one worked on."""
        self._latest_seen: float | None = -1.0
        self._shown_once = False

    def compose(self) -> ComposeResult:
        overviews, greeting, start = self.current_state()
        with Vertical(id="home"):
            with Horizontal(id="heading-row"):
                yield Literal(self.heading, id="heading")
                if self.badge:
                    yield Literal(self.badge, id="badge")
            yield Literal(greeting, id="greeting")
            yield Literal("", id="join")
            # Built here, not after mounting, so the very first frame shows every module.
            yield ListView(*(ModuleCard(o, self.for_room) for o in overviews), initial_index=start, id="modules")
            yield Static(self.hint(self.ratings_show_what_helps()), id="home-hint")
        yield CourseFooter()

    def show_join(self, where: str) -> None:
        """Say, under the greeting, where participants join the room this screen projects."""
        join = self.query_one("#join", Literal)
        join.show(where)
        join.display = True

    def hint(self, helps: bool = False) -> str:
        """The keys of this screen, in words; `helps` once the learner's ratings show what helps them."""
        jump = f" · {self.course.number_keys} open a module" if self.for_room else ""
        what_helps = " · w what helps me" if helps else ""
        return f"↑↓ choose · Enter open{jump}{what_helps} · F1 help and support · q quit"

    def ratings_show_what_helps(self) -> bool:
        """Whether the learner has rated a practice often enough for "What helps me" to show it."""
        return not self.for_room and bool(what_helps(self.course, self.store.ratings()))

    def on_screen_resume(self) -> None:
        if self._shown_once:
            self.refresh_modules()
        self._shown_once = True

    def current_state(self) -> tuple[list[ModuleOverview], str, int]:
        """Every module's progress, the greeting, and which module to highlight.

        The module last worked on is highlighted, unless nothing was worked on since the last
        look, when the highlight stays where the learner left it.
        """
        overviews = course_overview(self.course, self.store)
        latest = last_worked_on(overviews)
        latest_time = latest.updated_at if latest else None
        keep = latest_time == self._latest_seen and self.is_mounted
        self._latest_seen = latest_time
        if self.for_room:
            count = len(self.course.modules)
            greeting = "Welcome, everyone. " + (
                "Press Enter to begin together." if count == 1 else "Choose a module to explore together, and press Enter to begin."
            )
            start = 0 if latest is None else latest.module.number - 1
        elif latest is None:
            privacy = "" if self.badge else " What you write stays on this computer."
            greeting = f"{self.course.welcome}{privacy} Press Enter to begin."
            start = 0
        else:
            module = latest.module
            start = module.number - 1
            when = ago(latest.updated_at or 0)
            if latest.status != "finished":
                step = module.steps[latest.resume_index]
                where = f"Welcome back. You left off in {module.number} · {module.title}, at \"{step.title}\""
                greeting = f"{where}, {when}. Press Enter to continue."
            else:
                # Enter goes on to the next module not yet finished, after this one, then from the start.
                count = len(overviews)
                later = [overviews[(start + n) % count] for n in range(1, count)]
                following = next((o for o in later if o.status != "finished"), None)
                finished = f"You last finished {module.number} · {module.title}, {when}."
                if following is None:
                    greeting = f"{finished} You have finished every module: choose any to look back at."
                else:
                    start = following.module.number - 1
                    greeting = f"{finished} Next: {following.module.number} · {following.module.title}. Press Enter to begin."
        if keep:
            start = self.query_one(ListView).index or 0
        if self.highlight is not None:
            start, self.highlight = self.highlight, None
        return overviews, greeting, start

    def refresh_modules(self) -> None:
        """Update the list and greeting from the store, keeping one row highlighted."""
        overviews, greeting, start = self.current_state()
        self.query_one("#greeting", Literal).show(greeting)
        self.query_one("#home-hint", Static).update(self.hint(self.ratings_show_what_helps()))
        modules = self.query_one(ListView)
        # The same modules in the same order: cards are updated in place, so the highlight is
        # set on rows that exist now (a rebuilt list would only have them after a refresh).
        for card, overview in zip(modules.query(ModuleCard), overviews):
            card.overview = overview
            card.refresh()
        modules.index = start
        modules.focus()

    def action_move(self, step: int) -> None:
        modules = self.query_one(ListView)
        modules.focus()
        if step > 0:
            modules.action_cursor_down()
        else:
            modules.action_cursor_up()

    def action_open(self) -> None:
        index = self.query_one(ListView).index
        if index is not None:
            self.on_open(index)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_open()
