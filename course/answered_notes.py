"""Which content notes the learner has answered in this sitting: each is asked once, then trusted."""

from __future__ import annotations

from course.model import Module


class AnsweredNotes:
    """A module's note and each run's note, remembered apart: answering one never answers another."""

    def __init__(self) -> None:
        self._modules: set[str] = set()
        self._runs: set[tuple[str, str]] = set()

    def module_pending(self, module: Module) -> bool:
        """Whether the module's own note is still to be asked before its first step."""
        return bool(module.content_note) and module.id not in self._modules

    def answer_module(self, module: Module) -> None:
        self._modules.add(module.id)

    def run_pending(self, module: Module, index: int) -> tuple[int, int] | None:
        """The run (first, last) whose note is still to be asked before step `index`, if any."""
        span = module.note_span(index)
        if span is None or (module.id, module.steps[span[0]].id) in self._runs:
            return None
        return span

    def answer_run(self, module: Module, first: int) -> None:
        self._runs.add((module.id, module.steps[first].id))
