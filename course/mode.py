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

    @property
    def saves_from_start(self) -> bool:
        return not self.workshop and not self.served

    @property
    def keeps_nothing(self) -> bool:
        """Whether everything written is gone when this sitting ends."""
        return self.workshop or (self.served and self.profile is None)

    @property
    def kept_where(self) -> str:
        """Where what is written goes, in a few words for the hint under a reflection."""
        if self.workshop:
            return "Workshop mode: nothing is saved"
        if self.served and self.profile is not None:
            return "Kept on the facilitator's computer under your name and code"
        if self.served:
            return "Not saved: closing this tab ends the session"
        return "Saved on this computer only"

    @property
    def privacy(self) -> str:
        """What happens to what the learner writes, for Help and support (Markdown)."""
        if self.workshop:
            return "**Your privacy.** Workshop mode writes nothing down: nothing typed here is saved."
        if self.served and self.profile is not None:
            return (
                "**Your privacy.** What you write is kept on the facilitator's computer, under your "
                "name and resume code, and is sent nowhere else. Anyone with both can open it in this "
                "course, and the facilitator can delete it: ask them to when you no longer need it."
            )
        if self.served:
            return (
                "**Your privacy.** Nothing you write here is saved. It lives only in this browser "
                "tab's session, is sent nowhere else, and is gone when you quit or close the tab."
            )
        return (
            "**Your privacy.** What you write stays on this computer, in the folder below, readable "
            "only by you. Nothing is ever sent anywhere. `course export` prints it; `course forget` "
            "deletes it all."
        )

    @property
    def on_quit(self) -> str:
        """What quitting does to what was written, for the list of keys."""
        if self.workshop:
            return "nothing was saved"
        if self.keeps_nothing:
            return "asks first if you wrote anything, since nothing here is saved"
        return "everything is already saved"

    @property
    def badge(self) -> str:
        """A line on the home screen wherever what is written is not simply kept on this computer."""
        if self.workshop:
            return "Workshop mode: nothing is saved"
        if self.served and self.profile is not None:
            return "In your browser: kept on the facilitator's computer under your name and code"
        if self.served:
            return "In your browser: nothing you write here is saved, and closing the tab ends it"
        return ""
