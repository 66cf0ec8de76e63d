"""`course room`: the facilitator's terminal projects the course and is the room's hub, while
participants' browsers each get a private session that follows the projector's step."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from aiohttp import web

from course.web.room_hub import RoomHub
from course.web.server import CourseServer, ServeOptions
from course.web.session_process import READY_WITHIN


class Room:
    """The hub and the web server, run inside the facilitator's app: one process, one event loop."""

    def __init__(self, options: ServeOptions) -> None:
        # A private folder (0700) for the hub's socket: only this user's processes can reach it.
        self.folder = Path(tempfile.mkdtemp(prefix="course-room-"))
        self.hub = RoomHub(self.folder)
        self.lines: list[str] = []
        """What the server would print: the address to join at, said on the projector instead."""
        session = options.session.replace(room=str(self.hub.path), workshop=False, save=False)
        self.server = CourseServer(options.replace(session=session), self.lines.append)
        self._runner: web.AppRunner | None = None

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
        self.folder.rmdir()
