"""Served sessions started by forking one preloaded process, not by starting Python each time.

Every browser tab gets its own course process. Started from scratch, each spends about 0.3 s
of CPU importing Textual; a room arriving at once queues on that. So `course serve` starts one
*preloaded* process that has imported the course and Textual (configured for textual-serve's
web driver) and waits on a private Unix socket. The command textual-serve runs per tab is a
small launcher that hands its stdin, stdout and stderr to that process over the socket; the
preloaded process forks, the child takes over those streams and runs the session, and its exit
status goes back to the launcher. If the preloaded process is not there, the launcher runs the
session itself, as before.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys

# What textual-serve sets for every session: Textual reads these when it is first imported.
WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
STATUS = struct.Struct("!i")


def preload_and_serve(socket_path: str, session_args: list[str]) -> None:
    """The preloaded process: import everything once, then fork one child per launcher."""
    os.environ.update(WEB_ENVIRONMENT)
    import textual.drivers.web_driver  # noqa: F401 - imported once here, shared by every child

    import course.app  # noqa: F401
    from course.cli import main

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    os.chmod(socket_path, 0o600)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    import gc

    gc.freeze()  # children share these pages instead of copying them when the GC runs
    parent = os.getppid()
    listener.settimeout(1.0)
    while os.getppid() == parent:  # a server killed outright takes this process with it
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        connection.settimeout(None)
        try:
            message, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
        except OSError:
            connection.close()
            continue
        if len(fds) != 3:
            connection.close()
            continue
        if os.fork() == 0:
            listener.close()
            _run_child(connection, fds, json.loads(message), session_args, main)
        for fd in fds:
            os.close(fd)
        connection.close()


def _run_child(connection: socket.socket, fds: list[int], environment: dict[str, str], session_args: list[str], main) -> None:  # type: ignore[no-untyped-def]
    """In the forked child: take over the launcher's streams, run the session, report, exit."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    status = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(environment)
        status = main(session_args)
    finally:
        try:
            connection.sendall(STATUS.pack(status or 0))
        finally:
            os._exit(status or 0)


def launch(socket_path: str, fallback: list[str]) -> int:
    """The per-tab command: hand this tab's streams to the preloaded process, wait, exit alike."""
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(socket_path)
        environment = json.dumps(dict(os.environ)).encode()
        socket.send_fds(connection, [environment], [0, 1, 2])
    except OSError:
        os.execv(sys.executable, [sys.executable, "-m", "course", *fallback])
    received = b""
    while len(received) < STATUS.size:
        chunk = connection.recv(STATUS.size - len(received))
        if not chunk:
            return 1
        received += chunk
    return int(STATUS.unpack(received)[0])


if __name__ == "__main__":
    # python -m course.web.sessions preload SOCKET -- ARGS  |  launch SOCKET -- ARGS
    role, path, separator, *arguments = sys.argv[1:]
    if role == "preload":
        preload_and_serve(path, arguments)
    else:
        sys.exit(launch(path, arguments))
