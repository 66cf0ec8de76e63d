"""Lesson Markdown read as CommonMark reads it: paragraphs, headings, quotes and lists, and
inline text without its marks. Pure, so paper and any other plain rendering can share it."""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from collections.abc import Sequence
from typing import TypeAlias

MAX_NESTING = 16
"""Quotes and lists nested deeper than this are shown as the text written inside them."""


# Markdown blocks: paragraphs, headings, quotes and lists, as CommonMark reads them


# Plain classes, not dataclasses: importing dataclasses (and inspect with it) took longer
# than reading a whole module, and `course read` starts with it.


class Paragraph:
    """Lines of inline Markdown that read as one paragraph."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines


class Heading:
    """A heading's inline Markdown."""

    def __init__(self, text: str) -> None:
        self.text = text


class Quote:
    """A block quote and the blocks inside it."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks


class ListBlock:
    """A bulleted or numbered list: each item is the blocks inside it."""

    def __init__(self, start: int | None, delimiter: str) -> None:
        self.start = start
        """The first number of a numbered list; None for bullets."""
        self.delimiter = delimiter
        """The bullet, or what follows each number ("." or ")")."""
        self.items: list[list[Block]] = []
        self.loose = False
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


class _Delimiters:
    """A run of * or _ that may open or close emphasis; what is left unmatched shows as written."""

    def __init__(self, char: str, length: int, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.length = length
        self.can_open = can_open
        self.can_close = can_close
        self.left = length
        """How many of its marks are not yet used up by a match."""
        self.active = True


LINK_TAIL = re.compile(
    r"\(\s*(<(?:\\.|[^<>\n\\])*>|(?!<)(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
"""What follows a link's text: `(address)` or `(address "title")`; the address may hold escapes and one level of brackets."""
BACKTICKS = re.compile(r"`+")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + "])")
PLAIN = re.compile(r"[^\\\n`\[<*_]*")
"""A run of characters none of which can start a piece of their own: taken at once, not one by one."""


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
        end = PLAIN.match(self.source, index + 1).end()  # type: ignore[union-attr]  # * matches empty
        self.pieces.append(self.source[index:end])
        return end

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
