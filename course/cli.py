"""The `course` command: the app, and commands that need no screen.

Each command imports what only it needs when it runs, so `course list` starts quickly.
"""

from __future__ import annotations

import argparse
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO, cast

from course import __version__
from course.crash_report import CRASHED
from course.loader import LessonError, counted, default_lessons_dir, load_course
from course.locations import ENV_DATA_DIR, PROFILES, DataDirError, ProfileNameError, data_dir, profile_dir
from course.mode import Mode
from course.model import Course
from course.overview import course_overview
from course.progress import ProgressStore, delete_learner_data, learner_files
from course.terminal_text import first_control_character, harmless

NO_TERMINAL = "no terminal to draw the course in (run it in a terminal, or use `course read MODULE` for plain text)"


class UsageError(Exception):
    """Bad input on the command line: one line for the learner, exit 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a mistake in one line, like every other mistake."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def print_help(self, file: object = None) -> None:
        """The help, printed the one way everything reaches the terminal."""
        say(self.format_help(), end="")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse asks shutil for the width (as argparse does, less 2), and importing shutil
        # loads the compression modules: a tenth of the time of a command that prints a line.
        formatter = cast(Callable[..., argparse.HelpFormatter], self.formatter_class)
        return formatter(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: $COLUMNS, else the
    terminal's own, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    if stdout is None:
        return 80
    try:
        return os.get_terminal_size(stdout.fileno()).columns or 80
    except (ValueError, OSError):  # not a terminal, or closed
        return 80


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number from low to high."""

    def parse(text: str) -> int:
        # ASCII digits only ("²" is a digit to isdigit, not to int); the length check keeps
        # int() away from digit strings too long for it.
        if text.isascii() and text.isdigit() and len(text) <= len(str(high)) and low <= int(text) <= high:
            return int(text)
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from {low} to {high}")

    return parse


COURSE_HELP = (
    """\
A short course in your terminal, played from lesson files. Run `course` on its
own to start, or to carry on where you left off: every step is saved as you go,
on this computer only. Help and crisis lines are one key (F1) away on
every screen.""",
    """\
  course                    start, or carry on where you left off
  course list               see how far you have come
  course read 1 | less      read module 1 as plain text
  course --profile ana      a separate learner on a shared computer
  course help export        the help for one command""",
)
"""What `course --help` says about the course, and its examples."""

