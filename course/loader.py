"""Reads lesson modules from TOML files, checks them, and builds the course model."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tomli

from course.model import Course, Module, Recall
from course.steps import KINDS
from course.steps.base import Step
from course.terminal_text import first_control_character, one_line

TYPE_CHECKING = False  # typing costs a few milliseconds of every command's start-up
if TYPE_CHECKING:
    from typing import Any

MODULE_FILE = re.compile(r"^(\d\d)-[A-Za-z0-9_-]+\.toml$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

MODULE_KEYS = frozenset(
    {"id", "title", "summary", "minutes", "content_note", "recap", "recall", "experiment", "steps"}
)
RECALL_KEYS = frozenset({"question", "answer"})
MOST_LINES = 3
"""The most recap lines, recall questions or experiments a module may have: the screens show them all."""
COMMON_STEP_KEYS = frozenset({"id", "kind", "title", "content_note", "content_note_covers", "facilitator", "discuss"})
STEP_ALLOWED = {name: COMMON_STEP_KEYS | kind.required | kind.optional for name, kind in KINDS.items()}


class LessonError(Exception):
    """Lessons that cannot be played; one line per problem, each naming file, place and fix."""

    def __init__(self, problems: Iterable[str]) -> None:
        # A key or a code quoted from the file may hold any character, a line break included.
        self.problems = [one_line(problem) for problem in problems]
        super().__init__("\n".join(self.problems))


def counted(number: int, noun: str) -> str:
    """A number of things as people say it: 1 module, 2 modules."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def default_lessons_dir() -> Path:
    """The lessons shipped with the course: inside the installed package, else beside it."""
    package = Path(__file__).resolve().parent
    shipped = package / "lessons"  # where the wheel puts them
    return shipped if shipped.is_dir() else package.parent / "lessons"


def module_files(folder: Path) -> list[Path]:
    """The module files of a lesson folder, in play order."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and MODULE_FILE.match(p.name))
    except OSError as error:
        raise LessonError(
            [f"{folder}: cannot read this lesson folder: {error.strerror} (give yourself read access to it)"]
        ) from None


COURSE_FILE = "course.toml"
COURSE_KEYS = frozenset({"title", "welcome", "about"})


def load_course(folder: Path | None = None) -> Course:
    """Load and check every module in the folder; raise LessonError listing every problem."""
    folder = folder or default_lessons_dir()
    if not folder.is_dir():
        raise LessonError([f"{folder}: no such lesson folder (pass a folder of NN-name.toml files)"])
    files = module_files(folder)
    if not files:
        raise LessonError(
            [f"{folder}: no lesson modules found (add files named like 01-first-steps.toml)"]
        )
    problems: list[str] = []
    modules: list[Module] = []
    first_file_of: dict[str, str] = {}
    for number, path in enumerate(files, start=1):
        try:
            module = load_module(path, number)
        except LessonError as error:
            problems.extend(error.problems)
            continue
        if module.id in first_file_of:
            problems.append(
                f"{file_label(path)}: id: '{module.id}' is already used by {first_file_of[module.id]}"
                " (give each module its own id)"
            )
        first_file_of.setdefault(module.id, path.name)
        modules.append(module)
    words = course_words(folder, len(files), problems)
    if problems:
        raise LessonError(problems)
    return Course(modules=tuple(modules), **words)


def course_words(folder: Path, modules: int, problems: list[str]) -> dict[str, str]:
    """The course's title, welcome and about from course.toml, or plain ones made from the folder."""
    count = counted(modules, "short module")
    title = folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "A course"
    defaults = {
        "title": title,
        "welcome": f"Welcome. {count.capitalize()}, taken at your own pace. Nothing here needs an answer.",
        "about": f"**What this course is.** {count.capitalize()}. Every exercise is optional.",
    }
    path = folder / COURSE_FILE
    if not path.is_file():
        return defaults
    try:
        data = parse_toml(path)
    except LessonError as error:
        problems.extend(error.problems)
        return defaults
    checker = _ModuleChecker(path)
    checker.unknown_keys(data, COURSE_KEYS, "", COURSE_FILE)
    words = {
        "title": checker.text(data, "title", ""),
        "welcome": checker.text(data, "welcome", "", required=False),
        "about": checker.text(data, "about", "", required=False),
    }
    problems.extend(checker.problems)
    return {key: value or defaults[key] for key, value in words.items()}


def load_module(path: Path, number: int = 0) -> Module:
    """Parse and check one module file."""
    return _ModuleChecker(path).module(parse_toml(path), number)


