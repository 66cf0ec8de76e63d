"""Text for paper: wrapped by screen cells, Markdown without its marks, and the lessons' few
words about keys and the timer said as they work on paper (SCREEN_WORDS)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from course.markdown_reader import Block, Heading, ListBlock, Paragraph, Quote, inline_text, parse_blocks

SCREEN_WORDS = (
    ("(you can )?press F1 at any time for support( and crisis lines)?",
     "the support lines at the end of this text are there whenever you need them"),
    ("F1 opens support", "the support lines at the end of this text are there for you"),
    ("F1 then p opens it from any screen", "the course can also keep it for you"),
    ("press F1 for crisis lines for your region", "turn to the crisis lines for your region at the end of this text"),
    ("(press F1 to see|F1 shows) crisis lines for your region", "the crisis lines for your region are at the end of this text"),
    ('keep them under "Your people" in Help and support \\(F1, then a\\)', "write them down here"),
    ("press g (at any time )?for a one-minute pause", "you can stop and take a pause at any time"),
    ("start the timer when you're ready", "begin when you're ready"),
    ("stop the timer", "stop"),
)
"""How the lessons point at keys and the on-screen timer, and what paper says instead.

Each phrase is a regular expression matched without regard to case; a space in it matches any
run of spaces or line breaks, and a straight quote or apostrophe a curly one too. Only whole
phrases are rewritten, so a sentence with none of them is left exactly as written, never
half-changed. Keep lessons/README.md's list of these phrasings in step with this table.
"""
SENTENCE_END = re.compile(r"(?:^|[.!?][\"'\u201d)]*\s)\s*[\"'(\u201c]*$")
"""What comes before a sentence's first word: nothing, or the end of one before it and a space."""
RULED_LINES = 3
"""Lines to write an answer on, under a reflection's question."""
NARROWEST_INDENTED = 10
"""Below this many columns, nested quotes and lists stop indenting further and use the full width."""


def _screen_pattern(phrase: str) -> re.Pattern[str]:
    curly = phrase.replace(" ", r"\s+").replace("'", "['\u2019]").replace('"', '["\u201c\u201d]')
    return re.compile(rf"\b{curly}(?!\w)", re.IGNORECASE)


_SCREEN_REWRITES = tuple((_screen_pattern(phrase), paper) for phrase, paper in SCREEN_WORDS)


def for_paper(text: str) -> str:
    """The text with every phrase of SCREEN_WORDS said as it works on paper."""
    for pattern, paper in _SCREEN_REWRITES:
        text = pattern.sub(partial(_in_sentence, paper), text)
    return text


def _in_sentence(paper: str, match: re.Match[str]) -> str:
    """The words for paper, with a capital where they start a sentence ("F1" is always capital)."""
    starts = SENTENCE_END.search(match.string, 0, match.start()) is not None
    return paper[0].upper() + paper[1:] if starts else paper


def duration(seconds: int) -> str:
    """A length of time as a person says it: "about 30 seconds", "about a minute and a half"."""
    if seconds < 60:
        return f"about {seconds} seconds"
    halves = (seconds + 15) // 30  # to the nearest half minute, a half rounding up
    minutes, half = divmod(halves, 2)
    if minutes == 1:
        return "about a minute and a half" if half else "about a minute"
    return f"about {minutes} and a half minutes" if half else f"about {minutes} minutes"


# Width on screen

VARIATION_SELECTOR_16 = "\ufe0f"


def cells(text: str) -> int:
    """How many terminal cells the text takes: wide characters two, combining and zero-width none."""
    if text.isascii():
        return len(text)  # one cell each, as below, without looking each one up
    total, before = 0, ""
    for char in text:
        size = _char_cells(char, before)
        total += size
        if char == VARIATION_SELECTOR_16:
            before = ""
        elif size:
            before = char
    return total


