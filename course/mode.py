"""How a sitting runs: one learner, a workshop, or a served browser session."""

from __future__ import annotations

from course.record import Record


class Mode(Record):
    """How this sitting runs: for one learner, a workshop, or a served browser session."""

    workshop: bool = False
    """Facilitator notes, number-key jumps, the room pause; nothing is read or saved."""
    profile: str | None = None
    """Whose progress: a named profile beneath the data folder."""
    served: bool = False
    """In a browser through `course serve`; saves only when participants name a profile."""
    ask_profile: bool = False
    """A served session that saves: ask the participant's name and resume code first."""
    run: str = ""
    """The `course serve` run a served session belongs to: new saved profiles are capped per run."""
    room: str = ""
    """A `course room` participant's session: the room hub's socket, whose step it follows."""

    @property
    def saves_from_start(self) -> bool:
        return not self.workshop and not self.served

    @property
    def keeps_nothing(self) -> bool:
        """Whether everything written is gone when this sitting ends."""
        return self.workshop or (self.served and self.profile is None)

    @property
    def keeping(self) -> str:
        """Where what is written goes: a key of WORDS."""
        if self.workshop:
            return "nowhere"
        if self.served:
            return "nowhere, in a tab" if self.profile is None else "with the facilitator"
        return "here"

    @property
    def kept_where(self) -> str:
        """Where what is written goes, in a few words for the hint under a reflection."""
        return WORDS[self.keeping].kept

    @property
    def privacy(self) -> str:
        """What happens to what the learner writes, for Help and support (Markdown)."""
        return WORDS[self.keeping].privacy

    @property
    def on_quit(self) -> str:
        """What quitting does to what was written, for the list of keys."""
        return WORDS[self.keeping].on_quit

    @property
    def badge(self) -> str:
        """A line on the home screen wherever what is written is not simply kept on this computer."""
        return WORDS[self.keeping].badge


class KeptWords(Record):
    """What the app says, in each place, about where what is written goes."""

    kept: str
    privacy: str
    on_quit: str
    badge: str


WORDS = {
    "here": KeptWords(
        kept="Saved on this computer only",
        privacy=(
            "**Your privacy.** What you write stays on this computer, in the folder below, readable "
            "only by you. Nothing is ever sent anywhere. `course export` prints it; `course forget` "
            "deletes it all."
        ),
        on_quit="everything is already saved",
        badge="",
    ),
    "nowhere": KeptWords(
        kept="Workshop mode: nothing is saved",
        privacy="**Your privacy.** Workshop mode writes nothing down: nothing typed here is saved.",
        on_quit="nothing was saved",
        badge="Workshop mode: nothing is saved",
    ),
    "nowhere, in a tab": KeptWords(
        kept="Not saved: closing this tab ends the session",
        privacy=(
            "**Your privacy.** Nothing you write here is saved. It lives only in this browser "
            "tab's session, is sent nowhere else, and is gone when you quit or close the tab."
        ),
        on_quit="asks first if you wrote anything, since nothing here is saved",
        badge="In your browser: nothing you write here is saved, and closing the tab ends it",
    ),
    "with the facilitator": KeptWords(
        kept="Kept on the facilitator's computer under your name and code",
        privacy=(
            "**Your privacy.** What you write is kept on the facilitator's computer, under your "
            "name and resume code, and is sent nowhere else. Anyone with both can open it in this "
            "course, and the facilitator can delete it: ask them to when you no longer need it."
        ),
        on_quit="everything is already saved",
        badge="In your browser: kept on the facilitator's computer under your name and code",
    ),
}
"""One entry per place the writing can go, so the four kinds of words never disagree."""
