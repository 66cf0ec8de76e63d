"""A module as plain, wrapped text: for screen readers, printing, or a terminal without full-screen.

Paper has no keys and no timer: the few ways the lessons point at the screen are said again in
words that work on paper (SCREEN_WORDS), and the text ends with the support lines themselves.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypeAlias

from course.model import CheckStep, Module, PracticeStep, ReflectStep, SelfCheckStep, Step
from course.support import Region

KIND_NAMES = {
    "read": "Reading",
    "reflect": "Reflection",
    "check": "Check-in",
    "practice": "Practice",
    "self-check": "Self-check",
}
SCREEN_WORDS = (
    ("(you can )?press F1 at any time for support( and crisis lines)?",
     "the support lines at the end of this text are there whenever you need them"),
    ("F1 opens support", "the support lines at the end of this text are there for you"),
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
MAX_NESTING = 16
"""Quotes and lists nested deeper than this are shown as the text written inside them."""
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


# Markdown blocks: paragraphs, headings, quotes and lists, as CommonMark reads them


@dataclass
class Paragraph:
    """Lines of inline Markdown that read as one paragraph."""

    lines: list[str]


@dataclass
class Heading:
    """A heading's inline Markdown."""

    text: str


@dataclass
class Quote:
    """A block quote and the blocks inside it."""

    blocks: list[Block]


@dataclass
class ListBlock:
    """A bulleted or numbered list: each item is the blocks inside it."""

    start: int | None
    """The first number of a numbered list; None for bullets."""
    delimiter: str
    """The bullet, or what follows each number ("." or ")")."""
    items: list[list[Block]] = field(default_factory=list)
    loose: bool = False
    """Blank lines between items or inside one: the items are set apart by blank lines too."""


Block: TypeAlias = Paragraph | Heading | Quote | ListBlock
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
QUOTE = re.compile(r"^ {0,3}> ?")
UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
"""Under a paragraph, makes it a heading."""
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
"""A line across the page: on paper, the blank line between blocks says as much."""
LIST_ITEM = re.compile(r"^( {0,3})([-*+]|(\d{1,9})([.)]))(?:( +)(.*))?$")
"""Groups: indent, marker, number, delimiter, the spaces after the marker, the item's text."""


def parse_blocks(lines: Sequence[str]) -> list[Block]:
    """The blocks in lines of Markdown."""
    return _parse(lines, 0)[0]


def _parse(lines: Sequence[str], depth: int) -> tuple[list[Block], bool]:
    """The blocks in lines of Markdown inside `depth` quotes and lists, and whether a blank line
    parts any two of them."""
    if depth > MAX_NESTING:
        text = [line.strip() for line in lines if line.strip()]
        return ([Paragraph(text)] if text else []), False
    blocks: list[Block] = []
    parted = blank = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            blank = bool(blocks)
            index += 1
            continue
        parted, blank = parted or blank, False
        heading = HEADING.match(line)
        if THEMATIC_BREAK.match(line):
            index += 1
        elif heading:
            blocks.append(Heading(heading.group(2) or ""))
            index += 1
        elif QUOTE.match(line):
            index = _quote(lines, index, blocks, depth)
        elif LIST_ITEM.match(line):
            index = _list(lines, index, blocks, depth)
        else:
            index = _paragraph(lines, index, blocks)
    return blocks, parted


def _interrupts_paragraph(line: str) -> bool:
    """Whether a line starts a new block even right after paragraph text (CommonMark's rule)."""
    item = LIST_ITEM.match(line)
    starts_list = bool(item and (item.group(6) or "").strip() and item.group(3) in (None, "1"))
    return bool(HEADING.match(line) or QUOTE.match(line) or THEMATIC_BREAK.match(line) or starts_list)


def _paragraph(lines: Sequence[str], index: int, blocks: list[Block]) -> int:
    text = [lines[index]]
    index += 1
    while index < len(lines) and lines[index].strip():
        if UNDERLINE.match(lines[index]):
            blocks.append(Heading("\n".join(line.strip() for line in text)))
            return index + 1
        if _interrupts_paragraph(lines[index]):
            break
        text.append(lines[index])
        index += 1
    blocks.append(Paragraph([line.lstrip(" \t") for line in text]))
    return index


