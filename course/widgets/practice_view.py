"""The view of a guided practice, with a timer the learner starts, pauses and restarts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from course.steps.practice import PracticeStep
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import StepView


def clock(seconds: int) -> str:
    """Seconds as m:ss."""
    return f"{seconds // 60}:{seconds % 60:02d}"


class PracticeTimer(Static, can_focus=True):
    """A countdown that never runs on its own: the learner starts it when ready."""

    BINDINGS = [
        Binding("space", "start_pause", "Timer"),
        Binding("r", "restart", "Restart"),
    ]
    """Space starts and pauses; r starts over. Moving on is always allowed."""

    class Finished(Message):
        """The countdown reached zero."""

    remaining: reactive[int] = reactive(0, layout=True)
    running: reactive[bool] = reactive(False, layout=True)

    def __init__(self, seconds: int) -> None:
        super().__init__(id="timer")
        self.total = seconds
        self.widest = max(len(self.label(left, running)) for left in (seconds, 1, 0) for running in (True, False))
        """The longest label: every clock below the whole time is no longer than it."""
        self.set_reactive(PracticeTimer.remaining, seconds)
        self._ticker: Timer | None = None

    def on_mount(self) -> None:
        # As wide as the longest thing it can say, so the box keeps one width as it changes
        # (its stylesheet still caps it at the screen's width, where it wraps instead).
        self.styles.min_width = self.widest + self.styles.gutter.width

    def render(self) -> str:
        return self.label(self.remaining, self.running)

    def label(self, remaining: int, running: bool) -> str:
        """What the timer says with this much time left, running or not."""
        if remaining == 0:
            return f"⏱ {clock(0)} · time is up: take your time coming back · r again"
        if running:
            return f"⏱ {clock(remaining)} · running · Space pauses"
        if remaining < self.total:
            return f"⏱ {clock(remaining)} · paused · Space resumes · r restarts"
        return f"⏱ {clock(remaining)} · Space starts"

    def action_start_pause(self) -> None:
        if self.remaining == 0:
            self.action_restart()
        self.running = not self.running
        if self.running:
            self._ticker = self.set_interval(1, self._tick)
        elif self._ticker is not None:
            self._ticker.stop()

    def action_restart(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
        self.running = False
        self.remaining = self.total

    def _tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.running = False
            if self._ticker is not None:
                self._ticker.stop()
            self.app.bell()
            self.post_message(self.Finished())


class PracticeView(StepView[PracticeStep]):
    """Instructions, and a timer where the practice has one."""

    FOCUS = "PracticeTimer"

    def compose(self) -> ComposeResult:
        yield MarkdownText(self.step.body)
        if self.step.seconds:
            yield PracticeTimer(self.step.seconds)

    def leave(self) -> None:
        for timer in self.query(PracticeTimer):
            if timer.running:
                timer.action_start_pause()  # paused, not lost: it resumes from here on return
