"""A module as plain, wrapped text: for screen readers, printing, or a terminal without full-screen.

Paper has no keys and no timer: the few ways the lessons point at the screen are said again in
words that work on paper (course.paper_text), and the text ends with the support lines themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from course.model import Module
from course.paper_text import duration, for_paper, markdown_lines, wrap
from course.steps import kind_of
from course.steps.base import Step
from course.support import Region


def module_text(module: Module, regions: Sequence[Region], width: int = 78) -> str:
    """Every step of a module, in order, as plain text, ending with the support lines of these
    regions (most local first, as SupportDirectory.for_region gives them)."""
    lines = wrap(module.title.upper(), width) + wrap(f"Module {module.number} · {duration(module.minutes * 60)}", width)
    lines += ["", *wrap(for_paper(module.summary), width)]
    if module.content_note:
        lines += ["", "Content note:", *markdown_lines(module.content_note, width)]
    for number, step in enumerate(module.steps, start=1):
        lines += ["", _rule(width), *wrap(f"{number}. {step.title} ({kind_of(step).label})", width), ""]
        lines += _step_lines(step, width)
    lines += ["", _rule(width), *support_lines(regions, width)]
    return "\n".join(lines) + "\n"


def _rule(width: int) -> str:
    return "-" * min(width, 40)


def support_lines(regions: Sequence[Region], width: int) -> list[str]:
    """The emergency number and every service of these regions, exactly as the support file has them."""
    emergency = regions[0].emergency if regions else "your local emergency number"
    lines = ["Support", "", *wrap(f"If you are in danger right now, call {emergency}.", width)]
    for region in regions:
        if region.services:
            lines += ["", *wrap(f"{region.name}:", width)]
        for service in region.services:
            lines += wrap(service.name, width, "  - ", "    ")
            for detail in (service.contact, service.hours):
                lines += wrap(detail, width, "    ", "    ") if detail else []
    return lines


def _step_lines(step: Step, width: int) -> list[str]:
    lines: list[str] = []
    if step.content_note:
        lines += [*wrap(_note_heading(step), width), *markdown_lines(step.content_note, width), ""]
    body = getattr(step, "body", "")
    if body:
        lines += [*markdown_lines(body, width), ""]
    lines += kind_of(step).paper(step, width)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _note_heading(step: Step) -> str:
    """A step's content note heading; on paper there is no skipping, so a note over several steps
    says how far it reaches."""
    more = step.content_note_covers - 1
    if not more:
        return "Content note:"
    return f"Content note (this step and the next {'step' if more == 1 else more}):"
