"""The command line: help, list, validate, reset, forget, export, version; bad input is one line and exit 2."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from commands import child_env, course_command, run
from terminal import FIXTURE_COURSE

from course.cli import COMMAND_HELP, main
from course.loader import load_course
from course.progress import ProgressStore


def test_list_names_every_module_with_progress(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    module = load_course(FIXTURE_COURSE).modules[0]
    steps = module.steps
    store = ProgressStore.in_folder(data_dir)
    store.move_to(module.id, steps[0].id)
    for previous, step in itertools.pairwise(steps[:4]):
        store.move_to(module.id, step.id, completed=previous.id)
    store.close()
    code, out, _ = run(capsys, "list", "--lessons", str(FIXTURE_COURSE))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:3] == ["1", "First", "steps"]
    assert f"3/{len(steps)} in progress, at step 4: {steps[3].title}" in " ".join(lines[0].split())
    assert "Second module" in lines[1] and "0/3 not started" in " ".join(lines[1].split())
    assert len([line for line in lines if line[:2].strip().isdigit()]) == 2
    assert lines[-1] == f"Your progress is kept in {data_dir / 'progress.db'}"


def test_validate_names_every_broken_file_and_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lessons = shutil.copytree(FIXTURE_COURSE, tmp_path / "lessons")
    first = lessons / "01-first-steps.toml"
    first.write_text(first.read_text().replace('title = "First steps"', 'titel = "x"', 1))
    second = lessons / "02-second-module.toml"
    second.write_text(second.read_text() + "\n[oops\n")
    code, out, err = run(capsys, "validate", str(lessons))
    assert code == 1
    assert "01-first-steps.toml: titel: unknown key" in out
    assert "01-first-steps.toml: title: missing" in out
    assert "02-second-module.toml: line " in out
    assert "3 problems found." in err
    assert "Traceback" not in out + err


def test_reset_one_module_keeps_reflections(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.move_to("first-steps", "check-in", completed="thoughts")
    store.save_reflection("first-steps", "thoughts", "mine")
    store.move_to("second-module", "two")
    store.close()
    code, out, _ = run(capsys, "reset", "1", "--yes", "--lessons", str(FIXTURE_COURSE))
    assert code == 0 and out == "Module 1 · First steps starts again from the first step. Your reflections are kept.\n"
    store = ProgressStore.in_folder(data_dir)
    assert store.position("first-steps") is None
    assert store.position("second-module") is not None
    assert store.reflection("first-steps", "thoughts") == "mine"


def test_reset_without_yes_and_without_a_terminal_refuses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "reset", "--lessons", str(FIXTURE_COURSE))
    assert code == 2 and "add --yes" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lessons", "/no/such/folder", "list"], "/no/such/folder: no such folder (check the path given to --lessons)"),
        (["validate", "/no/such/folder"], "no such folder"),
        (["--lessons", str(FIXTURE_COURSE), "reset", "9", "--yes"], "9: no such module (use a number from 1 to 2 or a module id)"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and expected in err and err.startswith("course: ")


def test_an_unusable_data_folder_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "sub"), "--lessons", str(FIXTURE_COURSE), "list")
    assert code == 2 and err.count("\n") == 1 and "cannot use this data folder" in err


def test_broken_lessons_stop_the_app_with_one_line(
    capsys: pytest.CaptureFixture[str], course_copy: Path
) -> None:
    (course_copy / "02-second-module.toml").write_text("id = ")
    code, _, err = run(capsys, "--lessons", str(course_copy))
    assert code == 2 and err.count("\n") == 1
    assert "02-second-module.toml: line 1, column 6: Invalid value" in err


def test_version_names_the_course_and_textual(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("course ") and "Textual 8." in out


def test_options_work_before_and_after_the_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for argv in (["--data-dir", str(tmp_path / "d1"), "list"], ["list", "--data-dir", str(tmp_path / "d2")]):
        code, out, _ = run(capsys, *argv, "--lessons", str(FIXTURE_COURSE))
        assert code == 0 and str(tmp_path) in out


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        course_command("list", "--lessons", str(FIXTURE_COURSE)),
        capture_output=True,
        text=True,
        env=child_env(tmp_path / "d"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "First steps" in result.stdout


# Help: every page says what the command does, shows examples, and lists only its own options


def help_page(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as leaving:
        main(list(argv))
    assert leaving.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", list(COMMAND_HELP))
def test_every_command_help_describes_it_and_shows_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    page = help_page(capsys, command, "--help")
    _, about, _ = COMMAND_HELP[command]
    assert f"\n\n{about}\n\n" in page
    examples = page.split("\nexamples:\n", 1)[1].splitlines()
    assert 1 <= len(examples) <= 3 and all(line.startswith("  course ") for line in examples)
    assert any(f"course {command}" in line for line in examples)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("list", {"--lessons", "--data-dir", "--profile"}),
        ("read", {"--lessons", "--region", "--width"}),
        ("export", {"--lessons", "--data-dir", "--profile", "--output", "--force"}),
        ("reset", {"--lessons", "--data-dir", "--profile", "--yes"}),
        ("forget", {"--data-dir", "--profile", "--yes"}),
        ("workshop", {"--lessons", "--region"}),
        ("serve", {"--lessons", "--data-dir", "--host", "--port", "--workshop", "--save", "--max-sessions",
                   "--list-saved", "--forget-saved"}),
        ("validate", {"--lessons"}),
        ("new", {"--dir"}),
        ("help", set()),
    ],
)
def test_each_command_lists_only_the_options_that_apply_to_it(
    capsys: pytest.CaptureFixture[str], command: str, options: set[str]
) -> None:
    page = help_page(capsys, command, "--help")
    listed = set(re.findall(r"^  (?:-\w(?: \w+)?, )?(--[\w-]+)", page, re.MULTILINE)) - {"--help"}
    assert listed == options


def test_an_option_given_to_a_command_it_means_nothing_to_points_at_that_command_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "list", "--region", "GB")
    assert code == 2 and out == ""
    assert err == "course: unrecognized arguments: --region GB (see `course list --help`)\n"


def test_the_main_help_lists_every_command_with_a_summary_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    page = help_page(capsys, "--help")
    for command, (summary, _, _) in COMMAND_HELP.items():
        assert re.search(rf"^    {command} +{re.escape(summary)}$", page, re.MULTILINE), command
    assert "\nexamples:\n  course " in page


def test_course_help_is_the_main_help_and_course_help_command_is_that_command_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main_page = help_page(capsys, "--help")
    assert run(capsys, "help") == (0, main_page, "")
    # `course help X` builds every command; `course X --help` builds X alone: the pages agree.
    for command in COMMAND_HELP:
        page = help_page(capsys, command, "--help")
        assert run(capsys, "help", command) == (0, page, ""), command


def test_a_mistyped_command_is_offered_only_real_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sesion")
    assert code == 2
    offered = re.findall(r"'([\w-]+)'", err.split("choose from", 1)[1])
    assert offered == list(COMMAND_HELP)


# Asking first, like forget


class Learner:
    """A learner at a terminal, answering each question with the next of their answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[str] = []
        self.asked: list[str] = []
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("builtins.input", self.answer)

    def answer(self, question: str) -> str:
        self.asked.append(question)
        return self.answers.pop(0)


