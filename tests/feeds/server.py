"""A tiny HTTP/1.1 server on a loopback address, run by the test's own event loop, with per-test routes."""

from __future__ import annotations

import asyncio
import inspect
import ipaddress
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any

__all__ = ["Handler", "LoopbackServer", "Request", "Response", "loopback_dns"]


async def loopback_dns(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """An outbound guard's resolver for which every name is this machine: a test server answers by name,
    and nothing a test generates leaves the machine."""
    return [ipaddress.ip_address("127.0.0.1")]


@dataclass(frozen=True)
class Request:
    """One request as the server saw it; header names are lower-case."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Response:
    """What a handler answers. An iterator body is sent chunked, or raw when a Content-Length is given."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | AsyncIterator[bytes] = b""


Handler = Callable[[Request], Response | Awaitable[Response]]


class LoopbackServer:
    """``async with LoopbackServer() as server``: routes by path, records requests, surfaces handler errors."""

    def __init__(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> None:
        self.host = host
        self.tls = tls
        self.port = 0
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self.errors: list[BaseException] = []
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    def url(self, path: str = "/") -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler | Response) -> None:
        """Answer ``path`` with a fixed Response or a (sync or async) handler."""
        if isinstance(handler, Response):
            fixed = handler
            self.routes[path] = lambda _request: fixed
        else:
            self.routes[path] = handler

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.target.split("?", 1)[0] == path]

    async def __aenter__(self) -> LoopbackServer:
        self._server = await asyncio.start_server(self._connection, self.host, 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        try:
            while await self._exchange(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            pass  # the client went away, as a capped or timed-out fetch (or a refused certificate) does
        except asyncio.CancelledError:
            pass  # the server is closing; asyncio 3.11 logs a connection task that ends cancelled as an error
        except Exception as exc:  # a broken handler must fail the test, not vanish into a log
            self.errors.append(exc)
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        length = headers.get("content-length", "")
        # Read the body (webhook subscribers check it), else it would be taken for the next request's head.
        body = await reader.readexactly(int(length)) if length.isascii() and length.isdigit() else b""
        request = Request(method, target, headers, body)
        self.requests.append(request)
        handler = self.routes.get(target.split("?", 1)[0])
        answer = handler(request) if handler else Response(404, body=b"not found")
        response = await answer if inspect.isawaitable(answer) else answer
        await self._send(writer, response)
        return headers.get("connection", "").lower() != "close"

    async def _send(self, writer: asyncio.StreamWriter, response: Response) -> None:
        headers = {k.lower(): v for k, v in response.headers.items()}
        streamed = not isinstance(response.body, bytes)
        if isinstance(response.body, bytes):
            headers.setdefault("content-length", str(len(response.body)))
        elif "content-length" not in headers:
            headers["transfer-encoding"] = "chunked"
        reason = HTTPStatus(response.status).phrase if response.status in HTTPStatus._value2member_map_ else "Other"
        head = f"HTTP/1.1 {response.status} {reason}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write(head.encode("latin-1") + b"\r\n")
        if isinstance(response.body, bytes):
            writer.write(response.body)
            await writer.drain()
            return
        chunked = streamed and headers.get("transfer-encoding") == "chunked"
        async for piece in response.body:
            if piece:
                writer.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                await writer.drain()
        if chunked:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
