"""Hostile servers: a gzip bomb, a slow drip and an oversized body are cut off, with memory kept bounded."""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator

from app.feeds.fetcher import fetch
from app.net.feed_client import FeedClient
from tests.feeds.server import LoopbackServer, Request, Response

MIB = 2**20


async def gzip_bomb(decoded: int = 2**30) -> AsyncIterator[bytes]:
    """A gzip body of about 1 MB that inflates to ``decoded`` zero bytes (1 GiB), streamed block by block."""
    zeros = bytes(MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    # A full flush resets the compressor, so every further MiB of zeros compresses to these same bytes.
    repeat = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    yield b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first  # RFC 1952 header: deflate, no name, no mtime
    crc = zlib.crc32(zeros)
    for _ in range(decoded // MIB - 1):
        crc = zlib.crc32(zeros, crc)
        yield repeat
    yield packer.flush() + struct.pack("<II", crc, decoded & 0xFFFF_FFFF)


async def test_the_bomb_is_a_valid_gzip_stream() -> None:
    body = b"".join([piece async for piece in gzip_bomb(8 * MIB)])
    assert len(body) < 10_000
    assert zlib.decompress(body, 16 + zlib.MAX_WBITS) == bytes(8 * MIB)


async def drip(total: int, every: float) -> AsyncIterator[bytes]:
    """One byte of a valid feed at a time: each read is quick, the whole body takes ``total * every``."""
    for _ in range(total):
        yield b" "
        await asyncio.sleep(every)


async def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/bomb", lambda _r: Response(200, {"Content-Encoding": "gzip"}, gzip_bomb()))
    tracemalloc.start()
    try:
        result = await fetch(client, server.url("/bomb"), max_bytes=10 * MIB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.status, result.content) == ("error", b"")
    assert result.error == f"too large: over the {10 * MIB}-byte cap once decoded"
    # The cap (10 MiB) plus one bounded piece and bookkeeping; the decoded body would be 1 GiB.
    assert peak < 40 * MIB, f"peak {peak / MIB:.1f} MiB"


async def test_declared_oversize_body_is_refused_before_reading(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/huge", Response(200, {"Content-Length": str(50 * MIB)}, drip(50 * MIB, 0.01)))
    result = await fetch(client, server.url("/huge"), max_bytes=10 * MIB)
    assert result.error == f"too large: {50 * MIB} bytes, over the {10 * MIB}-byte cap"


async def test_plain_body_over_the_cap(server: LoopbackServer, client: FeedClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(64):
            yield b"x" * 64 * 1024

    server.route("/big", lambda _r: Response(200, {}, chunks()))
    result = await fetch(client, server.url("/big"), max_bytes=MIB)
    assert result.error == f"too large: over the {MIB}-byte cap once decoded"


async def test_slow_drip_is_cut_off_by_the_deadline(server: LoopbackServer, client: FeedClient) -> None:
    # 100 bytes at one per 0.2 s would take 20 s; each read is far inside the client's 5 s per-read timeout.
    def slow(_request: Request) -> Response:
        return Response(200, {"Content-Type": "application/rss+xml", "Content-Length": "100"}, drip(100, 0.2))

    server.route("/drip", slow)
    started = time.monotonic()
    result = await fetch(client, server.url("/drip"), deadline_seconds=1.0)
    elapsed = time.monotonic() - started
    assert (result.status, result.http_status) == ("error", 200)
    assert result.error == "timed out: no complete response within 1 s"
    assert elapsed < 10, "the deadline must end the fetch long before the body would"


async def test_slow_headers_are_cut_off_too(server: LoopbackServer, client: FeedClient) -> None:
    async def stall(_request: Request) -> Response:
        await asyncio.sleep(30)
        return Response(200)

    server.route("/stall", stall)
    result = await fetch(client, server.url("/stall"), deadline_seconds=0.5)
    assert (result.error, result.http_status) == ("timed out: no complete response within 0.5 s", None)


async def test_endless_or_huge_headers_are_refused(server: LoopbackServer, client: FeedClient) -> None:
    server.route("/many", Response(200, {f"X-Header-{n}": "v" for n in range(1_000)}, b"<rss/>"))
    server.route("/long", Response(200, {"X-Long": "v" * 100_000}, b"<rss/>"))
    many, long = await fetch(client, server.url("/many")), await fetch(client, server.url("/long"))
    for result in (many, long):
        assert (result.status, result.http_status, result.content) == ("error", None, b"")
    assert many.error == "invalid response: Too many headers received"
    assert long.error is not None
    assert long.error.startswith("invalid response: Got more than 8190 bytes"), long.error


async def test_header_bytes_that_are_not_utf8_read_as_latin1(server: LoopbackServer, client: FeedClient) -> None:
    # The loopback server writes its head in latin-1: "é" goes out as the single byte 0xE9, invalid UTF-8.
    server.route(
        "/etag", Response(200, {"Content-Type": "application/rss+xml; charset=café", "ETag": '"café"'}, b"<rss/>")
    )
    server.route("/moved", Response(302, {"Location": "/caf\xe9"}, b""))
    server.route("/caf%C3%A9", Response(304, {}, b""))  # where a browser would go too
    server.route("/coded", Response(200, {"Content-Encoding": "identity", "X-Note": "d\xe9j\xe0"}, b"<rss/>"))
    etag, moved = await fetch(client, server.url("/etag")), await fetch(client, server.url("/moved"))
    assert (etag.status, etag.etag, etag.headers["content-type"]) == (
        "ok",
        '"café"',
        "application/rss+xml; charset=café",
    )
    assert moved.status == "not_modified", moved.error
    assert moved.final_url == server.url("/caf%C3%A9")
    coded = await fetch(client, server.url("/coded"))
    assert (coded.status, coded.headers["x-note"]) == ("ok", "déjà")
    for result in (etag, moved, coded):  # what the poller stores must encode: no lone surrogates anywhere
        for text in (*result.headers.values(), result.final_url, result.etag or ""):
            text.encode("utf-8")


@contextlib.asynccontextmanager
async def raw_server(answer: bytes) -> AsyncIterator[str]:
    """A server that answers any request with these exact bytes, then closes: for heads the loopback server
    cannot write (a header name twice, any reason phrase). Yields its base URL."""

    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(respond, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def test_every_content_encoding_line_is_undone(client: FeedClient) -> None:
    # Two Content-Encoding lines are one list (RFC 9110 §5.3): identity, then gzip.
    document = b"<rss>" + b"words " * 200 + b"</rss>"
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    body = packer.compress(document) + packer.flush()
    head = b"HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Encoding: gzip\r\n"
    async with raw_server(head + b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)) as base:
        result = await fetch(client, f"{base}/feed")
    assert (result.status, result.content) == ("ok", document)
    assert result.headers["content-encoding"] == "identity, gzip"


async def test_a_reason_phrase_that_is_not_utf8_reads_as_latin1(client: FeedClient) -> None:
    async with raw_server(b"HTTP/1.1 404 Nicht gef\xfcnden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n") as base:
        result = await fetch(client, f"{base}/feed")
    assert (result.status, result.error) == ("error", "HTTP 404 Nicht gefünden")