def parse_toml(path: Path) -> dict[str, Any]:
    """The file's TOML as a dict; LessonError keeps tomli's line and column for syntax errors."""
    try:
        return tomli.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problem = f"line {line}: not UTF-8 text (save the file as UTF-8)"
    except OSError as error:
        problem = f"cannot be read: {error.strerror} (check the file)"
    except tomli.TOMLDecodeError as error:
        problem = f"line {error.lineno}, column {error.colno}: {error.msg} (fix the TOML there)"
    except RecursionError:
        problem = "nested too deeply to read (flatten the tables and lists)"
    raise LessonError([f"{file_label(path)}: {problem}"])


def file_label(path: Path) -> str:
    """A path as short as it can be while still finding the file from here."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _ModuleChecker:
    """Collects every problem in one module's data while building it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, where: str, what: str, fix: str) -> None:
        self.problems.append(f"{file_label(self.path)}: {where}: {what} ({fix})")

    def module(self, data: dict[str, Any], number: int) -> Module:
        self.unknown_keys(data, MODULE_KEYS, "", "a module")
        module_id = self.identifier(data, "id", "")
        title = self.text(data, "title", "")
        summary = self.text(data, "summary", "")
        minutes = self.integer(data, "minutes", "", 1, 240, required=True)
        content_note = self.text(data, "content_note", "", required=False)
        recap = self.texts(data, "recap")
        recall = self.recall(data.get("recall"))
        experiment = self.texts(data, "experiment")
        steps = self.steps(data.get("steps"))
        if self.problems:
            raise LessonError(self.problems)
        return Module(
            id=module_id,
            title=title,
            summary=summary,
            minutes=minutes or 0,
            steps=tuple(steps),
            content_note=content_note,
            number=number,
            recap=recap,
            recall=recall,
            experiment=experiment,
        )

    def texts(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        """An optional list of one to three short texts, such as the recap's lines."""
        value = data.get(key)
        if value is None:
            return ()
        fix = f'write {key} = ["...", "..."] with one to {MOST_LINES} texts'
        if not isinstance(value, list) or not 1 <= len(value) <= MOST_LINES:
            self.problem(key, f"must be a list of one to {MOST_LINES} texts", fix)
            return ()
        found = [self.checked_text(item, f"{key} {number}", 'write it as "..."') for number, item in enumerate(value, start=1)]
        return tuple(found) if all(found) else ()

    def recall(self, raw: object) -> tuple[Recall, ...]:
        """The optional [[recall]] tables: a question and its answer each."""
        if raw is None:
            return ()
        example = '[[recall]] with question = "..." and answer = "..."'
        if not isinstance(raw, list) or not 1 <= len(raw) <= MOST_LINES:
            self.problem("recall", f"must be one to {MOST_LINES} tables", f"write each as {example}")
            return ()
        found = []
        for number, item in enumerate(raw, start=1):
            where = f"recall {number}"
            if not isinstance(item, dict):
                self.problem(where, "is not a table", f"write it as {example}")
                continue
            self.unknown_keys(item, RECALL_KEYS, where, "a recall question")
            question, answer = self.text(item, "question", where), self.text(item, "answer", where)
            if question and answer:
                found.append(Recall(question=question, answer=answer))
        return tuple(found)

    def steps(self, raw: object) -> list[Step]:
        if raw is None:
            self.problem("steps", "missing", "add at least one [[steps]] table")
            return []
        if not isinstance(raw, list) or not raw:
            self.problem("steps", "must be a list of tables", "write each step as [[steps]]")
            return []
        built: list[Step] = []
        seen: set[str] = set()
        noted_at, noted_until = "", 0  # the step whose content note covers the steps up to number noted_until
        for number, item in enumerate(raw, start=1):
            where = _step_place(number, item)
            if not isinstance(item, dict):
                self.problem(where, "is not a table", "write each step as [[steps]]")
                continue
            step = self.step(item, where, remaining=len(raw) - number + 1)
            if step is None:
                continue
            if step.id in seen:
                self.problem(_place(where, "id"), f"'{step.id}' is used twice", "give each step its own id")
            seen.add(step.id)
            built.append(step)
            if step.content_note and number <= noted_until:
                what = f"is inside the run covered by the content note of {noted_at}"
                fix = "remove one of the two notes, or shorten the run with a smaller content_note_covers"
                self.problem(_place(where, "content_note"), what, fix)
            elif step.content_note:
                noted_at, noted_until = where, number + step.content_note_covers - 1
        return built

    def step(self, data: dict[str, Any], where: str, remaining: int) -> Step | None:
        """The step, or None if it has problems; `remaining` counts the steps from it to the module's end."""
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            what = "missing" if kind is None else f"unknown kind {kind!r}"
            self.problem(_place(where, "kind"), what, "use one of " + _names(KINDS))
            self.identifier(data, "id", where)
            return None
        self.unknown_keys(data, STEP_ALLOWED[kind], where, f"a {kind} step")
        before = len(self.problems)
        common = {
            "id": self.identifier(data, "id", where),
            "title": self.text(data, "title", where),
            "content_note": self.text(data, "content_note", where, required=False),
            "content_note_covers": self.note_covers(data, where, remaining),
            "facilitator": self.text(data, "facilitator", where, required=False),
            "discuss": self.text(data, "discuss", where, required=False),
        }
        step = KINDS[kind].build(self, data, where, common)
        return step if len(self.problems) == before else None

    def note_covers(self, data: dict[str, Any], where: str, remaining: int) -> int:
        """How many steps the step's content note covers: 1 unless it says, and never past the last step."""
        key = "content_note_covers"
        if key not in data:
            return 1
        place = _place(where, key)
        if "content_note" not in data:
            self.problem(place, "has no content note to cover steps with", f"add a content_note, or remove {key}")
            return 1
        value = data[key]
        if type(value) is int and value > remaining:
            what = f"{value} runs past the module's last step: only {counted(remaining, 'step')} from this one to the end"
            self.problem(place, what, f"use a whole number from 1 to {remaining}")
            return 1
        return self.integer(data, key, where, 1, remaining, required=False) or 1

    def tables(
        self, raw: object, where: str, noun: str, minimum: int, example: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """The step's list of choices or statements, each with its place: "step 2 ('c'), choice 1"."""
        if raw is None:
            return []  # reported as missing by the caller's required-key check
        if not isinstance(raw, list) or len(raw) < minimum:
            needs = f"needs a list of at least {counted(minimum, noun)}"
            self.problem(_place(where, f"{noun}s"), needs, f"write [ {example}, ... ]")
            return []
        found = []
        for number, item in enumerate(raw, start=1):
            at = _place(where, f"{noun} {number}")
            if isinstance(item, dict):
                found.append((at, item))
            else:
                self.problem(at, "is not a table", f"write it as {example}")
        return found

    def unknown_keys(self, data: dict[str, Any], allowed: frozenset[str], where: str, owner: str) -> bool:
        if data.keys() <= allowed:
            return True
        for key in data:
            if key not in allowed:
                fix = f"remove it or fix the spelling; {owner} has {_names(allowed)}"
                self.problem(_place(where, key), "unknown key", fix)
        return True

    def text(self, data: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_place(where, key), "missing", f'add {key} = "..."')
            return ""
        return self.checked_text(value, _place(where, key), f'write {key} = "..."')

    def checked_text(self, value: object, place: str, fix: str) -> str:
        """The value stripped, if it is text a learner can be shown; else "" and a problem."""
        if type(value) is str:
            stripped = value.strip()
            if stripped and first_control_character(stripped) is None:
                return stripped
            if stripped:
                self.problem(place, "contains a control character", "remove it")
            else:
                self.problem(place, "is empty", "write the text, or remove the key if it is optional")
            return ""
        self.problem(place, f"must be text, not {_type_name(value)}", fix)
        return ""

    def identifier(self, data: dict[str, Any], key: str, where: str) -> str:
        value = self.text(data, key, where)
        if value and not ID_PATTERN.match(value):
            place = _place(where, key)
            self.problem(place, f"{value!r} is not a valid id", "use lowercase letters, digits and dashes")
            return ""
        return value

    def integer(
        self, data: dict[str, Any], key: str, where: str, low: int, high: int, required: bool
    ) -> int | None:
        place = _place(where, key)
        value = data.get(key)
        if value is None:
            if required:
                self.problem(place, "missing", f"add {key} = a whole number from {low} to {high}")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(place, f"{value!r} is out of range", f"use a whole number from {low} to {high}")
            return None
        return value

    def flag(self, data: dict[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(_place(where, key), f"must be true or false, not {_type_name(value)}", f"write {key} = true")
            return False
        return value


def _step_place(number: int, data: object) -> str:
    """A step as people name it: counted from 1, with its id when it has a usable one."""
    step_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(step_id, str) and ID_PATTERN.match(step_id.strip()):
        return f"step {number} ('{step_id.strip()}')"
    return f"step {number}"


def _place(where: str, key: str) -> str:
    """A key's place: the key alone at the top of a module, else after the step (or choice) it is in."""
    return f"{where}, {key}" if where else key


def _names(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def _type_name(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
        str: "text",
    }.get(type(value), type(value).__name__)
