"""The poll benchmark's feed server: N distinct RSS feeds on many loopback addresses, conditional GET included.

Run as its own process (``python -m bench.feed_server --feeds 1000 --items 50 --hosts 250 --port P``):
uvicorn (uvloop + httptools) with a raw ASGI app, one listening socket per address 127.0.0.2 …
127.0.0.(hosts + 1), all on the same port. Every document is built once at start and held in memory.

- ``GET /feeds/{n}.xml``: feed n with ``ETag`` and ``Last-Modified``; ``304 Not Modified`` when
  ``If-None-Match`` matches (RFC 9110 §13.1.2, weak comparison), or, without ``If-None-Match``, when
  ``If-Modified-Since`` is not before ``Last-Modified`` (§13.1.3). No compression, no Cache-Control.
- ``GET /stats``: ``{"200": n, "304": n, "404": n}`` since the last ``GET /stats?reset=1``.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import uvicorn

from bench.feedgen import feed_document

__all__ = ["FeedApp", "bind_sockets", "host_address"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

LAST_MODIFIED = datetime(2021, 2, 26, 2, 14, tzinfo=UTC)
_NOT_FOUND = {"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]}


def host_address(feed: int, hosts: int) -> str:
    """The loopback address feed number ``feed`` is served on: 127.0.0.2 … 127.0.0.(hosts + 1), round robin."""
    return f"127.0.0.{2 + feed % hosts}"


def bind_sockets(hosts: int, port: int) -> list[socket.socket]:
    """One listening socket per loopback address, all on ``port`` (OSError if any is taken)."""
    sockets: list[socket.socket] = []
    try:
        for number in range(hosts):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sockets.append(sock)
            sock.bind((host_address(number, hosts), port))
            sock.listen(4096)
            sock.setblocking(False)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class _Feed:
    __slots__ = ("body", "etag", "fresh", "not_modified")

    def __init__(self, number: int, items: int) -> None:
        self.body = feed_document(number, items=items)
        self.etag = f'"feed-{number}-v1"'.encode()
        last_modified = format_datetime(LAST_MODIFIED, usegmt=True).encode()
        self.fresh = {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/rss+xml; charset=utf-8"),
                (b"content-length", str(len(self.body)).encode()),
                (b"etag", self.etag),
                (b"last-modified", last_modified),
            ],
        }
        self.not_modified = {
            "type": "http.response.start",
            "status": 304,
            "headers": [(b"etag", self.etag), (b"last-modified", last_modified)],
        }

    def unchanged(self, if_none_match: bytes | None, if_modified_since: bytes | None) -> bool:
        if if_none_match is not None:
            tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
            return b"*" in tags or self.etag in tags
        if if_modified_since is not None:
            try:
                since = parsedate_to_datetime(if_modified_since.decode("latin-1"))
            except (TypeError, ValueError):
                return False
            return since.tzinfo is not None and since >= LAST_MODIFIED
        return False


class FeedApp:
    """The raw ASGI app: no framework, so the server costs as little as it can."""

    def __init__(self, feeds: int, items: int) -> None:
        self.feeds = [_Feed(number, items) for number in range(feeds)]
        self.counts: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path.startswith("/feeds/") and path.endswith(".xml"):
            number = path[7:-4]
            if number.isdigit() and int(number) < len(self.feeds):
                feed = self.feeds[int(number)]
                headers = dict(scope["headers"])
                if feed.unchanged(headers.get(b"if-none-match"), headers.get(b"if-modified-since")):
                    self.counts["304"] += 1
                    await send(feed.not_modified)
                    await send({"type": "http.response.body", "body": b""})
                else:
                    self.counts["200"] += 1
                    await send(feed.fresh)
                    await send({"type": "http.response.body", "body": feed.body})
                return
        if path == "/stats":
            body = json.dumps(dict(self.counts)).encode()
            if b"reset=1" in scope.get("query_string", b""):
                self.counts.clear()
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        self.counts["404"] += 1
        await send(_NOT_FOUND)
        await send({"type": "http.response.body", "body": b""})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=250)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 250:
        raise SystemExit("--hosts must be between 1 and 250")
    sockets = bind_sockets(args.hosts, args.port)
    app = FeedApp(args.feeds, args.items)
    config = uvicorn.Config(
        app,
        loop="uvloop",
        http="httptools",
        lifespan="off",
        access_log=False,
        log_level="warning",
        timeout_keep_alive=30,
        backlog=4096,
    )
    print("ready", flush=True)
    uvicorn.Server(config).run(sockets=sockets)
    sys.exit(0)


if __name__ == "__main__":
    main()
