"""Help and support: crisis lines for the learner's region, their own people, a pause, the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from course.mode import Mode
from course.progress import Contact
from course.progress_handle import ProgressHandle
from course.screens.dialogs import ConfirmDialog, ContactDialog
from course.screens.everywhere_keys import QUIT_SHOWN
from course.screens.grounding import GroundingScreen
from course.screens.region import RegionScreen
from course.support import FALLBACK, SupportDirectory
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import Literal, literal
from course.widgets.markdown_text import MarkdownText

ABOUT = """
COURSE

PRIVACY

**Keys**

- **↑ ↓** choose a module · **Enter** open it where you left off
- **→**, **n** or **Enter** next step · **Ctrl+N** next step from anywhere, even while writing
- **Enter** or **w** on a reflection: start writing · **Esc** stop writing, or back to the modules
- **←** or **p** previous step · **PageDown PageUp Home End** scroll the step
- **Space** start or pause a practice timer · **r** restart it · **x** clear a reflection
- **g** a one-minute pause, on any step and on this screen
- **F1** this screen, from anywhere · **F2** hide the screen at once (any key brings it back)
- **q** or **Ctrl+Q** quit: QUITTING
"""
ROOM_KEYS = """
**Keys in workshop mode**

- **↑ ↓** choose a module · **Enter** open it · **NUMBERS** open a module from anywhere
- **→**, **n**, **Enter** or **PageDown** next step · **←**, **p** or **PageUp** previous step (a presenter's clicker works)
- **f** show or hide the facilitator's notes · **b** or **g** a one-minute pause for the room
- **Home End** scroll the step · **Esc** back to the modules
- **F1** this screen, from anywhere · **F2** hide the screen at once (any key brings it back)
- **q** or **Ctrl+Q** quit: QUITTING
"""
PEOPLE_FOR_A_ROOM = (
    "**Your people.** When you take the course on your own, this screen keeps a short list of people "
    "you trust and how to reach them, saved only on your own computer."
)

PLAN = (
    "Six short parts you write for yourself on a calmer day: your warning signs, what helps, who to ask, "
    "and the lines to call. Not a promise or a contract; change it any time. `course plan` prints it."
)
PLAN_FOR_A_ROOM = "The six parts of a plan for hard moments, as an empty template to talk through. Nothing is saved."
WHAT_HELPS = (
    "Once you have rated a practice before and after a couple of times, this shows which practices "
    "tend to help you, from your own ratings."
)


class HelpScreen(ModalScreen[tuple[str | None, str]]):
    """Shown over whatever the learner was doing; closing it returns them exactly there.

    Dismisses with the region shown when it closed, which the learner may have changed.
    """

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,f1", "close", "Back", key_display="Esc"),
        Binding("c", "region", "Region"),
        Binding("a", "add_contact", "Add person", show=False),
        Binding("e", "edit_contact", "Edit", show=False),
        Binding("d", "remove_contact", "Remove", show=False),
        Binding("g", "grounding", "1-minute pause", show=False),
        Binding("p", "app.plan", "My plan", show=False),
        Binding("w", "app.what_helps", "What helps me", show=False),
        QUIT_SHOWN,
    ]
    """One key for each thing on the screen; Escape goes back to where the learner was. Keys
    named beside their section stay out of the footer, which keeps room for Quit."""

    def __init__(
        self,
        store: ProgressHandle,
        directory: SupportDirectory,
        region: str | None,
        region_source: str,
        mode: Mode | None = None,
        about: str = "",
        number_keys: str = "1-9",
    ) -> None:
        super().__init__()
        self.number_keys = number_keys
        """The keys that open a module in a workshop."""
        self.about = about
        """What the course is, in its own words (course.toml)."""
        self.mode = mode or Mode()
        """How this sitting runs: what Help says about privacy and quitting is true for it."""
        self.store = store
        self.directory = directory
        self.region_code = region
        self.region_source = region_source

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Help and support", id="help-title")
            yield Literal(id="danger")
            yield Static(id="choose-region")
            yield Static("", id="lines-title", classes="section")
            yield Static("", id="lines")
            if self.mode.workshop:  # a projected screen shows no one's contacts
                yield MarkdownText(PEOPLE_FOR_A_ROOM)
            else:
                yield Static("Your people  [dim]a add · e edit · d remove[/dim]", classes="section")
                yield OptionList(id="contacts")
                yield Static("", id="no-contacts")
            yield Static("A one-minute pause  [dim]press g[/dim]", classes="section")
            yield MarkdownText("A short, calm grounding practice, whenever you want one.")
            yield Static("My plan for hard moments  [dim]press p[/dim]", classes="section")
            yield MarkdownText(PLAN_FOR_A_ROOM if self.mode.workshop else PLAN)
            if not self.mode.workshop:
                yield Static("What helps me  [dim]press w[/dim]", classes="section")
                yield MarkdownText(WHAT_HELPS)
            about, keys = ABOUT.split("PRIVACY")
            yield MarkdownText(about.replace("COURSE", self.about) + self.mode.privacy)
            if self.store.path is not None and not self.mode.served:
                yield Literal(str(self.store.path.parent), id="data-place")
            if self.mode.workshop:
                keys = ROOM_KEYS.replace("NUMBERS", self.number_keys)
            yield MarkdownText(keys.replace("QUITTING", self.mode.on_quit))
        yield CourseFooter()

    def on_mount(self) -> None:
        self.show_region()
        if not self.mode.workshop:
            self.show_contacts()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A workshop's screen keeps no one's people."""
        return not (self.mode.workshop and action in {"add_contact", "edit_contact", "remove_contact"})

    def show_region(self) -> None:
        regions = self.directory.for_region(self.region_code)
        local = regions[0] if regions and regions[0].code != FALLBACK else None
        emergency = local.emergency if local else "your local emergency number"
        self.query_one("#danger", Literal).show(f"If you are in danger right now, call {emergency}.")
        unknown = local is None and self.region_code != FALLBACK
        where = f"{local.name} ({self.region_source})" if local else "international"
        self.query_one("#lines-title", Static).update(
            Content.assemble(literal(f"Crisis lines · {where}"), "  ", Content.styled("c change", "dim"))
        )
        # Where no region is known, choosing one is the first thing offered: one key away.
        choose = self.query_one("#choose-region", Static)
        choose.display = unknown
        choose.update(Content.assemble(("Press c to choose your region", "bold"), " and see the crisis lines where you are."))
        lines = [
            Content.assemble(
                "• ",
                literal(service.name, "bold"),
                literal(f": {service.contact}." + (f" {service.hours}." if service.hours else "")),
            )
            for region in regions
            for service in region.services
        ]
        self.query_one("#lines", Static).update(
            Content("\n").join(lines) if lines else Content("• Call your local emergency number.")
        )

    def show_contacts(self, highlight: int | None = None) -> None:
        contacts = self.store.contacts()
        listing = self.query_one("#contacts", OptionList)
        listing.clear_options()
        listing.add_options(Option(literal(self.describe(c)), id=str(c.id)) for c in contacts)
        listing.display = bool(contacts)
        self.query_one("#no-contacts", Static).update(
            "" if contacts else "No one added yet. Press a to add someone you trust: a friend, family, a counsellor."
        )
        if contacts:
            listing.highlighted = min(highlight or 0, len(contacts) - 1)

    @staticmethod
    def describe(contact: Contact) -> str:
        note = f"  ({contact.note})" if contact.note else ""
        return f"{contact.name}: {contact.reach}{note}"

    def highlighted_contact(self) -> Contact | None:
        listing = self.query_one("#contacts", OptionList)
        option = listing.highlighted_option
        if option is None or not listing.display:
            return None
        return next((c for c in self.store.contacts() if str(c.id) == option.id), None)

    def action_close(self) -> None:
        self.dismiss((self.region_code, self.region_source))

    def action_region(self) -> None:
        def chosen(code: str | None) -> None:
            if code is not None:
                self.store.set_setting("region", code)
                self.region_code, self.region_source = code, "chosen by you"
                self.show_region()

        self.app.push_screen(RegionScreen(self.directory, self.region_code), chosen)

    def action_add_contact(self) -> None:
        def saved(values: tuple[str, str, str] | None) -> None:
            if values is not None:
                self.store.save_contact(*values)
                self.show_contacts(highlight=len(self.store.contacts()) - 1)

        self.app.push_screen(ContactDialog(), saved)

    def action_edit_contact(self) -> None:
        contact = self.highlighted_contact()
        if contact is None:
            return
        index = self.query_one("#contacts", OptionList).highlighted

        def saved(values: tuple[str, str, str] | None) -> None:
            if values is not None:
                self.store.save_contact(*values, contact_id=contact.id)
                self.show_contacts(highlight=index)

        self.app.push_screen(ContactDialog(contact), saved)

    def action_remove_contact(self) -> None:
        contact = self.highlighted_contact()
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.store.remove_contact(contact.id)
                self.show_contacts()

        self.app.push_screen(ConfirmDialog(f"Remove {contact.name} from your people?"), answered)

    def action_grounding(self) -> None:
        self.app.push_screen(GroundingScreen())
