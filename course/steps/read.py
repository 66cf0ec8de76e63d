"""A short reading."""

from __future__ import annotations

from course.steps.base import Step, StepKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from course.steps.base import Fields


class ReadStep(Step):
    """A short reading."""

    body: str
    kind = "read"


class ReadKind(StepKind):
    name = "read"
    label = "Reading"
    required = frozenset({"body"})
    starter = '''
[[steps]]
id = "welcome"
kind = "read"
title = "Welcome"
body = """
A short reading: one idea, a few short paragraphs. *Markdown* works here.
"""
facilitator = "Optional notes shown only in workshop mode."
discuss = "Optional question for a group, shown only in workshop mode."
'''

    def build(self, fields: Fields, data: dict[str, Any], where: str, common: dict[str, Any]) -> ReadStep:
        return ReadStep(**common, body=fields.text(data, "body", where))
