"""Whatever is in a lesson file, loading it gives a course or a LessonError: never another exception.

Every problem line must start with the file's path and a colon, so an author can find it.
Hypothesis runs derandomized (the same examples every run) and keeps no example database, so
the suite is repeatable and writes nothing outside the temporary folders.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from terminal import FIXTURE_COURSE, LONG_COURSE

from course.cli import main
from course.loader import LessonError, load_course

MODULE_FILES = sorted([*FIXTURE_COURSE.glob("[0-9][0-9]-*.toml"), *LONG_COURSE.glob("[0-9][0-9]-*.toml")])
"""Real module files to mangle: the fixture courses', so a change to the shipped lessons changes
nothing here."""
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: a failure is reported as generated, so a bug costs seconds, not minutes.
    # The small cases below keep the minimal forms of what this fuzzing has found.
    phases=[Phase.explicit, Phase.generate],
)

MODULE_KEYS = ["id", "title", "summary", "minutes", "content_note", "steps"]
STEP_KEYS = [
    "id", "kind", "title", "content_note", "facilitator", "discuss", "body", "prompt",
    "question", "choices", "statements", "summary", "seconds",
]
PART_KEYS = ["text", "feedback", "correct", "reflection"]
KINDS = ["read", "reflect", "check", "practice", "self-check"]


# A tiny TOML writer: enough for any dict of strings, numbers, booleans, dates, lists and dicts.

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if BARE_KEY.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def to_toml(document: dict[str, Any]) -> str:
    """Plain keys first, then [tables], then [[arrays of tables]], as a lesson author writes them."""
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in document.items() if not isinstance(v, dict) and not is_table_array(v)]
    for key, value in document.items():
        if isinstance(value, dict):
            lines += ["", f"[{toml_key(key)}]", *(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())]
    for key, value in document.items():
        if is_table_array(value):
            for table in value:
                lines += ["", f"[[{toml_key(key)}]]", *(f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


# Strategies

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
keys = st.sampled_from(MODULE_KEYS + STEP_KEYS + PART_KEYS) | texts
scalars = st.one_of(
    texts,
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, 9, 10, 240, 241, 3600, 3601, -1]),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=10,
)
ids = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True) | texts
words = st.sampled_from(["A title", "Some text.", " ", ""]) | texts


def with_extras(base: st.SearchStrategy[dict[str, Any]], extra_keys: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A table near the lesson schema, sometimes with stray keys of any value."""
    return st.tuples(base, st.dictionaries(extra_keys, values, max_size=2)).map(lambda pair: {**pair[1], **pair[0]})


parts = with_extras(
    st.fixed_dictionaries({}, optional={"text": words | values, "feedback": words | values, "correct": st.booleans() | values, "reflection": words | values}),
    keys,
)
steps = with_extras(
    st.fixed_dictionaries(
        {},
        optional={
            "id": ids | values,
            "kind": st.one_of(st.sampled_from(KINDS), values, st.lists(texts, max_size=2), st.dictionaries(keys, texts, max_size=2)),
            "title": words | values,
            "body": words | values,
            "prompt": words | values,
            "question": words | values,
            "summary": words | values,
            "content_note": words | values,
            "seconds": st.integers(-5, 4000) | values,
            "choices": st.lists(parts, max_size=4) | values,
            "statements": st.lists(parts, max_size=4) | values,
        },
    ),
    keys,
)
modules = with_extras(
    st.fixed_dictionaries(
        {},
        optional={
            "id": ids | values,
            "title": words | values,
            "summary": words | values,
            "minutes": st.integers(-5, 300) | values,
            "content_note": words | values,
            "steps": st.one_of(st.lists(steps, min_size=1, max_size=4), st.lists(steps, max_size=4), values),
        },
    ),
    keys,
)


# The property itself

def labels(path: Path) -> set[str]:
    """The ways a problem line may name the file: as given, resolved, or relative to here."""
    forms = {str(path), str(path.resolve())}
    try:
        forms.add(str(path.resolve().relative_to(Path.cwd())))
    except ValueError:
        pass
    return forms


def assert_loads_or_reports(folder: Path, files: list[Path]) -> None:
    try:
        load_course(folder)
    except LessonError as error:
        assert error.problems, "a LessonError must name at least one problem"
        names = {form for path in files for form in labels(path)}
        for line in error.problems:
            assert "\n" not in line
            assert any(line.startswith(name + ": ") for name in names), f"problem line without the file's path: {line!r}"


