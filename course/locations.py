"""Where the learner's data lives, created owner-only on first use, and what can go wrong there."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

from course.terminal_text import harmless

APP_NAME = "safe-to-be-close"
"""The data folder's name in the platform's user data folder: the app's own, not a generic word."""
EARLIER_NAME = "course"
"""The name earlier versions gave the data folder; such a folder is moved to APP_NAME once."""
ENV_DATA_DIR = "COURSE_DATA_DIR"
PROFILES = "profiles"
SERVED = "served"
"""Beneath the data folder: participants served with `course serve --save`, apart from local profiles."""
PARTICIPANTS = "participants.db"
"""In the served folder: who the saved participants are, and their codes' hashes."""
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}\Z")

DISK_FULL = "the disk is full (free some space, then try again)"
READ_ONLY = "the file or its folder is read-only (make them writable, or pass --data-dir with a folder you can write to)"
BUSY = "another copy of the course kept it busy for too long (close other copies of the course, then try again)"
DAMAGED = "the file is damaged (start the course again: it sets the damaged file aside and starts a fresh one)"
WHAT_FAILED = {
    "SQLITE_FULL": DISK_FULL,
    "SQLITE_IOERR_SHMSIZE": DISK_FULL,  # no room for the lock file SQLite keeps beside the database
    "SQLITE_IOERR": "the disk could not be read or written (check the disk and its free space, then try again)",
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_PERM": READ_ONLY,
    "SQLITE_AUTH": READ_ONLY,
    "SQLITE_CANTOPEN": "the file could not be opened (check that its folder exists and is yours, then try again)",
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
    "SQLITE_PROTOCOL": BUSY,
    "SQLITE_NOMEM": "the computer ran out of memory (close some programs, then try again)",
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_NOTADB": DAMAGED,
}
"""What happened, and the fix, by SQLite's error name: an extended name, else its primary one."""
SQLITE_MESSAGES = {
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
}
"""SQLite's own wording of these errors, for Python 3.10, whose exceptions carry no error name."""
WHAT_FAILED_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): DISK_FULL,  # a quota: not on Windows
    errno.EFBIG: DISK_FULL,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.EROFS: READ_ONLY,
}


class DataDirError(Exception):
    """The data folder cannot be created or written."""


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: the override, else $COURSE_DATA_DIR, else the platform's user data dir."""
    if override:
        folder = Path(override).expanduser()
    elif os.environ.get(ENV_DATA_DIR):
        folder = Path(os.environ[ENV_DATA_DIR]).expanduser()
    else:
        folder = _default_data_dir()
    return folder


def _default_data_dir() -> Path:
    """The platform's user data folder of the app's name, an earlier version's folder moved there.

    Every command that keeps data asks for the folder here, so the move happens for whichever
    one the learner runs first after updating; a folder they named themselves is never moved.
    """
    from platformdirs import user_data_path

    folder = user_data_path(APP_NAME, appauthor=False)
    earlier = user_data_path(EARLIER_NAME, appauthor=False)
    if move_earlier_data_dir(earlier, folder):
        _tell(f"Your progress moved from {earlier} to {folder}.")
    return folder


def move_earlier_data_dir(earlier: Path, folder: Path) -> bool:
    """Rename an earlier version's data folder to the new one, whole; whether it was moved.

    Only a real folder holding this course's database and nothing but the course's files, and
    only while the new folder does not exist: never a merge, never someone else's "course"
    folder. One rename moves everything at once (profiles and served participants too) and
    keeps its owner-only mode. It never raises: whatever goes wrong means the folders stay as
    they are, and the next start looks again. With nothing to move it costs one stat.
    """
    try:
        if not stat.S_ISDIR(os.lstat(earlier).st_mode):
            return False
    except (OSError, ValueError):
        return False
    import sqlite3  # only now: the usual start, with nothing to move, never loads it here

    try:
        if os.path.lexists(folder) or not _holds_only_course_files(earlier):
            return False
        os.rename(earlier, folder)  # same parent folder, so one atomic rename; fails if folder appeared
    except (OSError, ValueError, sqlite3.Error):
        return False
    return True


def _holds_only_course_files(folder: Path) -> bool:
    """Whether the folder holds this course's progress.db, and beside it only names the course gives.

    Those are the database's side files and set-aside copies, crash reports, and the profiles
    and served folders. Anything else means the folder is not only ours, so it is not ours to move.
    """
    from course.progress import CRASH_REPORT, DB_NAME  # progress imports this module at its top

    names = os.listdir(folder)
    foreign = [n for n in names if not (n.startswith(DB_NAME) or CRASH_REPORT.match(n) or n in (PROFILES, SERVED))]
    return DB_NAME in names and not foreign and _is_course_database(folder / DB_NAME)


