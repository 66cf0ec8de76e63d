"""A starter module with one step of each kind, for people writing their own lessons."""

from __future__ import annotations

import json
import re
from pathlib import Path

from course.loader import MODULE_FILE

SLUG_LENGTH = 60
"""A long title still makes a file name any file system takes."""

STARTER = '''id = "{slug}"
title = {title}
summary = "One sentence on what this module offers."
minutes = 10

[[steps]]
id = "welcome"
kind = "read"
title = "Welcome"
body = """
A short reading: one idea, a few short paragraphs. *Markdown* works here.
"""
facilitator = "Optional notes shown only in workshop mode."
discuss = "Optional question for a group, shown only in workshop mode."

[[steps]]
id = "first-thoughts"
kind = "reflect"
title = "Your first thoughts"
prompt = "A question the learner may answer in their own words, or skip."

[[steps]]
id = "check-in"
kind = "check"
title = "A quick check-in"
question = "A gentle question?"
choices = [
  {{ text = "One answer", feedback = "Kind feedback for this answer.", correct = true }},
  {{ text = "Another answer", feedback = "Kind feedback for this one too." }},
]

[[steps]]
id = "pause"
kind = "practice"
title = "A short practice"
body = "Guidance for a practice. The timer is optional."
seconds = 60

[[steps]]
id = "familiar"
kind = "self-check"
title = "Which feel familiar?"
statements = [
  {{ text = "A statement a learner might recognise.", reflection = "How it is reflected back, as a pattern." }},
  {{ text = "Another statement.", reflection = "Another kind reflection." }},
]
summary = "These are patterns to notice, not a diagnosis."
'''


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
