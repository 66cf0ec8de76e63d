"""Served participants who keep their progress: a name, a resume code only they were shown, limits.

With `course serve --save`, a participant's progress lives on the facilitator's computer, in
`served/NAME/` beneath the data folder. A name alone would let anyone who types it read that
person's reflections, so a first visit creates a four-word resume code, shown to the participant
once and stored only as a salted, slow hash. Returning needs the name and the code. Wrong codes
lock that name for a while, and a server run creates only so many profiles, so strangers can
neither guess a code nor fill the facilitator's disk.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from course.locations import PARTICIPANTS, PROFILE_NAME, SERVED, ensure_private_dir
from course.progress import delete_learner_data
from course.record import Record
from course.resume_words import WORDS

CODE_WORDS = 4
HASH_ROUNDS = 200_000
"""PBKDF2 rounds: about a tenth of a second per try here, a long time per guess for anyone else."""
FREE_TRIES = 3
"""Wrong codes for one name before it is locked."""
FIRST_LOCK, LONGEST_LOCK = 30.0, 3600.0
"""Seconds a name is locked after its free tries; each further wrong code doubles it."""
PROFILES_PER_RUN = 200
"""New profiles one server run may create: a room, with room to spare, never a full disk."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS participants (
    name TEXT PRIMARY KEY,
    salt BLOB NOT NULL,
    code_hash BLOB NOT NULL,
    created REAL NOT NULL,
    last_used REAL NOT NULL,
    run TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0
)
"""


class ParticipantError(Exception):
    """A name or code that cannot open or create a profile, said to the participant."""


class Saved(Record):
    """One saved participant, as the facilitator sees them: no code, no words."""

    name: str
    created: float
    last_used: float


def normal_code(code: str) -> str:
    """A code as typed, in any case, with spaces, hyphens or dots between its words."""
    return "-".join(code.lower().replace("-", " ").replace(".", " ").split())


def new_code() -> str:
    return " ".join(secrets.choice(WORDS) for _ in range(CODE_WORDS))


def _hash(code: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", normal_code(code).encode(), salt, HASH_ROUNDS)


class Participants:
    """The saved participants of one data folder, shared safely by every served session."""

    def __init__(self, data_folder: Path) -> None:
        self.folder = data_folder / SERVED
        self.path = self.folder / PARTICIPANTS

    def progress_folder(self, name: str) -> Path:
        return self.folder / name.lower()

    def _connect(self) -> sqlite3.Connection:
        ensure_private_dir(self.folder)
        # Created owner-only here: SQLite would create it with the umask's mode.
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute(SCHEMA)
        return connection

    def create(self, name: str, run: str) -> str:
        """A new profile for this name; returns its resume code, which is stored nowhere."""
        if not PROFILE_NAME.match(name):
            raise ParticipantError("Use up to 32 letters, digits, - or _, starting with a letter or digit.")
        code = new_code()
        salt = secrets.token_bytes(16)
        digest = _hash(code, salt)
        now = time.time()
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            if connection.execute("SELECT 1 FROM participants WHERE name = ?", (name.lower(),)).fetchone():
                connection.execute("ROLLBACK")
                raise ParticipantError("That name is taken. Choose another, or enter its resume code.")
            (made,) = connection.execute("SELECT count(*) FROM participants WHERE run = ?", (run,)).fetchone()
            if made >= PROFILES_PER_RUN:
                connection.execute("ROLLBACK")
                raise ParticipantError("No more profiles can be made today. Ask the facilitator.")
            connection.execute(
                "INSERT INTO participants (name, salt, code_hash, created, last_used, run) VALUES (?, ?, ?, ?, ?, ?)",
                (name.lower(), salt, digest, now, now, run),
            )
            connection.execute("COMMIT")
        return code

    def check(self, name: str, code: str) -> None:
        """Raise unless the code opens this name's profile; an unknown name looks like a wrong code."""
        mismatch = ParticipantError("That name and resume code do not match.")
        if not PROFILE_NAME.match(name):
            raise mismatch
        now = time.time()
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "SELECT salt, code_hash, failures, locked_until FROM participants WHERE name = ?", (name.lower(),)
            ).fetchone()
            if row is None:
                connection.execute("ROLLBACK")
                _hash(code, b"unknown-name")  # the same time as a wrong code: a name's existence stays unsaid
                raise mismatch
            salt, digest, failures, locked_until = row
            if locked_until > now:
                connection.execute("ROLLBACK")
                raise ParticipantError(f"Too many tries for that name. Try again in {_wait(locked_until - now)}.")
            if hmac.compare_digest(_hash(code, salt), digest):
                connection.execute(
                    "UPDATE participants SET failures = 0, locked_until = 0, last_used = ? WHERE name = ?",
                    (now, name.lower()),
                )
                connection.execute("COMMIT")
                return
            failures += 1
            lock = min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_TRIES)) if failures >= FREE_TRIES else 0.0
            connection.execute(
                "UPDATE participants SET failures = ?, locked_until = ? WHERE name = ?",
                (failures, now + lock if lock else 0.0, name.lower()),
            )
            connection.execute("COMMIT")
        raise mismatch

    def listing(self) -> list[Saved]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT name, created, last_used FROM participants ORDER BY name").fetchall()
        return [Saved(name=name, created=created, last_used=last_used) for name, created, last_used in rows]

    def forget(self, name: str) -> bool:
        """Delete a participant's profile and progress; False if there was no such participant."""
        if not self.path.exists() or not PROFILE_NAME.match(name):
            return False
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            gone = connection.execute("DELETE FROM participants WHERE name = ?", (name.lower(),)).rowcount
            folder = self.progress_folder(name)
            if folder.is_dir():
                delete_learner_data(folder)
            connection.execute("COMMIT")
        return bool(gone)


def _wait(seconds: float) -> str:
    minutes = int(seconds // 60) + 1
    return "a minute" if seconds <= 60 else f"{minutes} minutes"
