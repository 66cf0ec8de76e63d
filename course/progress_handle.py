"""The one way the app reaches the learner's progress: a storage failure never escapes it.

The store reports a full disk, an I/O error or a lock held too long as a StorageError. Here
such a failure is told once to whoever shows it, what the learner wrote is kept in memory and
saved by `retry` once saving works again, and reads answer as if nothing were stored. After
`course forget` the handle carries on in memory only, so nothing forgotten is written again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from course.progress import (
    Contact,
    DataForgottenError,
    Experiment,
    Position,
    ProgressStore,
    Rating,
    Reflection,
    StorageError,
)

T = TypeVar("T")
Problem = Callable[[str, bool], None]
"""Told a one-line problem, and whether it is for good (the data was forgotten)."""


class ProgressHandle:
    """A ProgressStore for a window that must never crash on storage, or lose what was typed."""

    def __init__(self, store: ProgressStore, on_problem: Problem | None = None) -> None:
        self.store = store
        self.on_problem = on_problem
        self.problem = ""
        """The storage problem not yet solved, or ''."""
        self.forgotten = False
        self.unsaved: dict[tuple[str, str], tuple[str, str | None]] = {}
        """Reflections not yet saved, by (module id, step id): (text, what the store held)."""
        self.on_answer: Callable[[str, str, object], None] | None = None
        """Told every check-in or self-check answer: a room participant's session sends it on, with no name."""

    def replace(self, store: ProgressStore) -> None:
        """Carry on with another store (a served participant's own profile)."""
        self.store.close()
        self.store = store
        self.problem, self.forgotten = "", False
        self.unsaved.clear()

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def notice(self) -> str:
        return self.store.notice

    def _failed(self, error: StorageError) -> None:
        if isinstance(error, DataForgottenError):
            if not self.forgotten:
                self.forgotten = True
                self.unsaved.clear()
                self.store.close()
                self.store = ProgressStore(None)
                self.problem = ""
                if self.on_problem is not None:
                    self.on_problem(str(error), True)
            return
        first = not self.problem
        self.problem = str(error)
        if first and self.on_problem is not None:
            self.on_problem(self.problem, False)

    def _attempt(self, action: Callable[[], T], otherwise: T) -> T:
        """The action's result; if storage fails, the failure is reported and `otherwise` returned."""
        try:
            return action()
        except StorageError as error:
            self._failed(error)
            return otherwise

    # Writing: a failure is reported, never raised

    def move_to(self, module_id: str, step_id: str, completed: str | None = None) -> None:
        self._attempt(lambda: self.store.move_to(module_id, step_id, completed=completed), None)

    def finish(self, module_id: str, last_step_id: str) -> None:
        self._attempt(lambda: self.store.finish(module_id, last_step_id), None)

    def save_reflection(self, module_id: str, step_id: str, text: str, loaded: str | None = None) -> str:
        """The text now stored (both texts, if another window wrote since `loaded`).

        If it cannot be saved, it is kept here and saved by `retry`; the window carries on
        with the text as typed.
        """
        key = (module_id, step_id)
        base = self.unsaved[key][1] if key in self.unsaved else loaded
        try:
            stored = self.store.save_reflection(module_id, step_id, text, loaded=base)
        except StorageError as error:
            self._failed(error)
            if not self.forgotten:
                self.unsaved[key] = (text, base)
            return text
        self.unsaved.pop(key, None)
        return stored

    def clear_reflection(self, module_id: str, step_id: str, loaded: str | None = None) -> bool:
        cleared = self._attempt(lambda: self.store.clear_reflection(module_id, step_id, loaded=loaded), False)
        if cleared:
            self.unsaved.pop((module_id, step_id), None)
        return cleared

    def save_answer(self, module_id: str, step_id: str, value: object) -> None:
        self._attempt(lambda: self.store.save_answer(module_id, step_id, value), None)
        if self.on_answer is not None:
            self.on_answer(module_id, step_id, value)

    def save_contact(self, name: str, reach: str, note: str, contact_id: int | None = None) -> int | None:
        return self._attempt(lambda: self.store.save_contact(name, reach, note, contact_id=contact_id), None)

    def remove_contact(self, contact_id: int) -> None:
        self._attempt(lambda: self.store.remove_contact(contact_id), None)

    def rate_before(self, module_id: str, step_id: str, value: int) -> int | None:
        """The rating's id, for the rating after; None if it could not be saved."""
        return self._attempt(lambda: self.store.rate_before(module_id, step_id, value), None)

    def rate_after(self, rating_id: int, value: int) -> None:
        self._attempt(lambda: self.store.rate_after(rating_id, value), None)

    def choose_experiment(self, module_id: str, plan: str) -> None:
        self._attempt(lambda: self.store.choose_experiment(module_id, plan), None)

    def set_setting(self, key: str, value: str) -> None:
        self._attempt(lambda: self.store.set_setting(key, value), None)

    def skip(self, module_id: str) -> None:
        self._attempt(lambda: self.store.skip(module_id), None)

    # Reading: a failure answers as if nothing were stored

    def reflection(self, module_id: str, step_id: str) -> str:
        key = (module_id, step_id)
        if key in self.unsaved:
            return self.unsaved[key][0]
        return self._attempt(lambda: self.store.reflection(module_id, step_id), "")

    def reflections(self) -> Iterator[Reflection]:
        nothing: list[Reflection] = []
        return iter(self._attempt(lambda: list(self.store.reflections()), nothing))

    def texts(self, place: str) -> dict[str, str]:
        """The texts kept under a place no module has, with any not yet saved as they were typed."""
        nothing: dict[str, str] = {}
        found = self._attempt(lambda: self.store.texts(place), nothing)
        found.update({key: text for (where, key), (text, _) in self.unsaved.items() if where == place})
        return found

    def ratings(self) -> list[Rating]:
        nothing: list[Rating] = []
        return self._attempt(self.store.ratings, nothing)

    def experiments(self) -> list[Experiment]:
        nothing: list[Experiment] = []
        return self._attempt(self.store.experiments, nothing)

    def answer(self, module_id: str, step_id: str) -> object:
        return self._attempt(lambda: self.store.answer(module_id, step_id), None)

    def last_position(self) -> Position | None:
        return self._attempt(self.store.last_position, None)

    def position(self, module_id: str) -> Position | None:
        return self._attempt(lambda: self.store.position(module_id), None)

    def completed(self, module_id: str) -> set[str]:
        nothing: set[str] = set()
        return self._attempt(lambda: self.store.completed(module_id), nothing)

    def contacts(self) -> list[Contact]:
        nothing: list[Contact] = []
        return self._attempt(self.store.contacts, nothing)

    def setting(self, key: str, default: str = "") -> str:
        return self._attempt(lambda: self.store.setting(key, default), default)

    def skipped(self) -> set[str]:
        nothing: set[str] = set()
        return self._attempt(self.store.skipped, nothing)

    # Recovering

    def retry(self) -> bool:
        """Save what is waiting, if saving works again; whether everything is saved now."""
        if self.forgotten:
            return True
        try:
            self.store.check()
            for (module_id, step_id), (text, base) in list(self.unsaved.items()):
                self.store.save_reflection(module_id, step_id, text, loaded=base)
                del self.unsaved[(module_id, step_id)]
        except StorageError as error:
            self._failed(error)
            return False
        self.problem = ""
        return True

    def close(self) -> None:
        self.store.close()
