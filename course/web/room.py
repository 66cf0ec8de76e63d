"""`course room`: the facilitator's terminal projects the course and is the room's hub, while
participants' browsers each get a private session that follows the projector's step."""

from __future__ import annotations

import asyncio
import os
import stat
import tempfile
from pathlib import Path

from aiohttp import web

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


class Room:
    """The hub and the web server, run inside the facilitator's app: one process, one event loop."""

    def __init__(self, options: ServeOptions) -> None:
        self.folder = room_folder()
        self.hub = RoomHub(self.folder)
        self.lines: list[str] = []
        """What the server would print: the address to join at, said on the projector instead."""
        session = options.session.replace(room=str(self.hub.path), workshop=False, save=False)
        self.server = CourseServer(options.replace(session=session), self.lines.append)
        self._runner: web.AppRunner | None = None

    async def open(self) -> None:
        """Listen for participants: the hub first, so every session finds it. A socket left by a
        room that has ended is replaced; OSError if another room of this user's is running."""
        if self.hub.path.exists():
            try:
                _, writer = await asyncio.open_unix_connection(str(self.hub.path))
            except OSError:
                self.hub.path.unlink()  # nothing answers there: a room that ended without tidying
            else:
                writer.close()
                raise OSError(98, "another room of yours is already running")
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
