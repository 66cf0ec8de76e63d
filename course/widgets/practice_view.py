"""The view of a guided practice, with a timer the learner starts, pauses and restarts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from course.progress_handle import ProgressHandle
from course.ratings import RISE_FOR_CARE, offers_care
from course.steps.practice import PracticeStep
from course.widgets.markdown_text import MarkdownText
from course.widgets.rating_prompt import RatingPrompt
from course.widgets.step_view import KEPT_LOCALLY, StepView


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


BEFORE = "Before you begin: how stirred up do you feel right now, from 0 (calm) to 10 (as much as it gets)?"
AFTER = "And now, after the practice: how stirred up do you feel, from 0 to 10?"
CARE = {
    "rise": "You feel more stirred up than before. That happens, and it is not a failure.",
    "high": "That sounds like a lot right now.",
}
CARE_OFFER = "If it helps, press g for a one-minute pause, or F1 for support and your people. → goes on when you are ready."


class PracticeView(StepView[PracticeStep]):
    """Instructions, and a timer where the practice has one; around it, an optional rating of
    how stirred up the learner feels, asked on arriving and, if they gave one, on moving on.

    The rating is asked afresh each time the learner arrives. A rise of RISE_FOR_CARE or an
    after-rating of HIGH_FOR_CARE or more holds the move with a gentle offer of the pause and
    support. A room is never asked.
    """

    FOCUS = "PracticeTimer"

    def __init__(
        self, step: PracticeStep, module_id: str, store: ProgressHandle, for_room: bool = False, kept: str = KEPT_LOCALLY
    ) -> None:
        super().__init__(step, module_id, store, for_room, kept)
        self.asking = "" if for_room else "before"
        """What the rating line is doing: "before" or "after" (asking), "care" (offering the pause
        after a hard rating), "" (the practice is under way) or "done" (moving on)."""
        self.before: int | None = None
        self.rating_id: int | None = None
        self.care = ""
        """The gentle offer shown after a hard rating."""

    def compose(self) -> ComposeResult:
        if not self.for_room:
            yield RatingPrompt(BEFORE)
            yield Static("", id="rating-note")
        yield MarkdownText(self.step.body)
        if self.step.seconds:
            yield PracticeTimer(self.step.seconds)

    def on_mount(self) -> None:
        self._show_rating()

    def first_focus(self) -> Widget | None:
        if self.asking in ("before", "after"):
            return next(iter(self.query(RatingPrompt)), None)
        return super().first_focus()

    def on_rating_prompt_answered(self, event: RatingPrompt.Answered) -> None:
        event.stop()
        if self.asking == "before":
            self.before = event.value
            if event.value is not None:
                self.rating_id = self.store.rate_before(self.module_id, self.step.id, event.value)
            self.asking = ""
        elif self.asking == "after":
            if event.value is not None and self.rating_id is not None:
                self.store.rate_after(self.rating_id, event.value)
            if event.value is not None and self.before is not None and offers_care(self.before, event.value):
                rise = event.value - self.before >= RISE_FOR_CARE
                self.asking = "care"
                self.care = f"{CARE['rise' if rise else 'high']} {CARE_OFFER}"
            else:
                self.asking = "done"
                self.post_message(self.MoveOn(self))
        self._show_rating()
        self._focus_after_rating()

    def holds_move(self) -> bool:
        if self.asking == "" and self.before is not None:
            self.asking = "after"
            self._show_rating()
            for prompt in self.query(RatingPrompt):
                self.screen.set_focus(prompt)  # at once: the digits typed next are for it
            return True
        return False

    def _show_rating(self) -> None:
        for prompt in self.query(RatingPrompt):
            prompt.display = self.asking in ("before", "after")
            if prompt.display:
                prompt.ask(BEFORE if self.asking == "before" else AFTER)
        note = self.care if self.asking == "care" else ""
        if self.asking == "" and self.before is not None:
            note = f"You said {self.before} before the practice. Moving on asks once more."
        for shown in self.query("#rating-note").results(Static):
            shown.display = bool(note)
            shown.update(note)

    def _focus_after_rating(self) -> None:
        if self.asking in ("", "care") and self.is_attached:
            timer = next(iter(self.query(PracticeTimer)), None)
            self.screen.set_focus(timer, scroll_visible=False)

    def leave(self) -> None:
        for timer in self.query(PracticeTimer):
            if timer.running:
                timer.action_start_pause()  # paused, not lost: it resumes from here on return
        # The next arrival asks afresh: a rating belongs to one time through the practice.
        self.asking = "" if self.for_room else "before"
        self.before = self.rating_id = None
        self._show_rating()
