"""What every step kind shares: the step record, and what a kind declares to the rest of the course.

A kind is one file in this package: its record, its TOML keys, how they are checked, its label,
how it reads on paper and in an export, and how its answer is stored. The registry in
`course.steps` lists the kinds; the UI's own registry (`course.widgets.step_views`) lists their views.
"""

from __future__ import annotations

from course.record import Record

TYPE_CHECKING = False  # typing costs start-up time that screenless commands should not pay
if TYPE_CHECKING:
    from typing import Any, Protocol

    class Fields(Protocol):
        """How a kind reads its keys: each problem is recorded with its place and fix, and a
        missing or bad value comes back empty, so every problem in a file is found in one pass."""

        def text(self, data: dict[str, Any], key: str, where: str, required: bool = True) -> str: ...

        def integer(
            self, data: dict[str, Any], key: str, where: str, low: int, high: int, required: bool
        ) -> int | None: ...

        def flag(self, data: dict[str, Any], key: str, where: str) -> bool: ...

        def tables(
            self, raw: object, where: str, noun: str, minimum: int, example: str
        ) -> list[tuple[str, dict[str, Any]]]: ...

        def unknown_keys(self, data: dict[str, Any], allowed: frozenset[str], where: str, owner: str) -> bool: ...


class Step(Record):
    """What every step has, whatever its kind."""

    id: str
    title: str
    content_note: str = ""
    content_note_covers: int = 1
    """How many steps the content note covers, this one first: skipping the note skips them all."""
    facilitator: str = ""
    discuss: str = ""

    kind = "step"


class StepKind:
    """One kind of step, as the loader, `course read` and `course export` need to know it.

    Subclasses fill in the class attributes and override what their kind does differently; a
    kind with no answer and nothing beyond its body on paper needs only `build`.
    """

    name = ""
    """The `kind` written in a lesson file."""
    label = ""
    """What a learner calls it, above the step and on paper: "Check-in"."""
    required: frozenset[str] = frozenset()
    """Keys this kind needs beyond those every step may have."""
    optional: frozenset[str] = frozenset()
    """Keys this kind may have beyond those every step may have."""
    starter = ""
    """A `[[steps]]` table of this kind for the module `course new` writes (braces doubled)."""

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> Step:
        """The step from its table, its shared keys already read into `common`."""
        raise NotImplementedError

    def paper(self, step: Step, width: int) -> list[str]:
        """What follows the body on paper: the question, the choices, the time to take."""
        return []

    def options(self, step: Step) -> list[str]:
        """What a learner picks from on this step, in order (a room counts the picks); none by default."""
        return []

    def asked(self, step: Step) -> str:
        """The question the learner answered, quoted above their answer in an export."""
        return ""

    def answer_text(self, step: Step, stored: object, when: str) -> str:
        """The stored answer as Markdown for the export, or "" if it means nothing now."""
        return ""
