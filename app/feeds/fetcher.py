"""Fetching feeds with one shared httpx client: conditional GET, a decoded-size cap, one deadline, counted redirects."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, TypeGuard

import httpx

from app.errors import BlockedURL
from app.feeds.decoding import CorruptBody, UnsupportedEncoding, accept_encoding, make_decoder
from app.feeds.guard import OutboundGuard, validate_url
from app.feeds.result import FetchResult, FetchStatus

__all__ = ["ACCEPT", "DEFAULT_MAX_BYTES", "FeedClient", "HostLimiter", "build_client", "fetch"]

DEFAULT_MAX_BYTES = 10 * 2**20
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})  # RFC 9110 §15.4: only these say "use the new URL from now on"


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


class _Cookies(httpx.Cookies):
    """httpx's cookie store, minus the cookie jar's work for a response that sets no cookie.

    httpx hands every response to http.cookiejar, which wraps response and request in urllib stand-ins
    before finding no Set-Cookie header to read: about 5 % of the CPU of a poll answered 304.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            super().extract_cookies(response)


class FeedClient(httpx.AsyncClient):
    """The shared httpx client, carrying the per-host limiter that ``fetch`` uses."""

    def __init__(self, *, host_limiter: HostLimiter, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.host_limiter = host_limiter
        self._cookies = _Cookies(self._cookies.jar)  # the same jar, the cheaper store

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._cookies = _Cookies(httpx.Cookies(cookies).jar)


def build_client(
    *,
    guard: OutboundGuard,
    user_agent: str,
    per_host_limit: int = 2,
    timeout: float = 10.0,
    max_connections: int = 100,
    ssl_context: ssl.SSLContext | None = None,
) -> FeedClient:
    """The one outbound client: guarded transport, HTTP/1.1, no environment proxies, redirects left to the caller.

    ``ssl_context`` defaults to certifi's CA bundle, ignoring SSL_CERT_FILE (the environment is not trusted).
    """
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=min(20, max_connections))
    return FeedClient(
        host_limiter=HostLimiter(per_host_limit),
        transport=guard.transport(limits=limits, ssl_context=ssl_context),
        headers={"User-Agent": user_agent},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
    )


class _Outcome(Exception):
    """Ends a fetch early with a concise error text."""