COMMAND_HELP = {
    "list": (
        "one line per module with your progress",
        """\
One line per module: its number, its title, how many of its steps you have
done, and where you are in it. The last line says where your progress is kept.""",
        """\
  course list
  course list --profile ana""",
    ),
    "read": (
        "print a module as plain text",
        """\
Print a module as plain text, to read with a screen reader, to print, or to
page through. It only reads: nothing is saved.""",
        """\
  course read 1
  course read why-we-pull-away --width 70
  course read 2 | less""",
    ),
    "export": (
        "your reflections, answers and contacts as Markdown",
        """\
Everything you wrote and chose, as one Markdown document: your reflections with
their dates, your check-in answers and self-check choices, and your people. It
prints to the screen, or with -o to a file only you can read. What you wrote
shows exactly as you typed it, line breaks and all.""",
        """\
  course export -o reflections.md
  course export | less
  course export --profile ana -o ana.md""",
    ),
    "plan": (
        "print your plan for hard moments, to keep by the phone",
        """\
Print the plan for hard moments you write in the course, as plain text to keep
by the phone or print as a card: each part as you wrote it, a part not written
yet as its question, then the crisis lines for your region.""",
        """\
  course plan
  course plan --region CA
  course plan --profile ana --width 60""",
    ),
    "reset": (
        "start a module (or all) over; reflections are kept",
        """\
Start a module over from its first step: your place in it and your answers
there are cleared, and your reflections are kept. Without MODULE, every module
starts over. It asks you first; add --yes to skip the question (needed when no
one is at a terminal to answer it).""",
        """\
  course reset 2
  course reset why-we-pull-away
  course reset --yes""",
    ),
    "forget": (
        "delete everything the course has saved about you",
        """\
Delete everything the course has kept for you: your progress, reflections,
answers, contacts and settings. Without --profile, every profile on this
computer and every participant saved by `course serve --save` go too. It says
what it will delete and asks you to type 'forget' first; to keep a copy, run
`course export -o FILE` before.""",
        """\
  course export -o reflections.md && course forget
  course forget --profile ana
  course forget --yes""",
    ),
    "workshop": (
        "present to a group on a projector; nothing is saved",
        """\
Present the course to a group on a projector, in words addressed to the room:
each step shows its question to talk about together, your facilitator notes
appear only when you press f, the number keys jump to a module, PageUp and
PageDown (a presenter's clicker) move between steps, and nothing is saved.""",
        """\
  course workshop
  course workshop --region GB""",
    ),
    "handout": (
        "a printable page about one module, for workshop participants",
        """\
Write one printable web page about a module, to hand out in a workshop: its key
ideas, each question to reflect on with lines to write on, each practice, what
to try before next time, and the crisis lines for your region. The page loads
nothing from anywhere and holds nothing anyone wrote. Without -o it is written
to handout-ID.html in this folder; `-o -` prints it.""",
        """\
  course handout 1
  course handout why-we-pull-away --region CA -o module-1.html
  course handout 2 --lessons ~/my-course -o -""",
    ),
    "serve": (
        "serve the course to browsers",
        """\
Serve the course to web browsers: each tab that opens the address is its own
private session, which ends when the tab closes. It listens on this computer
only unless you pass --host. Nothing anyone writes is kept unless you add
--save; then each participant's progress stays on this computer, under a name
and a resume code they are shown once.""",
        """\
  course serve
  course serve --host 0.0.0.0 --port 8080 --workshop
  course serve --save --max-sessions 20""",
    ),
    "room": (
        "project the course and let participants' browsers follow it",
        """\
Project the course in this terminal (workshop mode) and serve it to participants'
browsers at the address shown: each tab is a private session that follows the
step you show, may look back or ahead on its own, and rejoins with j. Nothing a
participant writes leaves their tab or is saved. It listens on this computer
only unless you pass --host.""",
        """\
  course room
  course room --host 0.0.0.0 --port 8080
  course room --lessons my-lessons --region CA""",
    ),
    "notes": (
        "a running room's private notes, in a second terminal",
        """\
Show, in a second terminal, the notes for the step the room is on: the notes
for the facilitator, the question for the room, what comes next, and the time
spent in the module. It follows the room; nothing here is ever projected.""",
        """\
  course notes""",
    ),
    "validate": (
        "check a folder of lesson modules",
        """\
Check a folder of lesson modules and its support.toml before you play or share
it. Every problem is printed on a line of its own, naming the file, the place
and the fix, and the exit status is 1 if there is any. Without DIR, the
built-in lessons are checked.""",
        """\
  course validate lessons
  course validate ~/my-course""",
    ),
    "new": (
        "write a starter module to edit",
        """\
Write a starter module, with one step of each kind, into a lessons folder,
numbered after the modules already there. Check it with `course validate DIR`
and play it with `course --lessons DIR`.""",
        """\
  course new "Being kind to yourself"
  course new "Caring for the carer" --dir ~/my-course""",
    ),
    "help": (
        "the help for the course, or for one command",
        """\
Show the help for the course, or for one command: what it does, its options,
and examples.""",
        """\
  course help
  course help export""",
    ),
}
"""For each command, in the order `course --help` lists them: its summary, what it does, examples."""


SHARED_OPTIONS = {
    "--lessons": ("DIR", "play the modules in DIR instead of the built-in ones"),
    "--data-dir": ("DIR", "keep progress in DIR (also $COURSE_DATA_DIR)"),
    "--profile": ("NAME", "a separate learner on this computer, with their own progress"),
    "--region": ("CODE", "show crisis lines for this region, e.g. CA, CA-BC, US, GB, AU"),
}
"""Options the course as a whole takes, given before a command or after it."""

COMMAND_OPTIONS = {
    "list": ("--lessons", "--data-dir", "--profile"),
    "read": ("--lessons", "--region"),
    "export": ("--lessons", "--data-dir", "--profile"),
    "plan": ("--lessons", "--data-dir", "--profile", "--region"),
    "reset": ("--lessons", "--data-dir", "--profile"),
    "forget": ("--data-dir", "--profile"),
    "workshop": ("--lessons", "--region"),
    "handout": ("--lessons", "--region"),
    "serve": ("--lessons", "--data-dir"),
    "room": ("--lessons", "--region"),
    "validate": ("--lessons",),
}
"""The shared options that mean something to each command: it lists only those."""


