"""The learner's own words and choices as a readable Markdown document."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from course.model import CheckStep, Course, ReflectStep, SelfCheckStep, Step
from course.progress import ProgressStore
from course.terminal_text import harmless

MARKUP = re.compile(r"[\\`*_\[\]<>#|~]|&(?=#?[0-9A-Za-z]+;)")
"""Characters that mean something to Markdown anywhere in a line (`&` only where it starts an entity)."""
BLOCK_MARK = re.compile(r"^(?:[-+=]|\d{1,9}[.)])")
"""What starts a list, a setext heading's underline or an ordered list at the beginning of a line."""


def when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def export_markdown(course: Course, store: ProgressStore, now: float) -> str:
    """Reflections, check-in answers, self-check choices and contacts, by module, with dates."""
    entries: dict[tuple[str, str], list[str]] = {}
    for reflection in store.reflections():
        if reflection.text.strip():
            entries.setdefault((reflection.module_id, reflection.step_id), []).append(
                f"*Written {when(reflection.created_at)}, last changed {when(reflection.updated_at)}*\n\n"
                f"{literal(reflection.text)}"
            )
    answers = {(m, s): (value, at) for m, s, value, at in store.answers()}

    source = _code(str(store.path)) if store.path else "memory"
    lines = [
        "# Your reflections and answers",
        "",
        f"Exported {when(now)} from {source}. This file is yours: keep it somewhere private.",
    ]
    known: set[tuple[str, str]] = set()
    for module in course.modules:
        section: list[str] = []
        for step in module.steps:
            key = (module.id, step.id)
            known.add(key)
            parts = list(entries.get(key, []))
            if key in answers:
                parts.append(_answer(step, *answers[key]))
            parts = [p for p in parts if p]
            if parts:
                section += ["", f"### {_one_line(step.title)}", "", *_prompt(step), "\n\n".join(parts)]
        if section:
            lines += ["", f"## {module.number} · {_one_line(module.title)}", *section]
    orphans = sorted(set(entries) - known)
    if orphans:
        lines += ["", "## From steps no longer in the course"]
        for module_id, step_id in orphans:
            lines += ["", f"### {_one_line(module_id)} / {_one_line(step_id)}", "", *entries[(module_id, step_id)]]
    contacts = store.contacts()
    lines += ["", "## Your people", ""]
    if contacts:
        for contact in contacts:
            note = f": {literal(contact.note, indent='  ')}" if contact.note.strip() else ""
            name, reach = (literal(text.strip(), indent="  ") for text in (contact.name, contact.reach))
            lines.append(f"- **{name}**, {reach}{note}")
    else:
        lines.append("No contacts saved.")
    # The export is read in terminals too (`cat`, `less -R`): pasted escape codes must not act there.
    return harmless("\n".join(lines) + "\n")


def _prompt(step: Step) -> list[str]:
    if isinstance(step, ReflectStep):
        return [f"> {step.prompt.replace(chr(10), ' ')}", ""]
    if isinstance(step, CheckStep):
        return [f"> {step.question.replace(chr(10), ' ')}", ""]
    return []


def _answer(step: Step, value: object, at: float) -> str:
    if isinstance(step, CheckStep) and isinstance(value, int) and 0 <= value < len(step.choices):
        return f"*Answered {when(at)}:* {_one_line(step.choices[value].text)}"
    if isinstance(step, SelfCheckStep) and isinstance(value, list):
        chosen = [step.statements[n].text for n in value if isinstance(n, int) and 0 <= n < len(step.statements)]
        if not chosen:
            return ""
        return f"*Marked as familiar, {when(at)}:*\n\n" + "\n".join(f"- {_one_line(text)}" for text in chosen)
    return ""


def literal(text: str, indent: str = "") -> str:
    """Text as Markdown that renders exactly as written: every character literal, every line break kept.

    Lines end in a hard break (a backslash), so a blank line is a lone backslash; `indent` starts
    every line after the first, to keep the text inside a list item.
    """
    lines = [_literal_line(line) for line in text.strip("\n").rstrip().split("\n")]
    return f"\\\n{indent}".join(lines)


def _literal_line(line: str) -> str:
    body = line.strip(" \t")
    # Leading spaces would be dropped, or start a code block; non-breaking ones show as typed.
    leading = line[: len(line) - len(line.lstrip(" \t"))].replace("\t", "    ").replace(" ", "&nbsp;")
    body = MARKUP.sub(lambda mark: f"\\{mark.group()}", body)
    body = BLOCK_MARK.sub(lambda mark: f"{mark.group()[:-1]}\\{mark.group()[-1]}", body)
    return leading + body


def _one_line(text: str) -> str:
    """Plain text for a heading or a list item, which end at a line break."""
    return literal(" ".join(text.split()))


def _code(text: str) -> str:
    """Text as a Markdown code span: shown literally, in the fixed-width type paths are read in."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"


def write_private(path: Path, text: str) -> None:
    """Write a file readable only by its owner, atomically: it is whole or untouched."""
    # Beside the target, so the final rename stays on one file system and cannot be half done.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
