"""`course serve`: a private course session for each browser tab, safe for a room of strangers.

Built on textual-serve's static files and its AppService (the protocol between a tab and a
course process), with the doors a room needs closed: only a page from this server gets a
session, sizes and messages are bounded, a session ends with its tab, and the room has a size.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import signal
import string
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual_serve.app_service
from aiohttp import WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from course.record import Record
from course.session import SessionOptions
from course.web.addresses import share_lines
from course.web.session_process import READY_WITHIN, SessionProcess, SessionStarter

PAGES = Path(__file__).resolve().parent
STATIC = Path(textual_serve.app_service.__file__).resolve().parent / "static"
"""textual-serve's own script, styles and fonts for the terminal in the page."""
MAX_WIDTH, MAX_HEIGHT = 500, 200
"""The largest terminal a session is given, whatever a page asks for."""
MAX_MESSAGE = 64 * 1024
"""Characters in one message from a page: a paste larger than this is dropped, not typed."""
QUIT_GRACE, KILL_GRACE = 2.0, 2.0
"""Seconds a closed tab's session has to quit by itself, then to quit when told (SIGTERM)."""
SESSION_MEMORY = 80 * 1024 * 1024
"""Bytes of memory to allow per session when sizing the room: a session uses about 35-50 MiB."""
LARGEST_ROOM = 100


def default_max_sessions() -> int:
    """Sessions this computer can hold: one per 80 MiB of its memory, from 4 up to 100."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 20
    return max(4, min(LARGEST_ROOM, memory // SESSION_MEMORY))


SUPERVISOR = web.AppKey("supervisor", asyncio.Task)
"""The task that keeps the preloaded process alive, for as long as the server runs."""


class ServeOptions(Record):
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 20
    title: str = "A course"
    session: SessionOptions = SessionOptions()
    preload: bool = True
    """Fork sessions from a preloaded process where this system can."""


def clamped(value: object, largest: int, default: int) -> int:
    """A terminal dimension a session can afford: a whole number from 1 to largest."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default
    return max(1, min(largest, number))


def same_origin(request: web.Request) -> bool:
    """Whether the WebSocket was opened by a page this server served (same scheme and host).

    A browser always sends the page's origin with a WebSocket, and another site's page
    cannot forge it; `null` (a sandboxed or local file) and a missing origin are refused.
    """
    origin = request.headers.get("Origin", "")
    return origin == f"{request.scheme}://{request.host}"


class SessionService(AppService):
    """A tab's session: started by our starter, ended for good soon after its tab goes."""

    def __init__(self, starter: SessionStarter, websocket: web.WebSocketResponse) -> None:
        super().__init__(
            "",
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=self.close_tab,
            download_manager=DownloadManager(),
        )
        self.starter = starter
        self.websocket = websocket
        self.session: SessionProcess | None = None

    async def close_tab(self) -> None:
        await self.websocket.close()

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        session = await self.starter.start(self._build_environment(width, height))
        self.session = session
        self._stdin = session.stdin
        self._process = session  # type: ignore[assignment]  # what run() reads: stdout and stderr
        return session

    async def stop(self) -> None:
        """Ask the session to quit (it saves as it goes); end it if it has not within seconds."""
        task, self._task = self._task, None
        if task is None or self.session is None:
            return
        await self.send_meta({"type": "quit"})
        await self.session.end(QUIT_GRACE, KILL_GRACE)
        self.stdin.close()
        await task


