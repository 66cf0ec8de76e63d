"""Text from lessons, support files or the learner, made safe to reach a terminal.

A control character in printed text is an instruction to the terminal (move, clear, set the
title, write the clipboard), so none may pass through as written. Each one is shown as its
visible picture instead, so nothing is hidden from the reader either.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""C0 and C1 control characters other than newline and tab, DEL, and lone surrogates."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def harmless(text: str) -> str:
    """The text with every control character replaced by a visible stand-in."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """The text made harmless and kept to one line: a line break shows as ␤."""
    return harmless(text).replace("\n", "\u2424").replace("\t", " ")


def first_control_character(text: str) -> int | None:
    """Where the first control character (other than newline and tab) is, if there is one."""
    match = CONTROL.search(text)
    return match.start() if match else None
