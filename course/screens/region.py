"""Choosing the region whose crisis lines the support screen shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from course.screens.everywhere_keys import QUIT_SHOWN
from course.support import FALLBACK, SupportDirectory
from course.widgets.course_footer import CourseFooter
from course.widgets.literal import literal


class RegionScreen(ModalScreen[str | None]):
    """Dismisses with a region code (the fallback code for 'somewhere else'), or None."""

    DEFAULT_CSS = """
    RegionScreen { align: center middle; }
    RegionScreen > Vertical {
        width: 50; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 1 2; background: $surface;
    }
    RegionScreen OptionList { height: auto; max-height: 14; }
    """
    """A short list in the middle of the screen."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), QUIT_SHOWN]
    """Escape keeps the region as it was."""

    def __init__(self, directory: SupportDirectory, current: str | None) -> None:
        super().__init__()
        self.directory = directory
        self.current = current

    def compose(self) -> ComposeResult:
        regions = sorted((r for r in self.directory.regions.values() if r.code != FALLBACK), key=lambda r: r.name)
        with Vertical():
            yield Static("Where are you? This only chooses which lines to show.", markup=False)
            yield OptionList(
                *(Option(literal(region.name), id=region.code) for region in regions),
                Option("Somewhere else", id=FALLBACK),
            )
        yield CourseFooter()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        codes = [option.id for option in listing.options]
        if self.current in codes:
            listing.highlighted = codes.index(self.current)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.is_current:  # a key after Enter may already have opened something over this list
            self.dismiss(event.option.id or FALLBACK)

    def action_cancel(self) -> None:
        self.dismiss(None)
