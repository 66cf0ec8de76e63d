"""`course plan` prints the plan for hard moments; `course export` carries the plan, ratings and experiments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from commands import run, stderr_lines
from terminal import FIXTURE_COURSE

from course.hard_moments_plan import PARTS
from course.progress import EXPERIMENTS, PLAN, ProgressStore

LESSONS = ("--lessons", str(FIXTURE_COURSE))
LONG_WORD = "unbearable" * 12
"""One word wider than any line the plan is printed in."""
ORPHANS = "## From steps no longer in the course"


def flowing(out: str) -> str:
    """The printed text with its wrapping undone: every run of spaces and line breaks as one space."""
    return " ".join(out.split())


def section(markdown: str, heading: str) -> str:
    """One `## ` section of an export, from its heading to the next one ("" if it is not there)."""
    if heading not in markdown:
        return ""
    return re.split(r"^## ", markdown.split(heading, 1)[1], flags=re.MULTILINE)[0]


# course plan


def test_an_empty_plan_prints_six_headings_and_the_regions_crisis_lines(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "plan", "--region", "CA")
    assert code == 0 and err == ""
    assert out.startswith("MY PLAN FOR HARD MOMENTS\n")
    for number, part in enumerate(PARTS, start=1):
        assert f"\n{number}. {part.heading}\n" in out
        assert part.prompt in flowing(out)
    assert "988" in out.split(f"6. {PARTS[-1].heading}", 1)[1]


def test_plan_on_a_new_data_folder_leaves_it_as_export_does(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    exported, planned = tmp_path / "exported", tmp_path / "planned"
    assert run(capsys, "export", "--data-dir", str(exported))[0] == 0
    assert run(capsys, "plan", "--data-dir", str(planned))[0] == 0
    made = {folder.name: sorted(p.name for p in folder.iterdir()) if folder.exists() else None for folder in (exported, planned)}
    assert made["planned"] == made["exported"]


def test_a_written_plan_prints_each_part_as_written(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(PLAN, "warning-signs", "I stop answering [texts]\nand sleep all day")
    store.save_reflection(PLAN, "safer-space", f"Give the car keys to Sam: {LONG_WORD}")
    store.close()
    code, out, _ = run(capsys, *LESSONS, "plan", "--width", "60")
    assert code == 0
    warning_signs = out.split("1. My warning signs\n", 1)[1].split("\n\n", 1)[0]
    assert warning_signs.splitlines() == ["   I stop answering [texts]", "   and sleep all day"]
    assert LONG_WORD in "".join(line.strip() for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) <= 60
    assert PARTS[0].prompt not in flowing(out) and PARTS[1].prompt in flowing(out)


def test_an_escape_code_in_the_plan_is_shown_not_obeyed(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(PLAN, "on-my-own", "Go for a walk\x1b[2J\x1b]0;pwned\x07")
    store.close()
    code, out, _ = run(capsys, *LESSONS, "plan")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Go for a walk␛[2J␛]0;pwned␇" in out


def test_saved_people_stand_in_for_an_unwritten_people_to_ask(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    store = ProgressStore.in_folder(data_dir)
    store.save_contact("Ana", "555 0199", "evenings")
    store.save_contact("Ben", "ben@example.org", "")
    store.close()
    out = run(capsys, *LESSONS, "plan")[1]
    people = out.split("4. People I can ask for help\n", 1)[1].split("\n\n", 1)[0]
    assert people.splitlines() == ["   Ana: 555 0199 (evenings)", "   Ben: ben@example.org"]
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(PLAN, "people-to-ask", "My sister, any time")
    store.close()
    out = run(capsys, *LESSONS, "plan")[1]
    assert out.split("4. People I can ask for help\n", 1)[1].split("\n\n", 1)[0] == "   My sister, any time"


def test_plan_with_a_profile_prints_that_profiles_plan(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    for folder, words in ((data_dir, "the main learner's signs"), (data_dir / "profiles" / "ana", "Ana's signs")):
        store = ProgressStore.in_folder(folder)
        store.save_reflection(PLAN, "warning-signs", words)
        store.close()
    out = run(capsys, *LESSONS, "plan", "--profile", "ana")[1]
    assert "Ana's signs" in out and "the main learner's signs" not in out
    out = run(capsys, *LESSONS, "plan")[1]
    assert "the main learner's signs" in out and "Ana's signs" not in out


def test_plan_shows_the_region_given_else_the_one_the_learner_chose_else_the_locales(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # the fixture has no lines for GB: its international ones show
    assert "Fixture Directory" in run(capsys, *LESSONS, "plan")[1]
    store = ProgressStore.in_folder(data_dir)
    store.set_setting("region", "US")
    store.close()
    out = run(capsys, *LESSONS, "plan")[1]
    assert "Fixture Line" in out and "Fixture Directory" not in out
    out = run(capsys, *LESSONS, "plan", "--region", "INTL")[1]
    assert "Fixture Directory" in out and "Fixture Line" not in out


def test_plan_refuses_a_region_without_crisis_lines_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *LESSONS, "plan", "--region", "ZZ")
    assert code == 2 and out == ""
    (line,) = stderr_lines(err)
    assert line.startswith("course: --region ZZ: no crisis lines for that region (use one of ")


def test_plan_help_lists_only_its_own_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "plan", "--help")
    page = capsys.readouterr().out
    listed = set(re.findall(r"^  (?:-\w(?: \w+)?, )?(--[\w-]+)", page, re.MULTILINE)) - {"--help"}
    assert listed == {"--lessons", "--data-dir", "--profile", "--region", "--width"}


# course export: the plan, the ratings and the experiments


@pytest.fixture
def between_sessions(data_dir: Path) -> Path:
    """A learner who wrote part of the plan, rated a practice and tried an experiment, and wrote
    one reflection in a step the course no longer has."""
    store = ProgressStore.in_folder(data_dir)
    store.save_reflection(PLAN, "warning-signs", "I stop answering texts")
    store.save_reflection(PLAN, "safer-space", "Sam keeps the [spare] keys")
    store.save_reflection(PLAN, "on-my-own", "   ")
    store.rate_after(store.rate_before("first-steps", "practice", 7), 3)
    store.rate_before("first-steps", "practice", 5)
    store.rate_after(store.rate_before("first-steps", "gone-practice", 6), 4)
    store.choose_experiment("first-steps", "Text Ana on Sunday")
    store.save_reflection(EXPERIMENTS, "first-steps", "She called back")
    store.choose_experiment("gone-module", "Walk at lunch")
    store.save_reflection("gone-module", "gone-step", "an old thought")
    store.close()
    return data_dir


def test_export_shows_ratings_under_the_practices_title(capsys: pytest.CaptureFixture[str], between_sessions: Path) -> None:
    out = run(capsys, *LESSONS, "export")[1]
    ratings = section(out, "## Ratings around practices")
    practice = ratings.split("### 1 · First steps\n\n#### A practice\n\n", 1)[1].split("\n\n", 1)[0]
    assert re.fullmatch(
        r"- \d{4}-\d\d-\d\d \d\d:\d\d: before 7, after 3\n- \d{4}-\d\d-\d\d \d\d:\d\d: before 5, none after", practice
    )
    assert "### first-steps\n\n#### gone-practice\n\n- " in ratings and "before 6, after 4" in ratings


def test_export_shows_each_experiment_and_how_it_went(capsys: pytest.CaptureFixture[str], between_sessions: Path) -> None:
    out = run(capsys, *LESSONS, "export")[1]
    experiments = section(out, "## Small experiments")
    assert re.search(r"### 1 · First steps\n\nChosen \d{4}-\d\d-\d\d \d\d:\d\d: Text Ana on Sunday\n\nHow it went: She called back\n", experiments)
    assert re.search(r"### gone-module\n\nChosen [^\n]*: Walk at lunch\n", experiments)
    assert experiments.count("How it went") == 1


def test_export_shows_the_written_parts_of_the_plan_only(capsys: pytest.CaptureFixture[str], between_sessions: Path) -> None:
    out = run(capsys, *LESSONS, "export")[1]
    plan = section(out, "## Your plan for hard moments")
    assert "### My warning signs\n\nI stop answering texts\n" in plan
    assert "### Making my space safer\n\nSam keeps the \\[spare\\] keys\n" in plan
    assert plan.count("### ") == 2


def test_the_plan_ratings_and_experiments_are_not_steps_no_longer_in_the_course(
    capsys: pytest.CaptureFixture[str], between_sessions: Path
) -> None:
    out = run(capsys, *LESSONS, "export")[1]
    orphans = section(out, ORPHANS)
    assert "an old thought" in orphans
    for words in ("answering texts", "spare", "before", "Text Ana", "She called back", "Walk at lunch", "~"):
        assert words not in orphans


def test_an_export_with_none_of_them_has_none_of_their_sections(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    out = run(capsys, *LESSONS, "export")[1]
    for heading in ("## Your plan for hard moments", "## Ratings around practices", "## Small experiments", ORPHANS):
        assert heading not in out


def test_after_forget_the_export_has_no_plan_ratings_or_experiments(
    capsys: pytest.CaptureFixture[str], between_sessions: Path
) -> None:
    assert run(capsys, "forget", "--yes")[0] == 0
    out = run(capsys, *LESSONS, "export")[1]
    for words in ("## Your plan", "## Ratings", "## Small experiments", "answering texts", "before 7", "Text Ana", "She called back"):
        assert words not in out
