"""Checks `feedhook serve` makes before anything starts: the port is bound, the data folders are writable.

Each failure is one StartupProblem whose message names the path or the setting and says what to do, so
the command prints one line instead of a traceback. The port is bound first: with the port taken, no
poller, resolver or delivery worker may start and touch the database.
"""

from __future__ import annotations

import errno
import getpass
import os
import socket
import tempfile
from pathlib import Path

from app.errors import StartupProblem

__all__ = ["bind", "writable_folder"]


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (not yet listening; uvicorn listens on it), inheritable by workers."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise StartupProblem(
                f"port {port} on {host} is in use (another feedhook?): stop that process, "
                "or choose another port with `feedhook serve --port N`"
            ) from None
        if exc.errno == errno.EACCES:
            raise StartupProblem(f"port {port} needs privileges: choose a port above 1023 with --port") from None
        raise StartupProblem(f"cannot listen on {host}:{port} ({exc.strerror or exc}): check --host") from None
    sock.set_inheritable(True)
    return sock


def _file_on_the_way(path: Path) -> Path | None:
    """The first existing part of ``path`` that is not a folder (``path`` itself included), or None."""
    for part in (*reversed(path.parents), path):
        if part.exists() and not part.is_dir():
            return part
    return None


def writable_folder(path: Path, *, variable: str) -> None:
    """Create ``path`` when missing and prove a file can be written there; else say why and what to set."""
    blocker = _file_on_the_way(path)
    if blocker is not None:
        where = "is a file" if blocker == path else f"passes through the file {blocker}"
        raise StartupProblem(f"the data folder {path} {where}, not a folder: point {variable} at a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=path, prefix=".feedhook-write-test-")
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise StartupProblem(
            f"cannot write in the data folder {path} ({exc.strerror or exc}): let the user {getpass.getuser()!r} "
            f"write there (chown/chmod), or point {variable} at a folder it can write"
        ) from None
