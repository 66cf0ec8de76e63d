"""The welcome back after days away: a recap, questions to recall, a pause, and the experiment."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from course.coming_back import ComingBack, how_long
from course.progress import EXPERIMENTS, NOT_STEPS
from course.progress_handle import ProgressHandle
from course.screens.grounding import GroundingScreen
from course.widgets.choice_list import hanging
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.reflect_view import SAVE_DELAY
from course.widgets.writing_box import WritingBox


class WelcomeBackScreen(Screen[None]):
    """Shown once at start after two days or more away; Enter or Esc goes on to the modules.

    Every part is optional and nothing is scored: each recall answer waits for a key, and the
    last reflection is shown only if asked for, since the screen may be seen by others.
    """

    CSS_PATH = "welcome_back.tcss"

    BINDINGS = [
        Binding("enter,escape", "close", "Modules", key_display="⏎"),
        Binding("space", "reveal", "Answer", key_display="space"),
        Binding("g", "pause", "1-minute pause"),
        Binding("w", "write", "Write"),
        Binding("l", "last_reflection", "Last reflection", show=False),
    ]
    """One key for each thing offered; the hint on the screen names them all."""

    def __init__(self, back: ComingBack, store: ProgressHandle, kept: str) -> None:
        super().__init__()
        self.back = back
        self.store = store
        self.kept = kept
        self.revealed = 0
        """How many recall answers are showing."""
        experiment = back.experiment
        self.saved = store.texts(EXPERIMENTS).get(experiment.module_id, "") if experiment else ""
        self.text = self.saved
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        module = self.back.module
        with VerticalScroll(id="back"):
            yield Static("Welcome back", id="back-title")
            yield Static(
                f"It has been {how_long(self.back.days)} since you were last here. Take a moment to arrive: there is no rush."
            )
            if module.recap:
                yield Literal(f"Last time, in {module.number} · {module.title}:", classes="back-heading")
                yield Static(hanging([("•", line, "") for line in module.recap]), classes="back-part")
            if module.recall:
                yield Static("To bring it back: questions to answer in your head, if you like. Nothing is scored.", classes="back-heading")
                yield Static(self.recall_text(), id="recall", classes="back-part")
            if self.back.experiment is not None:
                yield Literal(f"You planned to try: {self.back.experiment.plan}", classes="back-heading")
                yield Static("How did it go? Write a line if you like, or nothing at all.", classes="back-prompt")
                yield WritingBox(self.text, id="how-it-went")
                yield Literal(f"{self.kept} · w to write · Esc done writing", classes="hint")
            yield Literal("", id="last-reflection", classes="back-part")
            yield Static(self.hint(), id="back-hint", classes="hint")
        yield CourseFooter()

    def hint(self) -> str:
        reveal = "Space shows an answer · " if self.revealed < len(self.back.module.recall) else ""
        return f"{reveal}g a one-minute pause to arrive · l the last thing you wrote · Enter or Esc to your modules"

    def recall_text(self) -> Table:
        rows = []
        for number, recall in enumerate(self.back.module.recall, start=1):
            rows.append((f"{number}.", recall.question, "bold"))
            shown = number <= self.revealed
            rows.append(("", recall.answer, "") if shown else ("", "(Space shows the answer)", "italic"))
        return hanging(rows)

    def on_mount(self) -> None:
        self.query_one("#last-reflection").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the learner writes, the keys belong to the text."""
        typing = isinstance(self.focused, TextArea)
        if action == "write":
            return self.back.experiment is not None and not typing
        if action == "reveal":
            return self.revealed < len(self.back.module.recall) and not typing
        return not typing or action == "close"

    def action_reveal(self) -> None:
        self.revealed = min(self.revealed + 1, len(self.back.module.recall))
        self.query_one("#recall", Static).update(self.recall_text())
        self.query_one("#back-hint", Static).update(self.hint())
        self.refresh_bindings()

    def action_pause(self) -> None:
        self.app.push_screen(GroundingScreen())

    def action_write(self) -> None:
        box = self.query_one(WritingBox)
        self.set_focus(box)  # at once: the keys typed next are for the box
        box.move_cursor(box.document.end)

    def action_last_reflection(self) -> None:
        """The last reflection the learner wrote in a module, shown only now that they asked."""
        written = [r for r in self.store.reflections() if r.text.strip() and r.module_id not in NOT_STEPS]
        last = max(written, key=lambda r: r.updated_at, default=None)
        shown = self.query_one("#last-reflection", Literal)
        shown.show(f"The last thing you wrote:\n{last.text.strip()}" if last else "You have not written a reflection yet.")
        shown.display = True
        shown.scroll_visible(animate=False)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.text = event.text_area.text
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(SAVE_DELAY, self.save_current)

    def save_current(self) -> None:
        """Save how the experiment went: as typed, on leaving, and when the app is asked to close."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        experiment = self.back.experiment
        if experiment is None or self.text == self.saved:
            return
        self.saved = self.store.save_reflection(EXPERIMENTS, experiment.module_id, self.text, loaded=self.saved)

    def action_close(self) -> None:
        self.save_current()
        self.dismiss(None)
