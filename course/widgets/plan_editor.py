"""The plan for hard moments as the learner writes it: six parts, each saved as it is typed."""

from __future__ import annotations

from typing import Protocol, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from course.hard_moments_plan import PARTS, starting_texts
from course.progress import PLAN
from course.progress_handle import ProgressHandle
from course.widgets.literal import Literal
from course.widgets.reflect_view import SAVE_DELAY
from course.widgets.writing_box import WritingBox

BOX_ID = "part-"
"""Each part's box is named by this and the part's id."""
TEXT_ID = "text-"
"""Each part's text, before the learner writes, is named by this and the part's id."""
NOTHING_YET = "(nothing yet)"


class PlanHost(Protocol):
    """What the editor asks of the app: the learner's people and their region's lines, to start from."""

    def plan_suggestions(self) -> dict[str, str]: ...


class PlanEditor(Vertical):
    """The six parts, written like reflections: saved about half a second after typing stops,
    on leaving and on quitting; both texts kept if another window wrote a part meanwhile.

    A part never written starts with what the app suggests (the learner's people, their
    region's lines) and is saved only once the learner changes it. For a room it is an empty
    template: the headings and their prompts, and nowhere to write.
    """

    DEFAULT_CSS = """
    PlanEditor { height: auto; }
    PlanEditor .plan-heading { text-style: bold; }
    PlanEditor .plan-prompt { color: $text-muted; }
    PlanEditor .room-part { margin: 0 0 1 0; }
    PlanEditor .plan-text { margin: 0 0 1 0; padding: 0 1; border-left: thick $panel-lighten-2; }
    """
    """Each part's heading, then its prompt in a quieter colour, then what is written, drawn like
    the box it becomes."""

    def __init__(self, store: ProgressHandle, for_room: bool = False) -> None:
        super().__init__()
        self.store = store
        self.for_room = for_room
        self.saved: dict[str, str] = {}
        """Each written part as this editor last read or saved it."""
        self.texts: dict[str, str] = {}
        """Each part as it is in its box now."""
        self.changed: set[str] = set()
        """Parts typed in and not saved yet."""
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        if not self.for_room:
            self.saved = self.store.texts(PLAN)
            self.texts = starting_texts(self.saved, cast(PlanHost, self.app).plan_suggestions())
        for number, part in enumerate(PARTS, start=1):
            yield Static(f"{number}. {part.heading}", classes="plan-heading", markup=False)
            yield Static(part.prompt, classes="plan-prompt" + (" room-part" if self.for_room else ""), markup=False)
            if not self.for_room:
                yield Literal(self.texts[part.id] or NOTHING_YET, id=TEXT_ID + part.id, classes="plan-text")

    @property
    def writing(self) -> bool:
        """Whether the parts are boxes to write in yet."""
        return bool(self.query(WritingBox))

    def start_writing(self) -> None:
        """Put the learner in the first part, after what is written there.

        The parts are text until the learner first writes: six text boxes cost a step change
        tens of milliseconds to lay out, and most arrivals only read. Keys typed meanwhile wait
        for the first box (KeysInOrderApp and the screen's `focus_pending`).
        """
        if self.for_room or not self.is_mounted:
            return
        if self.writing:
            self._focus_first()
            return
        for part in PARTS:
            shown = self.query_one(f"#{TEXT_ID}{part.id}")
            self.mount(WritingBox(self.texts[part.id], id=BOX_ID + part.id), after=shown)
            shown.remove()
        self.screen.focus_pending = True  # type: ignore[attr-defined]
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        self.screen.focus_pending = False  # type: ignore[attr-defined]
        for box in self.query(WritingBox)[:1]:
            self.screen.set_focus(box)  # at once: the keys typed next are for the box
            box.move_cursor(box.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        part = (event.text_area.id or "").removeprefix(BOX_ID)
        self.texts[part] = event.text_area.text
        self.changed.add(part)
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(SAVE_DELAY, self.save)

    def save(self) -> None:
        """Save every part typed in since it was last saved."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        for part in sorted(self.changed):
            text = self.texts[part]
            stored = self.store.save_reflection(PLAN, part, text, loaded=self.saved.get(part, ""))
            self.saved[part] = stored
            if stored != text:  # another window wrote this part since: both texts are kept
                self._show(part, stored)
                self.notify("Your plan was also changed in another window; both texts are kept.", severity="warning")
        self.changed.clear()

    def reload(self) -> None:
        """Show what another screen saved since, in every part not being typed in here."""
        if self.for_room:
            return
        stored = self.store.texts(PLAN)
        for part, text in stored.items():
            if part not in self.changed and text != self.saved.get(part):
                self.saved[part] = text
                self._show(part, text)

    def _show(self, part: str, text: str) -> None:
        self.texts[part] = text
        for box in self.query(f"#{BOX_ID}{part}").results(WritingBox):
            with box.prevent(TextArea.Changed):
                box.load_text(text)
        for shown in self.query(f"#{TEXT_ID}{part}").results(Literal):
            shown.show(text or NOTHING_YET)


class PlanHint(Literal):
    """What the keys do around the plan, and where it is kept."""

    def __init__(self, kept: str, for_room: bool) -> None:
        words = (
            "An empty template to talk through together: nothing is written or saved here."
            if for_room
            else f"{kept} · Enter or w to write · Tab next part · Esc done writing · `course plan` prints it"
        )
        super().__init__(words, classes="hint")
