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
    """A served session that saves: ask the participant's name first."""

    @property
    def saves_from_start(self) -> bool:
        return not self.workshop and not self.served

    @property
    def badge(self) -> str:
        if self.workshop:
            return "Workshop mode: nothing is saved"
        if self.served and not self.ask_profile:
            return "In your browser: nothing you write here is saved"
        return ""
