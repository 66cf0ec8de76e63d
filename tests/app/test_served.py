"""`course serve`, tried as a participant and as an outsider: real server, real sessions, a real browser."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from commands import child_env, course_command
from terminal import CATCH_THE_TERMINAL, CHROMIUM, FIXTURE_COURSE, SCREEN_TEXT, free_port, poll_until

FIRST_MODULE = b"First steps"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="process checks read /proc")


class Served:
    """A running `course serve`, its address, its output and its processes."""

    def __init__(self, process: subprocess.Popen[str], url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.ws = url.replace("http://", "ws://") + "ws"
        self.log = log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def sessions(self) -> list[int]:
        """The course sessions running for this server: every descendant but the preloaded process."""
        children: dict[int, list[int]] = {}
        commands: dict[int, str] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                commands[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
        found, waiting = [], list(children.get(self.process.pid, []))
        while waiting:
            pid = waiting.pop()
            waiting += children.get(pid, [])
            preloaded = "course.web.preloaded" in commands.get(pid, "") and pid in children.get(self.process.pid, [])
            if not preloaded:
                found.append(pid)
        return found

    def preloaded(self) -> int | None:
        """The preloaded process, if it is running and listening."""
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and _parent(int(entry.name)) == self.process.pid:
                arguments = _command(int(entry.name)).split("\0")
                if "course.web.preloaded" in arguments and Path(arguments[arguments.index("course.web.preloaded") + 1]).exists():
                    return int(entry.name)
        return None



def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


@pytest.fixture
def serve(data_dir: Path, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `course serve` on a free loopback port with the fixture course; stopped after the test."""
    started: list[Served] = []

    def start(*args: str, output_to_pipe: bool = False, **extra_env: str) -> Served:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        process = subprocess.Popen(
            course_command("--lessons", str(FIXTURE_COURSE), "serve", "--port", str(port), *args),
            stdout=subprocess.PIPE if output_to_pipe else open(log, "w"),
            stderr=subprocess.STDOUT,
            env=child_env(data_dir, **extra_env),
            text=True,
            start_new_session=True,  # its own process group, as in a terminal of its own
        )
        served = Served(process, f"http://127.0.0.1:{port}/", log)
        started.append(served)

        def answering() -> bool:
            try:
                urllib.request.urlopen(served.url, timeout=1).read()
            except urllib.error.HTTPError:
                return True  # answering, if only to say the room is full
            except OSError:
                return process.poll() is not None  # not yet, or never: it has ended
            return True

        if not poll_until(answering, 20, every=0.1) or process.poll() is not None:
            process.kill()
            pytest.fail("the server did not start")
        # Tabs are forked from the preloaded process once it is ready.
        poll_until(lambda: served.preloaded() is not None, 10)
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            os.killpg(served.process.pid, signal.SIGINT)
            try:
                served.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                served.process.kill()


async def tab(
    served: Served,
    until: bytes = FIRST_MODULE,
    seconds: float = 20,
    origin: str | None = None,
    size: tuple[int, int] = (100, 30),
    typing: list[str] | None = None,
    stay: float = 0,
    between: float = 0.5,
    then: bytes | None = None,
) -> bytes:
    """What a browser tab opened from `origin` (by default the server's own page) is shown.

    Waits until `until` appears, types each of `typing` in turn `between` seconds apart, waits
    until `then` appears (if given, for up to `seconds`), and stays `stay` seconds more.
    """
    import aiohttp  # textual-serve's own dependency

    screen = b""
    width, height = size
    headers = {"Origin": origin if origin is not None else served.url.rstrip("/")}
    params = {"width": str(width), "height": str(height)}

    async def read(seconds: float, text: bytes | None) -> None:
        nonlocal screen
        deadline = time.monotonic() + seconds
        while (text is None or text not in screen) and time.monotonic() < deadline:
            try:
                message = await asyncio.wait_for(ws.receive(), 0.5)
            except asyncio.TimeoutError:
                continue
            if message.type != aiohttp.WSMsgType.BINARY:
                return
            screen += message.data

    async with aiohttp.ClientSession() as session, session.ws_connect(served.ws, params=params, headers=headers) as ws:
        await ws.send_json(["resize", {"width": width, "height": height}])
        await read(seconds, until)
        for text in typing or []:
            await ws.send_json(["stdin", text])
            await read(between, None)
        if then is not None:
            await read(seconds, then)
        await read(stay, None)
    return screen


