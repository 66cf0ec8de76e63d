"""A starter module with one step of each kind, for people writing their own lessons."""

from __future__ import annotations

import json
import re
from pathlib import Path

from course.loader import MODULE_FILE
from course.steps import KINDS

SLUG_LENGTH = 60
"""A long title still makes a file name any file system takes."""

STARTER = (
    '''id = "{slug}"
title = {title}
summary = "One sentence on what this module offers."
minutes = 10
recap = ["A line on the module's first idea, for a learner coming back.", "A line on its second idea."]
experiment = ["When this happens, I will try that.", "When another thing happens, I will try something else."]

[[recall]]
question = "A question on the module's ideas, answered in the learner's head."
answer = "Its answer, shown when the learner asks for it. Nothing is scored."
'''
    + "".join(kind.starter for kind in KINDS.values())
)
"""A module with one step of each kind, in the registry's order (braces doubled for format)."""


def slugify(title: str) -> str:
    """A module id from a title: lowercase words joined by dashes."""
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:SLUG_LENGTH].strip("-")
    return slug or "module"


def write_starter(title: str, folder: Path) -> Path:
    """Write a new module after the last one in the folder; refuses to overwrite."""
    folder.mkdir(parents=True, exist_ok=True)
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := MODULE_FILE.match(p.name))]
    number = max(numbers, default=0) + 1
    slug = slugify(title)
    path = folder / f"{number:02d}-{slug}.toml"
    with open(path, "x", encoding="utf-8") as handle:
        # A JSON string is also a valid TOML basic string, escapes and all.
        handle.write(STARTER.format(slug=slug, title=json.dumps(title, ensure_ascii=False)))
    return path
