"""The shipped modules are safe to take alone: what a careful clinician checks, as content tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.loader import load_course
from course.model import Module
from course.steps.base import Step
from course.steps.check import CheckStep
from course.steps.practice import PracticeStep
from course.steps.self_check import SelfCheckStep

REPO = Path(__file__).resolve().parents[2]
COURSE = load_course(REPO / "lessons")
MODULES = {m.id: m for m in COURSE.modules}
ONE, TWO, THREE, FOUR = COURSE.modules


def step_words(step: Step) -> str:
    """Everything a learner reads on a step (never the facilitator's notes or the room's question)."""
    parts = [step.title, step.content_note]
    for key in ("body", "prompt", "question", "summary"):
        value = getattr(step, key, "")
        parts.append(value if isinstance(value, str) else "")
    if isinstance(step, CheckStep):
        parts += [piece for choice in step.choices for piece in (choice.text, choice.feedback)]
    if isinstance(step, SelfCheckStep):
        parts += [piece for statement in step.statements for piece in (statement.text, statement.reflection)]
    return "\n".join(parts)


def learner_words(module: Module) -> str:
    between_sessions = [*module.recap, *(part for r in module.recall for part in (r.question, r.answer)), *module.experiment]
    return "\n".join([module.title, module.summary, module.content_note, *between_sessions, *map(step_words, module.steps)])


def flat(text: str) -> str:
    return " ".join(text.split()).lower()


def outside_quotes(text: str) -> str:
    """The text without quoted speech or quoted blocks: what the course says in its own voice."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    return re.sub(r'"[^"]*"', " ", text)


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_the_course_speaks_to_you_not_about_us(module: Module) -> None:
    own_voice = outside_quotes(learner_words(module))
    assert not re.findall(r"\b(?:we|our|ours|ourselves|us|let's|we've|we're)\b", own_voice, re.IGNORECASE)


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_quotations_use_one_kind_of_mark(module: Module) -> None:
    path = next((REPO / "lessons").glob(f"{module.number:02d}-*.toml"))
    text = path.read_text(encoding="utf-8")
    single_quoted = re.findall(r"(?<![\w'])'[A-Za-z][^'\n]*'(?![\w'])", text)
    assert single_quoted == [], "quote with double marks; an apostrophe is the only single mark"
    assert not re.search("[\u2018\u2019\u201c\u201d]", text), "straight marks only"


def test_the_course_repeats_its_reassurances_sparingly() -> None:
    everything = " ".join(learner_words(module) for module in COURSE.modules)
    assert len(re.findall(r"\bsmall", everything, re.IGNORECASE)) <= 12
    assert len(re.findall(r"\bskip", everything, re.IGNORECASE)) <= 15


@pytest.mark.parametrize(
    "term", ["window of tolerance", "attachment wound", "projection", "trauma-informed", "relational"]
)
def test_each_technical_term_is_explained_where_it_first_appears(term: str) -> None:
    first = next(step for module in COURSE.modules for step in module.steps if term in step_words(step).lower())
    around = flat(step_words(first))
    after = around[around.index(term) : around.index(term) + 200]
    assert re.search(r"\b(means|called|that is|sometimes called)\b", around[: around.index(term)][-60:] + after), first.id


def test_module_one_teaches_your_own_signals_to_stop_before_anything_heavy() -> None:
    first = flat(step_words(ONE.steps[0]))
    assert "window of tolerance" in first
    assert "stirred up" in first and "shut down" in first
    assert "press g for a one-minute pause" in first and "f1" in first


# Hurt that may still be happening


def test_nothing_assumes_the_hurt_is_over() -> None:
    everything = flat(" ".join(learner_words(module) for module in COURSE.modules))
    for assumption in ("hard times are behind you", "when there was no other way out", "that was then. this is now"):
        if assumption == "that was then. this is now":
            # Only ever offered on the condition that it is true.
            at = everything.index(assumption.replace(". ", ". "))
            assert "if it's true for you" in everything[at - 120 : at], assumption
        else:
            assert assumption not in everything


def test_before_old_hurt_the_learner_is_asked_whether_it_is_still_happening() -> None:
    (noted,) = [i for i, step in enumerate(THREE.steps) if step.content_note]
    before = THREE.steps[noted - 1]
    said = flat(step_words(before))
    assert not before.content_note, "the safety step itself is never behind a note"
    assert "still hurting you" in said and "can wait" in said
    assert "emergency number" in said and "f1" in said


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_a_note_over_several_steps_says_so_and_the_way_out_after_it_is_never_gated(module: Module) -> None:
    for index, step in enumerate(module.steps):
        if not step.content_note:
            continue
        mentions_more = "next" in step.content_note.lower()
        assert mentions_more == (step.content_note_covers > 1), step.id
        after = index + step.content_note_covers
        if after < len(module.steps):
            assert not module.steps[after].content_note, f"{module.steps[after].id} is the way out of {step.id}"


def test_the_grounding_after_old_hurt_is_open_to_everyone() -> None:
    (noted,) = [i for i, step in enumerate(THREE.steps) if step.content_note]
    way_out = THREE.steps[noted + THREE.steps[noted].content_note_covers]
    assert isinstance(way_out, PracticeStep) and not way_out.content_note
    assert "whether or not you did the steps before" in flat(way_out.body)


@pytest.mark.parametrize(
    "practice",
    [step for module in COURSE.modules for step in module.steps if isinstance(step, PracticeStep)],
    ids=lambda s: s.id,
)
def test_every_practice_names_the_pause_or_is_itself_a_way_back_to_now(practice: PracticeStep) -> None:
    said = flat(practice.body)
    assert ("press g for a one-minute pause" in said and "f1" in said) or "come back to the present" in said


# Safety lines said to the learner


@pytest.mark.parametrize(
    "line",
    [
        r"giving space \*\*never\*\* means putting up with being mistreated, or being controlled by silence",
        r"waiting has limits",
        r"one poor match doesn't mean help can't work",
    ],
)
def test_the_safety_lines_are_said_to_the_learner_not_only_to_facilitators(line: str) -> None:
    assert re.search(line, flat(" ".join(learner_words(module) for module in COURSE.modules)))


def test_module_two_says_pulling_away_can_be_right_and_how_to_tell() -> None:
    said = flat(learner_words(TWO))
    for sign in ("mends", "your no is respected", "steady", "cut you off"):
        assert sign in said, sign
    for danger in ("afraid of how they'll react", "control your money", "threats", "same harm keeps coming back"):
        assert danger in said, danger
    assert "pulling away is not the old pattern" in said
    assert "emergency number" in said


def test_the_one_who_withdraws_has_words_to_use() -> None:
    said = flat(learner_words(TWO))
    assert "i need some space" in said and "i'm not leaving" in said and "back in touch by" in said
    assert "couples or relationship counsellor" in said


def test_module_three_inventory_does_not_blame_and_points_to_support() -> None:
    (inventory,) = [s for s in THREE.steps if isinstance(s, SelfCheckStep)]
    assert "stop keeping" not in flat(inventory.body)
    (unsafe,) = [s for s in inventory.statements if "safe" in s.text]
    assert "not your fault" in flat(unsafe.reflection) and "f1" in flat(unsafe.reflection)


# When to reach for help


def test_module_four_names_signs_beyond_relationships() -> None:
    every = [s for step in FOUR.steps if isinstance(step, SelfCheckStep) for s in step.statements]
    statements = flat(" ".join(s.text for s in every))
    for sign in ("happening again", "unreal", "alcohol", "hurt myself", "not wanting to be alive"):
        assert sign in statements, sign
    (urges,) = [s for s in every if "hurt myself" in s.text]
    assert "urgent" in urges.reflection and "F1" in urges.reflection


def test_module_four_says_crisis_lines_are_for_thoughts_of_suicide_and_what_a_call_is_like() -> None:
    said = flat(learner_words(FOUR))
    assert "crisis lines aren't only for emergencies" in said and "not wanting to be alive" in said
    assert "trained to listen" in said and "you stay in charge of what you share" in said


def test_module_four_helps_find_someone_good() -> None:
    said = flat(learner_words(FOUR))
    for part in (
        "trauma-focused cbt",
        "cognitive processing therapy",
        "emdr",
        "stability and coping skills",
        "licensed or registered",
        "pressure to go faster",
        "try someone else",
        "peer support",
        "groups",
        "sliding scale",
        "information, not a prescription",
    ):
        assert part in said, part


# One example person, through all four modules


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_one_example_person_runs_through_every_module(module: Module) -> None:
    assert "Mira" in learner_words(module)


def test_the_example_person_is_said_to_be_made_up() -> None:
    assert "mira is made up" in flat(learner_words(ONE))