def _shared_options(parser: argparse.ArgumentParser, flags: Sequence[str], command: str | None = None) -> None:
    for flag in flags:
        metavar, text = SHARED_OPTIONS[flag]
        if command == "validate":
            text = "the same as DIR"  # validate reads the folder it is given, not lessons to play
        # Left out of the result unless given, so a command's option never hides the same
        # option given before the command.
        parser.add_argument(flag, metavar=metavar, help=text, default=argparse.SUPPRESS)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line: each command lists only the options that mean something to it.

    With `only`, the one command named is all it can read: building every command's parser
    was a third of the time of a command such as `course list`.
    """
    about, examples = COURSE_HELP
    parser = _Parser(
        prog="course",
        description=about,
        epilog=f"examples:\n{examples}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _shared_options(parser, list(SHARED_OPTIONS))
    parser.add_argument("--version", action="store_true", help="print the versions and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    pages: dict[str | None, argparse.ArgumentParser] = {None: parser}
    for name, (summary, about, examples) in COMMAND_HELP.items():
        if only is not None and name != only:
            continue
        command = commands.add_parser(
            name,
            help=summary,
            description=about,
            epilog=f"examples:\n{examples}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _shared_options(command, COMMAND_OPTIONS.get(name, ()), name)
        COMMAND_ARGUMENTS.get(name, _no_arguments)(command)
        pages[name] = command
    if "help" in pages:
        pages["help"].set_defaults(pages=pages)
    return parser


def _no_arguments(command: argparse.ArgumentParser) -> None:
    """A command that takes only the shared options."""


def _read_arguments(read: argparse.ArgumentParser) -> None:
    read.add_argument("module", metavar="MODULE", help="module number or id")
    _width_option(read)


def _width_option(printed: argparse.ArgumentParser) -> None:
    printed.add_argument(
        "--width", type=_whole_number(1, 1000), help="wrap at this width (default: the terminal's, at most 100)"
    )


def _reset_arguments(reset: argparse.ArgumentParser) -> None:
    reset.add_argument("module", nargs="?", metavar="MODULE", help="module number or id (default: every module)")
    _yes_option(reset)


def _yes_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _room_arguments(room: argparse.ArgumentParser) -> None:
    room.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    room.add_argument("--port", type=_whole_number(1, 65535), default=8000, help="port to listen on (default: 8000)")
    room.add_argument(
        "--max-sessions", type=_whole_number(1, 1000), metavar="N", help="participants at once (default: by memory, 4-100)"
    )


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("folder", nargs="?", metavar="DIR", help="the folder (default: the built-in lessons)")


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("title", metavar="TITLE", help="the new module's title")
    new.add_argument("--dir", default="lessons", help="the lessons folder to add it to (default: ./lessons)")


def _help_arguments(help: argparse.ArgumentParser) -> None:
    help.add_argument("topic", nargs="?", choices=list(COMMAND_HELP), metavar="COMMAND", help="the command to explain")


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (readable only by you) instead of the screen; `-o -` is the screen",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists, without asking")


def _handout_options(handout: argparse.ArgumentParser) -> None:
    handout.add_argument("module", metavar="MODULE", help="module number or id")
    handout.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: handout-ID.html here); `-o -` is the screen"
    )
    handout.add_argument("--force", action="store_true", help="replace FILE if it exists, without asking")


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=_whole_number(1, 65535), default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--workshop", action="store_true", help="serve workshop mode")
    serve.add_argument(
        "--save",
        action="store_true",
        help="participants keep their progress on this computer, under a name and a resume code they are shown",
    )
    serve.add_argument(
        "--max-sessions",
        type=_whole_number(1, 1000),
        metavar="N",
        help="participants at once; others see a page saying the room is full (default: one per 80 MiB of memory, 4-100)",
    )
    serve.add_argument("--list-saved", action="store_true", help="list the participants who saved progress, and exit")
    serve.add_argument("--forget-saved", metavar="NAME", help="delete one saved participant's progress, and exit")


COMMAND_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "read": _read_arguments,
    "plan": _width_option,
    "export": _export_options,
    "handout": _handout_options,
    "reset": _reset_arguments,
    "forget": _yes_option,
    "serve": _serve_options,
    "room": _room_arguments,
    "validate": _validate_arguments,
    "new": _new_arguments,
    "help": _help_arguments,
}
"""Each command's own arguments, by name."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): Python gives us no stream at all
        say("course: standard output is closed (run it with its output going somewhere, e.g. `> FILE`)", err=True)
        return 2
    args = argparse.Namespace()  # the handlers below read it, even when parsing stopped short
    try:
        args = parse(argv)
        status = run(args)
        sys.stdout.flush()  # so a reader that left shows up here, not as an ignored error at exit
        return status
    except BrokenPipeError:
        return _reader_left()
    except LessonError as error:
        more = len(error.problems) - 1
        pointer = f" (and {counted(more, 'more problem')}: run `{_validate_command(args)}`)" if more else ""
        say(f"course: {error.problems[0]}{pointer}", err=True)
        return 2
    except (DataDirError, UsageError) as error:
        first = str(error).split("\n", 1)[0]
        say(f"course: {first}", err=True)
        return 2
    except OSError as error:
        say(f"course: {_system_problem(error)}", err=True)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: one calm line and a report, never a traceback
        return _crashed(error)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, read; what it does not know is pointed at the help of the command it was given to."""
    words = sys.argv[1:] if argv is None else list(argv)
    named = words[0] if words and words[0] in COMMAND_HELP and words[0] != "help" else None
    args, unknown = build_parser(only=named).parse_known_args(words)
    if unknown:
        where = " ".join(["course", *([args.command] if args.command else [])])
        raise UsageError(f"unrecognized arguments: {' '.join(unknown)} (see `{where} --help`)")
    return args


def _validate_command(args: argparse.Namespace) -> str:
    """The command that lists every problem in the lessons this command line read."""
    lessons = getattr(args, "lessons", None)
    return _command_line("validate", str(_expanded(lessons, "--lessons"))) if lessons else "course validate"


def _command_line(*words: str) -> str:
    """A `course` command to copy into a shell, each word quoted where it needs to be."""
    import shlex

    return " ".join(["course", *(shlex.quote(word) for word in words)])


def _crashed(error: Exception) -> int:
    from course.crash_report import write_report

    try:
        report = write_report(data_dir(), error)
    except Exception:
        report = None
    where = f" A report without anything you wrote is in {report}." if report else ""
    say(f"course: something unexpected went wrong; nothing you saved was changed by it.{where}", err=True)
    return CRASHED


def say(text: str, *, err: bool = False, end: str = "\n") -> None:
    """Print, made harmless: the one way out to the terminal, so no file or learner text steers it."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # stderr closed (`2>&-`): there is nowhere to say it
        return
    line = harmless(text) + end
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a terminal that is not UTF-8 still gets every line, "?" for the rest
        encoding = stream.encoding or "ascii"
        stream.write(line.encode(encoding, "replace").decode(encoding))


