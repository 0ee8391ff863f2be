"""uvicorn's httptools protocol with a bound on a request's head and on the time to receive a whole request."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["BoundedHttpToolsProtocol"]


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """Closes a connection whose request head passes MAX_HEAD_BYTES (431) or whose request is not received
    whole within RECEIVE_SECONDS of its first byte, or of the connection, for the first one (408).

    uvicorn's httptools protocol has neither: a 32 MiB header was read whole, and a client sending a
    byte now and then kept its socket, its buffers and a share of the body limit for as long as it liked.
    The keep-alive timeout still closes an idle connection between requests.
    """

    MAX_HEAD_BYTES = 64 * 1024
    RECEIVE_SECONDS = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._in_head = True
        self._receive_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            if self._receive_timer is None:  # the first byte of a request on a kept-alive connection
                self._arm()
            self._head_bytes += len(data)
            if self._head_bytes > self.MAX_HEAD_BYTES:
                self._refuse(431, b"Request Header Fields Too Large")
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        self._in_head, self._head_bytes = True, 0
        super().on_message_complete()

    def _arm(self) -> None:
        self._disarm()
        self._receive_timer = self.loop.call_later(self.RECEIVE_SECONDS, self._receive_timed_out)

    def _disarm(self) -> None:
        if self._receive_timer is not None:
            self._receive_timer.cancel()
            self._receive_timer = None

    def _receive_timed_out(self) -> None:
        self._receive_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            # The app may be waiting for the rest of the body: it sees a disconnect, then the socket goes.
            self.cycle.disconnected = True
            self.cycle.message_event.set()
            if self.cycle.response_started:
                self.transport.close()
                return
        self._refuse(408, b"Request Timeout")

    def _refuse(self, status: int, reason: bytes) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-length: 0\r\nconnection: close\r\n\r\n" % (status, reason))
            self.transport.close()
