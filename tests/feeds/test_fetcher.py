"""Tests of app.feeds.fetcher against real loopback servers: conditional GET, redirects, headers, the guard."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import sys
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from app.feeds.fetcher import ACCEPT, fetch
from app.feeds.parser import parse_feed
from app.net import decoding
from app.net.feed_client import FeedClient, HostLimiter
from app.net.guard import IPAddress, OutboundGuard
from tests.feeds.conftest import USER_AGENT
from tests.feeds.server import LoopbackServer, Request, Response, loopback_dns
from tests.net.test_guard import REFUSED_URLS

RSS = "application/rss+xml"


def rss(*items: tuple[str, str]) -> bytes:
    """A small RSS 2.0 document with (guid, description) items."""
    body = "".join(
        f"<item><title>Story {guid}</title><guid>{guid}</guid><link>https://example.com/{guid}</link>"
        f"<description>{text}</description></item>"
        for guid, text in items
    )
    return f'<rss version="2.0"><channel><title>Loopback</title>{body}</channel></rss>'.encode()


def only(*allowed: str) -> Callable[[IPAddress], bool]:
    """An address policy that admits exactly these addresses (the real default refuses all of loopback)."""
    addresses = {ipaddress.ip_address(a) for a in allowed}
    return lambda ip: ip in addresses


# --- conditional GET --------------------------------------------------------------------------


async def test_second_fetch_is_conditional_and_304_has_no_content(server: LoopbackServer, client: FeedClient) -> None:
    stamp = "Wed, 01 Jan 2025 00:00:00 GMT"

    def feed(request: Request) -> Response:
        if request.headers.get("if-none-match") == '"v1"':
            return Response(304, {"ETag": '"v1"'})
        return Response(200, {"Content-Type": RSS, "ETag": '"v1"', "Last-Modified": stamp}, rss(("a", "A")))

    server.route("/feed", feed)
    first = await fetch(client, server.url("/feed"))
    assert (first.status, first.http_status, first.etag, first.last_modified) == ("ok", 200, '"v1"', stamp)
    assert b"<guid>a</guid>" in first.content

    second = await fetch(client, server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert (second.status, second.http_status, second.content) == ("not_modified", 304, b"")
    assert (second.etag, second.last_modified) == ('"v1"', stamp)  # kept although the 304 omits one
    sent = server.hits("/feed")[1].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', stamp)
    assert "if-none-match" not in server.hits("/feed")[0].headers


async def test_validators_that_cannot_be_sent_are_dropped(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/feed", Response(200, {"Content-Type": RSS}, rss()))
    result = await fetch(client, server.url("/feed"), etag='"caf\u00e9"', last_modified="Wed\r\nX-Evil: 1")
    assert result.status == "ok"
    sent = server.hits("/feed")[0].headers
    assert ("if-none-match", "if-modified-since", "x-evil") & sent.keys() == set()


async def test_an_entry_that_changes_between_fetches(server: LoopbackServer, client: FeedClient) -> None:
    versions = iter([rss(("a", "First draft.")), rss(("a", "Corrected text."))])
    server.route("/feed", lambda _request: Response(200, {"Content-Type": RSS}, next(versions)))
    before, after = [
        parse_feed(result.content, headers=result.headers, url=result.final_url).entries
        for result in [await fetch(client, server.url("/feed")), await fetch(client, server.url("/feed"))]
    ]
    assert [e.guid for e in before] == [e.guid for e in after] == ["a"]
    assert (before[0].content, after[0].content) == ("First draft.", "Corrected text.")


async def test_request_headers_name_the_service_and_what_it_accepts(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/feed", Response(200, {"Content-Type": RSS}, rss()))
    await fetch(client, server.url("/feed"))
    sent = server.hits("/feed")[0].headers
    assert sent["user-agent"] == USER_AGENT
    assert sent["accept"] == ACCEPT
    assert sent["accept-encoding"] == decoding.accept_encoding()


# --- status codes and caching headers ---------------------------------------------------------


async def test_gone_and_server_errors(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/gone", Response(410))
    server.route("/broken", Response(500, body=b"oops"))
    gone, broken = await fetch(client, server.url("/gone")), await fetch(client, server.url("/broken"))
    assert (gone.status, gone.http_status) == ("gone", 410)
    assert (broken.status, broken.error, broken.content) == ("error", "HTTP 500 Internal Server Error", b"")


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_in_seconds_and_as_a_date(server: LoopbackServer, client: FeedClient, status: int) -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(minutes=2), usegmt=True)
    server.route("/seconds", Response(status, {"Retry-After": "3600"}))
    server.route("/date", Response(status, {"Retry-After": later, "Date": format_datetime(now, usegmt=True)}))
    seconds, date = await fetch(client, server.url("/seconds")), await fetch(client, server.url("/date"))
    assert (seconds.status, seconds.http_status, seconds.retry_after_seconds) == ("error", status, 3600)
    assert date.retry_after_seconds == 120  # measured against the server's own Date header


async def test_retry_after_is_ignored_on_other_statuses(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/feed", Response(200, {"Retry-After": "60", "Content-Type": RSS}, rss()))
    assert (await fetch(client, server.url("/feed"))).retry_after_seconds is None


@pytest.mark.parametrize(
    ("cache_control", "expected"),
    [
        ("public, max-age=900", 900),
        ('max-age="60"', 60),
        ("no-cache, max-age=900", None),
        ("no-store", None),
        ("max-age=soon", None),
        ("", None),
    ],
)
async def test_cache_control_max_age(
    server: LoopbackServer, client: FeedClient, cache_control: str, expected: int | None
) -> None:
    server.route("/feed", Response(200, {"Cache-Control": cache_control, "Content-Type": RSS}, rss()))
    result = await fetch(client, server.url("/feed"))
    assert (result.max_age_seconds, result.freshness_seconds) == (expected, expected)


async def test_expires_counts_from_the_servers_date(server: LoopbackServer, client: FeedClient) -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    headers = {
        "Date": format_datetime(now, usegmt=True),
        "Expires": format_datetime(now + timedelta(hours=1), usegmt=True),
    }
    server.route("/feed", Response(200, headers, rss()))
    result = await fetch(client, server.url("/feed"))
    assert (result.expires, result.freshness_seconds, result.max_age_seconds) == (now + timedelta(hours=1), 3600, None)


# --- redirects --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_updates_the_stored_url(
    server: LoopbackServer, client: FeedClient, status: int
) -> None:
    server.route("/old", Response(status, {"Location": "/new"}))
    server.route("/new", Response(200, {"Content-Type": RSS}, rss(("a", "A"))))
    result = await fetch(client, server.url("/old"))
    assert (result.status, result.final_url, result.permanent_url) == ("ok", server.url("/new"), server.url("/new"))


@pytest.mark.parametrize("status", [302, 303, 307])
async def test_temporary_redirect_keeps_the_stored_url(server: LoopbackServer, client: FeedClient, status: int) -> None:
    server.route("/old", Response(status, {"Location": server.url("/new")}))
    server.route("/new", Response(200, {"Content-Type": RSS}, rss()))
    result = await fetch(client, server.url("/old"))
    assert (result.status, result.final_url, result.permanent_url) == ("ok", server.url("/new"), None)


async def test_only_the_leading_permanent_hops_move_the_feed(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/a", Response(301, {"Location": "/b"}))
    server.route("/b", Response(302, {"Location": "/c"}))
    server.route("/c", Response(301, {"Location": "/d"}))
    server.route("/d", Response(200, {"Content-Type": RSS}, rss()))
    result = await fetch(client, server.url("/a"))
    assert (result.final_url, result.permanent_url) == (server.url("/d"), server.url("/b"))


async def test_a_permanent_move_into_an_error_does_not_move_the_feed(
    server: LoopbackServer, client: FeedClient
) -> None:
    server.route("/old", Response(301, {"Location": "/missing"}))
    result = await fetch(client, server.url("/old"))
    assert (result.status, result.http_status, result.permanent_url) == ("error", 404, None)
    assert result.final_url == server.url("/missing")


@pytest.mark.parametrize(("hops", "status"), [(5, "ok"), (6, "error")])
async def test_at_most_five_redirects(server: LoopbackServer, client: FeedClient, hops: int, status: str) -> None:
    for n in range(hops):
        server.route(f"/r{n}", Response(302, {"Location": f"/r{n + 1}"}))
    server.route(f"/r{hops}", Response(200, {"Content-Type": RSS}, rss()))
    result = await fetch(client, server.url("/r0"))
    assert result.status == status
    if status == "error":
        assert result.error == "too many redirects (more than 5)"
        assert len(server.requests) == 6


async def test_redirect_without_location_or_to_another_scheme(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/nowhere", Response(301))
    server.route("/file", Response(302, {"Location": "file:///etc/passwd"}))
    nowhere, file = await fetch(client, server.url("/nowhere")), await fetch(client, server.url("/file"))
    assert nowhere.error == "HTTP 301 redirect without a Location"
    assert file.status == "error"
    assert file.error is not None
    assert "redirect refused" in file.error
    assert "'file'" in file.error


async def test_redirect_to_a_refused_loopback_address_is_blocked() -> None:
    # The guard is ON with a policy that admits 127.0.0.1 only, so the test's first hop is reachable and
    # the hop to 127.0.0.2 (loopback too, and listening) must be refused before any connection is made.
    guard = OutboundGuard(allow_private=False, is_allowed=only("127.0.0.1"))
    async with LoopbackServer("127.0.0.1") as public, LoopbackServer("127.0.0.2") as internal:
        internal.route("/secret", Response(200, {"Content-Type": RSS}, rss(("secret", "internal data"))))
        public.route("/feed", Response(302, {"Location": internal.url("/secret")}))
        async with FeedClient(guard=guard, user_agent=USER_AGENT, per_host_limit=2, timeout=5.0) as client:
            redirected = await fetch(client, public.url("/feed"))
            direct = await fetch(client, internal.url("/secret"))
        assert internal.requests == []
    assert (redirected.status, redirected.http_status, redirected.content) == ("error", None, b"")
    assert redirected.error == "blocked: '127.0.0.2' resolves to a non-public address (127.0.0.2)"
    assert redirected.final_url == internal.url("/secret")
    assert direct.error == redirected.error


async def test_the_default_guard_refuses_loopback(server: LoopbackServer) -> None:
    server.route("/feed", Response(200, {"Content-Type": RSS}, rss()))
    guard = OutboundGuard(allow_private=False)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, per_host_limit=2, timeout=5.0) as client:
        result = await fetch(client, server.url("/feed"))
    assert result.status == "error"
    assert result.error is not None
    assert result.error.startswith("blocked:")
    assert server.requests == []


# --- the guard's resolver: one lookup, connect to what was checked ---------------------------


async def test_connects_to_the_checked_address_without_a_second_lookup(server: LoopbackServer) -> None:
    # A name the OS cannot resolve: the request only works if the client dials the address our resolver
    # returned. The resolver answers a private address from its second call on, as a rebinding DNS would.
    calls: list[str] = []

    async def rebinding(host: str, port: int) -> list[IPAddress]:
        calls.append(host)
        return [ipaddress.ip_address("127.0.0.1" if len(calls) == 1 else "10.0.0.1")]

    server.route("/feed", Response(200, {"Content-Type": RSS}, rss(("a", "A"))))
    guard = OutboundGuard(allow_private=False, is_allowed=only("127.0.0.1"), resolver=rebinding)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, per_host_limit=2, timeout=5.0) as client:
        result = await fetch(client, f"http://feed.invalid:{server.port}/feed")
    assert result.status == "ok", result.error
    assert calls == ["feed.invalid"]
    assert server.hits("/feed")[0].headers["host"] == f"feed.invalid:{server.port}"


async def test_a_name_with_any_refused_address_is_refused(server: LoopbackServer) -> None:
    async def mixed(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("169.254.169.254")]

    guard = OutboundGuard(allow_private=False, is_allowed=only("127.0.0.1"), resolver=mixed)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, per_host_limit=2, timeout=5.0) as client:
        result = await fetch(client, f"http://feed.invalid:{server.port}/feed")
    assert result.error == "blocked: 'feed.invalid' resolves to a non-public address (169.254.169.254)"
    assert server.requests == []


async def test_network_failures_are_results_not_exceptions(client: FeedClient) -> None:
    async def nothing(host: str, port: int) -> list[IPAddress]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async with FeedClient(
        guard=OutboundGuard(allow_private=True, resolver=nothing), user_agent=USER_AGENT, timeout=5.0
    ) as unresolving:
        dns = await fetch(unresolving, "http://feed.invalid/feed")
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = await fetch(client, f"http://127.0.0.1:{port}/feed")
    scheme = await fetch(client, "ftp://example.com/feed")
    assert dns.error == "cannot connect: cannot resolve 'feed.invalid': Name or service not known"
    assert refused.status == "error"
    assert refused.error is not None
    assert refused.error.startswith("cannot connect")
    assert scheme.error == "blocked: only http and https URLs are allowed, not 'ftp'"


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_the_default_guard_refuses_every_internal_notation(url: str) -> None:
    # Addresses written in the URL skip aiohttp's resolver; the client checks them itself before dialling.
    async with FeedClient(guard=OutboundGuard(allow_private=False), user_agent=USER_AGENT, timeout=5.0) as client:
        result = await fetch(client, url)
    assert (result.status, result.http_status) == ("error", None)
    assert result.error is not None
    assert result.error.startswith("blocked:"), result.error


async def test_host_names_no_resolver_can_ask_for_are_errors(client: FeedClient) -> None:
    too_long = await fetch(client, f"http://{'a' * 64}.example/feed")  # a DNS label holds at most 63
    bad_punycode = await fetch(client, "http://xn--a.example/feed")
    assert too_long.error == f"cannot connect: cannot resolve '{'a' * 64}.example': the host name cannot be encoded"
    assert bad_punycode.error is not None
    assert bad_punycode.error.startswith("blocked: the host name is not valid"), bad_punycode.error


# --- content codings --------------------------------------------------------------------------


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", _gzip),
        ("x-gzip", _gzip),
        ("deflate", zlib.compress),
        ("deflate", _raw_deflate),  # what some servers send for "deflate"
        ("gzip", lambda data: _gzip(data[:1000]) + _gzip(data[1000:])),  # two gzip members
        ("deflate, gzip", lambda data: _gzip(zlib.compress(data))),
    ],
)
async def test_compressed_bodies_are_decoded(
    server: LoopbackServer, client: FeedClient, coding: str, encode: Callable[[bytes], bytes]
) -> None:
    document = rss(*((f"g{n}", "words " * 50) for n in range(20)))
    server.route("/feed", Response(200, {"Content-Type": RSS, "Content-Encoding": coding}, encode(document)))
    result = await fetch(client, server.url("/feed"))
    assert (result.status, result.content) == ("ok", document)


async def test_brotli_bodies_are_decoded(server: LoopbackServer, client: FeedClient) -> None:
    brotli = pytest.importorskip("brotli")
    document = rss(("a", "brotli " * 100))
    server.route("/feed", Response(200, {"Content-Type": RSS, "Content-Encoding": "br"}, brotli.compress(document)))
    result = await fetch(client, server.url("/feed"))
    assert (result.status, result.content) == ("ok", document)


async def test_undecodable_codings_are_errors(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/zstd", Response(200, {"Content-Encoding": "zstd"}, b"\x28\xb5\x2f\xfd"))
    server.route("/corrupt", Response(200, {"Content-Encoding": "gzip"}, b"\x1f\x8b not really gzip"))
    zstd, corrupt = await fetch(client, server.url("/zstd")), await fetch(client, server.url("/corrupt"))
    assert zstd.error == "unsupported Content-Encoding: zstd"
    assert corrupt.error == "corrupt gzip body"


# --- per-host concurrency ---------------------------------------------------------------------


async def test_per_host_limit_bounds_requests_in_flight(server: LoopbackServer) -> None:
    in_flight, peak = 0, 0

    async def slow(_request: Request) -> Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return Response(200, {"Content-Type": RSS}, rss())

    server.route("/feed", slow)
    guard = OutboundGuard(allow_private=True)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, per_host_limit=2, timeout=5.0) as client:
        results = await asyncio.gather(*(fetch(client, server.url("/feed")) for _ in range(6)))
        assert len(client.host_limiter) == 0  # idle hosts are forgotten
    assert {r.status for r in results} == {"ok"}
    assert peak == 2


async def test_a_hosts_next_feed_reuses_the_connection_for_a_short_while_only(server: LoopbackServer) -> None:
    server.route("/feed", Response(304, {"ETag": '"v1"'}, b""))
    guard = OutboundGuard(allow_private=True)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, keepalive_seconds=0.3) as client:
        first = await fetch(client, server.url("/feed"), etag='"v1"')
        second = await fetch(client, server.url("/feed"), etag='"v1"')
        assert server.connections == 1
        await asyncio.sleep(0.6)  # idle past keep-alive: closed, so idle sockets stay bounded
        third = await fetch(client, server.url("/feed"), etag='"v1"')
    assert {first.status, second.status, third.status} == {"not_modified"}
    assert server.connections == 2


async def test_a_closed_client_refuses_to_fetch(server: LoopbackServer) -> None:
    # A component still holding a closed client must fail loudly, not quietly open a new session.
    server.route("/feed", Response(200, {"Content-Type": RSS}, rss()))
    client = FeedClient(guard=OutboundGuard(allow_private=True), user_agent=USER_AGENT)
    assert (await fetch(client, server.url("/feed"))).status == "ok"
    await client.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await fetch(client, server.url("/feed"))
    assert len(server.requests) == 1


async def test_host_limiter_queues_beyond_its_limit() -> None:
    limiter = HostLimiter(1)
    order: list[str] = []

    async def use(name: str, host: str) -> None:
        async with limiter.slot(host):
            order.append(f"{name}+")
            await asyncio.sleep(0.01)
            order.append(f"{name}-")

    await asyncio.gather(use("a", "x.test"), use("b", "X.TEST"), use("c", "y.test"))
    assert order.index("a-") < order.index("b+")  # same host, case-insensitively: one at a time
    assert order.index("c+") < order.index("a-")  # another host is not held up
    with pytest.raises(ValueError, match="at least 1"):
        HostLimiter(0)


class _ImportRecorder:
    """A meta path finder that only records which modules the import system is asked to find."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        self.names.append(name)