def ask(question: str) -> str:
    """The learner's answer to a question that may quote lesson text; Ctrl+D answers nothing."""
    try:
        return input(harmless(question))
    except EOFError:
        say("")  # end the prompt's line, so what follows starts on its own
        return ""


def _reader_left() -> int:
    """Stop quietly when the reader of our output has gone (`| head`), as other Unix tools do."""
    # What is still buffered would fail again as Python exits, with a message of its own.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def _system_problem(error: OSError) -> str:
    """One line for an error from the system: the path, what went wrong, what to do."""
    if error.filename is None:
        return f"{error.strerror or error} (check where the course reads and writes, and try again)"
    where = str(error.filename)
    if len(where) > 80:  # a path too long for the system is too long to read in full
        where = f"{where[:40]}…{where[-39:]}"
    return f"{where}: {error.strerror or error} (check that path, or choose another)"


def run(args: argparse.Namespace) -> int:
    """Do what the parsed command line asks; return the exit status."""
    if args.version:
        return print_version()
    if args.command == "help":
        args.pages[args.topic].print_help()
        return 0
    lessons = _folder(getattr(args, "lessons", None), "--lessons")
    region = _known_region(args.region, lessons) if getattr(args, "region", None) else None
    if args.command == "validate":
        return validate(_folder(args.folder, "validate") if args.folder else lessons)
    if args.command == "new":
        return new_module(args.title, _expanded(args.dir, "--dir"))
    if args.command == "read":
        return read_module(load_course(lessons), args.module, getattr(args, "width", None), region, lessons)
    if args.command == "handout":
        return handout(load_course(lessons), args.module, region, lessons, args.output, args.force)
    if args.command == "room":
        return room(args, lessons, region)
    if args.command == "notes":
        return room_notes()
    data = _data_folder(getattr(args, "data_dir", None))
    profile = getattr(args, "profile", None)
    if args.command == "serve":
        return serve(args, lessons, data)
    if args.command == "workshop":
        return start_app(lessons, data, region, Mode(workshop=True))
    folder = learner_dir(data, profile)
    if args.command == "list":
        return list_modules(load_course(lessons), open_store(folder))
    if args.command == "reset":
        return reset(load_course(lessons), open_store(folder), args.module, args.yes)
    if args.command == "export":
        return export(load_course(lessons), open_store(folder), args.output, args.force)
    if args.command == "plan":
        return print_plan(open_store(folder), lessons, region, args.width)
    if args.command == "forget":
        return forget(folder, args.yes, everyone=profile is None, given=_learner_options(args, data))
    return start_app(lessons, data, region, Mode(profile=profile))


