"""The learner's words as Markdown that renders exactly as they wrote them."""

from __future__ import annotations

import re

MARKUP = re.compile(r"[\\`*_\[\]<>#|~]|&(?=#?[0-9A-Za-z]+;)")
"""Characters that mean something to Markdown anywhere in a line (`&` only where it starts an entity)."""
BLOCK_MARK = re.compile(r"^(?:[-+=]|\d{1,9}[.)])")
"""What starts a list, a setext heading's underline or an ordered list at the beginning of a line."""


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


def one_line(text: str) -> str:
    """Plain text for a heading or a list item, which end at a line break."""
    return literal(" ".join(text.split()))


def code(text: str) -> str:
    """Text as a Markdown code span: shown literally, in the fixed-width type paths are read in."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"