def _quote(lines: Sequence[str], index: int, blocks: list[Block], depth: int) -> int:
    inside: list[str] = []
    while index < len(lines):
        line = lines[index]
        marker = QUOTE.match(line)
        if marker:
            inside.append(line[marker.end():])
        elif _continues_lazily(inside, line):
            inside.append(line)
        else:
            break
        index += 1
    blocks.append(Quote(_parse(inside, depth + 1)[0]))
    return index


def _continues_lazily(before: list[str], line: str) -> bool:
    """Whether a line without its container's marker still continues the paragraph above it:
    only text that would start no block of its own, even a list from 2 (CommonMark's laziness)."""
    starts_block = HEADING.match(line) or QUOTE.match(line) or LIST_ITEM.match(line) or THEMATIC_BREAK.match(line)
    return bool(before and before[-1].strip() and not HEADING.match(before[-1]) and line.strip()) and not starts_block


def _list_item(line: str) -> re.Match[str] | None:
    """The line as a list item, unless it is a line across the page ("- - -")."""
    return None if THEMATIC_BREAK.match(line) else LIST_ITEM.match(line)


def _list_kind(item: re.Match[str]) -> str:
    """The bullet, or the delimiter after a number: a different one starts a new list."""
    return item.group(4) or item.group(2)


def _list(lines: Sequence[str], index: int, blocks: list[Block], depth: int) -> int:
    item = LIST_ITEM.match(lines[index])
    assert item is not None
    kind = _list_kind(item)
    listing = ListBlock(start=int(item.group(3)) if item.group(3) else None, delimiter=kind)
    while item is not None and _list_kind(item) == kind:
        index, inside = _item(lines, index, item)
        children, parted = _parse(inside, depth + 1)
        listing.items.append(children)
        after = index + _blank_run(lines, index)
        item = _list_item(lines[after]) if after < len(lines) else None
        if item is not None and _list_kind(item) == kind:
            listing.loose = listing.loose or after > index
            index = after
        listing.loose = listing.loose or parted
    blocks.append(listing)
    return index


def _item(lines: Sequence[str], index: int, item: re.Match[str]) -> tuple[int, list[str]]:
    """Where the item ends (before any blank lines after it), and its lines without their indent."""
    indent, marker, _, _, space, text = item.groups(default="")
    # Text starts after the spaces, unless there are more than four (then it is indented within).
    content = len(indent) + len(marker) + (len(space) if text.strip() and len(space) <= 4 else 1)
    inside = [" " * (len(space) - 1) + text if len(space) > 4 else text]
    index += 1
    if not text.strip() and index < len(lines) and not lines[index].strip():
        return index, inside  # an empty item followed by a blank line ends there
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            inside.append("")
        elif len(line) - len(line.lstrip(" ")) >= content:
            inside.append(line[content:])
        elif _continues_lazily(inside, line):
            inside.append(line.lstrip(" "))
        else:
            break
        index += 1
    while len(inside) > 1 and not inside[-1].strip():
        inside.pop()
        index -= 1
    return index, inside


def _blank_run(lines: Sequence[str], index: int) -> int:
    run = 0
    while index + run < len(lines) and not lines[index + run].strip():
        run += 1
    return run


# Markdown inlines: emphasis, code, escapes and links, as CommonMark reads them


@dataclass
class _Delimiters:
    """A run of * or _ that may open or close emphasis; what is left unmatched shows as written."""

    char: str
    length: int
    can_open: bool
    can_close: bool
    left: int = field(init=False)
    """How many of its marks are not yet used up by a match."""
    active: bool = True

    def __post_init__(self) -> None:
        self.left = self.length