def _learner_options(args: argparse.Namespace, data: str | None) -> list[str]:
    """The --data-dir and --profile this command line gave, to repeat in a command it suggests."""
    options = ["--data-dir", data] if data and getattr(args, "data_dir", None) else []
    profile = getattr(args, "profile", None)
    return options + (["--profile", profile] if profile else [])


def _known_region(code: str, lessons: Path | None) -> str:
    """The region's code as the support file knows it; a code it has no lines for is an error."""
    from course.support import FALLBACK, support_for

    directory = support_for(lessons)
    known = directory.known_code(code)
    if known is None:
        codes = ", ".join(sorted(c for c in directory.regions if c != FALLBACK))
        raise UsageError(f"--region {code}: no crisis lines for that region (use one of {codes}, or leave --region out)")
    return known


def _page_width(width: int | None) -> int:
    """The width to wrap printed text at: the one asked for, else the terminal's (at most 100); never below 30."""
    return max(30, width or min(100, terminal_columns()) - 2)


def learner_dir(data: str | None, profile: str | None) -> Path:
    try:
        return profile_dir(data_dir(data), profile)
    except ProfileNameError as error:
        raise UsageError(str(error)) from None


def _expanded(value: str, option: str) -> Path:
    """The path with a leading ~ or ~user expanded."""
    try:
        return Path(value).expanduser()
    except RuntimeError:  # ~user for a user this computer does not know
        home = value.split(os.sep, 1)[0]
        raise UsageError(f"{value}: {home} is no one's home folder here (check the path given to {option})") from None


def _data_folder(value: str | None) -> str | None:
    """The data folder asked for (--data-dir, else $COURSE_DATA_DIR), checked here for a bad ~user."""
    if value:
        return str(_expanded(value, "--data-dir"))
    from_environment = os.environ.get(ENV_DATA_DIR)
    return str(_expanded(from_environment, f"${ENV_DATA_DIR}")) if from_environment else None


def _folder(value: str | None, option: str) -> Path | None:
    if value is None:
        return None
    folder = _expanded(value, option)
    if not folder.is_dir():
        raise UsageError(f"{value}: no such folder (check the path given to {option})")
    return folder


def _is_terminal(stream: TextIO | None) -> bool:
    """Whether a standard stream is open and is a terminal."""
    return stream is not None and stream.isatty()


def open_store(folder: Path) -> ProgressStore:
    store = ProgressStore.in_folder(folder)
    if store.notice:
        say(f"course: {store.notice}", err=True)
    return store


def print_version() -> int:
    from importlib.metadata import version

    say(f"course {__version__} (Textual {version('textual')})")
    return 0


def list_modules(course: Course, store: ProgressStore) -> int:
    width = max(len(m.title) for m in course.modules)
    for o in course_overview(course, store):
        where = ""
        if o.status == "in progress":
            step = o.module.steps[o.resume_index]
            where = f", at step {o.resume_index + 1}: {step.title}"
        say(f"{o.module.number:>2}  {o.module.title:<{width}}  {o.done:>2}/{o.total:<2}  {o.status}{where}")
    say(f"Your progress is kept in {store.path}")
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
        say(line)
    for line in warnings:
        say(f"warning: {line}")
    if problems or course is None:
        say(f"{counted(len(problems), 'problem')} found.", err=True)
        return 1
    steps = counted(sum(len(m.steps) for m in course.modules), "step")
    cautions = counted(len(warnings), "warning") if warnings else "no warnings"
    say(f"OK: {counted(len(course.modules), 'module')}, {steps}, no problems, {cautions}.")
    return 0


