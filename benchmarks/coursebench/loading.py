"""Benchmark 3: parsing and validating a large pack of modules, against parsing alone."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tomli

from course.loader import load_course
from coursebench.figures import Figure, alternate

MODULES = 500
STEPS = 12
KINDS = ("read", "reflect", "check", "practice", "self-check")

PARAGRAPH = (
    "Closeness and safety can live together. Notice, *gently*, where that has already been "
    "true for you: a friend who stayed, a place where you could **rest**, a voice that came back "
    "after a hard day. None of this needs to be big to count."
)


def _text(value: str) -> str:
    """A TOML multi-line basic string."""
    return f'"""\n{value}\n"""'


def _step(module: int, index: int) -> str:
    """One [[steps]] table; kinds rotate through every kind, optional keys come and go."""
    kind = KINDS[(module + index) % len(KINDS)]
    lines = [
        "[[steps]]",
        f'id = "step-{index:02d}"',
        f'kind = "{kind}"',
        f'title = "Step {index + 1} of module {module + 1}"',
    ]
    body = _text("\n\n".join([PARAGRAPH] * (1 + index % 3)))
    if kind in ("read", "practice"):
        lines.append(f"body = {body}")
    else:
        lines.append('body = "Only if you like; you can skip this."')
    if kind == "reflect":
        lines.append(f"prompt = {_text('Where has closeness felt safe for you, even briefly?')}")
    elif kind == "check":
        lines.append('question = "Why might distance feel safer than closeness?"')
        lines.append("choices = [")
        for choice in range(3):
            correct = ", correct = true" if choice == 0 else ""
            lines.append(f'  {{ text = "Answer {choice + 1}", feedback = "{PARAGRAPH}"{correct} }},')
        lines.append("]")
    elif kind == "practice" and index % 2:
        lines.append(f"seconds = {60 * (1 + index % 4)}")
    elif kind == "self-check":
        lines.append("statements = [")
        for statement in range(4):
            lines.append(f'  {{ text = "Statement {statement + 1}", reflection = "{PARAGRAPH}" }},')
        lines.append("]")
        lines.append(f"summary = {_text(PARAGRAPH)}")
    if index % 3 == 0:
        lines.append(f"facilitator = {_text(PARAGRAPH)}")
        lines.append('discuss = "What would help here, in general terms?"')
    if index == 5 and module % 7 == 0:
        lines.append('content_note = "This step touches on loss."')
    return "\n".join(lines)


def module_toml(module: int) -> str:
    """A valid module file with STEPS steps."""
    header = [
        f'id = "module-{module:03d}"',
        f'title = "Module {module + 1}"',
        'summary = "A generated module for the loading benchmark."',
        f"minutes = {10 + module % 20}",
    ]
    if module % 5 == 0:
        header.append(f"content_note = {_text(PARAGRAPH)}")
    return "\n".join(header) + "\n\n" + "\n\n".join(_step(module, i) for i in range(STEPS)) + "\n"


def write_pack(folder: Path) -> None:
    """MODULES module files named NN-slug.toml, in play order."""
    for module in range(MODULES):
        name = f"{module * 100 // MODULES:02d}-module-{module:03d}.toml"
        (folder / name).write_text(module_toml(module), encoding="utf-8")


def parse_only(folder: Path) -> None:
    """What the loader cannot avoid: list the folder, read and parse every file."""
    for path in sorted(folder.iterdir()):
        tomli.loads(path.read_bytes().decode("utf-8"))


def _timed(action: Callable[[Path], object], folder: Path) -> float:
    start = time.perf_counter()
    action(folder)
    return time.perf_counter() - start


def loading(runs: int) -> Figure:
    """load_course() on the pack, against tomli.loads() of the same files."""
    with tempfile.TemporaryDirectory(prefix="course-bench-pack-") as name:
        folder = Path(name)
        write_pack(folder)
        course = load_course(folder)
        steps = sum(len(module.steps) for module in course.modules)
        kinds = {step.kind for module in course.modules for step in module.steps}
        assert len(course.modules) == MODULES and steps == MODULES * STEPS and kinds == set(KINDS)
        size = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
        ours, base = alternate(runs, lambda: _timed(load_course, folder), lambda: _timed(parse_only, folder))
    return Figure(
        f"3. Loading {MODULES} modules x {STEPS} steps ({size:.1f} MB): parse + validate",
        ours, base, "s", 1.5, "tomli.loads alone",
    )
