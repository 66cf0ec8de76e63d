"""Keys that work on every screen, listed again for modal screens, whose footers omit the app's.

The app's own bindings (priority) still do the work; these only make the keys visible.
"""

from __future__ import annotations

from textual.binding import Binding

HELP_SHOWN = Binding("f1", "app.help", "Help")
QUIT_SHOWN = Binding("ctrl+q", "app.quit", "Quit", key_display="^q")