def reset(course: Course, store: ProgressStore, key: str | None, yes: bool) -> int:
    """`course reset`: start one module, or every module, over; reflections are kept."""
    if key is None:
        modules = list(course.modules)
    else:
        module = course.find(key)
        if module is None:
            raise UsageError(f"{key}: no such module (use a number from 1 to {len(course.modules)} or a module id)")
        modules = [module]
    first = modules[0]
    what = f"module {first.number} · {first.title}" if len(modules) == 1 else f"all {len(modules)} modules"
    if not yes:
        if not _is_terminal(sys.stdin):
            raise UsageError(f"reset: confirmation needed to start {what} over (add --yes to reset without asking)")
        question = f"Start {what} over? Your reflections are kept; your place and answers are cleared. [y/N] "
        if not _agreed(ask(question)):
            say("Nothing was changed.")
            return 0
    for module in modules:
        store.reset(module.id)
    start = "starts" if len(modules) == 1 else "start"
    say(f"{what[0].upper()}{what[1:]} {start} again from the first step. Your reflections are kept.")
    return 0


def _agreed(answer: str) -> bool:
    """Whether the learner answered yes to a [y/N] question."""
    return answer.strip().lower() in {"y", "yes"}


def export(course: Course, store: ProgressStore, output: str | None, force: bool) -> int:
    from course.export import export_markdown, write_whole

    try:
        text = export_markdown(course, store, time.time())
    finally:
        store.close()
    if output is None or output == "-":
        say(text, end="")
        return 0
    target = _expanded(output, "-o")
    if not _may_write(target, output, force):
        say("Nothing was written.")
        return 0
    try:
        write_whole(target, text)
    except OSError as error:
        raise UsageError(f"{output}: cannot write the export: {error.strerror} (choose another path)") from None
    say(f"Wrote your reflections to {target} (readable only by you).", err=True)
    return 0


def _may_write(target: Path, output: str, force: bool, what: str = "export", example: str = "reflections.md") -> bool:
    """Whether to write `what` (an export, a handout) there: a new file, or a regular file the
    learner lets us replace; `example` is a file name to suggest.

    Never a folder, a device or a link: writing there would change something that is not ours.
    """
    try:
        mode = target.lstat().st_mode  # lstat: a link is judged itself, not by what it points to
    except (FileNotFoundError, NotADirectoryError):
        if not target.parent.is_dir():
            raise UsageError(f"{output}: no such folder for the {what} (give a path in an existing folder)") from None
        return True
    if stat.S_ISLNK(mode):
        raise UsageError(f"{output}: is a symbolic link (give the path of a regular file, not a link)")
    if stat.S_ISDIR(mode):
        raise UsageError(f"{output}: is a folder (give a file name, e.g. {os.path.join(output, example)})")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{output}: is a device or other special file (give the path of a regular file)")
    if force:
        return True
    if not _is_terminal(sys.stdin):
        raise UsageError(f"{output}: already exists (add --force to replace it)")
    return _agreed(ask(f"{output} already exists. Replace it with your {what}? [y/N] "))


def forget(folder: Path, yes: bool, everyone: bool, given: list[str]) -> int:
    """`course forget`: delete what the course kept for the learner (for everyone here, without --profile)."""
    from course.locations import PARTICIPANTS, SERVED, is_regular_file, shred

    # Everyone: this folder's learner, every local profile and every participant served with --save.
    nested = [folder / PROFILES, folder / SERVED] if everyone else []
    folders = [folder, *(p for each in nested if each.is_dir() for p in sorted(each.iterdir()) if p.is_dir())]
    registry = [p for p in sorted((folder / SERVED).glob(f"{PARTICIPANTS}*")) if is_regular_file(p)] if everyone else []
    files = [f for each in folders for f in learner_files(each)] + registry
    if not files:
        say(f"Nothing to forget: the course has kept nothing for you in {folder}.")
        return 0
    profiles = [p for p in folders if p.parent == folder / PROFILES and learner_files(p)]
    participants = [p for p in folders if p.parent == folder / SERVED and learner_files(p)]
    others = _others(profiles, len(participants))
    if not yes:
        if not _is_terminal(sys.stdin):
            raise UsageError("forget: confirmation needed (add --yes to delete without asking)")
        _say_what_forget_deletes(folder, profiles, others, given)
        if ask("Type 'forget' to delete it all for good: ").strip().lower() != "forget":
            say("Nothing was deleted.")
            return 0
    removed = [f for each in reversed(folders) for f in delete_learner_data(each)]
    removed += [p for p in registry if shred(p)]
    for leftover in (*nested, folder) if everyone else ():
        try:
            leftover.rmdir()
        except OSError:
            pass  # not empty (or never made): something else lives there, not ours to delete
    whose = f"for you and for {others}" if others else "for you"
    say(
        f"Everything the course kept {whose} is deleted ({counted(len(removed), 'file')} from {folder})."
        f" You can start again any time with `{_command_line(*given)}`."
    )
    return 0


