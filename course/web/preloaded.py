"""The preloaded process: sessions forked from one process that has already imported the course.

Started from scratch, each session spends about 0.3 s of CPU importing Textual; a room arriving
at once queues on that. So `course serve` starts this process once. It imports the course and
Textual (configured for textual-serve's web driver), then waits on a private Unix socket. For
each tab the server sends the ends of three pipes (the session's stdin, stdout and stderr) and
the session's environment; this process forks, and the child runs the session on those pipes.

The exchange for one session, over its own connection:
  server -> here   4 bytes: the environment's length, with the three descriptors attached,
                   then the environment as JSON
  child -> server  4 bytes: the child's pid
  server -> child  1 byte: go (the server has not given up on this child)
  the connection stays open while the child runs: the server sees it close when the child ends.
A server that gave up waiting (this process was stopped or slow) closes the connection instead
of saying go, and the child exits without touching the pipes, which by then belong to a session
started another way.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys

NUMBER = struct.Struct("!i")
GO = b"g"
LARGEST_ENVIRONMENT = 16 * 1024 * 1024
"""Bytes: far beyond any real environment, short of one that could exhaust this process."""
READ_TIMEOUT = 5.0
"""Seconds to receive one session's request, or for a child to be told to go."""

# What textual-serve sets for every session: Textual reads these when it is first imported.
WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}


class BadRequest(Exception):
    """A request that is not a session's: refused, and every descriptor it carried closed."""


def preload_and_serve(socket_path: str, options_json: str) -> None:
    """Import everything once, then fork one child per request until the server goes."""
    # The facilitator's Ctrl+C is for the server, which stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    os.environ.update(WEB_ENVIRONMENT)
    preload()
    from course.session import SessionOptions, run_session

    options = SessionOptions.from_json(options_json)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    os.chmod(socket_path, 0o600)
    listener.listen(64)
    import gc

    gc.freeze()  # children share these pages instead of copying them when the GC runs
    parent = os.getppid()
    listener.settimeout(1.0)
    while os.getppid() == parent:  # a server killed outright takes this process with it
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        fds: list[int] = []
        try:
            environment, fds = receive_request(connection)
            if os.fork() == 0:
                listener.close()
                run_child(connection, fds, environment, lambda: run_session(options))
        except (BadRequest, OSError):
            pass  # not a session's request, or its server gave up: nothing is started
        finally:
            for fd in fds:
                os.close(fd)
            connection.close()


PRELOADED = (
    "textual.drivers.web_driver",
    "course.app",
    "course.screens.player",
    "course.screens.content_note",
    "course.screens.help",
    "course.screens.completion",
)
"""Imported once here and shared by every child. The screens are imported by a session on
first use; a room's participants all open on a step at once, and the player's imports
(Markdown, text areas, lists) took 50 ms of each one's start, and 3.5 MiB of its memory."""


def preload() -> None:
    """Import what every session needs, or needs soon."""
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)


def receive_request(connection: socket.socket) -> tuple[dict[str, str], list[int]]:
    """One session's environment and pipes; on any failure every descriptor received is closed."""
    connection.settimeout(READ_TIMEOUT)
    header, fds, _, _ = socket.recv_fds(connection, NUMBER.size, 3)
    try:
        if len(fds) != 3 or len(header) != NUMBER.size:
            raise BadRequest("three descriptors and a length are expected")
        return _environment(connection, NUMBER.unpack(header)[0]), fds
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise


def _environment(connection: socket.socket, length: int) -> dict[str, str]:
    if not 0 <= length <= LARGEST_ENVIRONMENT:
        raise BadRequest("an environment of that size is not a session's")
    payload = bytearray()
    while len(payload) < length:
        chunk = connection.recv(min(1 << 16, length - len(payload)))
        if not chunk:
            raise BadRequest("the request ended early")
        payload += chunk
    try:
        environment = json.loads(payload)
    except ValueError:
        raise BadRequest("the environment is not JSON") from None
    if not isinstance(environment, dict) or not all(isinstance(v, str) for v in environment.values()):
        raise BadRequest("the environment is not names and values")
    return environment


def run_child(connection: socket.socket, fds: list[int], environment: dict[str, str], session) -> None:  # type: ignore[no-untyped-def]
    """In the forked child: take the pipes once the server says go, run the session, exit."""
    status = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        connection.sendall(NUMBER.pack(os.getpid()))
        if connection.recv(1) != GO:
            return  # the server gave up on this child and started the session another way
        connection.settimeout(None)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(environment)
        status = session()
    except BaseException:
        pass  # never a traceback: the session's streams are a participant's browser tab
    finally:
        os._exit(status or 0)


if __name__ == "__main__":
    # python -m course.web.preloaded SOCKET OPTIONS_JSON
    preload_and_serve(sys.argv[1], sys.argv[2])
