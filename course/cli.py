"""The `course` command: the app, and commands that need no screen.

Each command imports what only it needs when it runs, so `course list` starts quickly.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from course import __version__
from course.loader import LessonError, default_lessons_dir, load_course
from course.locations import PROFILES, DataDirError, ProfileNameError, data_dir, profile_dir
from course.mode import Mode
from course.model import Course
from course.overview import course_overview
from course.progress import ProgressStore, delete_learner_data, learner_files


class UsageError(Exception):
    """Bad input on the command line: one line for the learner, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--lessons", metavar="DIR", help="play the modules in DIR instead of the built-in ones")
    common.add_argument("--data-dir", metavar="DIR", help="keep progress in DIR (also $COURSE_DATA_DIR)")
    common.add_argument("--region", metavar="CODE", help="show crisis lines for this region, e.g. CA, CA-BC, US, GB, AU")
    common.add_argument("--profile", metavar="NAME", help="a separate learner on this computer, with their own progress")

    parser = argparse.ArgumentParser(
        prog="course",
        parents=[common],
        description="A short course on closeness, safety and trust. Run with no command to start or resume.",
    )
    parser.add_argument("--version", action="store_true", help="print the versions and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", parents=[common], help="one line per module with your progress")
    validate = commands.add_parser("validate", parents=[common], help="check a folder of lesson modules")
    validate.add_argument("folder", nargs="?", metavar="DIR", help="the folder (default: the built-in lessons)")
    reset = commands.add_parser("reset", parents=[common], help="start a module (or all) over; reflections are kept")
    reset.add_argument("module", nargs="?", metavar="MODULE", help="module number or id (default: every module)")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    export = commands.add_parser("export", parents=[common], help="your reflections, answers and contacts as Markdown")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (readable only by you) instead of the screen")
    forget = commands.add_parser("forget", parents=[common], help="delete everything the course has saved about you")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    read = commands.add_parser("read", parents=[common], help="print a module as plain text")
    read.add_argument("module", metavar="MODULE", help="module number or id")
    read.add_argument("--width", type=int, default=0, help="wrap at this width (default: the terminal's, at most 100)")
    commands.add_parser("workshop", parents=[common], help="present to a group: facilitator notes, nothing saved")
    serve = commands.add_parser("serve", parents=[common], help="serve the course to browsers")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--workshop", action="store_true", help="serve workshop mode")
    serve.add_argument("--save", action="store_true", help="keep each participant's progress under a profile name they type")
    new = commands.add_parser("new", parents=[common], help="write a starter module to edit")
    new.add_argument("title", metavar="TITLE", help="the new module's title")
    new.add_argument("--dir", default="lessons", help="the lessons folder to add it to (default: ./lessons)")
    session = commands.add_parser("session", parents=[common])  # what each served browser tab runs
    session.add_argument("--workshop", action="store_true")
    session.add_argument("--save", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (LessonError, DataDirError, UsageError) as error:
        lines = str(error).splitlines()
        if isinstance(error, LessonError) and len(lines) > 1:
            lines = [f"{lines[0]} (and {len(lines) - 1} more: run `course validate`)"]
        print(f"course: {lines[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run(args: argparse.Namespace) -> int:
    if args.version:
        return print_version()
    lessons = _folder(getattr(args, "lessons", None), "--lessons")
    if args.command == "validate":
        return validate(_folder(args.folder, "validate") if args.folder else lessons)
    if args.command == "new":
        return new_module(args.title, Path(args.dir))
    if args.command == "read":
        return read_module(load_course(lessons), args.module, args.width)
    data = getattr(args, "data_dir", None)
    profile = getattr(args, "profile", None)
    region = getattr(args, "region", None)
    if args.command == "serve":
        return serve(args, lessons, data)
    if args.command in {"workshop", "session"}:
        workshop = args.command == "workshop" or args.workshop
        served = args.command == "session"
        mode = Mode(workshop=workshop, served=served, ask_profile=served and args.save and not workshop)
        return start_app(lessons, data, region, mode)
    folder = learner_dir(data, profile)
    if args.command == "list":
        return list_modules(load_course(lessons), open_store(folder))
    if args.command == "reset":
        return reset(load_course(lessons), open_store(folder), args.module, args.yes)
    if args.command == "export":
        return export(load_course(lessons), open_store(folder), args.output)
    if args.command == "forget":
        return forget(folder, args.yes, everyone=profile is None)
    return start_app(lessons, data, region, Mode(profile=profile))


def learner_dir(data: str | None, profile: str | None) -> Path:
    try:
        return profile_dir(data_dir(data), profile)
    except ProfileNameError as error:
        raise UsageError(str(error)) from None


def _folder(value: str | None, option: str) -> Path | None:
    if value is None:
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise UsageError(f"{value}: no such folder (check the path given to {option})")
    return folder


def open_store(folder: Path) -> ProgressStore:
    store = ProgressStore.in_folder(folder)
    if store.notice:
        print(f"course: {store.notice}", file=sys.stderr)
    return store


def print_version() -> int:
    from importlib.metadata import version

    print(f"course {__version__} (Textual {version('textual')})")
    return 0


def list_modules(course: Course, store: ProgressStore) -> int:
    width = max(len(m.title) for m in course.modules)
    for o in course_overview(course, store):
        where = ""
        if o.status == "in progress":
            step = o.module.steps[o.resume_index]
            where = f", at step {o.resume_index + 1}: {step.title}"
        print(f"{o.module.number:>2}  {o.module.title:<{width}}  {o.done:>2}/{o.total:<2}  {o.status}{where}")
    print(f"Your progress is kept in {store.path}")
    return 0


def validate(folder: Path | None) -> int:
    from course.support import load_support

    folder = folder or default_lessons_dir()
    problems: list[str] = []
    warnings: list[str] = []
    course = None
    try:
        course = load_course(folder)
    except LessonError as error:
        problems += error.problems
    try:
        warnings = load_support(folder).stale()
    except LessonError as error:
        problems += error.problems
    for line in problems:
        print(line)
    for line in warnings:
        print(f"warning: {line}")
    if problems or course is None:
        print(f"{_count(len(problems), 'problem')} found.", file=sys.stderr)
        return 1
    steps = sum(len(m.steps) for m in course.modules)
    print(f"OK: {len(course.modules)} modules, {steps} steps, no problems, {_count(len(warnings), 'warning')}.")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def reset(course: Course, store: ProgressStore, key: str | None, yes: bool) -> int:
    if key is None:
        modules = list(course.modules)
        what = "every module"
    else:
        module = course.find(key)
        if module is None:
            raise UsageError(f"{key}: no such module (use a number from 1 to {len(course.modules)} or a module id)")
        modules = [module]
        what = f"{module.number} · {module.title}"
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"reset {what}: confirmation needed (add --yes to reset without asking)")
        answer = input(f"Start {what} over? Your place and answers are cleared; reflections are kept. [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing was changed.")
            return 0
    for module in modules:
        store.reset(module.id)
    print(f"Reset {what}. Your reflections are still there.")
    return 0


def export(course: Course, store: ProgressStore, output: str | None) -> int:
    from course.export import export_markdown, write_private

    text = export_markdown(course, store, time.time())
    if output is None:
        sys.stdout.write(text)
        return 0
    target = Path(output).expanduser()
    if not target.parent.is_dir():
        raise UsageError(f"{output}: no such folder for the export (give a path in an existing folder)")
    try:
        write_private(target, text)
    except OSError as error:
        raise UsageError(f"{output}: cannot write the export: {error.strerror} (choose another path)") from None
    print(f"Wrote your reflections to {target} (readable only by you).", file=sys.stderr)
    return 0


def forget(folder: Path, yes: bool, everyone: bool) -> int:
    profiles = folder / PROFILES
    folders = [folder, *(sorted(p for p in profiles.iterdir() if p.is_dir()) if everyone and profiles.is_dir() else [])]
    files = [f for each in folders for f in learner_files(each)]
    if not files:
        print(f"Nothing to forget: no course data in {folder}.")
        return 0
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("forget: confirmation needed (add --yes to delete without asking)")
        whose = " and every profile's" if len(folders) > 1 else ""
        print(f"This deletes your{whose} progress, reflections, answers, contacts and settings in {folder}.")
        if input("Type 'forget' to delete them for good: ").strip().lower() != "forget":
            print("Nothing was deleted.")
            return 0
    removed = [f for each in reversed(folders) for f in delete_learner_data(each)]
    if everyone:
        for leftover in (profiles, folder):
            try:
                leftover.rmdir()
            except OSError:
                pass  # not empty: something else lives there, not ours to delete
    print(f"Deleted {_count(len(removed), 'file')} from {folder}. The course has forgotten you.")
    return 0


def read_module(course: Course, key: str, width: int) -> int:
    import shutil

    from course.plain_text import module_text

    module = course.find(key)
    if module is None:
        raise UsageError(f"{key}: no such module (use a number from 1 to {len(course.modules)} or a module id)")
    width = width or min(100, shutil.get_terminal_size((80, 24)).columns) - 2
    sys.stdout.write(module_text(module, max(30, width)))
    return 0


def new_module(title: str, folder: Path) -> int:
    from course.starter import write_starter

    if not title.strip():
        raise UsageError("new: the title is empty (give the module a title)")
    try:
        path = write_starter(title, folder)
    except OSError as error:
        raise UsageError(f"{folder}: cannot write the new module: {error.strerror} (choose another --dir)") from None
    print(f"Wrote {path}. Edit it, check it with `course validate {folder}`,")
    print(f"and play it with `course --lessons {folder}`.")
    return 0


def serve(args: argparse.Namespace, lessons: Path | None, data: str | None) -> int:
    from course.web.server import reach_note, serve as run_server, session_args

    load_course(lessons)  # broken lessons are reported here, not in every browser tab
    arguments = session_args(lessons, data, args.workshop, args.save)
    for line in reach_note(args.host, args.port):
        print(line)
    try:
        run_server(args.host, args.port, arguments, "Safe to be close")
    except OSError as error:
        raise UsageError(f"{args.host}:{args.port}: cannot listen there: {error.strerror} (try another --port)") from None
    return 0


def start_app(lessons: Path | None, data: str | None, region: str | None, mode: Mode) -> int:
    from course.app import make_app  # Textual loads only when a screen is needed

    try:
        app = make_app(lessons, data, region, mode)
    except ProfileNameError as error:
        raise UsageError(str(error)) from None
    app.run()
    return 0
