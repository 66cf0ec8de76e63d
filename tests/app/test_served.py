"""`course serve`: our own page, loopback by default, and the course in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(params=["output to a pipe", "output to a file"])
def server(request: pytest.FixtureRequest, data_dir: Path, tmp_path: Path) -> Iterator[str]:
    """`course serve` on a free loopback port, stopped after the test.

    Its output goes to a pipe, or to a file as a facilitator's log would: sessions forked from
    the preloaded process inherit either.
    """
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COURSE_DATA_DIR": str(data_dir)}
    log = open(tmp_path / "serve.log", "w+") if request.param == "output to a file" else subprocess.PIPE
    process = subprocess.Popen(
        [sys.executable, "-m", "course", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the server did not start: {process.stdout.read() if process.stdout else ''}")
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_page_is_ours_and_names_no_other_host(server: str) -> None:
    html = urllib.request.urlopen(server, timeout=5).read().decode()
    assert "<title>Safe to be close</title>" in html
    hosts = set(re.findall(r"(?:https?|wss?)://([^/\"'\s)]+)", html))
    assert hosts == {server.split("/")[2]}
    assert "googleapis" not in html


def test_serving_binds_to_loopback_and_warns_for_other_hosts() -> None:
    from course.web.server import reach_note

    assert "this computer only" in reach_note("127.0.0.1", 8000)[0]
    shared = reach_note("192.0.2.10", 8000)
    assert shared[0] == "Share this address: http://192.0.2.10:8000"
    assert shared[1].startswith("Warning: anyone on this network")


async def _screen_until(
    url: str, text: bytes, seconds: float, origin: str | None = None, size: tuple[int, int] = (100, 30)
) -> bytes:
    """What a tab opened from `origin` (by default the server's own page) is shown, until `text`."""
    import asyncio

    import aiohttp  # textual-serve's own dependency

    screen = b""
    page = origin if origin is not None else url.replace("ws://", "http://").rsplit("/", 1)[0]
    width, height = size
    headers = {"Origin": page}
    params = {"width": str(width), "height": str(height)}
    async with aiohttp.ClientSession() as session, session.ws_connect(url, params=params, headers=headers) as ws:
        await ws.send_json(["resize", {"width": width, "height": height}])
        deadline = time.monotonic() + seconds
        while text not in screen and time.monotonic() < deadline:
            try:
                message = await asyncio.wait_for(ws.receive(), 1)
            except asyncio.TimeoutError:
                continue
            if message.type != aiohttp.WSMsgType.BINARY:
                break
            screen += message.data
    return screen


async def test_a_tab_sees_the_course_over_the_websocket(server: str) -> None:
    screen = await _screen_until(server.replace("http", "ws") + "ws", b"Why we pull away", 20)
    assert b"Safe to be close" in screen and b"Why we pull away" in screen


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:1", ""])
async def test_a_page_from_anywhere_else_gets_no_session(server: str, origin: str) -> None:
    import aiohttp

    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await _screen_until(server.replace("http", "ws") + "ws", b"Why we pull away", 5, origin=origin)
    assert refused.value.status == 403


async def test_a_huge_terminal_is_clamped_and_still_shows_the_course(server: str) -> None:
    screen = await _screen_until(server.replace("http", "ws") + "ws", b"Why we pull away", 20, size=(100_000, 100_000))
    assert b"Why we pull away" in screen


def test_a_headless_browser_shows_the_course(server: str, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    frames: list[bytes] = []
    hosts: set[str] = set()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
            page.on(
                "websocket",
                lambda ws: ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())),
            )
            page.goto(server)
            page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20000)
            deadline = time.monotonic() + 15
            while b"Why we pull away" not in b"".join(frames) and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            page.screenshot(path=str(tmp_path / "served.png"))
            assert page.title() == "Safe to be close"
        finally:
            browser.close()
    screen = b"".join(frames)
    assert b"Safe to be close" in screen and b"Why we pull away" in screen
    assert hosts == {server.split("/")[2]}


def test_a_session_runs_by_itself_when_the_preloaded_process_is_gone(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "course.web.sessions", "launch", str(tmp_path / "no-socket"), "--", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("course ")
