"""A bare Textual app that shows one line of text: the baseline `course serve` is served against."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class TextApp(App[None]):
    """One line, "Ready", and nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("Ready")


if __name__ == "__main__":
    TextApp().run()
