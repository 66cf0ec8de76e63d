"""The learner's progress, reflections and answers, kept in a local SQLite database."""

from __future__ import annotations

import os
import sqlite3
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from course.locations import DataDirError, ensure_private_dir
from course.record import Record

DB_NAME = "progress.db"
SCHEMA_VERSION = 2
SIDE_FILES = ("-wal", "-shm", "-journal")
BUSY_SECONDS = 10

SCHEMA = """
CREATE TABLE IF NOT EXISTS positions (
    module_id TEXT PRIMARY KEY,
    step_id TEXT NOT NULL,
    updated_at REAL NOT NULL,
    finished_at REAL
);
CREATE TABLE IF NOT EXISTS completed_steps (
    module_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    completed_at REAL NOT NULL,
    PRIMARY KEY (module_id, step_id)
);
CREATE TABLE IF NOT EXISTS reflections (
    module_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (module_id, step_id)
);
CREATE TABLE IF NOT EXISTS answers (
    module_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (module_id, step_id)
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS positions_by_time ON positions (updated_at);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    reach TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""
# Every statement is idempotent, so running the whole schema migrates any older version forward.


class Position(Record):
    """Where the learner is in one module."""

    module_id: str
    step_id: str
    updated_at: float
    finished_at: float | None


class Contact(Record):
    """A person the learner trusts, and how to reach them."""

    id: int
    name: str
    reach: str
    note: str


class Reflection(Record):
    """What the learner wrote for one reflection step."""

    module_id: str
    step_id: str
    text: str
    created_at: float
    updated_at: float


class ProgressStore:
    """Progress for one learner. Every change is its own transaction, so a crash loses nothing.

    Pass `path=None` for a store that lives only in memory and saves nothing to disk.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.notice = ""
        """One line for the learner when something had to be repaired on opening."""
        if path is None:
            self._db = self._connect(":memory:")
        else:
            ensure_private_dir(path.parent)
            self._db = self._open_or_set_aside(path)
            self.make_files_private()

    @classmethod
    def in_folder(cls, folder: Path) -> ProgressStore:
        """The store in a learner's data folder."""
        return cls(folder / DB_NAME)

    def _open_or_set_aside(self, path: Path) -> sqlite3.Connection:
        try:
            return self._connect_when_free(path)
        except sqlite3.DatabaseError as error:
            if _is_busy(error):
                raise DataDirError(
                    f"{path}: the progress database is busy (close other copies of the course and try again)"
                ) from None
            aside = self._set_aside(path)
            reason = str(error).splitlines()[0].strip(" *")[:80]
            self.notice = (
                f"Your progress file could not be read ({reason}); it was moved to {aside}"
                " and a fresh one was started."
            )
        try:
            return self._connect(str(path), create_private=True)
        except sqlite3.Error as error:
            raise DataDirError(f"{path}: cannot open the progress database: {error}") from None

    def _connect_when_free(self, path: Path) -> sqlite3.Connection:
        """Connect, waiting out other copies that are setting up the same new database.

        Switching a new database to WAL takes a lock that SQLite reports as busy at once,
        without its busy timeout, when another process is doing the same.
        """
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                return self._connect(str(path), create_private=True)
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _connect(self, target: str, create_private: bool = False) -> sqlite3.Connection:
        if create_private:
            _check_intact(Path(target))
            try:
                fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
                os.close(fd)
            except OSError as error:
                raise DataDirError(
                    f"{target}: cannot write the progress database: {error.strerror}"
                    " (pass --data-dir with a folder you can write to)"
                ) from None
        db = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        try:
            if target != ":memory:":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            # Deleted text is overwritten, not left in free pages of the file.
            db.execute("PRAGMA secure_delete = ON")
            version = _schema_version(db)
            if version < SCHEMA_VERSION:
                # One script, so the schema and its version land together or not at all.
                db.executescript(
                    f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                )
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, path: Path) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.unreadable-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = path.with_name(f"{path.name}.unreadable-{stamp}-{counter}")
        os.replace(path, aside)
        for suffix in SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
        return aside

    def make_files_private(self) -> None:
        """Owner-only permissions on the database and the files SQLite keeps beside it."""
        if self.path is None:
            return
        for suffix in ("", *SIDE_FILES):
            try:
                os.chmod(self.path.with_name(self.path.name + suffix), 0o600)
            except FileNotFoundError:
                pass

    def close(self) -> None:
        """Close the database; everything is already saved."""
        self._db.close()

    # Positions and completion

    def move_to(self, module_id: str, step_id: str, completed: str | None = None) -> None:
        """Record the step now shown, and the step just completed, in one transaction."""
        now = time.time()
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO positions (module_id, step_id, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (module_id) DO UPDATE SET step_id = excluded.step_id,"
                " updated_at = excluded.updated_at",
                (module_id, step_id, now),
            )
            if completed is not None:
                self._complete(module_id, completed, now)
        self.make_files_private()

    def finish(self, module_id: str, last_step_id: str) -> None:
        """Record that the learner reached the end of a module."""
        now = time.time()
        with _transaction(self._db):
            self._complete(module_id, last_step_id, now)
            self._db.execute(
                "INSERT INTO positions (module_id, step_id, updated_at, finished_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " updated_at = excluded.updated_at, finished_at = excluded.finished_at",
                (module_id, last_step_id, now, now),
            )

    def _complete(self, module_id: str, step_id: str, now: float) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO completed_steps (module_id, step_id, completed_at)"
            " VALUES (?, ?, ?)",
            (module_id, step_id, now),
        )

    def position(self, module_id: str) -> Position | None:
        """Where the learner is in a module, if they have started it."""
        row = self._db.execute(
            "SELECT module_id, step_id, updated_at, finished_at FROM positions WHERE module_id = ?",
            (module_id,),
        ).fetchone()
        return Position(*row) if row else None

    def last_position(self) -> Position | None:
        """The position most recently changed, in any module."""
        row = self._db.execute(
            "SELECT module_id, step_id, updated_at, finished_at FROM positions"
            " ORDER BY updated_at DESC LIMIT 1"
        ).fetchone()
        return Position(*row) if row else None

    def completed(self, module_id: str) -> set[str]:
        """The ids of the steps completed in a module."""
        rows = self._db.execute(
            "SELECT step_id FROM completed_steps WHERE module_id = ?", (module_id,)
        )
        return {step_id for (step_id,) in rows}

    # What the learner wrote and chose

    def save_reflection(self, module_id: str, step_id: str, text: str) -> None:
        """Keep the reflection text as it is now."""
        now = time.time()
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO reflections (module_id, step_id, text, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (module_id, step_id) DO UPDATE SET"
                " text = excluded.text, updated_at = excluded.updated_at",
                (module_id, step_id, text, now, now),
            )

    def reflection(self, module_id: str, step_id: str) -> str:
        """The reflection text saved for a step, or an empty string."""
        row = self._db.execute(
            "SELECT text FROM reflections WHERE module_id = ? AND step_id = ?",
            (module_id, step_id),
        ).fetchone()
        return row[0] if row else ""

    def reflections(self) -> Iterator[Reflection]:
        """Every reflection, oldest first."""
        rows = self._db.execute(
            "SELECT module_id, step_id, text, created_at, updated_at FROM reflections"
            " ORDER BY created_at"
        )
        for row in rows:
            yield Reflection(*row)

    def save_answer(self, module_id: str, step_id: str, value: object) -> None:
        """Keep the learner's choice in a check or self-check (any JSON value)."""
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO answers (module_id, step_id, value, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (module_id, step_id) DO UPDATE SET"
                " value = excluded.value, updated_at = excluded.updated_at",
                (module_id, step_id, _json().dumps(value), time.time()),
            )

    def answer(self, module_id: str, step_id: str) -> object:
        """The saved choice for a step, or None."""
        row = self._db.execute(
            "SELECT value FROM answers WHERE module_id = ? AND step_id = ?",
            (module_id, step_id),
        ).fetchone()
        return _json().loads(row[0]) if row else None

    def clear_reflection(self, module_id: str, step_id: str) -> None:
        """Delete what the learner wrote for one step."""
        with _transaction(self._db):
            self._db.execute(
                "DELETE FROM reflections WHERE module_id = ? AND step_id = ?", (module_id, step_id)
            )

    def answers(self) -> Iterator[tuple[str, str, object, float]]:
        """Every saved choice as (module id, step id, value, time)."""
        rows = self._db.execute(
            "SELECT module_id, step_id, value, updated_at FROM answers ORDER BY updated_at"
        )
        for module_id, step_id, value, updated_at in rows:
            yield module_id, step_id, _json().loads(value), updated_at

    # Trusted contacts

    def contacts(self) -> list[Contact]:
        """The learner's trusted people, in the order they were added."""
        rows = self._db.execute("SELECT id, name, reach, note FROM contacts ORDER BY id")
        return [Contact(*row) for row in rows]

    def save_contact(self, name: str, reach: str, note: str, contact_id: int | None = None) -> int:
        """Add a contact, or change the one with this id; returns its id."""
        with _transaction(self._db):
            if contact_id is None:
                cursor = self._db.execute(
                    "INSERT INTO contacts (name, reach, note, updated_at) VALUES (?, ?, ?, ?)",
                    (name, reach, note, time.time()),
                )
                return int(cursor.lastrowid or 0)
            self._db.execute(
                "UPDATE contacts SET name = ?, reach = ?, note = ?, updated_at = ? WHERE id = ?",
                (name, reach, note, time.time(), contact_id),
            )
            return contact_id

    def remove_contact(self, contact_id: int) -> None:
        """Delete a contact."""
        with _transaction(self._db):
            self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    # Settings

    def setting(self, key: str, default: str = "") -> str:
        """A saved setting, or the default."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Save a setting."""
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # Starting over

    def reset(self, module_id: str) -> None:
        """Forget position, completed steps and answers for a module; reflections are kept."""
        with _transaction(self._db):
            for table in ("positions", "completed_steps", "answers"):
                self._db.execute(f"DELETE FROM {table} WHERE module_id = ?", (module_id,))


