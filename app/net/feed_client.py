"""The poller's HTTP client: one aiohttp session dialled through the outbound guard, and a per-host limit."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import certifi
import httpx
import yarl
from aiohttp.abc import AbstractCookieJar, AbstractResolver, ResolveResult
from aiohttp.helpers import is_ip_address

from app.net.guard import OutboundGuard

__all__ = ["FeedClient", "HostLimiter"]


@dataclass
class _Slot:
    semaphore: asyncio.Semaphore
    users: int = 0


class HostLimiter:
    """At most ``limit`` requests in flight per host, so one slow publisher cannot hold every worker."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("per-host limit must be at least 1")
        self.limit = limit
        self._slots: dict[str, _Slot] = {}

    @contextlib.asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of ``host``'s slots for the duration of the block."""
        key = host.lower()
        entry = self._slots.setdefault(key, _Slot(asyncio.Semaphore(self.limit)))
        entry.users += 1
        try:
            async with entry.semaphore:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:  # forget idle hosts: the table stays as small as the work in flight
                del self._slots[key]

    def __len__(self) -> int:
        return len(self._slots)


class _GuardResolver(AbstractResolver):
    """aiohttp's name resolution through the guard: one lookup, every address checked, those dialled."""

    def __init__(self, guard: OutboundGuard) -> None:
        self._guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_UNSPEC
    ) -> list[ResolveResult]:
        try:
            addresses = await self._guard.addresses(host, port)
        except OSError as exc:
            raise OSError(f"cannot resolve {host!r}: {exc.strerror or exc}") from exc
        return [
            ResolveResult(
                hostname=host,
                host=str(ip),
                port=port,
                family=socket.AF_INET6 if ip.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for ip in addresses
        ]

    async def close(self) -> None:
        return None


class FeedClient:
    """The poller's HTTP client: one aiohttp session whose every connection is dialled through the guard;
    HTTP/1.1, no environment proxies, redirects left to ``fetch``.

    aiohttp rather than httpx for feeds: a poll answered 304 costs 0.5-0.8 ms of CPU through it against 1.9 ms
    through httpx on the same loop (bench/fetch_304.py, docs/benchmarks-poll.md), and a poll cycle is mostly
    such answers. The session is built on first use, inside the running loop, as aiohttp requires; once
    closed, the client refuses further use.
    """

    def __init__(
        self,
        *,
        guard: OutboundGuard,
        user_agent: str,
        per_host_limit: int = 2,
        timeout: float = 10.0,
        max_connections: int = 100,
        keepalive_seconds: float = 2.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.guard = guard
        self.host_limiter = HostLimiter(per_host_limit)
        self.user_agent = user_agent
        self._timeout = timeout
        self._max_connections = max_connections
        self._keepalive_seconds = keepalive_seconds
        # certifi's CA bundle, never SSL_CERT_FILE: the environment is not trusted.
        self._ssl = ssl_context or ssl.create_default_context(cafile=certifi.where())
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("the feed client is closed")
        if self._session is None:
            seconds = self._keepalive_seconds
            keepalive: dict[str, Any] = {"keepalive_timeout": seconds} if seconds > 0 else {"force_close": True}
            connector = aiohttp.TCPConnector(
                resolver=_GuardResolver(self.guard),
                use_dns_cache=False,  # every new connection is checked again: the guard's policy is the cache
                limit=self._max_connections,
                # Idle connections are kept briefly, for a host's next feed or a redirect hop: aiohttp has no cap
                # on idle connections, so their number is bounded by this time the rate of new ones. 0: none.
                **keepalive,
                ssl=self._ssl,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.user_agent},
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self._timeout, sock_read=self._timeout),
                auto_decompress=False,  # decoded here, against the size cap (a gzip bomb stops at the cap)
                trust_env=False,  # no proxies or .netrc from the environment
                requote_redirect_url=False,
            )
        return self._session

    @property
    def cookies(self) -> AbstractCookieJar:
        """Cookies set by feeds, sent back to them (some publishers set one and redirect to check it)."""
        return self.session.cookie_jar

    @contextlib.asynccontextmanager
    async def get(self, url: httpx.URL, headers: dict[str, str]) -> AsyncIterator[aiohttp.ClientResponse]:
        """GET ``url`` without following redirects; an address in the URL itself is checked here, since aiohttp
        dials one without resolving it."""
        host = url.raw_host.decode("ascii")
        if is_ip_address(host):
            await self.guard.addresses(host, url.port or (443 if url.scheme == "https" else 80))
        target = yarl.URL(str(url), encoded=True)  # httpx.URL has encoded it already; aiohttp must not again
        async with self.session.get(target, headers=headers, allow_redirects=False) as response:
            yield response

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> FeedClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