def load_one(content: bytes) -> None:
    """Write content as the only module of a fresh lesson folder and load that folder."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "01-fuzzed.toml"
        path.write_bytes(content)
        assert_loads_or_reports(Path(tmp), [path])


@FUZZ
@given(modules)
def test_random_toml_documents_load_or_raise_only_lesson_errors(document: dict[str, Any]) -> None:
    text = to_toml(document)
    assert tomli.loads(text) == document, "the test's TOML writer must write what it was given"
    load_one(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8")))
def test_random_bytes_load_or_raise_only_lesson_errors(content: bytes) -> None:
    load_one(content)


# Mutations of real module files

KEY_LINE = re.compile(rb"^\s*[A-Za-z0-9_\"-]+\s*=")
OTHER_TYPES = [
    b"42", b"-1", b"3.5", b"inf", b"true", b"1979-05-27", b'""', b'"text"', b"[]",
    b'[1, "two"]', b'["read"]', b"{ a = 1 }", b'{ kind = "read" }', b"[{ text = 1 }]",
]


def delete_line(data: bytes, at: int, _: bytes) -> bytes:
    lines = data.split(b"\n")
    del lines[at % len(lines)]
    return b"\n".join(lines)


def duplicate_line(data: bytes, at: int, _: bytes) -> bytes:
    lines = data.split(b"\n")
    i = at % len(lines)
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def change_value_type(data: bytes, at: int, payload: bytes) -> bytes:
    lines = data.split(b"\n")
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keyed:
        return data
    i = keyed[at % len(keyed)]
    key = lines[i].split(b"=", 1)[0]
    lines[i] = key + b"= " + OTHER_TYPES[sum(payload) % len(OTHER_TYPES)]
    return b"\n".join(lines)


def truncate(data: bytes, at: int, _: bytes) -> bytes:
    return data[: at % (len(data) + 1)]


def insert_bytes(data: bytes, at: int, payload: bytes) -> bytes:
    i = at % (len(data) + 1)
    return data[:i] + payload + data[i:]


MUTATIONS: list[Callable[[bytes, int, bytes], bytes]] = [
    delete_line, duplicate_line, change_value_type, truncate, insert_bytes,
]

mutation = st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 2**20), st.binary(min_size=1, max_size=12))


def mutate(data: bytes, mutations: list[tuple[Callable[[bytes, int, bytes], bytes], int, bytes]]) -> bytes:
    for change, at, payload in mutations:
        data = change(data, at, payload)
    return data


@FUZZ
@given(st.sampled_from(MODULE_FILES), st.lists(mutation, min_size=1, max_size=3))
def test_mutated_module_files_load_or_raise_only_lesson_errors(
    lesson: Path, mutations: list[tuple[Callable[[bytes, int, bytes], bytes], int, bytes]]
) -> None:
    load_one(mutate(lesson.read_bytes(), mutations))


# Cases found by the fuzzing above, kept as plain examples so they run every time.

STEP = 'id = "m"\ntitle = "T"\nsummary = "S"\nminutes = 5\n\n[[steps]]\nid = "s"\ntitle = "T"\nbody = "B"\n'


@pytest.mark.parametrize("kind", ['["read"]', '{ name = "read" }', "[]", "{}"])
def test_a_step_kind_written_as_a_list_or_table_is_a_lesson_error(kind: str) -> None:
    load_one((STEP + f"kind = {kind}\n").encode())


@pytest.mark.parametrize(
    "document",
    [
        "x = " + "[" * 2000 + "]" * 2000,
        "x = " + "{ a = " * 2000 + "1" + " }" * 2000,
        ".".join(["a"] * 5000) + " = 1",
    ],
    ids=["nested-arrays", "nested-tables", "dotted-key"],
)
def test_pathologically_nested_toml_is_a_lesson_error(document: str) -> None:
    load_one(document.encode())


def test_validate_reports_150_mangled_lessons_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mangled"
    folder.mkdir()
    rng = random.Random(150)
    files = []
    for n in range(150):
        lesson = MODULE_FILES[n % len(MODULE_FILES)]
        # Every mutation kind at least once each, then one to three of any kind.
        first = MUTATIONS[n % len(MUTATIONS)]
        changes = [(first, rng.randrange(2**20), rng.randbytes(rng.randint(1, 12)))]
        changes += [
            (rng.choice(MUTATIONS), rng.randrange(2**20), rng.randbytes(rng.randint(1, 12)))
            for _ in range(rng.randint(0, 2))
        ]
        path = folder / f"{n % 100:02d}-mangled-{n:03d}.toml"
        path.write_bytes(mutate(lesson.read_bytes(), changes))
        files.append(path)

    try:
        status = main(["validate", str(folder)])
    except Exception as error:
        pytest.fail(f"validate crashed with {type(error).__name__}: {error} (the author would see a Traceback)")
    out, err = capsys.readouterr()

    assert status == 1
    assert "Traceback" not in out + err
    names = {form for path in files for form in labels(path)}
    problems = [line for line in out.splitlines() if not line.startswith("warning: ")]
    assert problems
    for line in problems:
        assert any(line.startswith(name + ": ") for name in names), f"problem line without a file path: {line!r}"
    assert err.strip().splitlines()[-1] == f"{len(problems)} problems found."
