"""Watching the frames an app renders, to time what a person would see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.errors import NoWidget
from textual.screen import Screen
from textual.widget import Widget

Shown = Callable[[Screen[object]], bool]
"""Whether a frame of this screen shows what is being waited for."""


def laid_out(screen: Screen[object], widget: Widget) -> bool:
    """Whether the widget has a place with some height in the screen's last layout."""
    try:
        return screen.find_widget(widget).region.height > 0
    except NoWidget:
        return False


def on_frames(app: App[Any], callback: Callable[[Screen[object]], None]) -> None:
    """Call callback(screen) after every frame the app draws, headless or not.

    Every screen hands each frame it renders to the app's `_display`, which writes it to the
    terminal (headless apps skip only the writing); this wraps it. A frame rendered while the
    app batches updates (`_batch_count`, e.g. while it starts) is dropped by `_display`, never
    drawn, so it is not passed on.
    """
    display = app._display

    def on_frame(screen: Screen[object], renderable: object) -> None:
        drawn = renderable is not None and not app._batch_count
        display(screen, renderable)  # type: ignore[arg-type]
        if drawn:
            callback(screen)

    app._display = on_frame  # type: ignore[method-assign]
