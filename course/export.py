"""The learner's own words and choices as a readable Markdown document."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from course.export_text import code, literal, one_line
from course.model import Course
from course.progress import ProgressStore
from course.steps import kind_of
from course.steps.base import Step
from course.terminal_text import harmless


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

    source = code(str(store.path)) if store.path else "memory"
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
                value, at = answers[key]
                parts.append(kind_of(step).answer_text(step, value, when(at)))
            parts = [p for p in parts if p]
            if parts:
                section += ["", f"### {one_line(step.title)}", "", *_prompt(step), "\n\n".join(parts)]
        if section:
            lines += ["", f"## {module.number} · {one_line(module.title)}", *section]
    orphans = sorted(set(entries) - known)
    if orphans:
        lines += ["", "## From steps no longer in the course"]
        for module_id, step_id in orphans:
            lines += ["", f"### {one_line(module_id)} / {one_line(step_id)}", "", *entries[(module_id, step_id)]]
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
    asked = kind_of(step).asked(step)
    return [f"> {asked.replace(chr(10), ' ')}", ""] if asked else []


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