def learner_files(folder: Path) -> list[Path]:
    """Every file the course keeps in a data folder: the database, its side files, set-aside copies."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(DB_NAME) and p.is_file())


def delete_learner_data(folder: Path) -> list[Path]:
    """Overwrite, then delete, every file the course keeps; remove the folder if it is left empty."""
    removed = learner_files(folder)
    for path in removed:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    try:
        folder.rmdir()
    except OSError:
        pass  # something else lives there too; it is not ours to delete
    return removed


def _check_intact(path: Path) -> None:
    """Raise DatabaseError if an existing database is damaged or too new, without changing it.

    The check runs on a read-only connection: closing a read-write one would fold the WAL into
    the damaged file, so the copy set aside would no longer be the file as it was found.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if not path.is_file():
        raise DataDirError(f"{path}: is not a file (move it away, or pass --data-dir with another folder)")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
    try:
        # A damaged file can have a readable header; every page is checked before trusting it.
        (verdict,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError("the file is damaged")
        _schema_version(db)
    finally:
        db.close()


def _schema_version(db: sqlite3.Connection) -> int:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"written by a newer version of the course (schema {version})")
    return version


def _json() -> types.ModuleType:
    """json, imported the first time an answer is read or written, not by every command."""
    import json

    return json


def _is_busy(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE so concurrent writers queue on the busy timeout instead of failing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

