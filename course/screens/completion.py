"""The short screen at the end of a module, with a small experiment to try before next time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from course.model import Module
from course.progress_handle import ProgressHandle
from course.widgets.choice_list import ChoiceList, choice_prompt
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal
from course.widgets.step_view import KEPT_LOCALLY

OWN = "own"
NOT_NOW = "not-now"
"""The ids of the two choices after the module's own suggestions."""


class CompletionScreen(Screen[str]):
    """Dismisses with "next" to start the following module, or "home".

    Where the module suggests experiments and the sitting saves, it offers them, and the
    learner's own idea, as an optional plan for before next time; the next welcome back asks
    how it went.
    """

    CSS_PATH = "completion.tcss"

    BINDINGS = [
        Binding("enter", "enter", "Next module", key_display="Enter", priority=True),
        Binding("right,n", "choose('next')", "Next module", show=False),
        Binding("escape", "choose('home')", "Modules"),
        Binding("down,up", "experiments", "Choose an experiment", key_display="↓", show=False),
    ]
    """Enter goes on to the next module, Escape back to the list of modules. The experiments
    wait for ↓, so Enter pressed to go on, perhaps in a burst, never chooses one by accident;
    on the list, Enter chooses. Enter acts at once (priority): keys typed right after it go
    to what it opens."""

    def __init__(
        self,
        module: Module,
        reflections: int,
        next_module: Module | None,
        kept: str = KEPT_LOCALLY,
        store: ProgressHandle | None = None,
    ) -> None:
        super().__init__()
        self.kept = kept
        self.module = module
        self.reflections = reflections
        self.next_module = next_module
        self.store = store
        """Where a chosen experiment is kept; None offers none (a room, or nowhere to keep it)."""

    @property
    def offers_experiment(self) -> bool:
        return self.store is not None and bool(self.module.experiment)

    def compose(self) -> ComposeResult:
        wrote = (
            f"You wrote {self.reflections} reflection{'s' if self.reflections != 1 else ''}. {self.kept}."
            if self.reflections
            else "You took it at your own pace, and that is the right pace."
        )
        after = (
            f"Next: {self.next_module.number} · {self.next_module.title}. Press Enter when you are ready, "
            "or come back another day."
            if self.next_module
            else "That was the last module. Press Enter to return to the list."
        )
        with VerticalScroll(id="done"):
            yield Literal(f"You finished {self.module.number} · {self.module.title}", id="done-title")
            yield Static(wrote)
            yield Static("Take a breath before moving on. Nothing needs to happen right away.")
            if self.offers_experiment:
                yield Static(
                    "A small experiment to try before next time, if you like (↓ to choose one, then Enter):",
                    id="experiment-heading",
                )
                choices = [*self.module.experiment, "My own: When …, I will …", "Not this time"]
                ids = [*(str(n) for n in range(len(self.module.experiment))), OWN, NOT_NOW]
                yield ChoiceList(
                    *(Option(choice_prompt("•", text), id=i) for text, i in zip(choices, ids)), id="experiments"
                )
                yield Input(placeholder="When …, I will …", id="own-experiment", max_length=300, select_on_focus=False)
                yield Literal("", id="experiment-chosen")
            yield Literal(after, id="done-next")
        yield CourseFooter()

    def on_mount(self) -> None:
        if self.offers_experiment:
            self.query_one("#own-experiment").display = False
            self.query_one("#experiment-chosen").display = False
            self.query_one(ChoiceList).highlighted = None

    def action_experiments(self) -> None:
        for choices in self.query(ChoiceList):
            if choices.display:
                self.set_focus(choices)
                choices.highlighted = choices.highlighted or 0

    def action_enter(self) -> None:
        focused = self.focused
        if isinstance(focused, ChoiceList) and focused.highlighted is not None:
            self.picked(focused.get_option_at_index(focused.highlighted).id)
        elif isinstance(focused, Input):
            plan = " ".join(focused.value.split())
            if plan and plan != "When":
                self.keep(plan)
        else:
            self.action_choose("next")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click: Enter is handled above, before the list sees it
        self.picked(event.option.id)

    def picked(self, choice: str | None) -> None:
        if choice == OWN:
            field = self.query_one("#own-experiment", Input)
            field.display = True
            field.value = field.value or "When "
            field.cursor_position = len(field.value)
            self.set_focus(field)  # at once: Widget.focus waits, and the keys typed next are for the field
        elif choice == NOT_NOW:
            self.settled("No experiment this time. That is fine too.")
        else:
            self.keep(self.module.experiment[int(choice or 0)])

    def keep(self, plan: str) -> None:
        assert self.store is not None
        self.store.choose_experiment(self.module.id, plan)
        self.settled(f"Your experiment: {plan.rstrip('.')}. When you come back after a few days, you will be asked how it went.")

    def settled(self, words: str) -> None:
        """The choice is made: say so, and give Enter back to going on."""
        self.query_one("#experiments").display = False
        self.query_one("#own-experiment").display = False
        chosen = self.query_one("#experiment-chosen", Literal)
        chosen.show(words)
        chosen.display = True
        self.set_focus(None)

    def action_choose(self, choice: str) -> None:
        own = self.query("#own-experiment")
        if choice == "home" and own and own.first().has_focus:
            self.action_experiments()  # Escape while writing one's own goes back to the list
            own.first().display = False
            return
        self.dismiss(choice)