@pytest.fixture
def learner(monkeypatch: pytest.MonkeyPatch) -> Learner:
    return Learner(monkeypatch)


def started(data_dir: Path, *module_ids: str) -> None:
    """Progress in each module of the fixture course, and a reflection."""
    store = ProgressStore.in_folder(data_dir)
    for module_id in module_ids:
        store.move_to(module_id, "two" if module_id == "second-module" else "thoughts")
    store.save_reflection("first-steps", "thoughts", "mine")
    store.close()


@pytest.mark.parametrize(("answer", "reset"), [("y", True), ("n", False)], ids=["yes", "no"])
def test_reset_asks_before_starting_a_module_over(
    capsys: pytest.CaptureFixture[str], data_dir: Path, learner: Learner, answer: str, reset: bool
) -> None:
    started(data_dir, "first-steps")
    learner.answers = [answer]
    code, out, _ = run(capsys, "--lessons", str(FIXTURE_COURSE), "reset", "1")
    assert code == 0
    assert learner.asked == [
        "Start module 1 · First steps over? Your reflections are kept; your place and answers are cleared. [y/N] "
    ]
    store = ProgressStore.in_folder(data_dir)
    assert (store.position("first-steps") is None) is reset
    assert store.reflection("first-steps", "thoughts") == "mine"
    assert out.startswith("Module 1 · First steps starts again") if reset else out == "Nothing was changed.\n"


def test_reset_without_a_module_asks_once_about_every_module(
    capsys: pytest.CaptureFixture[str], data_dir: Path, learner: Learner
) -> None:
    started(data_dir, "first-steps", "second-module")
    learner.answers = ["yes"]
    code, out, _ = run(capsys, "--lessons", str(FIXTURE_COURSE), "reset")
    assert code == 0 and len(learner.asked) == 1
    assert learner.asked[0].startswith("Start all 2 modules over? Your reflections are kept;")
    assert out == "All 2 modules start again from the first step. Your reflections are kept.\n"
    store = ProgressStore.in_folder(data_dir)
    assert store.position("first-steps") is None and store.position("second-module") is None


