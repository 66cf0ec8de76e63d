"""A module as one self-contained, printable HTML page for workshop participants."""

from __future__ import annotations

import html
from collections.abc import Sequence

from course.markdown_reader import Block, Heading, ListBlock, Paragraph, inline_text, parse_blocks
from course.model import Course, Module
from course.paper_text import duration, for_paper
from course.steps.base import Step
from course.steps.practice import PracticeStep
from course.steps.reflect import ReflectStep
from course.support import Region

WRITING_LINES = 4
"""Ruled lines to write an answer on by hand, under each reflection's question."""
CONTENT_SECURITY = "default-src 'none'; style-src 'unsafe-inline'"
"""The page may load nothing at all: its one inline style is all it needs."""
STYLE = """
body { font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Times New Roman", serif;
  color: #000; background: #fff; line-height: 1.5; font-size: 12pt; max-width: 40em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; line-height: 1.2; margin: 0 0 0.25em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #000; margin: 1.6em 0 0.5em; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
h4 { font-size: 1em; margin: 1em 0 0.3em; }
.meta { margin: 0; }
.note { border: 1px solid #000; padding: 0 1em; margin-top: 1em; }
.note h2 { border: 0; margin-top: 0.6em; }
blockquote { margin: 0.5em 0 0.5em 1em; padding-left: 1em; border-left: 2px solid #000; }
.lines { margin: 0.5em 0 1em; }
.lines div { height: 2.2em; border-bottom: 1px solid #555; }
.time { font-style: italic; }
section, article { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
@media print {
  @page { margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
}
"""
"""Black on white in a readable serif, ruled space to write in, and sections kept whole on paper."""


def handout_html(course: Course, module: Module, regions: Sequence[Region]) -> str:
    """The whole page: the module's heading and content note, its key ideas, every reflection
    question with room to write, every practice, the experiments, then the crisis lines of these
    regions (most local first, as SupportDirectory.for_region gives them)."""
    title = _text(f"{module.title} · {course.title}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY}">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="meta" dir="auto">{_text(course.title)}</p>',
        f'<h1 dir="auto">{_text(module.title)}</h1>',
        f'<p class="meta">Module {module.number} · {_text(duration(module.minutes * 60))}</p>',
        "</header>",
        *_content_note(module),
        *_key_ideas(module),
        *_reflections(module.steps),
        *_practices(module.steps),
        *_experiments(module),
        *_support(regions),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _text(text: str) -> str:
    """Plain text, escaped so that no character of it is ever read as markup."""
    return html.escape(text, quote=True)


def _inline(markdown: str) -> str:
    """Inline Markdown as escaped plain text, as it works on paper; a hard line break stays one."""
    return _text(for_paper(inline_text(markdown))).replace("\n", "<br>\n")


def _content_note(module: Module) -> list[str]:
    if not module.content_note:
        return []
    return ['<section class="note">', "<h2>Content note</h2>", *markdown_html(module.content_note, 3), "</section>"]


def _key_ideas(module: Module) -> list[str]:
    """The recap, which says the module's ideas in a few lines; without one, the summary."""
    if module.recap:
        ideas = ["<ul>", *(f'<li dir="auto">{_text(for_paper(line))}</li>' for line in module.recap), "</ul>"]
    else:
        ideas = [f'<p dir="auto">{_text(for_paper(module.summary))}</p>']
    return ["<section>", "<h2>Key ideas</h2>", *ideas, "</section>"]


def _reflections(steps: Sequence[Step]) -> list[str]:
    """Each reflection's question, with ruled space under it to answer by hand."""
    # The kind's own record says what a reflection holds; only reflections and practices are
    # picked out, so there is no chain over every kind here.
    asked = [step for step in steps if isinstance(step, ReflectStep)]
    if not asked:
        return []
    lines = ["<section>", "<h2>Questions to reflect on</h2>"]
    rule = ['<div class="lines" aria-hidden="true">', *["<div></div>"] * WRITING_LINES, "</div>"]
    for step in asked:
        lines += ["<article>", f'<h3 dir="auto">{_text(step.title)}</h3>', *_step_note(step)]
        lines += [*markdown_html(step.body, 4), *markdown_html(step.prompt, 4), *rule, "</article>"]
    return [*lines, "</section>"]


def _practices(steps: Sequence[Step]) -> list[str]:
    """Each practice's guidance, with how long it takes when the lesson says."""
    practices = [step for step in steps if isinstance(step, PracticeStep)]
    if not practices:
        return []
    lines = ["<section>", "<h2>Practices</h2>"]
    for step in practices:
        lines += ["<article>", f'<h3 dir="auto">{_text(step.title)}</h3>', *_step_note(step)]
        if step.seconds:
            lines.append(f'<p class="time">{_text(duration(step.seconds))}</p>')
        lines += [*markdown_html(step.body, 4), "</article>"]
    return [*lines, "</section>"]


def _step_note(step: Step) -> list[str]:
    """A step's own content note, before it: on paper it is read first, as on screen."""
    if not step.content_note:
        return []
    return ['<div class="note">', "<p><strong>Content note</strong></p>", *markdown_html(step.content_note, 4), "</div>"]


def _experiments(module: Module) -> list[str]:
    if not module.experiment:
        return []
    tries = (f'<li dir="auto">{_text(for_paper(line))}</li>' for line in module.experiment)
    return ["<section>", "<h2>Something to try before next time</h2>", "<ul>", *tries, "</ul>", "</section>"]


def _support(regions: Sequence[Region]) -> list[str]:
    """The emergency number and every service of these regions, exactly as the support file has
    them; an address is shown as text, never a link, so the page leads nowhere by itself."""
    emergency = regions[0].emergency if regions else "your local emergency number"
    lines = ["<section>", "<h2>Support</h2>", f"<p><strong>If you are in danger right now, call {_text(emergency)}.</strong></p>"]
    for region in regions:
        if not region.services:
            continue
        lines += [f'<h3 dir="auto">{_text(region.name)}</h3>', "<ul>"]
        for service in region.services:
            details = [f"<strong>{_text(service.name)}</strong>", *(_text(d) for d in (service.contact, service.hours) if d)]
            lines.append(f'<li dir="auto">{"<br>".join(details)}</li>')
        lines.append("</ul>")
    return [*lines, "</section>"]


def markdown_html(markdown: str, heading: int) -> list[str]:
    """Lesson Markdown as simple HTML, every word of it escaped; its headings are `<h{heading}>`."""
    return _blocks_html(parse_blocks(markdown.expandtabs(4).splitlines()), heading, tight=False)


def _blocks_html(blocks: Sequence[Block], heading: int, tight: bool) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = _inline("\n".join(block.lines))
            # In a tight list an item's words stand in it directly, as CommonMark renders them.
            lines.append(text if tight else f'<p dir="auto">{text}</p>')
        elif isinstance(block, Heading):
            level = min(heading, 6)
            lines.append(f'<h{level} dir="auto">{_inline(block.text)}</h{level}>')
        elif isinstance(block, ListBlock):
            lines += _list_html(block, heading)
        else:
            lines += ["<blockquote>", *_blocks_html(block.blocks, heading, tight=False), "</blockquote>"]
    return lines


def _list_html(block: ListBlock, heading: int) -> list[str]:
    if block.start is None:
        opening, closing = "<ul>", "</ul>"
    else:
        opening, closing = ("<ol>" if block.start == 1 else f'<ol start="{block.start}">'), "</ol>"
    items = ("\n".join(_blocks_html(item, heading, tight=not block.loose)) for item in block.items)
    return [opening, *(f'<li dir="auto">{item}</li>' for item in items), closing]
