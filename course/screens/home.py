"""The home screen: every module with its progress, and where the learner left off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ListItem, ListView, Static

from course.model import Course
from course.overview import ModuleOverview, ago, course_overview, last_worked_on, progress_bar
from course.progress import ProgressStore


class ModuleCard(ListItem):
    """One module in the list: title, length, summary and a progress bar."""

    def __init__(self, overview: ModuleOverview) -> None:
        super().__init__(classes="module-card")
        self.overview = overview

    def compose(self) -> ComposeResult:
        o, m = self.overview, self.overview.module
        with Horizontal(classes="card-top"):
            yield Static(Content.assemble((f"{m.number}  {m.title}", "bold"), (f"  {m.minutes} min", "dim")), classes="card-title")
            yield Static(
                f"{progress_bar(o.done, o.total, 12)} {o.done:>2}/{o.total} {o.status:>11}",
                classes=f"card-progress {o.status.replace(' ', '-')}",
                markup=False,
            )
        yield Static(m.summary, classes="card-summary", markup=False)


class HomeScreen(Screen[None]):
    """The module list; Enter opens the highlighted module where the learner left it."""

    CSS_PATH = "home.tcss"

    BINDINGS = [
        Binding("enter", "open", "Open module"),
        Binding("t", "app.next_theme", "Theme"),
    ]
    """Enter opens the highlighted module (the list itself moves with Up and Down)."""

    class Open(Message):
        """The learner chose a module to play."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, course: Course, store: ProgressStore, heading: str, badge: str = "") -> None:
        super().__init__()
        self.course = course
        self.store = store
        self.heading = heading
        self.badge = badge
        self.highlight: int | None = None
        """Set by the app to highlight a module other than the last one worked on."""
        self._latest_seen: float | None = -1.0

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            with Horizontal(id="heading-row"):
                yield Static(self.heading, id="heading", markup=False)
                if self.badge:
                    yield Static(self.badge, id="badge", markup=False)
            yield Static("", id="greeting")
            yield ListView(id="modules")
            yield Static("↑↓ choose · Enter open · F1 help and support · q quit", id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_modules()

    def on_screen_resume(self) -> None:
        self.refresh_modules()

    def refresh_modules(self) -> None:
        """Rebuild the list from the store, highlighting the module last worked on.

        If nothing was worked on since the last refresh, the highlight stays where the
        learner left it.
        """
        overviews = course_overview(self.course, self.store)
        latest = last_worked_on(overviews)
        modules = self.query_one(ListView)
        latest_time = latest.updated_at if latest else None
        keep = latest_time == self._latest_seen and modules.index is not None
        self._latest_seen = latest_time
        greeting = self.query_one("#greeting", Static)
        if latest is None:
            privacy = "" if self.badge else ", and what you write stays on this computer."
            greeting.update(
                "Welcome. Four short modules, taken at your own pace. Nothing here needs an "
                f"answer{privacy or '.'} Press Enter to begin."
            )
            start = 0
        else:
            module = latest.module
            start = module.number - 1
            if latest.status == "finished":
                where = f"You last finished {module.number} · {module.title}"
            else:
                step = module.steps[latest.resume_index]
                where = (
                    f"Welcome back. You left off in {module.number} · {module.title}, "
                    f"at “{step.title}”"
                )
            greeting.update(f"{where}, {ago(latest.updated_at or 0)}. Press Enter to continue.")
        if keep:
            start = modules.index or 0
        if self.highlight is not None:
            start, self.highlight = self.highlight, None
        modules.clear()
        modules.extend(ModuleCard(o) for o in overviews)
        modules.index = start
        modules.focus()

    def action_open(self) -> None:
        index = self.query_one(ListView).index
        if index is not None:
            self.post_message(self.Open(index))

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_open()
