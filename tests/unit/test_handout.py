"""`course handout MODULE`: one printable page a workshop hands out, that loads nothing and runs nothing."""

from __future__ import annotations

import html
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from commands import run, stderr_lines
from terminal import BETWEEN_SESSIONS, FIXTURE_COURSE

from course.handout import markdown_html
from course.loader import load_course
from course.steps.reflect import ReflectStep

SHIPPED = Path(__file__).resolve().parents[2] / "lessons"
HOSTILE = "<script>alert(1)</script> [bold]x[/] &amp; שלום"
"""A tag, console markup, an entity and a right-to-left word: each must show as the characters written."""


class Tags(HTMLParser):
    """Every start tag in a page, by name."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.names: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)


def flat(text: str) -> str:
    """The text with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def section(page: str, heading: str) -> str:
    """The part of the page under one of its h2 headings."""
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("</section>", 1)[0]


def test_a_handout_of_a_shipped_module_has_its_questions_and_crisis_lines_and_loads_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "handout", "1", "--region", "CA", "-o", "m1.html", "--lessons", str(SHIPPED))
    assert code == 0, err
    page = (tmp_path / "m1.html").read_text(encoding="utf-8")
    module = load_course(SHIPPED).modules[0]
    prompts = [step.prompt for step in module.steps if isinstance(step, ReflectStep)]
    assert "988" in page
    assert html.escape(module.title) in page
    assert prompts and all(html.escape(flat(prompt)) in flat(page) for prompt in prompts)
    lowered = page.lower()
    for loads in ("<script", "<link", "<img", "src=", "href=", "@import", "url("):
        assert loads not in lowered, loads
    assert "default-src 'none'" in page and '<meta charset="utf-8">' in page


def test_hostile_lesson_text_shows_as_written_and_never_as_a_tag(
    capsys: pytest.CaptureFixture[str], course_copy: Path
) -> None:
    first = course_copy / "01-first-steps.toml"
    text = first.read_text(encoding="utf-8")
    text = text.replace('title = "First steps"', f'title = "{HOSTILE}"', 1)
    text = text.replace('prompt = "What comes to mind?"', f'prompt = "{HOSTILE}"', 1)
    first.write_text(text, encoding="utf-8")
    code, page, err = run(capsys, "handout", "1", "--lessons", str(course_copy), "-o", "-")
    assert code == 0, err
    assert "<script" not in page.lower() and "script" not in Tags(page).names
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # the page's title, its heading, the question
    assert "[bold]x[/]" in page and "&amp;amp;" in page and "שלום" in page


def test_without_o_it_writes_handout_id_html_here_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "handout", "first-steps", "--lessons", str(FIXTURE_COURSE))
    written = tmp_path / "handout-first-steps.html"
    assert code == 0 and out == ""
    assert stderr_lines(err) == ["Wrote the handout for module 1 to handout-first-steps.html."]
    assert '<h1 dir="auto">First steps</h1>' in written.read_text(encoding="utf-8")
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # nothing private in it: anyone may read it


def test_an_existing_handout_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    written = tmp_path / "handout-first-steps.html"
    written.write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "handout", "1", "--lessons", str(FIXTURE_COURSE))
    assert code == 2 and out == ""
    assert err == "course: handout-first-steps.html: already exists (add --force to replace it)\n"
    assert written.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "handout", "1", "--force", "--lessons", str(FIXTURE_COURSE))
    assert code == 0 and "First steps" in written.read_text(encoding="utf-8")


def test_the_recap_is_the_key_ideas(capsys: pytest.CaptureFixture[str]) -> None:
    code, page, _ = run(capsys, "handout", "1", "--lessons", str(BETWEEN_SESSIONS), "-o", "-")
    ideas = section(page, "Key ideas")
    assert code == 0
    assert "A first idea, with [brackets] kept." in ideas and "A second idea." in ideas
    assert "A fixture module with a recap" not in ideas


def test_a_module_without_a_recap_shows_its_summary_as_the_key_ideas(capsys: pytest.CaptureFixture[str]) -> None:
    code, page, _ = run(capsys, "handout", "2", "--lessons", str(FIXTURE_COURSE), "-o", "-")
    assert code == 0
    assert "A second fixture module, without a content note." in section(page, "Key ideas")


def test_experiments_are_offered_to_try_before_next_time(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "handout", "arriving", "--lessons", str(BETWEEN_SESSIONS), "-o", "-")
    tries = section(page, "Something to try before next time")
    assert "When it rains, I will notice one sound." in tries and "When I wake, I will stretch once." in tries


def test_each_question_has_ruled_space_and_each_practice_its_time(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "handout", "1", "--lessons", str(FIXTURE_COURSE), "-o", "-")
    questions = section(page, "Questions to reflect on")
    assert "What comes to mind?" in questions and 'class="lines"' in questions
    practices = section(page, "Practices")
    assert "Breathe for a moment." in practices and "about 30 seconds" in practices
    assert page.index("Content note") < page.index("Key ideas")


def test_dash_o_dash_prints_the_page_to_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "handout", "1", "--region", "US", "--lessons", str(FIXTURE_COURSE), "-o", "-")
    assert code == 0 and err == ""
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "If you are in danger right now, call 911." in out and "Fixture Line" in out
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["handout", "9"], "course: 9: no such module (use a number from 1 to 2 or a module id)"),
        (["handout", "1", "--region", "ZZ"], "course: --region ZZ: no crisis lines for that region"),
    ],
    ids=["unknown module", "unknown region"],
)
def test_an_unknown_module_or_region_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *argv, "--lessons", str(FIXTURE_COURSE), "-o", "-")
    assert code == 2 and out == ""
    assert len(stderr_lines(err)) == 1 and err.startswith(expected)
    assert "Traceback" not in err


def test_an_unwritable_path_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "handout", "1", "--lessons", str(FIXTURE_COURSE), "-o", str(tmp_path / "none" / "h.html"))
    assert code == 2 and len(stderr_lines(err)) == 1 and "no such folder" in err


def test_lesson_markdown_becomes_simple_escaped_html() -> None:
    shown = "\n".join(markdown_html("# A <b>head</b>\n\nSome *words*.\n\n- one\n- two\n\n3. three\n\n> quoted & kept", 3))
    assert '<h3 dir="auto">A &lt;b&gt;head&lt;/b&gt;</h3>' in shown
    assert '<p dir="auto">Some words.</p>' in shown
    assert re.search(r"<ul>\s*<li[^>]*>one</li>\s*<li[^>]*>two</li>\s*</ul>", shown)
    assert '<ol start="3">' in shown
    assert re.search(r"<blockquote>\s*<p[^>]*>quoted &amp; kept</p>\s*</blockquote>", shown)