def _others(profiles: list[Path], participants: int) -> str:
    """Whose data, besides the learner's, `course forget` deletes: e.g. "2 other profiles (ana, ben)"."""
    named = f"{counted(len(profiles), 'other profile')} ({', '.join(p.name for p in profiles)})" if profiles else ""
    served = f"{counted(participants, 'participant')} saved by `course serve --save`" if participants else ""
    return " and ".join(part for part in (named, served) if part)


def _say_what_forget_deletes(folder: Path, profiles: list[Path], others: str, given: list[str]) -> None:
    """What `course forget` is about to delete and where, and how to keep a copy first."""
    also = f", and those of {others}," if others else ""
    say(f"This deletes your progress, reflections, answers, contacts and settings{also} from {folder}.")
    copies = [_command_line("export", *given, "-o", "reflections.md")] if learner_files(folder) else []
    copies += [_command_line("export", *given, "--profile", p.name, "-o", f"{p.name}.md") for p in profiles]
    if copies:
        say(f"To keep a copy of what you wrote, run {'this' if len(copies) == 1 else 'these'} first:")
        for command in copies:
            say(f"  {command}")


def read_module(course: Course, key: str, width: int | None, region: str | None, lessons: Path | None) -> int:
    """`course read MODULE`: the module as plain text, ending with the support lines for the region
    (the checked --region code, else the one in the learner's locale, else the international ones)."""
    from course.plain_text import module_text
    from course.support import region_from_locale, support_for

    module = course.find(key)
    if module is None:
        raise UsageError(f"{key}: no such module (use a number from 1 to {len(course.modules)} or a module id)")
    regions = support_for(lessons).for_region(region or region_from_locale())
    say(module_text(module, regions, _page_width(width)), end="")
    return 0


def handout(course: Course, key: str, region: str | None, lessons: Path | None, output: str | None, force: bool) -> int:
    """`course handout MODULE`: a printable page about a module for a workshop, with the crisis lines
    for the region (the checked --region code, else the locale's, else the international ones)."""
    from course.export import write_whole
    from course.handout import handout_html
    from course.support import region_from_locale, support_for

    module = course.find(key)
    if module is None:
        raise UsageError(f"{key}: no such module (use a number from 1 to {len(course.modules)} or a module id)")
    page = handout_html(course, module, support_for(lessons).for_region(region or region_from_locale()))
    if output == "-":
        say(page, end="")
        return 0
    given = f"handout-{module.id}.html" if output is None else output
    target = _expanded(given, "-o")
    if not _may_write(target, given, force, "handout", f"handout-{module.id}.html"):
        say("Nothing was written.")
        return 0
    try:
        write_whole(target, page, mode=0o644)  # it holds no learner data, and is meant to be shared
    except OSError as error:
        raise UsageError(f"{given}: cannot write the handout: {error.strerror} (choose another path with -o)") from None
    say(f"Wrote the handout for module {module.number} to {target}.", err=True)
    return 0


def print_plan(store: ProgressStore, lessons: Path | None, region: str | None, width: int | None) -> int:
    """`course plan`: the learner's plan for hard moments as plain text, ending with the crisis lines
    for the region (the checked --region code, else the learner's chosen one, else the locale's)."""
    from course.hard_moments_plan import plan_text
    from course.progress import PLAN
    from course.support import region_from_locale, support_for

    try:
        regions = support_for(lessons).for_region(region or store.setting("region") or region_from_locale())
        text = plan_text(store.texts(PLAN), store.contacts(), regions, _page_width(width))
    finally:
        store.close()
    say(text, end="")
    return 0


def new_module(title: str, folder: Path) -> int:
    from course.starter import write_starter

    if not title.strip():
        raise UsageError("new: the title is empty (give the module a title)")
    if first_control_character(title) is not None or "\n" in title or "\t" in title:
        raise UsageError(
            "new: the title has a control character or line break in it (type it as one line of plain text)"
        )
    try:
        path = write_starter(title, folder)
    except OSError as error:
        raise UsageError(f"{folder}: cannot write the new module: {error.strerror} (choose another --dir)") from None
    say(f"Wrote {path}. Edit it, check it with `{_command_line('validate', str(folder))}`,")
    say(f"and play it with `{_command_line('--lessons', str(folder))}`.")
    return 0