def visible(screen: bytes) -> str:
    """The text a tab was sent, escape sequences removed."""
    return re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b\][^\x07]*\x07", "", screen.decode(errors="replace"))


# Only our own page


def test_the_page_is_ours_and_connects_back_to_the_host_the_browser_used(serve: Callable[..., Served]) -> None:
    served = serve()
    port = served.url.split(":")[2].rstrip("/")
    request = urllib.request.Request(served.url, headers={"Host": f"localhost:{port}"})
    html = urllib.request.urlopen(request, timeout=5).read().decode()
    assert "<title>Fixture course</title>" in html
    assert set(re.findall(r"(?:https?|wss?)://([^/\"'\s)]+)", html)) == {f"localhost:{port}"}
    assert "googleapis" not in html


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:1", ""])
async def test_a_page_from_anywhere_else_gets_no_session(serve: Callable[..., Served], origin: str) -> None:
    import aiohttp

    served = serve()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await tab(served, seconds=5, origin=origin)
    assert refused.value.status == 403
    assert served.sessions() == []


async def test_a_tab_sees_the_course_and_its_session_ends_when_the_tab_closes(serve: Callable[..., Served]) -> None:
    served = serve()
    screen = await tab(served)
    assert FIRST_MODULE in screen
    assert poll_until(lambda: served.sessions() == [], 5), "the session outlived its tab"
    assert "0 participants connected." in served.output()


async def test_down_and_enter_open_the_second_module_in_a_tab(serve: Callable[..., Served]) -> None:
    served = serve()
    opened = b"The first reading of the second module."
    assert opened in await tab(served, typing=["\x1b[B", "\r"], then=opened, seconds=10)


async def test_a_huge_size_and_paste_are_bounded_and_the_session_still_ends(serve: Callable[..., Served]) -> None:
    served = serve()
    paste = json.dumps(["stdin", "x" * 1_000_000])
    import aiohttp

    headers = {"Origin": served.url.rstrip("/")}
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(served.ws, params={"width": "100000", "height": "100000"}, headers=headers) as ws:
            await ws.send_json(["resize", {"width": 100_000, "height": 100_000}])
            await ws.send_str(paste)
            screen = b""
            deadline = time.monotonic() + 20
            while FIRST_MODULE not in screen and time.monotonic() < deadline:
                message = await ws.receive(timeout=20)
                screen += message.data if isinstance(message.data, bytes) else b""
            assert FIRST_MODULE in screen
    assert poll_until(lambda: served.sessions() == [], 8), "the session outlived its tab"


# The room


async def test_a_full_room_turns_the_next_visitor_away_kindly(serve: Callable[..., Served]) -> None:
    import aiohttp

    served = serve("--max-sessions", "1")
    headers = {"Origin": served.url.rstrip("/")}
    async with aiohttp.ClientSession() as session, session.ws_connect(served.ws, headers=headers):
        assert poll_until(lambda: len(served.sessions()) == 1, 10)
        with pytest.raises(urllib.error.HTTPError) as full:
            urllib.request.urlopen(served.url, timeout=5)
        assert full.value.code == 503
        assert "full just now" in full.value.read().decode()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await tab(served, seconds=2)
        assert refused.value.status == 503
    # Once the first participant leaves, the room has a place again.
    assert poll_until(lambda: served.sessions() == [], 8)
    assert FIRST_MODULE in await tab(served)


# The preloaded process