def _is_course_database(path: Path) -> bool:
    """Whether the file is a progress database of this course: SQLite, with a schema version the
    course wrote and only tables the course creates.

    Opened read-only and immutable, so not even SQLite's side files appear beside a folder we
    end up leaving alone; the course keeps its tables in the file itself, not only in the WAL.
    """
    import sqlite3
    from contextlib import closing

    from course.progress import SCHEMA, SCHEMA_VERSION

    if not is_regular_file(path):
        return False
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, timeout=1)) as db:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return 1 <= version <= SCHEMA_VERSION and bool(tables) and tables <= _created_tables(SCHEMA)


def _created_tables(schema: str) -> set[str]:
    """The names of the tables a schema script creates."""
    return set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", schema))


def _tell(line: str) -> None:
    """One line for the learner on stderr, made harmless; if stderr is closed, no one hears it."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(harmless(line) + "\n")
        stream.flush()
    except (OSError, ValueError):  # a closed or broken stream, or one that cannot encode the path
        pass


class ProfileNameError(ValueError):
    """A profile name that cannot be a folder name."""


def profile_dir(base: Path, profile: str | None) -> Path:
    """Where one learner's data lives: the base folder, or their own folder beneath it."""
    if profile is None:
        return base
    if not PROFILE_NAME.match(profile):
        raise ProfileNameError(
            f"{profile!r}: not a usable profile name (use up to 32 letters, digits, - or _)"
        )
    return base / PROFILES / profile


def ensure_private_dir(folder: Path) -> Path:
    """Create the folder, and any missing parents, owner-only (0700) whatever the umask.

    A folder that already exists is left exactly as it is: the learner chose it, and it may be
    shared (a 1777 /tmp-like folder made 0700 would lock everyone else out of it).
    """
    missing = [folder, *(p for p in folder.parents if not p.exists())] if not folder.exists() else []
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for created in missing:  # mkdir gives parents the umask's mode, not ours
            os.chmod(created, 0o700)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataDirError(
            f"{folder}: cannot use this data folder: {reason}"
            " (pass --data-dir with a folder you can write to)"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DataDirError(
            f"{folder}: this data folder is not writable (pass --data-dir with a folder you can write to)"
        )
    return folder


def shared_folder_warning(folder: Path) -> str:
    """One line for the learner if other users can list or change the folder, else ''."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return ""  # whoever uses the folder next reports why it cannot
    if not mode & 0o066:
        return ""
    return (
        f"{folder} can be opened by other users of this computer; your progress file inside is"
        " still readable only by you (pass --data-dir with a folder of your own to keep even its name private)"
    )


def sqlite_error_name(error: BaseException) -> str:
    """SQLite's name for an error, such as SQLITE_IOERR_WRITE; '' for an error not from SQLite."""
    name = getattr(error, "sqlite_errorname", None)
    if name is None:
        name = SQLITE_MESSAGES.get(str(error), "")
    return str(name)


def primary_error_name(error: BaseException) -> str:
    """SQLite's primary error name, such as SQLITE_IOERR for SQLITE_IOERR_WRITE; '' for others."""
    return "_".join(sqlite_error_name(error).split("_")[:2])


def describe_failure(path: Path | None, action: str, error: BaseException) -> str:
    """One line for the learner: the file, what could not be done, what happened and the fix.

    Built from error codes only, never from an error's text, which could quote the learner's.
    """
    name = sqlite_error_name(error)
    if name:
        what = WHAT_FAILED.get(name) or WHAT_FAILED.get(primary_error_name(error))
        what = what or f"SQLite reported {name} (try again; if it keeps happening, please report it)"
    elif isinstance(error, OSError):
        reason = (error.strerror or "the system refused").lower()
        what = WHAT_FAILED_ERRNO.get(error.errno or 0) or f"{reason} (try again)"
    else:
        what = "an unexpected error (try again; if it keeps happening, please report it)"
    return f"{path}: cannot {action} your progress: {what}"


def is_regular_file(path: Path) -> bool:
    """Whether path is a regular file itself, not a symlink to one."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def shred(path: Path) -> bool:
    """Overwrite a regular file with zeros, then delete it; returns False, touching nothing, if
    it is not one.

    Opened without following a symlink swapped in since it was looked at, so no file elsewhere
    is overwritten through one of our names; a file with other hard links is only unlinked, as
    its bytes belong to those names too.
    """
    try:
        # Windows has neither flag, nor symlinks a learner is likely to meet there.
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):  # a symlink, or a pipe nobody reads
            return False
        raise
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            return False
        if found.st_nlink == 1:
            _zero(fd, found.st_size)
    finally:
        os.close(fd)
    path.unlink()
    return True


def _zero(fd: int, size: int) -> None:
    chunk = b"\0" * min(size, 1 << 20)
    written = 0
    while written < size:
        written += os.write(fd, chunk[: size - written])
    os.fsync(fd)
