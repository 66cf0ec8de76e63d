"""A module as plain, wrapped text: for screen readers, printing, or a terminal without full-screen."""

from __future__ import annotations

import re
import textwrap

from course.model import CheckStep, Module, PracticeStep, ReflectStep, SelfCheckStep, Step

KIND_NAMES = {
    "read": "Reading",
    "reflect": "Reflection",
    "check": "Check-in",
    "practice": "Practice",
    "self-check": "Self-check",
}
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def markdown_to_text(markdown: str, width: int) -> str:
    """Lesson Markdown without its markup: paragraphs, lists and quotes wrapped to the width."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(textwrap.fill(" ".join(paragraph), width))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = EMPHASIS.sub(r"\2", raw.rstrip())
        if not line.strip():
            flush()
            continue
        item = LIST_ITEM.match(line)
        if item:
            flush()
            indent, marker, text = item.groups()
            bullet = "-" if marker in "-*+" else marker
            lead = f"{indent}  {bullet} "
            blocks.append(textwrap.fill(text, width, initial_indent=lead, subsequent_indent=" " * len(lead)))
        elif line.lstrip().startswith(">"):
            flush()
            blocks.append(textwrap.fill(line.lstrip()[1:].strip(), width, initial_indent="  | ", subsequent_indent="  | "))
        else:
            paragraph.append(line.strip())
    flush()
    return _join_lists("\n\n".join(blocks))


def _join_lists(text: str) -> str:
    # Consecutive list items read better without a blank line between them.
    return re.sub(r"\n\n(?=\s*(?:- |\d+[.)] ))", "\n", text)


def module_text(module: Module, width: int = 78) -> str:
    """Every step of a module, in order, as plain text."""
    lines = [module.title.upper(), f"Module {module.number} · about {module.minutes} minutes", ""]
    lines.append(textwrap.fill(module.summary, width))
    if module.content_note:
        lines += ["", "Content note:", markdown_to_text(module.content_note, width)]
    for number, step in enumerate(module.steps, start=1):
        lines += ["", "-" * min(width, 40), f"{number}. {step.title} ({KIND_NAMES[step.kind]})", ""]
        lines += _step_lines(step, width)
    lines += ["", "If you are in danger right now, call your local emergency number."]
    return "\n".join(lines) + "\n"


def _step_lines(step: Step, width: int) -> list[str]:
    lines: list[str] = []
    if step.content_note:
        lines += ["Content note: " + markdown_to_text(step.content_note, width - 14), ""]
    body = getattr(step, "body", "")
    if body:
        lines += [markdown_to_text(body, width), ""]
    if isinstance(step, ReflectStep):
        lines += ["Question: " + markdown_to_text(step.prompt, width - 10), "(Write your answer anywhere you like, or skip it.)"]
    elif isinstance(step, CheckStep):
        lines.append(markdown_to_text(step.question, width))
        for n, choice in enumerate(step.choices, start=1):
            lines.append(textwrap.fill(choice.text, width, initial_indent=f"  {n}. ", subsequent_indent="     "))
        lines += ["", "About each answer:"]
        for n, choice in enumerate(step.choices, start=1):
            lines.append(textwrap.fill(choice.feedback, width, initial_indent=f"  {n}. ", subsequent_indent="     "))
    elif isinstance(step, SelfCheckStep):
        lines.append("Notice which of these feel familiar:")
        for statement in step.statements:
            lines.append(textwrap.fill(statement.text, width, initial_indent="  - ", subsequent_indent="    "))
        lines += ["", "If one feels familiar:"]
        for statement in step.statements:
            lines.append(textwrap.fill(statement.reflection, width, initial_indent="  - ", subsequent_indent="    "))
        lines += ["", markdown_to_text(step.summary, width)]
    elif isinstance(step, PracticeStep) and step.seconds:
        lines.append(f"(Take about {step.seconds // 60} min {step.seconds % 60:02d} s, or as long as you like.)")
    while lines and not lines[-1]:
        lines.pop()
    return lines
