"""The shipped modules: valid, shaped as a short lesson, and written in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

from course.loader import load_course
from course.model import Module
from course.steps.check import CheckStep
from course.steps.practice import PracticeStep
from course.steps.read import ReadStep
from course.steps.reflect import ReflectStep
from course.steps.self_check import SelfCheckStep

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
COURSE = load_course(REPO / "lessons")
MODULES = {m.id: m for m in COURSE.modules}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def module_text(module: Module) -> str:
    path = next((REPO / "lessons").glob(f"{module.number:02d}-*.toml"))
    return path.read_text(encoding="utf-8")


def all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def estimated_minutes(module: Module) -> float:
    minutes = 0.0
    for step in module.steps:
        text = " ".join(
            getattr(step, key, "") for key in ("body", "prompt", "question") if isinstance(getattr(step, key, ""), str)
        )
        # Every choice and statement is read; only the chosen ones' feedback is.
        if isinstance(step, CheckStep):
            text += " ".join(choice.text for choice in step.choices)
        elif isinstance(step, SelfCheckStep):
            text += " ".join(statement.text for statement in step.statements) + step.summary
        minutes += len(words(text)) / 180
        if isinstance(step, ReflectStep):
            minutes += 2
        elif isinstance(step, (CheckStep, SelfCheckStep)):
            minutes += 1
        elif isinstance(step, PracticeStep):
            minutes += (step.seconds or 120) / 60
    return minutes


def test_the_course_has_the_four_modules_in_order() -> None:
    assert list(MODULES) == [
        "why-we-pull-away",
        "noticing-safe-closeness",
        "trusting-yourself",
        "when-to-reach-for-help",
    ]


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_each_module_has_the_shape_of_a_short_lesson(module: Module) -> None:
    kinds = [step.kind for step in module.steps]
    assert 8 <= len(module.steps) <= 18
    assert 18 <= module.minutes <= 25, "each module is about 20-25 minutes"
    assert kinds.count("reflect") >= 2
    assert kinds.count("check") >= 1 and kinds.count("practice") >= 1
    for step in module.steps:
        if isinstance(step, ReadStep):
            assert len(words(step.body)) <= 180, step.id
    with_notes = [s for s in module.steps if s.facilitator and s.discuss]
    assert len(with_notes) >= 0.75 * len(module.steps)
    estimate = estimated_minutes(module)
    assert 0.6 * estimate <= module.minutes <= 1.6 * estimate, (module.minutes, estimate)


@pytest.mark.parametrize("module_id", ["noticing-safe-closeness", "trusting-yourself"])
def test_modules_two_and_three_have_a_timed_practice(module_id: str) -> None:
    assert any(isinstance(s, PracticeStep) and s.seconds for s in MODULES[module_id].steps)


def test_module_one_has_a_self_check_on_the_six_patterns() -> None:
    (check,) = [s for s in MODULES["why-we-pull-away"].steps if isinstance(s, SelfCheckStep)]
    assert len(check.statements) == 6
    assert "diagnosis" in check.summary.lower()


def test_the_heavy_part_of_module_three_sits_behind_one_content_note_for_all_its_steps() -> None:
    module = MODULES["trusting-yourself"]
    (noted,) = [i for i, s in enumerate(module.steps) if s.content_note]
    note = module.steps[noted]
    assert "counsell" in note.content_note.lower()
    assert note.content_note_covers == 2, "the read and the reflection on old hurt, skipped together"


def test_module_four_says_plainly_the_course_is_not_therapy() -> None:
    assert "not therapy" in module_text(MODULES["when-to-reach-for-help"]).lower()


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_lessons_carry_no_phone_numbers(module: Module) -> None:
    # Crisis lines live in one checked place, the support screen, never scattered in lessons.
    text = "\n".join(all_strings(tomli.loads(module_text(module))))
    assert not re.search(r"\d{3}", text)


def ten_word_runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 10]) for i in range(len(w) - 9)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside this checkout")
@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_no_ten_word_run_is_copied_from_the_sources(module: Module) -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*"):
        seed_runs |= ten_word_runs(seed.read_text(encoding="utf-8", errors="replace"))
    data = tomli.loads(module_text(module))
    shared = ten_word_runs("\n".join(all_strings(data))) & seed_runs
    assert not shared, [" ".join(run) for run in shared]


def syllables(word: str) -> int:
    """A rough count, good enough to tell plain prose from dense prose."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word).removeprefix("y")
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def reading_grade(markdown: str) -> float:
    """Flesch-Kincaid grade, counting each list item and each clause after a colon as a sentence."""
    text = re.sub(r"[*>_`#]", " ", markdown)
    sentences = [s for s in re.split(r"[.!?:;]+\s|\n\s*\n|\n(?=\s*(?:-|\d+\.))", text) if re.search("[A-Za-z]", s)]
    found = re.findall(r"[A-Za-z']+", text)
    return 0.39 * len(found) / len(sentences) + 11.8 * sum(map(syllables, found)) / len(found) - 15.59


def test_reading_grade_counts_long_sentences_and_long_words() -> None:
    assert reading_grade("You can stop. It is fine.") < 2
    assert reading_grade("Comprehensive psychotherapeutic interventions necessitate considerable interdisciplinary coordination.") > 12


@pytest.mark.parametrize(
    "step", [s for m in COURSE.modules for s in m.steps if isinstance(s, ReadStep)], ids=lambda s: s.id
)
def test_reading_steps_are_plain_enough_for_grade_six_to_eight(step: ReadStep) -> None:
    assert reading_grade(step.body) <= 9, step.id


def test_quotes_are_straight_in_every_lesson() -> None:
    curly = re.compile("[‘’“”]")
    places = sorted((REPO / "lessons").glob("*.toml"))
    found = [f"{path.name}:{n}" for path in places for n, line in enumerate(path.read_text().splitlines(), 1) if curly.search(line)]
    assert found == []


def test_course_validate_with_no_folder_passes_on_the_built_in_lessons(capsys: pytest.CaptureFixture[str]) -> None:
    from course.cli import main

    assert main(["validate"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]  # after any warning about support lines to recheck
    assert last.startswith(f"OK: {len(COURSE.modules)} modules,") and "no problems" in last


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_each_module_recaps_and_asks_up_to_three_questions_and_the_first_three_offer_experiments(module: Module) -> None:
    assert 2 <= len(module.recap) <= 3 and len(module.recall) == 3
    assert all(len(words(line)) <= 30 for line in module.recap)
    if module.number < 4:
        assert len(module.experiment) >= 2
        assert all(plan.startswith("When ") and ", I will " in plan for plan in module.experiment)
    else:
        assert module.experiment == ()


def test_module_four_builds_the_plan_for_hard_moments() -> None:
    assert [step.kind for step in COURSE.modules[3].steps].count("plan") == 1
