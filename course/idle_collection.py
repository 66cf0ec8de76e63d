"""Python's full garbage collections, held back while the learner presses keys.

Once the app has drawn its first screen, a full collection scans everything Textual has built
since, and took 20-80 ms: when one started during a step change, that step showed that much
later (one change in ten in the benchmark, and all its slowest). Young objects are still
collected as usual; the full collection waits for a pause in the keys, while the learner reads,
or runs anyway when keys have not paused for a long while, so memory never grows unchecked.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET_FOR = 1.0
"""Seconds without a key or a click before a full collection may run."""
CHECK_EVERY = 1.0
"""Seconds between looks at whether a held-back collection may run now."""
AT_MOST_EVERY = 30.0
"""Seconds after which a full collection runs even if input has not paused."""
NEVER = 1 << 30
"""A threshold the count of collections never reaches: Python starts no full collection itself."""


class IdleCollector:
    """Runs the full collections Python would start at any moment at quiet ones instead."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_input = clock()
        self.wanted_since: float | None = None
        """When Python would first have collected fully, had it not been held back."""
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Keep what exists now out of every later scan, and stop Python's own full collections."""
        gc.freeze()
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Give Python its own full collections back."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        """A key or a click has arrived: the learner is busy."""
        self.last_input = self.clock()

    def tick(self) -> bool:
        """Collect fully where Python would have, once the keys are quiet or it is long overdue.
        Whether it collected: an idle app, allocating nothing, never does."""
        if self._thresholds is None or gc.get_count()[2] < self._thresholds[2]:
            return False  # Python would not collect fully yet either
        now = self.clock()
        if self.wanted_since is None:
            self.wanted_since = now
        if now - self.last_input < QUIET_FOR and now - self.wanted_since < AT_MOST_EVERY:
            return False
        gc.collect()
        self.wanted_since = None
        return True
