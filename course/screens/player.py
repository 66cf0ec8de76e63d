"""The step player: one module, one step at a time, saved at every move."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, TextArea

from course.answered_notes import AnsweredNotes
from course.model import Module
from course.progress_handle import ProgressHandle
from course.screens.content_note import ContentNoteScreen
from course.screens.dialogs import ConfirmDialog
from course.screens.grounding import GroundingScreen
from course.steps import kind_of
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.markdown_text import MarkdownText
from course.widgets.reflect_view import ReflectView
from course.widgets.step_view import KEPT_LOCALLY, StepView
from course.widgets.step_views import view_for


def skip_words(steps: int) -> str:
    """The content note's choice to skip, as many steps as the note covers."""
    return "Skip this step" if steps == 1 else f"Skip these {steps} steps"


def conceal(view: StepView) -> None:
    """Hide a prepared view but keep it in the layout: Textual measures its text while the
    learner reads (the slow part of a first showing), and it takes no room, draws nothing
    and cannot take focus. A view out of the display (display: none) is not measured."""
    view.styles.overlay = "screen"
    view.styles.visibility = "hidden"


def reveal(view: StepView) -> None:
    """Put a concealed view back in the flow of the step."""
    view.styles.clear_rule("overlay")
    view.styles.clear_rule("visibility")