def test_forget_says_what_it_deletes_and_where_and_how_to_keep_a_copy_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, learner: Learner
) -> None:
    data = tmp_path / "my data"
    started(data / "profiles" / "ana", "first-steps")
    learner.answers = ["not now"]
    code, out, _ = run(capsys, "forget", "--data-dir", str(data), "--profile", "ana")
    assert code == 0
    assert out.splitlines() == [
        "This deletes your progress, reflections, answers, contacts and settings"
        f" from {data / 'profiles' / 'ana'}.",
        "To keep a copy of what you wrote, run this first:",
        f"  course export --data-dir '{data}' --profile ana -o reflections.md",
        "Nothing was deleted.",
    ]
    assert learner.asked == ["Type 'forget' to delete it all for good: "]
    assert ProgressStore.in_folder(data / "profiles" / "ana").reflection("first-steps", "thoughts") == "mine"


def test_forget_for_everyone_names_the_other_profiles_and_how_to_keep_their_copies(
    capsys: pytest.CaptureFixture[str], data_dir: Path, learner: Learner
) -> None:
    started(data_dir, "first-steps")
    started(data_dir / "profiles" / "ana", "first-steps")
    learner.answers = ["forget"]
    code, out, _ = run(capsys, "forget")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "This deletes your progress, reflections, answers, contacts and settings,"
        f" and those of 1 other profile (ana), from {data_dir}."
    )
    assert lines[1:4] == [
        "To keep a copy of what you wrote, run these first:",
        "  course export -o reflections.md",
        "  course export --profile ana -o ana.md",
    ]
    assert lines[-1].startswith("Everything the course kept for you and for 1 other profile (ana) is deleted (")
    assert not (data_dir / "progress.db").exists() and not (data_dir / "profiles").exists()


def test_forget_ends_with_where_to_start_again(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    started(data_dir, "first-steps")
    code, out, _ = run(capsys, "forget", "--yes")
    assert code == 0
    (line,) = out.splitlines()
    assert re.fullmatch(
        rf"Everything the course kept for you is deleted \((1 file|\d+ files) from {re.escape(str(data_dir))}\)\."
        r" You can start again any time with `course`\.",
        line,
    )


def test_forget_with_nothing_saved_says_so_and_asks_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, learner: Learner
) -> None:
    code, out, _ = run(capsys, "forget")
    assert code == 0 and learner.asked == []
    assert out == f"Nothing to forget: the course has kept nothing for you in {data_dir}.\n"


# Counting as people count


def test_validate_counts_one_module_as_one(capsys: pytest.CaptureFixture[str], course_copy: Path) -> None:
    (course_copy / "01-first-steps.toml").unlink()
    support = course_copy / "support.toml"  # checked this month, so never a warning about it
    support.write_text(re.sub(r'checked = "[0-9-]+"', f'checked = "{dt.date.today():%Y-%m}"', support.read_text()))
    code, out, _ = run(capsys, "validate", str(course_copy))
    assert code == 0 and out == "OK: 1 module, 3 steps, no problems, no warnings.\n"


def test_a_lessons_problem_points_at_validate_for_the_folder_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "my lessons"
    shutil.copytree(FIXTURE_COURSE, folder)
    module = folder / "02-second-module.toml"
    module.write_text(module.read_text().replace('title = "Two"', 'titel = "Two"'))
    code, _, err = run(capsys, "--lessons", str(folder), "list")
    assert code == 2
    assert err.endswith(f"(and 1 more problem: run `course validate '{folder}'`)\n")
    assert "02-second-module.toml: step 2 ('two'), titel: unknown key" in err


# The export, rendered as Markdown, shows what was written exactly


WRITTEN = """# not a heading
- not a list
1. not a list either
> not a quote
*not emphasis*, _nor this_, <b>no tag</b>, [no link](x), `no code`, &amp; | a | b | and a \\

    four spaces in

===


after two blank lines"""


class Blocks(HTMLParser):
    """The text of each paragraph, heading and list item of rendered HTML; a line break per <br>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.depth = 0
        self.feed(html.replace("<br />\n", "<br />"))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in {"p", "h1", "h2", "h3", "li"}:
            self.depth += 1
            self.blocks.append("")
        elif tag == "br" and self.depth:
            self.blocks[-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "h1", "h2", "h3", "li"}:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.blocks[-1] += data.replace("\xa0", " ")


def test_the_export_renders_what_was_written_exactly_line_breaks_and_marks_and_all(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from markdown_it import MarkdownIt

    store = ProgressStore.in_folder(data_dir)
    store.save_reflection("first-steps", "thoughts", WRITTEN)
    store.save_contact("*Sam* [sister](x)", "555 <0199>", "evenings\n- not before 6")
    store.close()
    code, out, _ = run(capsys, "--lessons", str(FIXTURE_COURSE), "export")
    assert code == 0
    blocks = Blocks(MarkdownIt("commonmark").render(out)).blocks
    assert WRITTEN in blocks
    assert "*Sam* [sister](x), 555 <0199>: evenings\n- not before 6" in blocks
    assert blocks[0] == "Your reflections and answers"
