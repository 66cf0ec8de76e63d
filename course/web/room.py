"""`course room`: the facilitator's terminal projects the course and is the room's hub, while
participants' browsers each get a private session that follows the projector's step."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import tempfile
from pathlib import Path

from aiohttp import web

from course.web.addresses import share_lines
from course.web.room_hub import RoomHub
from course.web.server import CourseServer, ServeOptions
from course.web.session_process import READY_WITHIN


def room_folder(create: bool = True) -> Path:
    """Where this user's room keeps its hub: a folder only they can open, so `course notes` finds
    the room, and no one else can. Raises OSError if the folder is not such a folder."""
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    folder = base / f"safe-to-be-close-room-{os.getuid()}"
    if create:
        folder.mkdir(mode=0o700, exist_ok=True)
    found = os.lstat(folder)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        raise PermissionError(f"{folder} is not a private folder of yours (remove it, then start the room again)")
    return folder


class RoomTaken(Exception):
    """Another room of this user's is running on this computer: one at a time."""


class Room:
    """The hub and the web server, run inside the facilitator's app: one process, one event loop."""

    def __init__(self, options: ServeOptions) -> None:
        self.folder = room_folder()
        self.hub = RoomHub(self.folder)
        session = options.session.replace(room=str(self.hub.path), workshop=False, save=False)
        # What the server would print has no terminal of its own here: the projector says where
        # to join itself (`addresses`).
        self.server = CourseServer(options.replace(session=session), lambda line: None)
        self._runner: web.AppRunner | None = None

    def claim(self) -> None:
        """Check, before the projector opens, that this room can run: raises RoomTaken if another
        room of this user's is running here, OSError if the address cannot be listened on. A
        socket left by a room that ended without tidying is removed."""
        if self.hub.path.exists():
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                probe.connect(str(self.hub.path))
            except OSError:
                self.hub.path.unlink()
            else:
                raise RoomTaken("another room of yours is running on this computer (end it with Ctrl+Q in its terminal)")
            finally:
                probe.close()
        options = self.server.options
        host = None if options.host == "" else options.host
        for family, kind, protocol, _, address in socket.getaddrinfo(host, options.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE):
            with socket.socket(family, kind, protocol) as listener:
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                listener.bind(address)

    def addresses(self) -> list[str]:
        """Where participants join, in words for the projector."""
        return share_lines(self.server.options.host, self.server.options.port)

    async def open(self) -> None:
        """Listen for participants: the hub first, so every session finds it."""
        await self.hub.start()
        starter = self.server.starter
        await asyncio.to_thread(starter.start_preloaded)
        await asyncio.to_thread(starter.wait_until_ready, READY_WITHIN)
        self._runner = web.AppRunner(self.server.application(), access_log=None)
        await self._runner.setup()
        options = self.server.options
        await web.TCPSite(self._runner, None if options.host == "" else options.host, options.port).start()

    async def close(self) -> None:
        """End every participant's session, then the server and the hub."""
        if self._runner is not None:
            await self._runner.cleanup()
        self.server.starter.close()
        await self.hub.close()