class CourseServer:
    """The web server: our page, the WebSocket each tab's session runs over, and the room."""

    def __init__(self, options: ServeOptions, say: Callable[[str], None]) -> None:
        self.options = options
        self.say = say
        self.starter = SessionStarter(options.session.to_json(), options.preload)
        self.services: set[SessionService] = set()
        self.page = string.Template((PAGES / "app_index.html").read_text(encoding="utf-8"))
        self.full_page = string.Template((PAGES / "room_full.html").read_text(encoding="utf-8"))

    def run(self) -> None:
        """Serve until Ctrl+C or SIGTERM, then end every session and the preloaded process."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(number, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass  # Windows: Ctrl+C raises KeyboardInterrupt, which run_app handles quietly
        self.starter.start_preloaded()
        self.starter.wait_until_ready(READY_WITHIN)
        try:
            web.run_app(
                self.application(),
                host=None if self.options.host == "" else self.options.host,
                port=self.options.port,
                handle_signals=False,
                loop=loop,
                access_log=None,  # no participant's address in the facilitator's terminal
                print=None,
            )
        finally:
            self.starter.close()
            loop.close()

    @staticmethod
    def request_exit() -> None:
        raise GracefulExit()

    def application(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.static("/static", STATIC),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        options = self.options
        for line in share_lines(options.host, options.port):
            self.say(line)
        self.say(self.mode_line())
        self.say(f"Up to {options.max_sessions} participants at once. Ctrl+C stops the course.")
        app[SUPERVISOR] = asyncio.create_task(self.supervise())

    def mode_line(self) -> str:
        session = self.options.session
        kind = "Workshop mode" if session.workshop else "Each browser tab is a private session"
        if session.save and not session.workshop:
            return f"{kind}; participants keep their progress here, under a name and a resume code."
        return f"{kind}; nothing participants write is saved, and closing a tab ends its session."

    async def on_shutdown(self, app: web.Application) -> None:
        app[SUPERVISOR].cancel()
        await asyncio.gather(*(service.stop() for service in list(self.services)), return_exceptions=True)

    async def supervise(self) -> None:
        """Keep the preloaded process alive: a dead one is restarted for the next tab."""
        while True:
            await asyncio.sleep(1)
            self.starter.supervise(time.monotonic())

    def room_is_full(self) -> bool:
        return len(self.services) >= self.options.max_sessions

    async def handle_index(self, request: web.Request) -> web.Response:
        title = html.escape(self.options.title)
        if self.room_is_full():
            return web.Response(status=503, text=self.full_page.substitute(title=title), content_type="text/html")
        font_size = clamped(request.query.get("fontsize", 16), 48, 16)
        # Whatever address the browser used is the address the page connects back to.
        scheme = "wss" if request.scheme == "https" else "ws"
        page = self.page.substitute(
            title=title,
            static="/static/",
            websocket=html.escape(f"{scheme}://{request.host}/ws"),
            font_size=font_size,
        )
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not same_origin(request):
            return web.Response(status=403, text="This course only opens from its own page.\n")
        if self.room_is_full():
            return web.Response(status=503, text="The room is full just now.\n")
        width = clamped(request.query.get("width", 80), MAX_WIDTH, 80)
        height = clamped(request.query.get("height", 24), MAX_HEIGHT, 24)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        service = SessionService(self.starter, websocket)
        self.services.add(service)
        self.say_count()
        try:
            await service.start(width, height)
            assert service._task is not None
            # A session that ends by itself (the participant quit) closes its tab's connection.
            service._task.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, service)
        except (OSError, ConnectionError, asyncio.CancelledError):
            pass  # the tab went away, or the session could not start: the tab says it has ended
        finally:
            await asyncio.shield(self._end(service, websocket))
        return websocket

    async def _end(self, service: SessionService, websocket: web.WebSocketResponse) -> None:
        try:
            await service.stop()
        finally:
            self.services.discard(service)
            self.say_count()
            await websocket.close()

    def say_count(self) -> None:
        count = len(self.services)
        self.say(f"{count} participant{'' if count == 1 else 's'} connected.")

    async def _process_messages(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """What a page may send: keys and pastes of a sane size, sizes within bounds, focus."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT or len(message.data) > MAX_MESSAGE:
                continue
            try:
                envelope: Any = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue  # not a message a page of ours sends
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = clamped(data.get("width"), MAX_WIDTH, 80)
                height = clamped(data.get("height"), MAX_HEIGHT, 24)
                await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()


def serve(options: ServeOptions, say: Callable[[str], None]) -> None:
    """Serve the course until stopped; raises OSError if the address cannot be listened on."""
    CourseServer(options, say).run()