def serve(args: argparse.Namespace, lessons: Path | None, data: str | None) -> int:
    if args.list_saved or args.forget_saved is not None:
        return saved_participants(data, args.forget_saved)
    import secrets

    from course.session import SessionOptions
    from course.web.server import ServeOptions, default_max_sessions
    from course.web.server import serve as run_server

    course = load_course(lessons)  # broken lessons are reported here, not in every browser tab
    session = SessionOptions(
        lessons=str(lessons.resolve()) if lessons else None,
        data=str(data_dir(data).resolve()),
        workshop=args.workshop,
        save=args.save,
        run=secrets.token_hex(8),
    )
    options = ServeOptions(
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions or default_max_sessions(),
        session=session,
        title=course.title,
    )
    try:
        run_server(options, say)
    except OSError as error:
        raise UsageError(cannot_listen(args, error)) from None
    except KeyboardInterrupt:
        pass  # Ctrl+C before the server was listening: it stops all the same
    say("The course has stopped; every session has ended.")
    return 0


def cannot_listen(args: argparse.Namespace, error: OSError) -> str:
    return f"{args.host}:{args.port}: cannot listen there: {error.strerror} (try another --port)"


def room(args: argparse.Namespace, lessons: Path | None, region: str | None) -> int:
    """`course room`: the projector in this terminal, and participants following it in their browsers."""
    from course.app import make_app
    from course.session import SessionOptions
    from course.web.room import Room, RoomTaken
    from course.web.server import ServeOptions, default_max_sessions

    mode = Mode(workshop=True)
    require_terminal(mode)
    app = make_app(lessons, None, region, mode)  # broken lessons are reported here, before anyone joins
    session = SessionOptions(lessons=str(lessons.resolve()) if lessons else None)
    options = ServeOptions(
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions or default_max_sessions(),
        session=session,
        title=app.course.title,
    )
    try:
        app.room = Room(options)
        app.room.claim()
    except (RoomTaken, PermissionError) as error:  # another room, or a room folder that is not private
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(cannot_listen(args, error)) from None
    app.hub = app.room.hub
    app.run()
    return app.return_code or 0


def room_notes() -> int:
    """`course notes`: the running room's notes, in this terminal."""
    from course.notes_app import NotesApp
    from course.web.room import room_folder

    missing = "no room is running here (start one with `course room`, then run this in another terminal)"
    try:
        socket = room_folder(create=False) / "room.sock"
    except FileNotFoundError:
        raise UsageError(missing) from None
    except PermissionError as error:
        raise UsageError(str(error)) from None
    if not socket.exists():
        raise UsageError(missing)
    require_terminal(Mode())
    NotesApp(socket).run()
    return 0


def saved_participants(data: str | None, forget: str | None) -> int:
    """`course serve --list-saved` and `--forget-saved NAME`: the facilitator's view of saved progress."""
    import sqlite3
    import time

    from course.participants import Participants

    participants = Participants(data_dir(data))
    try:
        if forget is not None:
            if not participants.forget(forget):
                raise UsageError(f"{forget}: no saved participant of that name (see `course serve --list-saved`)")
            say(f"Deleted {harmless(forget)}'s saved progress.")
            return 0
        saved = participants.listing()
    except sqlite3.DatabaseError:
        raise UsageError(
            f"{participants.path}: not a list of participants this course can read"
            " (restore it from a backup, or move it aside to start a new list)"
        ) from None
    if not saved:
        say(f"No participant has saved progress in {participants.folder}.")
        return 0
    say(f"Saved participants in {participants.folder}:")
    for each in saved:
        used = time.strftime("%Y-%m-%d %H:%M", time.localtime(each.last_used))
        say(f"  {each.name}  (last used {used})")
    return 0


def require_terminal(mode: Mode) -> None:
    """Refuse to start full-screen without a terminal to draw in, instead of hanging there."""
    if mode.served or os.environ.get("TEXTUAL_DRIVER"):
        return  # a browser tab: its streams are pipes on purpose, and Textual's web driver draws
    if os.environ.get("TERM") == "dumb" or not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(NO_TERMINAL)


def start_app(lessons: Path | None, data: str | None, region: str | None, mode: Mode) -> int:
    from course.app import make_app  # Textual loads only when a screen is needed

    try:
        app = make_app(lessons, data, region, mode)
    except ProfileNameError as error:
        raise UsageError(str(error)) from None
    require_terminal(mode)
    app.run()
    if app.crashed:
        report = f" A report without anything you wrote is in {app.crash_report}." if app.crash_report else ""
        say(f"course: something unexpected went wrong and the course closed. Your progress is saved.{report}", err=True)
        return CRASHED
    return app.return_code or 0
