"""textual-serve's server, with the doors a room of strangers needs closed.

Only a page from this server gets a session (a browser always sends the page's origin with a
WebSocket, and another site's page cannot forge it), terminal sizes are clamped, and input
messages too large for any keyboard or sensible paste are dropped.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

MAX_WIDTH, MAX_HEIGHT = 500, 200
"""The largest terminal a session is given, whatever a page asks for."""
MAX_MESSAGE = 64 * 1024
"""Characters in one message from a page: a paste larger than this is dropped, not typed."""


def clamped(value: object, largest: int, default: int) -> int:
    """A terminal dimension a session can afford: a whole number from 1 to largest."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default
    return max(1, min(largest, number))


def same_origin(request: web.Request) -> bool:
    """Whether the WebSocket was opened by a page this server served (same scheme and host)."""
    origin = request.headers.get("Origin", "")
    return origin == f"{request.scheme}://{request.host}"


class GuardedServer(Server):
    """Refuses foreign pages, and keeps every session's size and input within bounds."""

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not same_origin(request):
            return web.Response(status=403, text="This course only opens from its own page.\n")
        query = dict(request.query)
        query["width"] = str(clamped(query.get("width", 80), MAX_WIDTH, 80))
        query["height"] = str(clamped(query.get("height", 24), MAX_HEIGHT, 24))
        return await super().handle_websocket(request.clone(rel_url=request.rel_url.with_query(query)))

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
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
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = clamped(data.get("width"), MAX_WIDTH, 80)
                height = clamped(data.get("height"), MAX_HEIGHT, 24)
                await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()