async def test_tabs_still_open_when_the_preloaded_process_is_killed_or_stopped(serve: Callable[..., Served]) -> None:
    served = serve()
    first = served.preloaded()
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert FIRST_MODULE in await tab(served), "a tab was left blank after the preloaded process died"
    assert poll_until(lambda: served.preloaded() not in (None, first), 10), "it was not restarted"
    second = served.preloaded()
    assert second is not None
    os.kill(second, signal.SIGSTOP)
    try:
        assert FIRST_MODULE in await tab(served), "a tab was left blank while the preloaded process was stopped"
    finally:
        if _parent(second) is not None:
            os.kill(second, signal.SIGCONT)
    assert poll_until(lambda: served.preloaded() not in (None, second), 10), "a stuck one was not replaced"


async def test_a_large_environment_still_reaches_a_forked_session(serve: Callable[..., Served]) -> None:
    import aiohttp

    # 250 KB of settings in all: well past the 64 KiB a single message could carry.
    served = serve(**{f"BIG_SETTING_{n}": "x" * 50_000 for n in range(5)})
    preloaded = served.preloaded()
    headers = {"Origin": served.url.rstrip("/")}
    async with aiohttp.ClientSession() as session, session.ws_connect(served.ws, headers=headers) as ws:
        screen = b""
        while FIRST_MODULE not in screen:
            screen += (await ws.receive(timeout=20)).data
        # A request the preloaded process could not read whole would have fallen back to a plain start.
        [session_pid] = served.sessions()
        assert _parent(session_pid) == preloaded, "the session did not come from the preloaded process"


def test_without_fork_or_unix_sockets_sessions_start_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    from course.web.session_process import SessionStarter

    monkeypatch.delattr(os, "fork")
    starter = SessionStarter("{}", preload=True)
    starter.start_preloaded()
    assert starter.preloaded is None and not starter.preload


