"""The view of a reflection step: a prompt and a box to write in, saved as the learner types."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Static, TextArea

from course.progress_handle import ProgressHandle
from course.steps.reflect import ReflectStep
from course.widgets.markdown_text import MarkdownText
from course.widgets.step_view import KEPT_LOCALLY, StepView

SAVE_DELAY = 0.6
"""Seconds of quiet typing before the text is saved; keeps saves under a second behind."""


class ReflectionBox(TextArea):
    """Where the learner writes, once they choose to; Escape stops typing so the player's keys work again."""

    BINDINGS = [
        Binding("escape", "done_typing", "Done writing"),
        Binding("ctrl+n", "screen.next_anywhere", "Next", key_display="^n"),
    ]
    """Escape leaves the box rather than the module; Ctrl+N moves on, shown in the footer while
    typing because the arrows and letters then belong to the text."""

    def action_done_typing(self) -> None:
        self.screen.set_focus(None)


class ReflectView(StepView[ReflectStep]):
    """A question the learner may answer in their own words, or skip.

    Arriving does not put the learner in the box: → and `n` still move on, and Enter or `w`
    starts writing, at the end of anything written before. The hint under the box always says
    what the keys do now. For a room (workshop mode) it is a question to think about, with
    nowhere to type.
    """

    _pending: Timer | None = None
    writes = True

    def __init__(
        self,
        step: ReflectStep,
        module_id: str,
        store: ProgressHandle,
        for_room: bool = False,
        kept: str = KEPT_LOCALLY,
    ) -> None:
        super().__init__(step, module_id, store, for_room, kept)
        self.saved = "" if for_room else store.reflection(module_id, step.id)
        """The text as this view last read or wrote it in the store."""
        self.text = self.saved
        """The text as it is in the box now."""

    def compose(self) -> ComposeResult:
        if self.step.body:
            yield MarkdownText(self.step.body)
        if self.for_room:
            yield Static("A question for the room, to think about quietly or share if you like", classes="hint")
            yield MarkdownText(self.step.prompt, classes="room-question")
            return
        yield MarkdownText(self.step.prompt, classes="prompt")
        yield ReflectionBox(
            self.text,
            soft_wrap=True,
            show_line_numbers=False,
            placeholder="Write as much or as little as you like.",
            id="reflection",
        )
        yield Static(self.hint(writing=False), classes="hint", id="reflection-hint", markup=False)

    def hint(self, writing: bool) -> str:
        keys = "Esc done writing · Ctrl+N next" if writing else "Enter or w to write · → next"
        return f"{self.kept} · {keys}"

    def start_writing(self) -> None:
        """Put the learner in the box, after what they wrote before."""
        for box in self.query(ReflectionBox):
            box.focus(scroll_visible=False)
            box.move_cursor(box.document.end)
            box.scroll_visible(animate=False)

    def on_descendant_focus(self) -> None:
        self._show_hint()

    def on_descendant_blur(self) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        writing = any(box.has_focus for box in self.query(ReflectionBox))
        for hint in self.query("#reflection-hint").results(Static):
            hint.update(self.hint(writing))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.text = event.text_area.text
        self._cancel_pending_save()
        self._pending = self.set_timer(SAVE_DELAY, self.save)

    def clear(self) -> None:
        """Delete the reflection, on screen and on disk, unless another window wrote to it since."""
        self._cancel_pending_save()
        if self.store.clear_reflection(self.module_id, self.step.id, loaded=self.saved):
            self._show_stored("")
        else:
            self._show_stored(self.store.reflection(self.module_id, self.step.id))
            self.notify("Another window wrote here since, so nothing was cleared.", severity="warning")

    def _cancel_pending_save(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    def save(self) -> None:
        self._cancel_pending_save()
        if self.text == self.saved:
            return
        stored = self.store.save_reflection(self.module_id, self.step.id, self.text, loaded=self.saved)
        if stored == self.text:
            self.saved = stored
        else:  # another window changed it since this one read it: the store kept both texts
            self._show_stored(stored)
            self.notify("This reflection was also changed in another window; both texts are kept.", severity="warning")

    def _show_stored(self, text: str) -> None:
        self.text = self.saved = text
        for box in self.query(ReflectionBox):
            with box.prevent(TextArea.Changed):
                box.load_text(text)
            box.move_cursor(box.document.end)
