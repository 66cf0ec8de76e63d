"""`course read` prints a module as plain text; `course new` writes a module that validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import FIXTURE_COURSE

from course.cli import main
from course.loader import load_course
from course.steps.check import CheckStep
from course.steps.reflect import ReflectStep
from course.steps.self_check import SelfCheckStep

COURSE = load_course(FIXTURE_COURSE)
LESSONS = ("--lessons", str(FIXTURE_COURSE))


def test_read_prints_every_step_of_a_module_as_wrapped_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*LESSONS, "read", "1", "--width", "70"]) == 0
    out = capsys.readouterr().out
    module = COURSE.modules[0]
    assert out.startswith(module.title.upper())
    for number, step in enumerate(module.steps, start=1):
        assert f"{number}. {step.title} (" in out
    assert max(len(line) for line in out.splitlines()) <= 70
    assert "\x1b[" not in out and "**" not in out
    reflect = next(s for s in module.steps if isinstance(s, ReflectStep))
    check = next(s for s in module.steps if isinstance(s, CheckStep))
    self_check = next(s for s in module.steps if isinstance(s, SelfCheckStep))
    assert "A question to think about:" in out and reflect.prompt.split()[0] in out
    assert check.choices[0].feedback.split()[0] in out
    assert self_check.statements[0].text[:30] in out


def test_read_accepts_an_id_and_refuses_an_unknown_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*LESSONS, "read", "second-module"]) == 0
    assert capsys.readouterr().out.startswith("SECOND MODULE")
    assert main([*LESSONS, "read", "7"]) == 2
    assert "7: no such module" in capsys.readouterr().err


def test_new_numbers_after_the_last_module_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], course_copy: Path
) -> None:
    assert main(["new", "Caring for the carer", "--dir", str(course_copy)]) == 0
    made = course_copy / "03-caring-for-the-carer.toml"
    assert made.exists()
    assert main(["validate", str(course_copy)]) == 0
    assert load_course(course_copy).modules[-1].title == "Caring for the carer"
    (course_copy / "04-taken.toml").write_text("taken")
    assert main(["new", "Caring for the carer", "--dir", str(course_copy)]) == 0
    assert (course_copy / "05-caring-for-the-carer.toml").exists()
    assert (course_copy / "04-taken.toml").read_text() == "taken"


def test_profile_names_that_cannot_be_folders_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*LESSONS, "--profile", "../escape", "list"]) == 2
    assert "not a usable profile name" in capsys.readouterr().err


def test_list_and_forget_per_profile(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    from course.progress import ProgressStore

    module = COURSE.modules[0]
    ProgressStore.in_folder(data_dir / "profiles" / "ana").move_to(module.id, module.steps[2].id)
    ProgressStore.in_folder(data_dir).move_to(module.id, module.steps[1].id)
    assert main([*LESSONS, "list", "--profile", "ana"]) == 0
    assert "at step 3" in capsys.readouterr().out
    assert main([*LESSONS, "list"]) == 0
    assert "at step 2" in capsys.readouterr().out
    assert main(["forget", "--yes", "--profile", "ana"]) == 0
    assert (data_dir / "progress.db").exists()
    assert main(["forget", "--yes"]) == 0
    assert not data_dir.exists()
