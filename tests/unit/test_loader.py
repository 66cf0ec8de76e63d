"""The loader builds the course from TOML and names every problem: file, place, fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.loader import LessonError, load_course, load_module
from course.steps.check import CheckStep
from course.steps.plan import PlanStep
from course.steps.practice import PracticeStep
from course.steps.read import ReadStep
from course.steps.reflect import ReflectStep
from course.steps.self_check import SelfCheckStep

REPO = Path(__file__).resolve().parents[2]

GOOD = '''
id = "first"
title = "First"
summary = "A module."
minutes = 5

[[steps]]
id = "read-1"
kind = "read"
title = "Read"
body = "Some *text*."
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "l", "01-m.toml", text)
    with pytest.raises(LessonError) as caught:
        load_course(tmp_path / "l")
    return caught.value.problems


def test_every_step_kind_loads_into_its_own_type(tmp_path: Path) -> None:
    text = GOOD + '''
[[steps]]
id = "r"
kind = "reflect"
title = "R"
prompt = "What comes up?"

[[steps]]
id = "c"
kind = "check"
title = "C"
question = "Which?"
choices = [ { text = "a", feedback = "fa", correct = true }, { text = "b", feedback = "fb" } ]

[[steps]]
id = "p"
kind = "practice"
title = "P"
body = "Breathe."
seconds = 60

[[steps]]
id = "s"
kind = "self-check"
title = "S"
statements = [ { text = "I do x", reflection = "x protects" } ]
summary = "Patterns, not a diagnosis."
'''
    write(tmp_path, "01-m.toml", text)
    module = load_course(tmp_path).modules[0]
    kinds = [type(step) for step in module.steps]
    assert kinds == [ReadStep, ReflectStep, CheckStep, PracticeStep, SelfCheckStep]
    check = module.steps[2]
    assert isinstance(check, CheckStep) and check.choices[0].correct and not check.choices[1].correct
    assert module.steps[3].seconds == 60  # type: ignore[attr-defined]
    assert module.number == 1


def test_modules_play_in_file_name_order_and_other_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "02-b.toml", GOOD.replace('"first"', '"second"'))
    write(tmp_path, "01-a.toml", GOOD)
    write(tmp_path, "support.toml", "not = [ a module")
    write(tmp_path, "README.md", "# notes")
    course = load_course(tmp_path)
    assert [m.id for m in course.modules] == ["first", "second"]
    assert [m.number for m in course.modules] == [1, 2]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(('title = "First"\n', ""), "01-m.toml: title: missing (add title", id="missing-key"),
        pytest.param(("minutes = 5", 'minutes = "five"'), "minutes: 'five' is out of range", id="wrong-type"),
        pytest.param(("minutes = 5", "minutes = 0"), "minutes: 0 is out of range (use a whole number from 1 to 240)", id="out-of-range"),
        pytest.param(('id = "first"', 'id = "First Module"'), "id: 'First Module' is not a valid id", id="bad-id"),
        pytest.param(('title = "First"', 'title = "First"\ntitel = "x"'), "titel: unknown key (remove it or fix the spelling", id="unknown-module-key"),
        pytest.param(('body = "Some *text*."', 'body = "Some *text*."\nbdoy = "x"'), "step 1 ('read-1'), bdoy: unknown key", id="unknown-step-key"),
        pytest.param(('kind = "read"', 'kind = "video"'), "step 1 ('read-1'), kind: unknown kind 'video' (use one of check, plan, practice, read, reflect, self-check)", id="unknown-kind"),
        pytest.param(('kind = "read"\n', ""), "step 1 ('read-1'), kind: missing", id="missing-kind"),
        pytest.param(('body = "Some *text*."', 'body = "   "'), "step 1 ('read-1'), body: is empty", id="empty-text"),
        pytest.param(("[[steps]]", "[[stepz]]"), "steps: missing (add at least one [[steps]] table)", id="no-steps"),
        pytest.param(("summary = \"A module.\"", "summary = \"A module.\"\ncontent_note = 3"), "content_note: must be text, not a number", id="text-not-text"),
    ],
)
def test_each_kind_of_problem_is_named_with_file_place_and_fix(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in GOOD
    problems = problems_for(tmp_path, GOOD.replace(old, new, 1))
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("l/01-m.toml: ") or "01-m.toml: " in p for p in problems)
    assert all(p.rstrip().endswith(")") for p in problems)


def test_duplicate_step_ids_are_reported(tmp_path: Path) -> None:
    text = GOOD + '\n[[steps]]\nid = "read-1"\nkind = "read"\ntitle = "Again"\nbody = "x"\n'
    assert any("step 2 ('read-1'), id: 'read-1' is used twice" in p for p in problems_for(tmp_path, text))


def test_duplicate_module_ids_across_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "01-a.toml", GOOD)
    write(tmp_path, "02-b.toml", GOOD)
    with pytest.raises(LessonError) as caught:
        load_course(tmp_path)
    assert any("02-b.toml: id: 'first' is already used by 01-a.toml" in p for p in caught.value.problems)


def test_choices_need_two_tables_each_with_text_and_feedback(tmp_path: Path) -> None:
    text = GOOD + '''
[[steps]]
id = "c"
kind = "check"
title = "C"
question = "Which?"
choices = [ { text = "a" }, { feedback = "fb", correct = "yes" }, 3 ]
'''
    problems = problems_for(tmp_path, text)
    assert any("step 2 ('c'), choice 1, feedback: missing" in p for p in problems)
    assert any("step 2 ('c'), choice 2, text: missing" in p for p in problems)
    assert any("step 2 ('c'), choice 2, correct: must be true or false" in p for p in problems)
    assert any("step 2 ('c'), choice 3: is not a table" in p for p in problems)


def test_a_single_choice_is_not_enough(tmp_path: Path) -> None:
    text = GOOD + '\n[[steps]]\nid = "c"\nkind = "check"\ntitle = "C"\nquestion = "Q?"\nchoices = [ { text = "a", feedback = "b" } ]\n'
    assert any("step 2 ('c'), choices: needs a list of at least 2 choices" in p for p in problems_for(tmp_path, text))


def test_timer_seconds_must_be_in_range(tmp_path: Path) -> None:
    text = GOOD + '\n[[steps]]\nid = "p"\nkind = "practice"\ntitle = "P"\nbody = "b"\nseconds = 5\n'
    assert any("step 2 ('p'), seconds: 5 is out of range" in p for p in problems_for(tmp_path, text))


def test_every_problem_is_collected_not_just_the_first(tmp_path: Path) -> None:
    text = GOOD.replace('title = "First"', "").replace('kind = "read"', 'kind = "read"\nextra = 1')
    write(tmp_path / "l", "02-other.toml", "id = [")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 3
    assert any("01-m.toml: title: missing" in p for p in problems)
    assert any("01-m.toml: step 1 ('read-1'), extra: unknown key" in p for p in problems)
    assert any("02-other.toml: line 1, column" in p for p in problems)


def test_toml_syntax_errors_keep_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "01-m.toml", GOOD.replace('minutes = 5', 'minutes = = 5'))
    with pytest.raises(LessonError) as caught:
        load_module(path)
    (problem,) = caught.value.problems
    assert "01-m.toml: line 5, column 11: Invalid value (fix the TOML there)" in problem


def test_text_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "l"
    folder.mkdir()
    (folder / "01-m.toml").write_bytes(GOOD.encode() + b'\nx = "\xff"\n')
    with pytest.raises(LessonError) as caught:
        load_course(folder)
    assert "not UTF-8 text (save the file as UTF-8)" in caught.value.problems[0]


def test_a_missing_folder_and_an_empty_folder_are_one_line_each(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match="no such lesson folder"):
        load_course(tmp_path / "nowhere")
    with pytest.raises(LessonError, match="no lesson modules found"):
        load_course(tmp_path)


def test_steps_that_are_not_tables_are_reported(tmp_path: Path) -> None:
    assert any(
        "steps: must be a list of tables" in p
        for p in problems_for(tmp_path, GOOD.split("[[steps]]")[0] + 'steps = "many"\n')
    )


def test_a_course_speaks_for_itself_from_course_toml_or_from_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-own_lessons"
    folder.mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "course" / "02-second-module.toml", folder / "01-only.toml")
    plain = load_course(folder)
    assert plain.title == "My own lessons"
    assert "1 short module," in plain.welcome and "Four" not in plain.welcome + plain.about
    (folder / "course.toml").write_text('title = "Ours"\nwelcome = "Hello."\n')
    own = load_course(folder)
    assert (own.title, own.welcome) == ("Ours", "Hello.") and "1 short module" in own.about


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('title = "Ours"\ncolour = "red"\n', "course.toml: colour: unknown key"),
        ('welcome = "Hi"\n', "course.toml: title: missing"),
        ('title = "a\\u001b]0;x\\u0007"\n', "course.toml: title: contains a control character"),
        ("title = [1]\n", "course.toml: title: must be text"),
        ('title = "unclosed\n', "course.toml: line 1"),
    ],
)
def test_a_broken_course_toml_is_named_with_place_and_fix(tmp_path: Path, text: str, problem: str) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "course" / "02-second-module.toml", folder / "01-only.toml")
    (folder / "course.toml").write_text(text)
    with pytest.raises(LessonError) as error:
        load_course(folder)
    assert any(problem in line for line in error.value.problems), error.value.problems


def test_a_key_with_a_line_break_in_it_is_still_reported_on_one_line(tmp_path: Path) -> None:
    shutil.copy(REPO / "tests" / "fixtures" / "course" / "02-second-module.toml", tmp_path / "01-only.toml")
    with open(tmp_path / "01-only.toml", "a") as module:
        module.write('\n"odd\\nkey\\u001b[2J" = 1\n')
    with pytest.raises(LessonError) as error:
        load_course(tmp_path)
    assert all("\n" not in line and "\x1b" not in line for line in error.value.problems)
    assert any("odd␤key␛[2J: unknown key" in line for line in error.value.problems), error.value.problems


# A content note over a run of steps

RUN = GOOD + '''
[[steps]]
id = "heavy-1"
kind = "read"
title = "Heavy one"
content_note = "These steps turn toward old hurt."
content_note_covers = 2
body = "b"

[[steps]]
id = "heavy-2"
kind = "read"
title = "Heavy two"
body = "b"

[[steps]]
id = "ground"
kind = "practice"
title = "Back to now"
body = "b"
'''


def test_a_content_note_can_cover_a_run_of_steps(tmp_path: Path) -> None:
    write(tmp_path, "01-m.toml", RUN)
    module = load_course(tmp_path).modules[0]
    assert [step.content_note_covers for step in module.steps] == [1, 2, 1, 1]
    assert [module.note_span(index) for index in range(4)] == [None, (1, 2), (1, 2), None]


def test_a_content_note_covers_its_own_step_unless_it_says_more(tmp_path: Path) -> None:
    write(tmp_path, "01-m.toml", RUN.replace("content_note_covers = 2\n", ""))
    module = load_course(tmp_path).modules[0]
    assert [module.note_span(index) for index in range(4)] == [None, (1, 1), None, None]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("content_note_covers = 2", "content_note_covers = 0"),
            "step 2 ('heavy-1'), content_note_covers: 0 is out of range (use a whole number from 1 to 3)",
            id="below-one",
        ),
        pytest.param(
            ("content_note_covers = 2", 'content_note_covers = "two"'),
            "step 2 ('heavy-1'), content_note_covers: 'two' is out of range (use a whole number from 1 to 3)",
            id="not-a-number",
        ),
        pytest.param(
            ('content_note = "These steps turn toward old hurt."\n', ""),
            "step 2 ('heavy-1'), content_note_covers: has no content note to cover steps with"
            " (add a content_note, or remove content_note_covers)",
            id="without-a-note",
        ),
        pytest.param(
            ("content_note_covers = 2", "content_note_covers = 4"),
            "step 2 ('heavy-1'), content_note_covers: 4 runs past the module's last step:"
            " only 3 steps from this one to the end (use a whole number from 1 to 3)",
            id="past-the-end",
        ),
        pytest.param(
            ('title = "Heavy two"', 'title = "Heavy two"\ncontent_note = "Another note."'),
            "step 3 ('heavy-2'), content_note: is inside the run covered by the content note of step 2 ('heavy-1')"
            " (remove one of the two notes, or shorten the run with a smaller content_note_covers)",
            id="a-note-inside-the-run",
        ),
    ],
)
def test_each_problem_with_a_run_of_steps_is_one_line_with_its_fix(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in RUN
    problems = problems_for(tmp_path, RUN.replace(old, new, 1))
    assert len(problems) == 1 and problems[0].endswith(f"01-m.toml: {expected}"), problems


def test_a_note_just_after_a_run_may_start_a_run_of_its_own(tmp_path: Path) -> None:
    text = RUN.replace('title = "Back to now"', 'title = "Back to now"\ncontent_note = "A gentle note."')
    write(tmp_path, "01-m.toml", text)
    module = load_course(tmp_path).modules[0]
    assert [module.note_span(index) for index in range(4)] == [None, (1, 2), (1, 2), (3, 3)]


BETWEEN_SESSIONS = '''
id = "first"
title = "First"
summary = "A module."
minutes = 5
recap = ["One idea.", "Another idea [with brackets]."]
experiment = ["When I notice it, I will pause.", "When it is hard, I will breathe out slowly."]

[[recall]]
question = "What was the first idea?"
answer = "One idea."

[[steps]]
id = "plan"
kind = "plan"
title = "Your plan"
body = "A plan you write."
'''


def test_a_module_may_carry_a_recap_recall_questions_experiments_and_a_plan(tmp_path: Path) -> None:
    write(tmp_path, "01-m.toml", BETWEEN_SESSIONS)
    module = load_course(tmp_path).modules[0]
    assert module.recap == ("One idea.", "Another idea [with brackets].")
    assert [(r.question, r.answer) for r in module.recall] == [("What was the first idea?", "One idea.")]
    assert module.experiment[0] == "When I notice it, I will pause."
    assert isinstance(module.steps[0], PlanStep) and module.steps[0].body == "A plan you write."


def test_without_them_a_module_has_none() -> None:
    module = load_course(REPO / "tests" / "fixtures" / "long-course").modules[0]
    assert (module.recap, module.recall, module.experiment) == ((), (), ())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(('recap = ["One idea.", ', 'recap = [1, '), "recap 1: must be text, not a number", id="recap-not-text"),
        pytest.param(('recap = ["One idea.", ', 'recap = ["\\u001b[2J", '), "recap 1: contains a control character (remove it)", id="recap-escape"),
        pytest.param(('recap = ["One idea.", ', 'recap = ["a", "b", "c", '), "recap: must be a list of one to 3 texts", id="recap-too-long"),
        pytest.param(('recap = ["One idea.", "Another idea [with brackets]."]', 'recap = "One idea."'), "recap: must be a list", id="recap-not-list"),
        pytest.param(('experiment = ["When', 'experiment = ["  ", "When'), "experiment 1: is empty", id="experiment-empty"),
        pytest.param(('answer = "One idea."', 'answr = "One idea."'), "recall 1, answr: unknown key", id="recall-typo"),
        pytest.param(('answer = "One idea."\n', ""), "recall 1, answer: missing (add answer", id="recall-no-answer"),
        pytest.param(('[[recall]]\nquestion = "What was the first idea?"\nanswer = "One idea."', 'recall = "x"'), "recall: must be one to 3 tables", id="recall-not-tables"),
        pytest.param(('body = "A plan you write."\n', ""), "step 1 ('plan'), body: missing", id="plan-no-body"),
    ],
)
def test_problems_with_the_between_sessions_keys_are_named(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in BETWEEN_SESSIONS
    problems = problems_for(tmp_path, BETWEEN_SESSIONS.replace(old, new, 1))
    assert any(expected in p for p in problems), problems
    assert all(p.rstrip().endswith(")") for p in problems)
