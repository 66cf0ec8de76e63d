"""The learner's own words and choices as a readable Markdown document."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from course.export_text import code, literal, one_line
from course.hard_moments_plan import PARTS
from course.model import Course, Module
from course.progress import NOT_STEPS, PLAN, Contact, Experiment, ProgressStore, Rating
from course.steps import kind_of
from course.steps.base import Step
from course.terminal_text import harmless


def when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def export_markdown(course: Course, store: ProgressStore, now: float) -> str:
    """Reflections, answers and choices by module with dates, then the plan for hard moments, the
    ratings around practices, the small experiments and the learner's people."""
    source = code(str(store.path)) if store.path else "memory"
    lines = [
        "# Your reflections and answers",
        "",
        f"Exported {when(now)} from {source}. This file is yours: keep it somewhere private.",
        *_by_module(course, store),
        *_plan(store.texts(PLAN)),
        *_ratings(course, store.ratings()),
        *_experiments(course, store.experiments()),
        *_people(store.contacts()),
    ]
    # The export is read in terminals too (`cat`, `less -R`): pasted escape codes must not act there.
    return harmless("\n".join(lines) + "\n")


def _by_module(course: Course, store: ProgressStore) -> list[str]:
    """Each module's reflections and answers under their steps, then reflections from steps gone."""
    entries: dict[tuple[str, str], list[str]] = {}
    for reflection in store.reflections():
        if reflection.text.strip() and reflection.module_id not in NOT_STEPS:
            entries.setdefault((reflection.module_id, reflection.step_id), []).append(
                f"*Written {when(reflection.created_at)}, last changed {when(reflection.updated_at)}*\n\n"
                f"{literal(reflection.text)}"
            )
    answers = {(m, s): (value, at) for m, s, value, at in store.answers()}
    lines: list[str] = []
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
            lines += ["", f"## {_module_heading(module)}", *section]
    orphans = sorted(set(entries) - known)
    if orphans:
        lines += ["", "## From steps no longer in the course"]
        for module_id, step_id in orphans:
            lines += ["", f"### {one_line(module_id)} / {one_line(step_id)}", "", *entries[(module_id, step_id)]]
    return lines


def _plan(stored: dict[str, str]) -> list[str]:
    """The parts of the plan for hard moments the learner wrote, in the plan's order."""
    lines: list[str] = []
    for part in PARTS:
        text = stored.get(part.id, "")
        if text.strip():
            lines += ["", f"### {one_line(part.heading)}", "", literal(text)]
    return ["", "## Your plan for hard moments", *lines] if lines else []


def _ratings(course: Course, ratings: Sequence[Rating]) -> list[str]:
    """Each rating, under its module and practice ("before 7, after 3"); a practice no longer in
    the course under its ids."""
    by_step: dict[tuple[str, str], list[str]] = {}
    for rating in ratings:
        after = "none after" if rating.after is None else f"after {rating.after}"
        by_step.setdefault((rating.module_id, rating.step_id), []).append(
            f"- {when(rating.before_at)}: before {rating.before}, {after}"
        )
    if not by_step:
        return []
    lines = ["", "## Ratings around practices"]
    headings: list[tuple[str, str, tuple[str, str]]] = [
        (_module_heading(module), one_line(step.title), (module.id, step.id))
        for module in course.modules
        for step in module.steps
        if (module.id, step.id) in by_step
    ]
    known = {key for _, _, key in headings}
    headings += [(one_line(m), one_line(s), (m, s)) for m, s in sorted(set(by_step) - known)]
    shown_module = None
    for module_heading, step_heading, key in headings:
        if module_heading != shown_module:
            lines += ["", f"### {module_heading}"]
            shown_module = module_heading
        lines += ["", f"#### {step_heading}", "", *by_step[key]]
    return lines


def _experiments(course: Course, experiments: Sequence[Experiment]) -> list[str]:
    """Each small experiment chosen, under its module, with how it went if the learner wrote it."""
    modules = {module.id: module for module in course.modules}
    lines: list[str] = []
    for experiment in experiments:
        module = modules.get(experiment.module_id)
        heading = _module_heading(module) if module else one_line(experiment.module_id)
        lines += ["", f"### {heading}", "", f"Chosen {when(experiment.chosen_at)}: {literal(experiment.plan)}"]
        if experiment.outcome.strip():
            lines += ["", f"How it went: {literal(experiment.outcome)}"]
    return ["", "## Small experiments", *lines] if lines else []


def _people(contacts: Sequence[Contact]) -> list[str]:
    lines = ["", "## Your people", ""]
    for contact in contacts:
        note = f": {literal(contact.note, indent='  ')}" if contact.note.strip() else ""
        name, reach = (literal(text.strip(), indent="  ") for text in (contact.name, contact.reach))
        lines.append(f"- **{name}**, {reach}{note}")
    return lines if contacts else [*lines, "No contacts saved."]


def _module_heading(module: Module) -> str:
    return f"{module.number} · {one_line(module.title)}"


def _prompt(step: Step) -> list[str]:
    asked = kind_of(step).asked(step)
    return [f"> {asked.replace(chr(10), ' ')}", ""] if asked else []


def write_whole(path: Path, text: str, mode: int = 0o600) -> None:
    """Write a file atomically, whole or untouched, with this mode (by default, its owner's only)."""
    import tempfile  # here, not above: it loads shutil and more, which printing to the screen never needs

    # Beside the target, so the final rename stays on one file system and cannot be half done.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