@dataclass
class _Hops:
    """Where the redirect chain has got to, so any outcome can report it."""

    url: httpx.URL
    permanent: httpx.URL | None = None
    still_permanent: bool = True
    response: httpx.Response | None = None

    def follow(self, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("location")
        if not location:
            raise _Outcome(f"HTTP {response.status_code} redirect without a Location")
        try:
            target = validate_url(self.url.join(location.strip()))
        except httpx.InvalidURL:
            raise _Outcome("redirect to an invalid URL") from None
        except BlockedURL as exc:
            raise _Outcome(f"redirect refused: {exc.detail}") from None
        # The stored URL moves only along an unbroken run of permanent redirects from the start.
        self.still_permanent = self.still_permanent and response.status_code in _PERMANENT
        if self.still_permanent:
            self.permanent = target
        self.url = target
        return target

    def result(self, status: FetchStatus, **fields: Any) -> FetchResult:
        response = self.response
        # A feed is only moved to a URL that answered: a permanent hop into an error changes nothing yet.
        moved = self.permanent is not None and status in ("ok", "not_modified")
        return FetchResult(
            status=status,
            final_url=str(self.url),
            permanent_url=str(self.permanent) if moved else None,
            headers=httpx.Headers() if response is None else response.headers,
            http_status=None if response is None else response.status_code,
            **fields,
        )


def _describe(exc: httpx.HTTPError) -> str:
    # httpx and httpcore each wrap the original error, sometimes as cause, sometimes only as context.
    cause: BaseException | None = exc
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate error: {cause.verify_message}"
        if isinstance(cause, ssl.SSLError) and not isinstance(cause, ssl.SSLWantReadError | ssl.SSLWantWriteError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}"[:300]
    return f"{type(exc).__name__}: {exc}"[:300]


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    encoding = response.headers.get("content-encoding")
    length = response.headers.get("content-length", "")
    if not encoding and length.isascii() and length.isdigit() and int(length[:20]) > max_bytes:
        raise _Outcome(f"too large: {length[:20]} bytes, over the {max_bytes}-byte cap")
    try:
        decoder = make_decoder(encoding)
        body = bytearray()
        # The cap is on decoded bytes and checked per bounded piece: a gzip bomb stops at the cap.
        async for raw in response.aiter_raw():
            for piece in decoder.feed(raw):
                body += piece
                if len(body) > max_bytes:
                    raise _Outcome(f"too large: over the {max_bytes}-byte cap once decoded")
        for piece in decoder.flush():
            body += piece
            if len(body) > max_bytes:
                raise _Outcome(f"too large: over the {max_bytes}-byte cap once decoded")
    except UnsupportedEncoding as exc:
        raise _Outcome(f"unsupported Content-Encoding: {exc}") from None
    except CorruptBody as exc:
        raise _Outcome(f"corrupt {exc} body") from None
    return bytes(body)


async def _finish(
    hops: _Hops, response: httpx.Response, *, etag: str | None, modified: str | None, cap: int
) -> FetchResult:
    code = response.status_code
    if code == 304:
        # A 304 may repeat the validators; keep the ones we sent when it does not.
        return hops.result(
            "not_modified",
            etag=response.headers.get("etag") or etag,
            last_modified=response.headers.get("last-modified") or modified,
        )
    if code == 410:
        return hops.result("gone", error="HTTP 410 Gone")
    if not 200 <= code < 300:
        return hops.result("error", error=f"HTTP {code} {response.reason_phrase}".strip())
    return hops.result(
        "ok",
        content=await _read_body(response, cap),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _sendable(validator: str | None) -> TypeGuard[str]:
    # A stored validator that cannot go into a header (non-ASCII, control characters) is dropped rather
    # than failing this feed's every poll; the fetch is then a plain GET.
    return bool(validator and validator.isascii() and validator.isprintable())


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline_seconds: float = 30.0,
    max_redirects: int = 5,
) -> FetchResult:
    """GET a feed: never raises for network or HTTP trouble, which comes back as status ``"error"``."""
    try:
        hops = _Hops(validate_url(url))
    except BlockedURL as exc:
        return FetchResult(status="error", final_url=url, error=f"blocked: {exc.detail}")
    headers = {"Accept": ACCEPT, "Accept-Encoding": accept_encoding()}
    if _sendable(etag):
        headers["If-None-Match"] = etag
    if _sendable(last_modified):
        headers["If-Modified-Since"] = last_modified
    limiter = client.host_limiter if isinstance(client, FeedClient) else None
    try:
        # One deadline over every hop and the whole body: httpx's timeouts are per read, so a server
        # dripping one byte at a time would never trip them.
        async with asyncio.timeout(deadline_seconds):
            for _ in range(max_redirects + 1):
                async with contextlib.AsyncExitStack() as stack:
                    if limiter is not None:
                        await stack.enter_async_context(limiter.slot(hops.url.host))
                    hops.response = None
                    request = client.build_request("GET", hops.url, headers=headers)
                    response = await client.send(request, stream=True)
                    stack.push_async_callback(response.aclose)
                    hops.response = response
                    if response.status_code not in _REDIRECTS:
                        return await _finish(hops, response, etag=etag, modified=last_modified, cap=max_bytes)
                    hops.follow(response)
            return hops.result("error", error=f"too many redirects (more than {max_redirects})")
    except _Outcome as exc:
        return hops.result("error", error=str(exc))
    except TimeoutError:
        return hops.result("error", error=f"timed out: no complete response within {deadline_seconds:g} s")
    except BlockedURL as exc:
        return hops.result("error", error=f"blocked: {exc.detail}")
    except httpx.HTTPError as exc:
        return hops.result("error", error=_describe(exc))
