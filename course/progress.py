"""The learner's progress, reflections and answers, kept in a local SQLite database."""

from __future__ import annotations

import os
import re
import sqlite3
import time
import types
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from course.locations import (
    BUSY,
    DataDirError,
    describe_failure,
    ensure_private_dir,
    is_regular_file,
    primary_error_name,
    shared_folder_warning,
    shred,
    sqlite_error_name,
)
from course.record import Record

TYPE_CHECKING = False  # the typing module itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

DB_NAME = "progress.db"
CRASH_REPORT = re.compile(r"^crash-\d{8}-\d{6}-\d+\.txt$")
"""The reports course.crash_report writes beside the database: the course's too, so forget takes them."""
SCHEMA_VERSION = 3
SIDE_FILES = ("-wal", "-shm", "-journal")
BUSY_SECONDS = 10
SKIPPED = "skipped"
"""The setting listing skipped modules' ids, one per line."""
ALSO_WRITTEN = "\n\n— also written in another window —\n\n"
PLAN = "~plan"
"""Where the plan for hard moments is kept among the reflections, one text per part by the part's id.
No module can have this id (ids are lowercase letters, digits and dashes), so no lesson reaches it."""
EXPERIMENTS = "~experiments"
"""Where the small experiment chosen at a module's end is kept among the answers, by the module's
id, and how it went among the reflections, by the same id."""
NOT_STEPS = (PLAN, EXPERIMENTS)
"""The places among the reflections and answers that belong to no step."""
"""Between the two texts of a reflection saved from two windows at once: the other window's first."""

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
CREATE TABLE IF NOT EXISTS ratings (
    id INTEGER PRIMARY KEY,
    module_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    before INTEGER NOT NULL,
    before_at REAL NOT NULL,
    after INTEGER,
    after_at REAL
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    reach TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""
# Every statement is idempotent, so running the whole schema migrates any older version forward.

DAMAGE = {"SQLITE_CORRUPT": "it is damaged", "SQLITE_NOTADB": "it is not a database"}
"""The only errors that make a file be set aside: the file itself is bad, not the disk or a lock."""


class StorageError(DataDirError):
    """Progress could not be read or saved: a full disk, an I/O error, a read-only file, a lock
    held too long. The file is not damaged and is never set aside for this; a change that
    failed was rolled back, so the database is as it was."""


class NewerVersionError(DataDirError):
    """The progress file was saved by a newer version of the course; it was left untouched."""


class DataForgottenError(StorageError):
    """progress.db was deleted (by `course forget`) or replaced while this store had it open."""


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


class Rating(Record):
    """How stirred up the learner felt, 0 to 10, on opening a practice and on moving on from it."""

    id: int
    module_id: str
    step_id: str
    before: int
    before_at: float
    after: int | None
    after_at: float | None


class Experiment(Record):
    """A small thing the learner chose to try after a module, and what they wrote of how it went."""

    module_id: str
    plan: str
    chosen_at: float
    outcome: str


class Reflection(Record):
    """What the learner wrote for one reflection step."""

    module_id: str
    step_id: str
    text: str
    created_at: float
    updated_at: float


class _Damaged(Exception):
    """An existing file is not a sound database; its text says why, for the learner."""


class ProgressStore:
    """Progress for one learner. Every change is its own transaction, so a crash loses nothing.

    After each change progress.db alone holds it: the change is committed to SQLite's WAL and
    then copied into the file at once, so copying that one file carries everything. Storage
    failures raise StorageError and change nothing. Pass `path=None` for a store that lives
    only in memory and saves nothing to disk.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.notice = ""
        """One line for the learner when a file had to be set aside on opening, or the data
        folder is open to other users."""
        self._identity: tuple[int, int] | None = None
        """Device and inode of progress.db as opened, to notice it deleted or replaced."""
        self._forgotten = False
        self._unfolded = False
        """A committed change is still only in the WAL, not yet in progress.db itself."""
        if path is None:
            self._db = _connect(None)
            return
        ensure_private_dir(path.parent)
        self._db = self._open_or_set_aside(path)
        self._identity = _identity(path)
        self._try_fold()  # what an older version or a killed process left in the WAL
        self.make_files_private()
        self.notice = " ".join(line for line in (self.notice, shared_folder_warning(path.parent)) if line)

    @classmethod
    def in_folder(cls, folder: Path) -> ProgressStore:
        """The store in a learner's data folder."""
        return cls(folder / DB_NAME)

    def _open_or_set_aside(self, path: Path) -> sqlite3.Connection:
        try:
            return _connect_when_free(path)
        except _Damaged as damage:
            reason = str(damage)
        except (sqlite3.Error, OSError) as error:
            reason = DAMAGE.get(primary_error_name(error), "")
            if not reason:
                raise StorageError(describe_failure(path, "open", error)) from None
        try:
            aside = _set_aside(path)
            db = _connect_when_free(path)
        except (sqlite3.Error, OSError) as error:
            raise StorageError(describe_failure(path, "open", error)) from None
        self.notice = (
            f"Your progress file could not be read ({reason}); it was moved to {aside}"
            " and a fresh one was started."
        )
        return db

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
        """Close the database; everything is already saved.

        After `course forget` SQLite sees that the file has gone and closes without writing.
        """
        self._db.close()

    def check(self) -> None:
        """Raise if saving cannot go on, without writing anything new.

        DataForgottenError: progress.db was deleted or replaced since it was opened.
        StorageError: a change saved earlier could not yet be copied into progress.db (the disk
        is full, say); it is kept in SQLite's WAL meanwhile, and this tries again.
        """
        self._ensure_present()
        if self._unfolded:
            self._fold()

    # Storage underneath every method

    def _ensure_present(self) -> None:
        """Raise DataForgottenError if progress.db was deleted or replaced since it was opened.

        Checked before the connection is touched: SQLite would otherwise write on into the
        deleted file, or create a journal or a whole new database beside it.
        """
        if self._identity is None or self.path is None:
            return
        if not self._forgotten:
            try:
                found = os.stat(self.path)
                self._forgotten = (found.st_dev, found.st_ino) != self._identity
            except FileNotFoundError:
                self._forgotten = True
            except OSError as error:
                raise StorageError(describe_failure(self.path, "save", error)) from None
        if self._forgotten:
            raise DataForgottenError(
                f"{self.path}: your saved data was deleted (by `course forget` or another program);"
                " nothing more is saved in this window (start the course again to save afresh)"
            ) from None

    @contextmanager
    def _failures(self, action: str) -> Iterator[None]:
        """SQLite and file errors as one StorageError line; a file that has gone says so instead."""
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, sqlite3.Error) and not sqlite_error_name(error):
                raise  # misuse of the connection, such as after close(): a bug, not the storage
            self._ensure_present()
            raise StorageError(describe_failure(self.path, action, error)) from None

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row of a query, fetched at once so that no read stays open between calls."""
        if self._forgotten:
            self._ensure_present()
        with self._failures("read"):
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def _saving(self) -> Iterator[sqlite3.Connection]:
        """One change: its own transaction, rolled back whole on any failure, then folded into
        progress.db so that the file alone holds it."""
        self._ensure_present()
        with self._failures("save"):
            if self._unfolded:
                self._fold()  # an earlier change reaches the file first, or this one waits too
            with _transaction(self._db):
                yield self._db
        self._try_fold()

    def _fold(self) -> None:
        """Copy every committed change from the WAL into progress.db; StorageError if it cannot."""
        if self.path is None:
            return
        self._unfolded = True
        deadline = time.monotonic() + BUSY_SECONDS
        with self._failures("save"):
            # FULL waits on the busy timeout for writers and readers; it comes back busy only
            # while another process is folding, and that fold may have begun before our commit.
            while self._db.execute("PRAGMA wal_checkpoint(FULL)").fetchone()[0]:
                if time.monotonic() > deadline:
                    raise StorageError(f"{self.path}: cannot save your progress: {BUSY}")
                time.sleep(0.005)
        self._unfolded = False

    def _try_fold(self) -> None:
        try:
            self._fold()
        except StorageError:
            pass  # the change is committed and safe in the WAL; the next write or check() reports

    # Positions and completion

    def move_to(self, module_id: str, step_id: str, completed: str | None = None) -> None:
        """Record the step now shown, and the step just completed, in one transaction."""
        now = time.time()
        with self._saving() as db:
            db.execute(
                "INSERT INTO positions (module_id, step_id, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (module_id) DO UPDATE SET step_id = excluded.step_id,"
                " updated_at = excluded.updated_at",
                (module_id, step_id, now),
            )
            if completed is not None:
                _complete(db, module_id, completed, now)

    def finish(self, module_id: str, last_step_id: str) -> None:
        """Record that the learner reached the end of a module."""
        now = time.time()
        with self._saving() as db:
            _complete(db, module_id, last_step_id, now)
            db.execute(
                "INSERT INTO positions (module_id, step_id, updated_at, finished_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (module_id) DO UPDATE SET"
                " updated_at = excluded.updated_at, finished_at = excluded.finished_at",
                (module_id, last_step_id, now, now),
            )

    def position(self, module_id: str) -> Position | None:
        """Where the learner is in a module, if they have started it."""
        rows = self._rows(
            "SELECT module_id, step_id, updated_at, finished_at FROM positions WHERE module_id = ?",
            (module_id,),
        )
        return Position.from_row(rows[0]) if rows else None

    def last_position(self) -> Position | None:
        """The position most recently changed, in any module."""
        rows = self._rows(
            "SELECT module_id, step_id, updated_at, finished_at FROM positions"
            " ORDER BY updated_at DESC LIMIT 1"
        )
        return Position.from_row(rows[0]) if rows else None

    def completed(self, module_id: str) -> set[str]:
        """The ids of the steps completed in a module."""
        rows = self._rows("SELECT step_id FROM completed_steps WHERE module_id = ?", (module_id,))
        return {step_id for (step_id,) in rows}

    # What the learner wrote and chose

    def save_reflection(self, module_id: str, step_id: str, text: str, loaded: str | None = None) -> str:
        """Keep the reflection text; returns the text now stored.

        `loaded` is the text this window last loaded or saved. If another window has saved a
        different text since, neither is lost: the stored text comes first, then this one,
        after ALSO_WRITTEN. Show what is returned and pass it as `loaded` next time. Without
        `loaded` the text simply replaces what is stored.
        """
        now = time.time()
        with self._saving() as db:
            kept = _kept_text(_stored_reflection(db, module_id, step_id), text, loaded)
            db.execute(
                "INSERT INTO reflections (module_id, step_id, text, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (module_id, step_id) DO UPDATE SET"
                " text = excluded.text, updated_at = excluded.updated_at",
                (module_id, step_id, kept, now, now),
            )
        return kept

    def reflection(self, module_id: str, step_id: str) -> str:
        """The reflection text saved for a step, or an empty string."""
        rows = self._rows(
            "SELECT text FROM reflections WHERE module_id = ? AND step_id = ?", (module_id, step_id)
        )
        return str(rows[0][0]) if rows else ""

    def reflections(self) -> Iterator[Reflection]:
        """Every reflection, oldest first."""
        rows = self._rows(
            "SELECT module_id, step_id, text, created_at, updated_at FROM reflections ORDER BY created_at"
        )
        for row in rows:
            yield Reflection.from_row(row)

    def clear_reflection(self, module_id: str, step_id: str, loaded: str | None = None) -> bool:
        """Delete what the learner wrote for one step; returns whether it is gone.

        With `loaded` (the text this window last loaded or saved), text that another window
        saved since is kept, and this returns False.
        """
        with self._saving() as db:
            stored = _stored_reflection(db, module_id, step_id)
            if loaded is not None and stored not in (loaded, ""):
                return False
            db.execute("DELETE FROM reflections WHERE module_id = ? AND step_id = ?", (module_id, step_id))
        return True

    def save_answer(self, module_id: str, step_id: str, value: object) -> None:
        """Keep the learner's choice in a check or self-check (any JSON value)."""
        with self._saving() as db:
            db.execute(
                "INSERT INTO answers (module_id, step_id, value, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (module_id, step_id) DO UPDATE SET"
                " value = excluded.value, updated_at = excluded.updated_at",
                (module_id, step_id, _json().dumps(value), time.time()),
            )

    def answer(self, module_id: str, step_id: str) -> object:
        """The saved choice for a step, or None."""
        rows = self._rows(
            "SELECT value FROM answers WHERE module_id = ? AND step_id = ?", (module_id, step_id)
        )
        return _json().loads(rows[0][0]) if rows else None

    def answers(self) -> Iterator[tuple[str, str, object, float]]:
        """Every saved choice as (module id, step id, value, time)."""
        rows = self._rows("SELECT module_id, step_id, value, updated_at FROM answers ORDER BY updated_at")
        for module_id, step_id, value, updated_at in rows:
            yield module_id, step_id, _json().loads(value), updated_at

    def texts(self, place: str) -> dict[str, str]:
        """The texts kept among the reflections under a place no module has (PLAN, EXPERIMENTS), by id."""
        rows = self._rows("SELECT step_id, text FROM reflections WHERE module_id = ?", (place,))
        return {str(key): str(text) for key, text in rows}

    # Ratings around practices, and experiments between sessions

    def rate_before(self, module_id: str, step_id: str, value: int) -> int:
        """Keep the rating given on opening a practice; returns its id, for the rating after."""
        with self._saving() as db:
            cursor = db.execute(
                "INSERT INTO ratings (module_id, step_id, before, before_at) VALUES (?, ?, ?, ?)",
                (module_id, step_id, value, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def rate_after(self, rating_id: int, value: int) -> None:
        """Keep the rating given on moving on from the practice whose rating before has this id."""
        with self._saving() as db:
            db.execute("UPDATE ratings SET after = ?, after_at = ? WHERE id = ?", (value, time.time(), rating_id))

    def ratings(self) -> list[Rating]:
        """Every rating, oldest first."""
        rows = self._rows(
            "SELECT id, module_id, step_id, before, before_at, after, after_at FROM ratings ORDER BY before_at, id"
        )
        return [Rating.from_row(row) for row in rows]

    def choose_experiment(self, module_id: str, plan: str) -> None:
        """Keep the experiment the learner chose at the end of a module (one per module)."""
        self.save_answer(EXPERIMENTS, module_id, plan)

    def experiments(self) -> list[Experiment]:
        """Every experiment chosen, with how it went, the most recently chosen last."""
        rows = self._rows(
            "SELECT a.step_id, a.value, a.updated_at, COALESCE(r.text, '') FROM answers a"
            " LEFT JOIN reflections r ON r.module_id = a.module_id AND r.step_id = a.step_id"
            " WHERE a.module_id = ? ORDER BY a.updated_at",
            (EXPERIMENTS,),
        )
        found = []
        for module_id, value, chosen_at, outcome in rows:
            plan = _json().loads(value)
            if isinstance(plan, str):
                found.append(Experiment(module_id=module_id, plan=plan, chosen_at=chosen_at, outcome=outcome))
        return found

    # Trusted contacts

    def contacts(self) -> list[Contact]:
        """The learner's trusted people, in the order they were added."""
        return [Contact.from_row(row) for row in self._rows("SELECT id, name, reach, note FROM contacts ORDER BY id")]

    def save_contact(self, name: str, reach: str, note: str, contact_id: int | None = None) -> int:
        """Add a contact, or change the one with this id; returns its id."""
        with self._saving() as db:
            if contact_id is None:
                cursor = db.execute(
                    "INSERT INTO contacts (name, reach, note, updated_at) VALUES (?, ?, ?, ?)",
                    (name, reach, note, time.time()),
                )
                return int(cursor.lastrowid or 0)
            db.execute(
                "UPDATE contacts SET name = ?, reach = ?, note = ?, updated_at = ? WHERE id = ?",
                (name, reach, note, time.time(), contact_id),
            )
            return contact_id

    def remove_contact(self, contact_id: int) -> None:
        """Delete a contact."""
        with self._saving() as db:
            db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    # Settings

    def setting(self, key: str, default: str = "") -> str:
        """A saved setting, or the default."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        """Save a setting."""
        with self._saving() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # Skipping and starting over

    def skipped(self) -> set[str]:
        """The modules the learner chose to skip (a module they have since started is theirs again)."""
        return set(self.setting(SKIPPED).splitlines())

    def skip(self, module_id: str) -> None:
        """Remember that the learner skipped a module, so the list can say so."""
        self.set_setting(SKIPPED, "\n".join(sorted(self.skipped() | {module_id})))

    def reset(self, module_id: str) -> None:
        """Forget position, completed steps, answers and a skip for a module; reflections are kept."""
        remaining = "\n".join(sorted(self.skipped() - {module_id}))
        with self._saving() as db:
            for table in ("positions", "completed_steps", "answers"):
                db.execute(f"DELETE FROM {table} WHERE module_id = ?", (module_id,))
            db.execute("UPDATE settings SET value = ? WHERE key = ?", (remaining, SKIPPED))


def learner_files(folder: Path) -> list[Path]:
    """Every file the course keeps in a data folder: the database, its side files, copies.

    Only regular files count, looked at without following symlinks: anything else planted
    under one of our names is not ours, and is left alone.
    """
    if not folder.is_dir():
        return []
    ours = (p for p in folder.iterdir() if p.name.startswith(DB_NAME) or CRASH_REPORT.match(p.name))
    return sorted(p for p in ours if is_regular_file(p))


def delete_learner_data(folder: Path) -> list[Path]:
    """Overwrite, then delete, every file the course keeps; remove the folder if it is left empty."""
    removed = []
    for path in learner_files(folder):
        try:
            if shred(path):
                removed.append(path)
        except OSError as error:
            raise StorageError(describe_failure(path, "delete", error)) from None
    try:
        folder.rmdir()
    except OSError:
        pass  # something else lives there too; it is not ours to delete
    return removed


def _connect_when_free(path: Path) -> sqlite3.Connection:
    """Connect, waiting out other copies that are setting up the same new database.

    Switching a new database to WAL takes a lock that SQLite reports as busy at once,
    without its busy timeout, when another process is doing the same.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return _connect(path)
        except sqlite3.OperationalError as error:
            if primary_error_name(error) not in ("SQLITE_BUSY", "SQLITE_LOCKED") or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(path: Path | None) -> sqlite3.Connection:
    """A connection to the database at path (in memory for None), its schema up to date."""
    if path is not None:
        _check_intact(path)
        # Created owner-only here: SQLite would create it with the umask's mode.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    target = ":memory:" if path is None else str(path)
    db = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        # Before any pragma that writes: a newer version's file must stay as it is.
        _refuse_if_newer(path, _schema_version(db))
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        # Deleted text is overwritten, not left in free pages of the file.
        db.execute("PRAGMA secure_delete = ON")
        if _schema_version(db) < SCHEMA_VERSION:
            _migrate(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection, path: Path | None) -> None:
    """Bring an older schema up to date in one transaction, after a private copy of the file."""
    copy = None
    with _transaction(db):
        version = _schema_version(db)  # another copy of the course may have migrated meanwhile
        _refuse_if_newer(path, version)
        if version == SCHEMA_VERSION:
            return
        if path is not None and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            copy = _private_copy(path)
        for statement in SCHEMA.split(";"):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if copy is not None:
        shred(copy)


def _private_copy(path: Path) -> Path:
    """An owner-only copy of the database as committed, written beside it.

    Read through a second connection: our own holds the write lock, so nothing can change
    between the copy and the migration.
    """
    copy = _unused_name(path, ".before-migration")
    os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with closing(_read_only(path)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
    except BaseException:
        copy.unlink()  # half a copy protects nothing
        raise
    return copy


def _set_aside(path: Path) -> Path:
    """Move a damaged database and its side files, as found, to a new name beside it."""
    aside = _unused_name(path, time.strftime(".unreadable-%Y%m%d-%H%M%S"))
    os.replace(path, aside)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside


def _unused_name(path: Path, suffix: str) -> Path:
    candidate = path.with_name(path.name + suffix)
    counter = 1
    while os.path.lexists(candidate):
        counter += 1
        candidate = path.with_name(f"{path.name}{suffix}-{counter}")
    return candidate


def _check_intact(path: Path) -> None:
    """Raise _Damaged or NewerVersionError for an existing database, without changing it.

    The check runs on a read-only connection: closing a read-write one would fold the WAL into
    the damaged file, so the copy set aside would no longer be the file as it was found.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if not path.is_file():
        raise DataDirError(f"{path}: is not a file (move it away, or pass --data-dir with another folder)")
    # A newer version's file is refused before SQLite opens it at all, so not even the files
    # SQLite keeps beside a database are created for it.
    _refuse_if_newer(path, _header_version(path))
    with closing(_read_only(path)) as db:
        # A damaged file can have a readable header; every page is checked before trusting it.
        (verdict,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise _Damaged(DAMAGE["SQLITE_CORRUPT"])
        _refuse_if_newer(path, _schema_version(db))


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)


def _header_version(path: Path) -> int:
    """The schema version in the file's own header, or 0 if it has no SQLite header."""
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return 0
    return int.from_bytes(header[60:64], "big", signed=True)


def _schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _refuse_if_newer(path: Path | None, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"{path}: this progress was saved by a newer version of the course"
            " (update the course to open it; nothing was changed)"
        )


def _identity(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_dev, found.st_ino


def _complete(db: sqlite3.Connection, module_id: str, step_id: str, now: float) -> None:
    db.execute(
        "INSERT OR IGNORE INTO completed_steps (module_id, step_id, completed_at) VALUES (?, ?, ?)",
        (module_id, step_id, now),
    )


def _stored_reflection(db: sqlite3.Connection, module_id: str, step_id: str) -> str:
    row = db.execute(
        "SELECT text FROM reflections WHERE module_id = ? AND step_id = ?", (module_id, step_id)
    ).fetchone()
    return str(row[0]) if row else ""


def _kept_text(stored: str, text: str, loaded: str | None) -> str:
    """What to store when a window saves `text`: both texts if another window changed it since."""
    if loaded is None or stored in (loaded, text) or not stored.strip():
        return text
    if not text.strip():
        return stored  # emptying the box here does not delete words written in another window
    return f"{stored}{ALSO_WRITTEN}{text}"


def _json() -> types.ModuleType:
    """json, imported the first time an answer is read or written, not by every command."""
    import json

    return json


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE so concurrent writers queue on the busy timeout instead of failing;
    a failure anywhere, COMMIT included, rolls the whole change back."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # after a full disk or an I/O error SQLite may have rolled back itself
            with suppress(sqlite3.Error):  # the error to report is the one that stopped the change
                db.execute("ROLLBACK")
        raise