def test_the_preloaded_process_holds_the_player_so_a_room_opening_a_step_imports_nothing() -> None:
    """Every participant of a room opens the room's step at once: what the player needs is
    imported before the children are forked, not by each of them."""
    code = (
        "import sys\nfrom course.web.preloaded import preload\npreload()\n"
        "before = set(sys.modules)\nimport course.screens.player, course.widgets.step_views\n"
        "from course.app import make_app\nfrom course.screens.help import HelpScreen\n"
        "assert set(sys.modules) == before, sorted(set(sys.modules) - before)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_malformed_request_to_the_preloaded_process_leaks_no_descriptor(tmp_path: Path) -> None:
    from course.web.preloaded import BadRequest, receive_request

    marker = tmp_path / "marker"
    marker.write_text("")

    def marker_descriptors() -> int:
        count = 0
        for name in os.listdir("/proc/self/fd"):
            try:
                count += os.readlink(f"/proc/self/fd/{name}") == str(marker)
            except OSError:
                pass  # the listing's own descriptor, closed already
        return count

    for request in [b"\xff\xff\xff\xff", b"\x00\x00\x00\x05", b"\x00"]:  # too long, cut short, no length
        opened = [os.open(marker, os.O_RDONLY) for _ in range(3)]
        ours, theirs = socket.socketpair()
        try:
            socket.send_fds(ours, [request], opened)
            ours.shutdown(socket.SHUT_WR)
            with pytest.raises(BadRequest):
                receive_request(theirs)
        finally:
            for fd in opened:
                os.close(fd)
            ours.close()
            theirs.close()
        assert marker_descriptors() == 0, f"descriptors received with {request!r} were left open"


async def test_ctrl_c_stops_everything_without_a_traceback_or_an_address(serve: Callable[..., Served]) -> None:
    import aiohttp

    served = serve()
    preloaded = served.preloaded()
    headers = {"Origin": served.url.rstrip("/")}
    async with aiohttp.ClientSession() as session, session.ws_connect(served.ws, headers=headers):
        assert poll_until(lambda: len(served.sessions()) == 1, 10)
        running = served.sessions()
        # The terminal's Ctrl+C reaches the whole foreground process group.
        os.killpg(served.process.pid, signal.SIGINT)
        assert await asyncio.to_thread(served.process.wait, 15) == 0
    output = served.output()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert "python" not in output and "127.0.0.1:" not in output.split("\n", 1)[1]
    assert "1 participant connected." in output and "The course has stopped" in output
    assert all(_parent(pid) is None for pid in [*running, preloaded]), "a process outlived the server"


def test_every_network_prints_addresses_to_share(monkeypatch: pytest.MonkeyPatch) -> None:
    from course.web import addresses

    monkeypatch.setattr(addresses, "reachable_addresses", lambda ipv6: ["192.0.2.7", "2001:db8::7"] if ipv6 else ["192.0.2.7"])
    for host in ["0.0.0.0", "", "::"]:
        lines = addresses.share_lines(host, 8000)
        assert lines[0] == "Share this address: http://192.0.2.7:8000"
        assert not any("0.0.0.0" in line or "http://:" in line for line in lines)
    assert "Share this address: http://[2001:db8::7]:8000" in addresses.share_lines("::", 8000)
    monkeypatch.setattr(addresses, "reachable_addresses", lambda ipv6: [])
    assert "No network address found" in addresses.share_lines("0.0.0.0", 8000)[0]
    assert addresses.share_lines("127.0.0.1", 8000) == ["Open http://127.0.0.1:8000 in a browser on this computer (only this computer can)."]
    assert all(not address.startswith(("127.", "169.254.")) for address in addresses.reachable_addresses(ipv6=True))


def listening_addresses(pid: int, port: int) -> set[str]:
    """The addresses a process has a TCP socket listening on at the port, as the kernel lists them."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue  # closed since it was listed
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = set()
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        for row in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = row.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and fields[9] in inodes and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)  # in 32-bit words, each in the machine's byte order
                packed = b"".join(int.from_bytes(raw[i : i + 4], sys.byteorder).to_bytes(4, "big") for i in range(0, len(raw), 4))
                found.add(socket.inet_ntop(family, packed))
    return found


def test_by_default_the_server_listens_on_this_computer_only(serve: Callable[..., Served]) -> None:
    served = serve()  # no --host
    port = int(served.url.split(":")[2].rstrip("/"))
    assert listening_addresses(served.process.pid, port) == {"127.0.0.1"}


# Saved progress


async def test_with_save_a_name_alone_opens_nothing(serve: Callable[..., Served]) -> None:
    served = serve("--save")
    first = visible(await tab(served, until=b"Resume code", typing=["sam", "\r"], stay=1))
    code = re.search(r"Your resume code\W+((?:[a-z]+ ){3}[a-z]+)", first)
    assert code, first[-2000:]
    # Someone else typing the same name, with no code or a wrong one, gets no further.
    taken = visible(await tab(served, until=b"Resume code", typing=["sam", "\r"], stay=1))
    assert "That name is taken" in taken
    wrong = visible(await tab(served, until=b"Resume code", typing=["sam", "\t", "apple apple apple apple", "\r"], stay=1))
    assert "do not match" in wrong and "First steps" not in wrong.split("do not match")[-1]
    right = visible(await tab(served, until=b"Resume code", typing=["sam", "\t", code.group(1), "\r"], stay=2))
    assert "First steps" in right.split("Resume code")[-1]


async def test_with_save_what_was_typed_is_kept_when_the_tab_closes_at_once(serve: Callable[..., Served], data_dir: Path) -> None:
    from course.participants import Participants
    from course.progress import ProgressStore

    served = serve("--save")
    walk = ["sam", "\r", "\r", "\r", "\r", "\x0e"]  # name, past the code, open module 1, its note, next
    screen = await tab(served, until=b"Resume code", typing=walk)
    assert b"Your thoughts" in screen
    # Typed, then the tab closed at once: sooner than the half second after which typing is saved.
    await tab(served, until=b"Resume code", typing=["alex", "\r", "\r", "\r", "\r", "\x0e", "w", "kept words"], between=0.3)
    assert poll_until(lambda: served.sessions() == [], 8)
    store = ProgressStore.in_folder(Participants(data_dir).progress_folder("alex"))
    assert store.reflection("first-steps", "thoughts") == "kept words"
    store.close()


def test_the_facilitator_lists_and_forgets_saved_participants(data_dir: Path) -> None:
    from course.participants import Participants

    Participants(data_dir).create("sam", "run")
    env = child_env(data_dir)

    def course(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(course_command("serve", *args), capture_output=True, text=True, env=env, timeout=60)

    listed = course("--list-saved")
    assert listed.returncode == 0 and "sam" in listed.stdout
    assert course("--forget-saved", "sam").returncode == 0
    assert "No participant has saved progress" in course("--list-saved").stdout
    missing = course("--forget-saved", "sam")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    # `course forget` forgets served participants too, registry and all.
    Participants(data_dir).create("alex", "run")
    forgotten = subprocess.run(course_command("forget", "--yes"), capture_output=True, text=True, env=env, timeout=60)
    assert forgotten.returncode == 0, forgotten.stderr
    assert not (data_dir / "served").exists()


# In a real browser


def test_a_headless_browser_shows_the_course_and_takes_keys_without_a_click(serve: Callable[..., Served]) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    served = serve()
    hosts: set[str] = set()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
            page.add_init_script(CATCH_THE_TERMINAL)
            page.goto(served.url)
            assert page.title() == "Fixture course"

            def shows(text: str) -> str:
                """Wait until the page's terminal shows the text; what it shows then."""
                try:
                    page.wait_for_function(f"text => ({SCREEN_TEXT})().includes(text)", arg=text, timeout=20000)
                except playwright.TimeoutError:
                    pytest.fail(f"the page never showed {text!r}; it shows:\n{page.evaluate(SCREEN_TEXT)}")
                return str(page.evaluate(SCREEN_TEXT))

            home = shows("Welcome to the fixture course.")
            assert "First steps" in home and "Second module" in home
            # No click: the page gives the terminal the keys. Enter opens module 1, at its note...
            page.keyboard.press("Enter")
            shows("A fixture content note before the module.")
            page.keyboard.press("Enter")  # ...and Enter again goes on to its first step.
            step = shows("A short body with emphasis.")
            assert "A reading" in step and "Welcome to the fixture course." not in step
        finally:
            browser.close()
    assert hosts == {served.url.split("/")[2]}


def test_a_session_starts_plainly_where_there_is_no_preloaded_process(data_dir: Path) -> None:
    from course.session import SessionOptions

    env = child_env(TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver")
    options = SessionOptions(lessons=str(FIXTURE_COURSE), data=str(data_dir), run="test").to_json()
    process = subprocess.Popen(
        [sys.executable, "-m", "course.session", options],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"__GANGLION__\n"  # the web driver's greeting
        quit_message = json.dumps({"type": "quit"}).encode()
        assert process.stdin is not None
        process.stdin.write(b"M" + len(quit_message).to_bytes(4, "big") + quit_message)
        process.stdin.flush()
        assert process.wait(timeout=20) == 0
        assert process.stderr is not None and b"Traceback" not in process.stderr.read()
    finally:
        process.kill()


def test_a_damaged_list_of_participants_is_a_one_line_error(data_dir: Path) -> None:
    (data_dir / "served").mkdir(parents=True)
    (data_dir / "served" / "participants.db").write_bytes(b"not a database at all" * 100)
    for args in (["--list-saved"], ["--forget-saved", "sam"]):
        result = subprocess.run(course_command("serve", *args), capture_output=True, text=True, env=child_env(data_dir), timeout=60)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "participants.db: not a list of participants" in result.stderr
    assert (data_dir / "served" / "participants.db").read_bytes().startswith(b"not a database")