class PlayerScreen(Screen[str]):
    """Plays a module's steps; dismisses with "finished" at the end, or "home"."""

    class Shown(Message):
        """A step is on screen now: a room follows the projector's, and notices a participant's own."""

        def __init__(self, module: Module, index: int) -> None:
            super().__init__()
            self.module = module
            self.index = index

    CSS_PATH = "player.tcss"

    BINDINGS = [
        Binding("enter,w", "write", "Write", key_display="⏎"),
        Binding("right,n,enter", "next", "Next", key_display="→"),
        Binding("left,p", "back", "Back", key_display="←"),
        Binding("ctrl+n", "next_anywhere", "Next", key_display="^n", show=False),
        Binding("escape", "home", "Modules"),
        Binding("x", "clear_reflection", "Clear reflection", show=False),
        Binding("pagedown", "page_next", "Next", show=False, priority=True),
        Binding("pageup", "page_back", "Back", show=False, priority=True),
        Binding("pagedown", "scroll_step('page_down')", show=False, priority=True),
        Binding("pageup", "scroll_step('page_up')", show=False, priority=True),
        Binding("home", "scroll_step('home')", show=False, priority=True),
        Binding("end", "scroll_step('end')", show=False, priority=True),
        Binding("f", "toggle_notes", "Notes"),
        Binding("b,g", "room_pause", "Pause the room"),
        Binding("g", "pause", "Pause", show=False),
    ]
    """Next and back when not typing; Ctrl+N moves on from anywhere, even mid-sentence. On a
    reflection Enter (or w) starts writing: arriving there never captures the keys that move on.
    PageDown, PageUp, Home and End scroll the step whatever has focus (a list of choices, a
    timer), except while writing, when they move in the text. In workshop mode PageUp and
    PageDown (a presenter's clicker) move between steps instead. g opens a one-minute pause:
    in workshop mode, like b, the room's (listed first, so the footer names it once, as b). A
    learner's footer leaves it out, to keep F2 in view at 80 columns: the practices that might
    stir things up name it, and so does Help."""

    def __init__(
        self,
        module: Module,
        store: ProgressHandle,
        start: int,
        notes: AnsweredNotes,
        workshop: bool = False,
        kept: str = KEPT_LOCALLY,
    ) -> None:
        super().__init__(classes="workshop" if workshop else "")
        self.workshop = workshop
        self.kept = kept
        """Where what is written goes, in words shown under each reflection."""
        self.module = module
        self.store = store
        self.index = start
        self.notes = notes
        """Content notes already answered in this sitting: never asked twice."""
        self.view: StepView | None = None
        self.views: dict[int, StepView] = {}
        self.closed = False
        """Set once the player has dismissed itself: keys and callbacks still queued do nothing."""
        self.focus_pending = False
        """The step shown is still being built: keys wait for it to take focus (KeysInOrderApp)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Literal(f"{self.module.number} · {self.module.title}", id="module-title")
            yield Static("", id="step-count")
        with Horizontal(id="stage"):
            with VerticalScroll(id="content"):
                yield Static("", id="step-kind")
                yield Literal(id="step-title")
                yield Vertical(id="views")
                if self.workshop:
                    # The room sees the step and its question; the facilitator's notes wait for `f`.
                    yield Static("To talk about together", id="discuss-heading", classes="hint")
                    yield MarkdownText(id="discuss", classes="room-question")
            if self.workshop:
                with VerticalScroll(id="notes"):
                    yield Static("For the facilitator · f hides", classes="notes-heading")
                    yield MarkdownText(id="facilitator")
        yield CourseFooter()

    def on_mount(self) -> None:
        if not self.query("#views"):
            # A key opened this screen as the app was closing: its parts are already gone.
            self.closed = True
            return
        self.go_to(self.index, direction=0)

    def go_to(self, index: int, direction: int, completed: str | None = None) -> None:
        """Show the step at index, after the content note covering it if that is not yet answered.

        A note may cover a run of steps: it is asked on entering the run at any of them, answered
        once for them all, and skipping it skips the whole run.
        """
        span = self.notes.run_pending(self.module, index)
        if span is None:
            self.show(index, completed)
        else:
            self.ask_note(span, index, direction or 1, completed)

    def ask_note(self, span: tuple[int, int], index: int, direction: int, completed: str | None) -> None:
        """Ask the note of the run `span` (first, last): going on shows step index, skipping leaves
        the run in the direction of travel, and backing out before any step was shown goes home."""
        first, last = span
        noted = self.module.steps[first]

        def answered(choice: str | None) -> None:
            if choice == "continue":
                self.notes.answer_run(self.module, first)
                self.show(index, completed)
            elif choice == "skip":
                self.skip_from(last if direction > 0 else first, direction, completed)
            elif self.view is None:
                self.close("home")

        self.app.push_screen(ContentNoteScreen(noted.title, noted.content_note, skip_words(last - first + 1)), answered)

    def skip_from(self, index: int, direction: int, completed: str | None) -> None:
        """Move on from index in the direction of travel: past the last step finishes the module, and
        past the first goes home if no step was shown yet."""
        target = index + direction
        if 0 <= target < len(self.module.steps):
            self.go_to(target, direction, completed)
        elif target >= len(self.module.steps):
            self.finish(completed)
        elif self.view is None:
            self.close("home")

    def show(self, index: int, completed: str | None = None) -> None:
        """Save the move, then show the step: a step on screen is always a step on disk."""
        step = self.module.steps[index]
        self.store.move_to(self.module.id, step.id, completed=completed)
        self.index = index
        self.post_message(self.Shown(self.module, index))
        if self.view is not None:
            self.view.leave()
            conceal(self.view)
        self.view = self.view_at(index)
        reveal(self.view)
        if self.workshop:
            self.query_one("#facilitator", MarkdownText).show(step.facilitator or "No notes for this step.")
            self.query_one("#discuss", MarkdownText).show(step.discuss)
            for part in self.query("#discuss, #discuss-heading"):
                part.display = bool(step.discuss)
        total = len(self.module.steps)
        self.query_one("#step-count", Static).update(f"Step {index + 1} of {total}")
        self.query_one("#step-kind", Static).update(kind_of(step).label)
        self.query_one("#step-title", Literal).show(step.title)
        self.query_one("#content", VerticalScroll).scroll_home(animate=False)
        self.focus_step()  # at once if it can be, so keys pressed right after the move land in the step
        self.refresh_bindings()  # the footer offers what this step's keys do (Write on a reflection)
        # Lay the screen out at its next frame. Each part changed above asks for that itself, but
        # through its own queue: when the screen heard first, it drew a frame without the new
        # step and showed it a frame later, and the views prepared below were built before it.
        self.refresh(layout=True, repaint=False)
        self.call_after_refresh(self.prepare_neighbours, index)

    def prepare_neighbours(self, index: int) -> None:
        """Build the neighbouring steps' views while the learner reads; drop views further away.

        Keeping only the previous, current and next views mounted keeps a step change cheap:
        Textual restyles every mounted view when focus moves, hidden ones included.
        """
        if self.closed or index != self.index:
            return  # the learner has moved on (or away) since this was asked for
        for near in (index + 1, index - 1):
            if 0 <= near < len(self.module.steps):
                self.view_at(near)
        for far in [i for i in self.views if abs(i - index) > 1]:
            view = self.views.pop(far)
            view.leave()
            view.remove()

    def view_at(self, index: int) -> StepView:
        """The view of a step, built and mounted (hidden) the first time it is needed."""
        view = self.views.get(index)
        if view is None:
            view = view_for(self.module.steps[index], self.module.id, self.store, for_room=self.workshop, kept=self.kept)
            conceal(view)
            self.views[index] = view
            self.query_one("#views").mount(view)
        return view

    def focus_step(self) -> None:
        """Focus the current step; if its view is still being built, as soon as it is built."""
        view = self.view
        self.focus_pending = view is not None and not self.closed and not view.is_mounted
        if view is None or self.closed:
            return
        if not view.is_mounted:
            # The view runs this once it has mounted. Asking again after each refresh instead
            # would spin while this screen is not the current one, and starve the mount itself.
            view.call_later(self.focus_step)
            return
        target = view.first_focus()
        # Focus without scrolling: a new step always starts at its title, even when small.
        self.set_focus(target if target is not None else self.query_one("#content"), scroll_visible=False)

    def save_current(self) -> None:
        """Flush anything typed but not yet saved."""
        if self.view is not None:
            self.view.save()

    def follow_to(self, index: int) -> None:
        """Go to a step because the room did: from anywhere in the module, no step marked done."""
        if not self.closed and 0 <= index < len(self.module.steps) and index != self.index:
            self.save_current()
            self.go_to(index, direction=1 if index > self.index else -1)

    def action_next(self) -> None:
        if self.view is not None and self.view.holds_move():
            return
        self.save_current()
        current = self.module.steps[self.index].id
        if self.index + 1 < len(self.module.steps):
            self.go_to(self.index + 1, direction=1, completed=current)
        else:
            self.finish()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the learner types, arrows and letters belong to the text, not to navigation."""
        if self.closed:
            return False
        if action in {"next", "back", "pause"} and isinstance(self.focused, TextArea):
            return False
        if action == "pause":
            return not self.workshop  # the room's pause (b, g) takes the key in workshop mode
        if action == "write":
            return self.view is not None and self.view.writes and not self.view.for_room and not isinstance(self.focused, TextArea)
        if action == "clear_reflection":
            return isinstance(self.view, ReflectView) and not isinstance(self.focused, TextArea) and not self.workshop
        if action in {"toggle_notes", "room_pause", "page_next", "page_back"}:
            return self.workshop
        if action == "scroll_step":
            scrolls_pages = parameters[0] in {"page_down", "page_up"}
            return not isinstance(self.focused, TextArea) and not (self.workshop and scrolls_pages)
        return True

    def action_scroll_step(self, how: str) -> None:
        content = self.query_one("#content", VerticalScroll)
        {
            "page_down": content.scroll_page_down,
            "page_up": content.scroll_page_up,
            "home": content.scroll_home,
            "end": content.scroll_end,
        }[how](animate=False)

    def action_write(self) -> None:
        if self.view is not None:
            self.view.start_writing()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.view.resume()

    def action_page_next(self) -> None:
        self.action_next()

    def action_page_back(self) -> None:
        self.action_back()

    def action_toggle_notes(self) -> None:
        """Show or hide the facilitator's notes: hidden until asked for, since the room can see them."""
        self.query_one("#notes").toggle_class("shown")

    def action_pause(self) -> None:
        """A one-minute grounding pause, over the step: closing it returns to the same place."""
        self.app.push_screen(GroundingScreen())

    def action_room_pause(self) -> None:
        self.app.push_screen(GroundingScreen(for_room=True))

    def action_clear_reflection(self) -> None:
        view = self.view
        if not isinstance(view, ReflectView):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                view.clear()

        self.app.push_screen(ConfirmDialog("Clear what you wrote here? It is deleted for good."), answered)

    def on_step_view_move_on(self, event: StepView.MoveOn) -> None:
        event.stop()
        if event.view is self.view and not self.closed:  # not a view the learner has already left
            self.action_next()

    def action_next_anywhere(self) -> None:
        self.action_next()

    def action_back(self) -> None:
        if self.index > 0:
            self.save_current()
            self.go_to(self.index - 1, direction=-1)

    def action_home(self) -> None:
        self.save_current()
        self.close("home")

    def finish(self, last_done: str | None = None) -> None:
        """Record the module as finished, with the last step the learner was on as done: when the
        steps after it were skipped, they are not counted as done."""
        self.store.finish(self.module.id, last_done or self.module.steps[-1].id)
        self.close("finished")

    def stop(self) -> None:
        """Save what was typed and ignore whatever is still queued: the app is taking this screen away."""
        self.save_current()
        self.closed = True

    def close(self, result: str) -> None:
        """Dismiss once: a burst of keys can ask twice before the screen has gone."""
        if not self.closed:
            self.closed = True
            self.dismiss(result)