LINK_TAIL = re.compile(
    r"\(\s*(<(?:\\.|[^<>\n\\])*>|(?!<)(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
"""What follows a link's text: `(address)` or `(address "title")`; the address may hold escapes and one level of brackets."""
BACKTICKS = re.compile(r"`+")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def inline_text(source: str) -> str:
    """Inline Markdown as the words it shows: no emphasis marks, code and escapes as written,
    links as "text (address)", a line break inside a paragraph as a space unless it is hard."""
    return _Inlines(source).text()


class _Inlines:
    """One paragraph's inline Markdown, read from left to right into text and runs of marks."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str | _Delimiters] = []
        self.code_ends: dict[int, int | None] = {}
        """Where the code span starting at each run of backticks ends (None: no run closes it)."""
        self.brackets = self._bracket_pairs()
        """Where each [ closes, found once so that many brackets take no longer than they are long."""
        self.openings = sorted(self.brackets)

    def text(self) -> str:
        """The words shown, with matched emphasis marks used up."""
        index = 0
        while index < len(self.source):
            index = self._next_piece(index)
        _match_emphasis([piece for piece in self.pieces if isinstance(piece, _Delimiters)])
        return "".join(piece if isinstance(piece, str) else piece.char * piece.left for piece in self.pieces)

    def _bracket_pairs(self) -> dict[int, int]:
        pairs: dict[int, int] = {}
        open_at: list[int] = []
        index = 0
        while index < len(self.source):
            char = self.source[index]
            if char == "\\":
                index += 1
            elif char == "`":
                index = (self._code_end(index) or self._ticks(index).end()) - 1
            elif char == "[":
                open_at.append(index)
            elif char == "]" and open_at:
                pairs[open_at.pop()] = index
            index += 1
        return pairs

    def _ticks(self, index: int) -> re.Match[str]:
        ticks = BACKTICKS.match(self.source, index)
        assert ticks is not None, "called only where a backtick is"
        return ticks

    def _code_end(self, index: int) -> int | None:
        """Where the code span whose backticks start at index ends: after as many backticks again."""
        if index not in self.code_ends:
            fence = self._ticks(index).group()
            closing = (run.end() for run in BACKTICKS.finditer(self.source, index + len(fence)) if run.group() == fence)
            self.code_ends[index] = next(closing, None)
        return self.code_ends[index]

    def _next_piece(self, index: int) -> int:
        """Add the piece that starts at index; return where the next one starts."""
        char = self.source[index]
        after = self.source[index + 1] if index + 1 < len(self.source) else ""
        if char == "\\" and after and after in string.punctuation:
            self.pieces.append(after)
            return index + 2
        if char == "\n" or (char == "\\" and after == "\n"):
            hard = char == "\\" or self.source[max(0, index - 2):index] == "  "
            self.pieces.append("\n" if hard else " ")
            return index + (2 if char == "\\" else 1)
        for reader in (self._code, self._link, self._autolink, self._delimiters):
            end = reader(index)
            if end is not None:
                return end
        self.pieces.append(char)
        return index + 1

    def _code(self, index: int) -> int | None:
        """A code span, shown exactly as written; unmatched backticks are plain characters."""
        if self.source[index] != "`":
            return None
        fence = self._ticks(index).end() - index
        end = self._code_end(index)
        if end is None:
            self.pieces.append(self.source[index:index + fence])
            return index + fence
        code = self.source[index + fence:end - fence].replace("\n", " ")
        if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
            code = code[1:-1]
        self.pieces.append(code)
        return end

    def _link(self, index: int) -> int | None:
        """A link `[text](address)`, read as "text (address)"; other brackets are plain characters."""
        tail = self._link_tail(index)
        if tail is None or self._has_link(index, self.brackets[index]):
            return None  # a link inside leaves these brackets as written, as CommonMark does
        text = inline_text(self.source[index + 1:self.brackets[index]])
        address = tail.group(1)
        address = ESCAPED.sub(r"\1", address[1:-1] if address.startswith("<") else address)
        self.pieces.append(address if not text or text == address else f"{text} ({address})")
        return tail.end()

    def _link_tail(self, index: int) -> re.Match[str] | None:
        close = self.brackets.get(index) if self.source[index] == "[" else None
        return LINK_TAIL.match(self.source, close + 1) if close is not None else None

    def _has_link(self, start: int, end: int) -> bool:
        first = bisect.bisect_right(self.openings, start)
        last = bisect.bisect_left(self.openings, end)
        return any(self._link_tail(opening) is not None for opening in self.openings[first:last])

    def _autolink(self, index: int) -> int | None:
        link = AUTOLINK.match(self.source, index)
        if link is None:
            return None
        self.pieces.append(link.group(1))
        return link.end()

    def _delimiters(self, index: int) -> int | None:
        """A run of * or _, with whether it can open or close emphasis where it stands."""
        source = self.source
        char = source[index]
        if char not in "*_":
            return None
        end = index
        while end < len(source) and source[end] == char:
            end += 1
        before = source[index - 1] if index else " "
        after = source[end] if end < len(source) else " "
        left = not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))
        right = not before.isspace() and (not _punctuation(before) or after.isspace() or _punctuation(after))
        if char == "*":
            can_open, can_close = left, right
        else:  # inside a word, _ is just a character: file_name_here
            can_open = left and (not right or _punctuation(before))
            can_close = right and (not left or _punctuation(after))
        self.pieces.append(_Delimiters(char, end - index, can_open, can_close))
        return end


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _match_emphasis(runs: list[_Delimiters]) -> None:
    """Pair openers with closers as CommonMark does; a matched mark is used up and not shown."""
    # Where the search for an opener stops, by what the closer is: it never looks twice at the
    # same run, so a line of a thousand unmatched marks takes no longer than it is long.
    bottom: dict[tuple[str, bool, int], int] = {}
    closer_index = 0
    while closer_index < len(runs):
        closer = runs[closer_index]
        if not (closer.can_close and closer.left):
            closer_index += 1
            continue
        kind = (closer.char, closer.can_open, closer.length % 3)
        opener_index = _opener_for(runs, closer_index, bottom.get(kind, -1))
        if opener_index is None:
            bottom[kind] = closer_index - 1
            closer_index += 1
            continue
        opener = runs[opener_index]
        used = 2 if opener.left >= 2 and closer.left >= 2 else 1
        opener.left -= used
        closer.left -= used
        for between in runs[opener_index + 1:closer_index]:
            between.active = False  # marks inside a pair can no longer pair across it
        if not closer.left:
            closer_index += 1


def _opener_for(runs: list[_Delimiters], closer_index: int, bottom: int) -> int | None:
    closer = runs[closer_index]
    for index in range(closer_index - 1, bottom, -1):
        opener = runs[index]
        if not (opener.active and opener.can_open and opener.left and opener.char == closer.char):
            continue
        both_ways = opener.can_close or closer.can_open
        total = opener.length + closer.length
        if both_ways and total % 3 == 0 and not (opener.length % 3 == 0 and closer.length % 3 == 0):
            continue  # CommonMark's rule of three: **a*** pairs the way a reader expects
        return index
    return None


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


# The module


def module_text(module: Module, regions: Sequence[Region], width: int = 78) -> str:
    """Every step of a module, in order, as plain text, ending with the support lines of these
    regions (most local first, as SupportDirectory.for_region gives them)."""
    lines = wrap(module.title.upper(), width) + wrap(f"Module {module.number} · {duration(module.minutes * 60)}", width)
    lines += ["", *wrap(for_paper(module.summary), width)]
    if module.content_note:
        lines += ["", "Content note:", *markdown_lines(module.content_note, width)]
    for number, step in enumerate(module.steps, start=1):
        lines += ["", _rule(width), *wrap(f"{number}. {step.title} ({KIND_NAMES[step.kind]})", width), ""]
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
    if isinstance(step, ReflectStep):
        lines += ["A question to think about:", *markdown_lines(step.prompt, width)]
        lines += [*wrap("(Write on the lines below or anywhere you like, or skip it.)", width), ""]
        lines += ["_" * width] * RULED_LINES
    elif isinstance(step, CheckStep):
        lines += markdown_lines(step.question, width)
        lines += _numbered([choice.text for choice in step.choices], width, markdown=False)
        lines += ["", "About each answer:", *_numbered([choice.feedback for choice in step.choices], width)]
    elif isinstance(step, SelfCheckStep):
        lines += wrap("Notice which of these feel familiar:", width)
        lines += _numbered([statement.text for statement in step.statements], width, markdown=False)
        lines += ["", "If one feels familiar:"]
        lines += _numbered([statement.reflection for statement in step.statements], width)
        lines += ["", *markdown_lines(step.summary, width)]
    elif isinstance(step, PracticeStep) and step.seconds:
        lines += wrap(f"Take {duration(step.seconds)}, or as long as you like.", width)
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


def _numbered(texts: Sequence[str], width: int, markdown: bool = True) -> list[str]:
    """Texts numbered from 1, wrapped to hang under their own first word.

    Choices and statements are plain text in the app, so they are kept as written here too.
    """
    lines: list[str] = []
    for number, text in enumerate(texts, start=1):
        render = partial(markdown_lines, text) if markdown else partial(wrap, for_paper(text))
        lines += _hanging(render, width, f"  {number}. ")
    return lines