def _char_cells(char: str, before: str) -> int:
    """The cells one character adds after `before`, the last character that took any."""
    if char == VARIATION_SELECTOR_16:  # asks for the picture form, two cells wide, of a narrow symbol
        return 1 if before and not before.isspace() and _char_cells(before, "") == 1 else 0
    if _joins(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _joins(char: str) -> bool:
    """Whether a character belongs to the one before it: combining marks and zero-width characters."""
    category = unicodedata.category(char)
    return category in ("Mn", "Me") or (category == "Cf" and char != "\u00ad")  # terminals show a soft hyphen


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """The text in lines of at most `width` cells, broken at spaces and at its line breaks.

    `first` starts the first line and `rest` every other. A word wider than a line is broken
    at the width; a narrower one is never split. Right-to-left text keeps its order as written.
    """
    lines: list[str] = []
    for number, part in enumerate(text.split("\n")):
        lines += _wrap_line(part, width, first if number == 0 else rest, rest)
    return lines


def _wrap_line(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    line, used, has_word = first, cells(first), False
    for word in re.split(r"[ \t]+", text.strip(" \t")):
        if not word:
            continue
        size = cells(word)
        if has_word and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if has_word:
            lines.append(line)
            line, used = rest, cells(rest)
        if size > width - used:
            *whole, word = _split_word(word, width - used, width - cells(rest))
            lines += [(rest if number else line) + piece for number, piece in enumerate(whole)]
            line, used, size = rest, cells(rest), cells(word)
        line, used, has_word = line + word, used + size, True
    lines.append(line)
    return lines


def _split_word(word: str, first_room: int, room: int) -> list[str]:
    """The word in pieces of at most `first_room` cells, then `room` cells (at least a character
    each), each character kept with the marks that belong to it."""
    pieces: list[str] = []
    start = used = 0
    limit = first_room
    for at, character in _characters(word):
        size = cells(character)
        if used + size > limit and at > start:
            pieces.append(word[start:at])
            start, used, limit = at, 0, room
        used += size
    return [*pieces, word[start:]]


def _characters(word: str) -> Iterator[tuple[int, str]]:
    """Where each character starts, with the combining marks and zero-width characters after it."""
    start = 0
    for index in range(1, len(word) + 1):
        if index == len(word) or not _joins(word[index]):
            yield start, word[start:index]
            start = index


# Blocks as lines


def markdown_lines(markdown: str, width: int) -> list[str]:
    """Lesson Markdown as wrapped lines without its markup, said as it works on paper."""
    return _blocks_lines(parse_blocks(markdown.expandtabs(4).splitlines()), width)


def _blocks_lines(blocks: Sequence[Block], width: int) -> list[str]:
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        # A list reads as part of the paragraph that introduces it: no blank line between them.
        if previous is not None and not (isinstance(block, ListBlock) and isinstance(previous, Paragraph)):
            lines.append("")
        lines += _block_lines(block, width)
        previous = block
    return lines


def _block_lines(block: Block, width: int) -> list[str]:
    if isinstance(block, Paragraph):
        return wrap(for_paper(inline_text("\n".join(block.lines))), width)
    if isinstance(block, Heading):
        return wrap(for_paper(inline_text(block.text)), width)
    if isinstance(block, Quote):
        return _hanging(partial(_blocks_lines, block.blocks), width, "  | ", "  | ")
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start or 0):
        marker = "-" if block.start is None else f"{number}{block.delimiter}"
        if lines and block.loose:
            lines.append("")
        lines += _hanging(partial(_blocks_lines, item), width, f"  {marker} ")
    return lines


def _hanging(render: Callable[[int], list[str]], width: int, first: str, rest: str | None = None) -> list[str]:
    """Lines rendered narrower by the width of `first`, which starts the first line; `rest`
    (spaces as wide as `first` unless given) starts the others."""
    if width - len(first) < NARROWEST_INDENTED:
        return [first.rstrip(), *render(width)]
    rest = " " * len(first) if rest is None else rest
    lines = render(width - len(first)) or [""]
    return [(first + lines[0]).rstrip(), *((rest + line).rstrip() for line in lines[1:])]


def numbered(texts: Sequence[str], width: int, markdown: bool = True) -> list[str]:
    """Texts numbered from 1, wrapped to hang under their own first word.

    Choices and statements are plain text in the app, so they are kept as written here too.
    """
    lines: list[str] = []
    for number, text in enumerate(texts, start=1):
        render = partial(markdown_lines, text) if markdown else partial(wrap, for_paper(text))
        lines += _hanging(render, width, f"  {number}. ")
    return lines
