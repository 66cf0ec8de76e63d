"""`course room` with real browsers: two participants follow the projector's steps and answer a
check-in, and the projector shows no count until three have answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from terminal import CATCH_THE_TERMINAL, CHROMIUM, FIXTURE_COURSE, SCREEN_TEXT, TerminalSession, free_port, keys

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")


def test_two_browsers_follow_the_projector_and_answer_anonymously(tmp_path: Path, sessions: list[TerminalSession]) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    port = free_port()
    projector = TerminalSession(["--lessons", str(FIXTURE_COURSE), "room", "--port", str(port)], tmp_path / "data", tmp_path)
    sessions.append(projector)
    assert projector.wait_for("Welcome, everyone", 20), "the room did not start"
    assert projector.wait_for(str(port), 20), "the projector does not say where to join"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            pages = []
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1000, "height": 600})
                page.add_init_script(CATCH_THE_TERMINAL)
                page.goto(f"http://127.0.0.1:{port}/")
                pages.append(page)

            def shows(page: object, text: str) -> None:
                try:
                    page.wait_for_function(f"text => ({SCREEN_TEXT})().includes(text)", arg=text, timeout=20000)  # type: ignore[attr-defined]
                except playwright.TimeoutError:
                    pytest.fail(f"a participant never saw {text!r}; they see:\n{page.evaluate(SCREEN_TEXT)}")  # type: ignore[attr-defined]

            for page in pages:
                shows(page, "Welcome to the fixture course.")
            projector.send(keys("enter", "enter"))  # the module, past its note, on the projector
            for page in pages:
                shows(page, "A fixture content note before the module.")  # each participant's own to answer
                page.keyboard.press("Enter")
                shows(page, "A short body with emphasis.")
            projector.send(keys("right", "right"))
            for page in pages:
                shows(page, "Which one?")
            pages[0].keyboard.press("Enter")  # the first choice
            pages[1].keyboard.press("ArrowDown")
            pages[1].keyboard.press("Enter")  # the second
            for page in pages:
                shows(page, "Feedback for")
            projector.read(1.0)
            projector.send(keys("v"))
            assert projector.wait_for("Waiting for more answers (2 so far)", 10), "two answers must not be shown as counts"
        finally:
            browser.close()
    projector.send(keys("escape", "ctrl+q"))
    assert projector.wait_exit() == 0