async def test_a_fetch_searches_for_no_module(server: LoopbackServer, client: FeedClient) -> None:
    # httpcore, the client feeds used before aiohttp, asked for sniffio on every lock (six per request): each
    # ask was a failed import that scanned sys.path, a third of the CPU of a 304 poll. This fails if any
    # per-request import search comes back, whichever library makes it.
    server.route("/feed", Response(304, {"ETag": '"v1"'}, b""))
    await fetch(client, server.url("/feed"), etag='"v1"')  # warm: first-use imports are fine
    recorder = _ImportRecorder()
    sys.meta_path.insert(0, recorder)
    try:
        for _ in range(3):
            assert (await fetch(client, server.url("/feed"), etag='"v1"')).status == "not_modified"
    finally:
        sys.meta_path.remove(recorder)
    assert recorder.names == []


async def test_cookies_set_on_a_hop_go_with_the_next(server: LoopbackServer) -> None:
    # Some publishers set a cookie and redirect to check it; the client keeps a jar. aiohttp's jar keeps no
    # cookie from a bare IP address (RFC 6265 §5.3: domain matching is for names), so the server goes by a name.
    server.route("/start", Response(302, {"Location": "/feed", "Set-Cookie": "seen=1; Path=/"}, b""))
    server.route("/feed", Response(200, {"Content-Type": RSS}, rss(("1", "one"))))
    guard = OutboundGuard(allow_private=True, resolver=loopback_dns)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, timeout=5.0) as client:
        result = await fetch(client, f"http://feed.invalid:{server.port}/start")
        again = await fetch(client, f"http://feed.invalid:{server.port}/feed")
        assert {cookie.key: cookie.value for cookie in client.cookies} == {"seen": "1"}
    assert (result.status, again.status) == ("ok", "ok")
    assert server.hits("/start")[0].headers.get("cookie") is None
    assert [hit.headers.get("cookie") for hit in server.hits("/feed")] == ["seen=1", "seen=1"]
