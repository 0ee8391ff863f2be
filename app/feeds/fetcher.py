"""Fetching feeds through one aiohttp session: conditional GET, a decoded-size cap, one deadline, counted redirects."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import aiohttp
import httpx

from app.errors import BlockedURL, CorruptBody, UnsupportedEncoding
from app.feeds.result import FetchResult, FetchStatus
from app.net.decoding import accept_encoding, make_decoder
from app.net.feed_client import FeedClient
from app.net.guard import validate_url

__all__ = ["ACCEPT", "DEFAULT_MAX_BYTES", "fetch"]

DEFAULT_MAX_BYTES = 10 * 2**20
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})  # RFC 9110 §15.4: only these say "use the new URL from now on"


class _Outcome(Exception):
    """Ends a fetch early with a concise error text."""


@dataclass
class _Hops:
    """Where the redirect chain has got to, so any outcome can report it."""

    url: httpx.URL
    permanent: httpx.URL | None = None
    still_permanent: bool = True
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def answered(self, response: aiohttp.ClientResponse) -> None:
        self.status = response.status
        self.headers = _headers(response.raw_headers)

    def follow(self) -> httpx.URL:
        location = self.headers.get("location")
        if not location:
            raise _Outcome(f"HTTP {self.status} redirect without a Location")
        try:
            target = validate_url(self.url.join(location.strip()))
        except httpx.InvalidURL:
            raise _Outcome("redirect to an invalid URL") from None
        except BlockedURL as exc:
            raise _Outcome(f"redirect refused: {exc.detail}") from None
        # The stored URL moves only along an unbroken run of permanent redirects from the start.
        self.still_permanent = self.still_permanent and self.status in _PERMANENT
        if self.still_permanent:
            self.permanent = target
        self.url = target
        return target

    def result(self, status: FetchStatus, **fields: Any) -> FetchResult:
        # A feed is only moved to a URL that answered: a permanent hop into an error changes nothing yet.
        moved = self.permanent is not None and status in ("ok", "not_modified")
        return FetchResult(
            status=status,
            final_url=str(self.url),
            permanent_url=str(self.permanent) if moved else None,
            headers=self.headers,
            http_status=self.status,
            **fields,
        )


def _text(raw: bytes) -> str:
    # aiohttp decodes heads as UTF-8 with surrogate escapes, which neither SQLite nor a header can carry:
    # UTF-8 where the bytes are UTF-8, else latin-1 (RFC 9110 §5.5: obs-text), as httpx did.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _headers(raw: Sequence[tuple[bytes, bytes]]) -> dict[str, str]:
    """Response headers by lower-case name, repeated ones joined with commas (RFC 9110 §5.3), as httpx did."""
    headers: dict[str, str] = {}
    for name, value in raw:
        key, text = name.decode("latin-1").lower(), _text(value)
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


def _reason(response: aiohttp.ClientResponse) -> str:
    return _text((response.reason or "").encode("utf-8", "surrogateescape"))


def _describe(exc: aiohttp.ClientError) -> str:
    # aiohttp wraps the original error, as os_error, certificate_error or the cause.
    cause: BaseException | None = exc
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        inner = getattr(cause, "certificate_error", None) or getattr(cause, "os_error", None)
        if isinstance(cause, aiohttp.ClientError) and isinstance(inner, BaseException):
            cause = inner  # aiohttp's wrappers are ssl errors too, without the original's fields
            continue
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate error: {cause.verify_message}"
        if isinstance(cause, ssl.SSLError) and not isinstance(cause, ssl.SSLWantReadError | ssl.SSLWantWriteError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, aiohttp.ClientConnectorDNSError) and exc.__cause__ is not None:
        return f"cannot connect: {exc.__cause__}"[:300]
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"cannot connect: {exc.strerror or exc}"[:300]
    if isinstance(exc, aiohttp.ClientResponseError):  # a response aiohttp could not read: bad or oversized head
        return f"invalid response: {exc.message}"[:300]
    return f"{type(exc).__name__}: {exc}"[:300]


async def _read_body(response: aiohttp.ClientResponse, headers: Mapping[str, str], max_bytes: int) -> bytes:
    encoding = headers.get("content-encoding")  # every Content-Encoding line, joined: each coding is undone
    length = headers.get("content-length", "")
    if not encoding and length.isascii() and length.isdigit() and int(length[:20]) > max_bytes:
        raise _Outcome(f"too large: {length[:20]} bytes, over the {max_bytes}-byte cap")
    try:
        decoder = make_decoder(encoding)
        body = bytearray()
        # The cap is on decoded bytes and checked per bounded piece: a gzip bomb stops at the cap.
        async for raw in response.content.iter_any():
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
    hops: _Hops, response: aiohttp.ClientResponse, *, etag: str | None, modified: str | None, cap: int
) -> FetchResult:
    code = response.status
    headers = hops.headers
    if code == 304:
        # A 304 may repeat the validators; keep the ones we sent when it does not.
        return hops.result(
            "not_modified", etag=headers.get("etag") or etag, last_modified=headers.get("last-modified") or modified
        )
    if code == 410:
        return hops.result("gone", error="HTTP 410 Gone")
    if not 200 <= code < 300:
        return hops.result("error", error=f"HTTP {code} {_reason(response)}".strip())
    return hops.result(
        "ok",
        content=await _read_body(response, headers, cap),
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
    )


def _sendable(validator: str | None) -> TypeGuard[str]:
    # A stored validator that cannot go into a header (non-ASCII, control characters) is dropped rather
    # than failing this feed's every poll; the fetch is then a plain GET.
    return bool(validator and validator.isascii() and validator.isprintable())


async def fetch(
    client: FeedClient,
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
    try:
        # One deadline over every hop and the whole body: the client's timeouts are per read, so a server
        # dripping one byte at a time would never trip them.
        async with asyncio.timeout(deadline_seconds):
            for _ in range(max_redirects + 1):
                hops.status, hops.headers = None, {}
                async with client.host_limiter.slot(hops.url.host), client.get(hops.url, headers) as response:
                    hops.answered(response)
                    if response.status not in _REDIRECTS:
                        return await _finish(hops, response, etag=etag, modified=last_modified, cap=max_bytes)
                hops.follow()
            return hops.result("error", error=f"too many redirects (more than {max_redirects})")
    except _Outcome as exc:
        return hops.result("error", error=str(exc))
    except BlockedURL as exc:
        return hops.result("error", error=f"blocked: {exc.detail}")
    except aiohttp.ClientError as exc:  # before TimeoutError: aiohttp's read timeouts are TimeoutErrors too
        return hops.result("error", error=_describe(exc))
    except TimeoutError:
        return hops.result("error", error=f"timed out: no complete response within {deadline_seconds:g} s")
    except OSError as exc:  # the guard's own look-up of an address written in the URL
        return hops.result("error", error=f"cannot connect: {exc.strerror or exc}"[:300])
