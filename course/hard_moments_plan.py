"""The plan for hard moments: its six parts, what the app suggests for them, and the plan on paper.

After the Stanley-Brown safety plan: a plan the learner writes on a calmer day, for a hard one.
Each part is a text the learner writes, kept among their reflections (progress.PLAN), so it is
saved as it is typed, and both texts are kept when two windows write it at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from course.record import Record

TYPE_CHECKING = False  # `course export` reads PARTS and should pay for nothing more
if TYPE_CHECKING:
    from course.progress import Contact
    from course.support import Region


class PlanPart(Record):
    """One part of the plan: what it is called, and a line that helps the learner fill it in."""

    id: str
    heading: str
    prompt: str


PARTS = (
    PlanPart(
        id="warning-signs",
        heading="My warning signs",
        prompt="What tells you a hard moment is starting: thoughts, feelings, things you do?",
    ),
    PlanPart(
        id="on-my-own",
        heading="Things I can do on my own to get through",
        prompt="What helps you ride it out for a while: a walk, music, a shower, a pause?",
    ),
    PlanPart(
        id="people-and-places",
        heading="People and places that help me feel better",
        prompt="Who or where takes your mind off things, even without talking about it?",
    ),
    PlanPart(
        id="people-to-ask",
        heading="People I can ask for help",
        prompt="Who could you call or text to say that it is hard right now?",
    ),
    PlanPart(
        id="professionals",
        heading="Professionals and crisis lines",
        prompt="Your counsellor or doctor, and lines you can call or text at any hour.",
    ),
    PlanPart(
        id="safer-space",
        heading="Making my space safer",
        prompt="What could you put away, or ask someone to keep for now, so a hard moment is safer?",
    ),
)
"""The six parts, in the order they are written and printed."""
TITLE = "My plan for hard moments"
INTRODUCTION = "A plan I wrote for myself on a calmer day, to use on a hard one. I can change it at any time."
"""The plan's first line on paper: the learner's own plan, never a promise or a contract."""


def suggestions(contacts: Sequence[Contact], regions: Sequence[Region]) -> dict[str, str]:
    """What a part starts with before the learner writes in it: their own people, and the lines
    of their region (most local first, as SupportDirectory.for_region gives them)."""
    people = [f"{c.name}: {c.reach}" + (f" ({c.note})" if c.note else "") for c in contacts]
    lines = [f"Emergency: {regions[0].emergency}"] if regions and regions[0].emergency else []
    for region in regions:
        lines += [f"{s.name}: {s.contact}" + (f" ({s.hours})" if s.hours else "") for s in region.services]
    return {"people-to-ask": "\n".join(people), "professionals": "\n".join(lines)}


def starting_texts(stored: Mapping[str, str], suggested: Mapping[str, str]) -> dict[str, str]:
    """Each part as the learner finds it: what they saved (even if they emptied it), else the suggestion."""
    return {part.id: stored[part.id] if part.id in stored else suggested.get(part.id, "") for part in PARTS}


def plan_text(stored: Mapping[str, str], contacts: Sequence[Contact], regions: Sequence[Region], width: int = 72) -> str:
    """The plan as plain text to print or keep by the phone: each part as written, an unwritten one
    as its prompt (the learner's people where they have some), then the region's crisis lines."""
    from course.paper_text import wrap
    from course.plain_text import support_lines

    people = suggestions(contacts, [])["people-to-ask"]
    lines = [*wrap(TITLE.upper(), width), *wrap(INTRODUCTION, width)]
    for number, part in enumerate(PARTS, start=1):
        lines += ["", *wrap(f"{number}. {part.heading}", width)]
        text = stored.get(part.id, "").strip() or (people if part.id == "people-to-ask" else "")
        if text:
            lines += [row for line in text.splitlines() for row in wrap(line, width, "   ", "   ")]
        else:
            lines += wrap(part.prompt, width, "   ", "   ")
    lines += ["", "-" * min(width, 40), *support_lines(regions, width)]
    return "\n".join(lines) + "\n"
