"""The pure parts of the between-session features: what ratings show, and the plan on paper."""

from __future__ import annotations

from terminal import FIXTURE_COURSE

from course.hard_moments_plan import PARTS, plan_text, starting_texts, suggestions
from course.loader import load_course
from course.progress import Contact, Rating
from course.ratings import offers_care, what_helps
from course.support import load_support

COURSE = load_course(FIXTURE_COURSE)
US = load_support(FIXTURE_COURSE).for_region("US")


def rating(before: int, after: int | None, step: str = "practice", number: int = 0) -> Rating:
    return Rating(id=number, module_id="first-steps", step_id=step, before=before, before_at=float(number), after=after, after_at=None)


def test_care_is_offered_after_a_rise_of_two_or_a_high_rating() -> None:
    assert offers_care(3, 5) and offers_care(2, 8) and offers_care(9, 8)
    assert not offers_care(3, 4) and not offers_care(7, 3) and not offers_care(7, 7)


def test_a_practice_joins_what_helps_after_two_pairs_and_unpaired_ratings_do_not_count() -> None:
    assert what_helps(COURSE, [rating(7, 3), rating(6, None)]) == []
    (helped,) = what_helps(COURSE, [rating(7, 3), rating(6, None), rating(6, 3)])
    assert helped.pairs == 2 and helped.change == -3.5
    assert helped.in_words() == "A practice (module 1): on average 3.5 points calmer after it, over 2 times"


def test_what_helps_says_plainly_when_a_practice_did_not_help() -> None:
    (helped,) = what_helps(COURSE, [rating(3, 4), rating(3, 4)])
    assert "on average 1 point more stirred up after it" in helped.in_words()
    (same,) = what_helps(COURSE, [rating(3, 3), rating(3, 3)])
    assert "about the same before and after" in same.in_words()


def test_ratings_for_a_step_no_longer_in_the_course_are_left_out() -> None:
    assert what_helps(COURSE, [rating(7, 3, step="gone"), rating(7, 3, step="gone")]) == []


PEOPLE = [Contact(id=1, name="Ana [sister]", reach="555 0100", note="evenings")]


def test_the_people_and_professionals_parts_start_with_the_learners_people_and_the_regions_lines() -> None:
    suggested = suggestions(PEOPLE, US)
    assert suggested["people-to-ask"] == "Ana [sister]: 555 0100 (evenings)"
    assert suggested["professionals"].startswith("Emergency: ")
    assert "Fixture Line: Call 000-FIXTURE (Around the clock)" in suggested["professionals"]
    texts = starting_texts({"people-to-ask": ""}, suggested)
    assert texts["people-to-ask"] == "" and texts["professionals"] == suggested["professionals"]
    assert set(texts) == {part.id for part in PARTS}


def test_an_empty_plan_prints_six_headings_with_prompts_and_the_regions_lines() -> None:
    text = plan_text({}, [], US)
    for number, part in enumerate(PARTS, start=1):
        assert f"{number}. {part.heading}" in text
        assert part.prompt.split()[0] in text
    assert "Fixture Line" in text and "911" in text


def test_a_written_plan_prints_the_learners_words_as_written() -> None:
    text = plan_text({"warning-signs": "I go quiet\nand [stay] in"}, PEOPLE, US, width=40)
    assert "   I go quiet\n   and [stay] in\n" in text
    assert "Ana [sister]: 555 0100 (evenings)" in text
