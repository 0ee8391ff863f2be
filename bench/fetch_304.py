"""CPU per conditional GET answered 304, by client and event loop: what a poll cycle's second pass is made of.

    .venv/bin/python -m bench.fetch_304 [--feeds 1000] [--rounds 5]

The poll benchmark's feed server (bench/feed_server.py, its own process) serves ``--feeds`` feeds over 250
loopback addresses; every feed is fetched once to learn its ETag, then each client asks for all of them
again with ``If-None-Match``, 32 at a time, and every answer must be 304. Clients, each on asyncio's own
loop and on uvloop:

- ``feedhook``: ``app.feeds.fetcher.fetch`` (aiohttp, through the guard), keep-alive as shipped (2 s);
- ``feedhook, no keep-alive``: the same with ``keepalive_seconds=0`` (a new connection per feed, as when a
  cycle's feeds are on different hosts or minutes apart);
- ``httpx``: the guarded httpx client (``app.net.outbound``, webhooks and shortlinks use it; feeds used it
  before 690c785), the same headers, the body streamed and closed as the fetcher did.

Reports CPU ms per feed (process time of this process, which runs nothing else) per round and the median.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import uvloop

from app.feeds.fetcher import ACCEPT, fetch
from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard
from app.net.outbound import build_http_client
from bench.poll_cycle import FeedServer, feed_server

__all__ = ["main"]

CONCURRENCY = 32
Getter = Callable[[int, str | None], Awaitable[tuple[int, str | None]]]


async def _cycle(get: Getter, feeds: int, etags: dict[int, str | None]) -> list[int]:
    slots = asyncio.Semaphore(CONCURRENCY)

    async def one(feed: int) -> int:
        async with slots:
            status, etags[feed] = await get(feed, etags.get(feed))
            return status

    return await asyncio.gather(*(one(feed) for feed in range(feeds)))


async def _measure(get: Getter, feeds: int) -> float:
    """CPU ms per feed over one all-304 pass, after a pass that learns the validators."""
    etags: dict[int, str | None] = {}
    await _cycle(get, feeds, etags)
    start = time.process_time()
    statuses = await _cycle(get, feeds, etags)
    spent = time.process_time() - start
    if set(statuses) != {304}:
        raise RuntimeError(f"expected 304 for every feed, got {sorted(set(statuses))}")
    return spent * 1000 / feeds


async def _feedhook(server: FeedServer, feeds: int, keepalive_seconds: float) -> float:
    guard = OutboundGuard(allow_private=True)
    async with FeedClient(guard=guard, user_agent="bench", keepalive_seconds=keepalive_seconds) as client:

        async def get(feed: int, etag: str | None) -> tuple[int, str | None]:
            result = await fetch(client, server.url(feed), etag=etag)
            return result.http_status or 0, result.etag

        return await _measure(get, feeds)


async def _httpx(server: FeedServer, feeds: int) -> float:
    async with build_http_client(guard=OutboundGuard(allow_private=True), user_agent="bench") as client:

        async def get(feed: int, etag: str | None) -> tuple[int, str | None]:
            headers = {"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate, br"}
            if etag:
                headers["If-None-Match"] = etag
            request = client.build_request("GET", server.url(feed), headers=headers)
            response = await client.send(request, stream=True)
            try:
                await response.aread()
            finally:
                await response.aclose()
            return response.status_code, response.headers.get("etag") or etag

        return await _measure(get, feeds)


def _run_on(loop: str, main: Coroutine[Any, Any, float]) -> float:
    factory = uvloop.new_event_loop if loop == "uvloop" else asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(main)


def run(feeds: int, rounds: int) -> dict[str, Any]:
    cases: dict[str, Callable[[FeedServer], Coroutine[Any, Any, float]]] = {
        "feedhook (aiohttp, keep-alive 2 s)": lambda server: _feedhook(server, feeds, 2.0),
        "feedhook (aiohttp, no keep-alive)": lambda server: _feedhook(server, feeds, 0.0),
        "httpx (guarded transport)": lambda server: _httpx(server, feeds),
    }
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch, feed_server(feeds, 5, 250, Path(scratch) / "server.log") as server:
        for _round in range(rounds):
            for loop in ("uvloop", "asyncio"):
                for name, case in cases.items():  # interleaved, so a busy minute hits every case alike
                    results.setdefault(f"{name} on {loop}", []).append(_run_on(loop, case(server)))
    return {
        "feeds": feeds,
        "concurrency": CONCURRENCY,
        "cpu_ms_per_feed": {name: {"median": statistics.median(v), "rounds": v} for name, v in results.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    result = run(args.feeds, args.rounds)
    print(json.dumps(result, indent=2))
    print("\n| client | CPU ms per 304 (median) | rounds |\n|---|---:|---|")
    for name, figures in result["cpu_ms_per_feed"].items():
        rounds = " · ".join(f"{v:.3f}" for v in figures["rounds"])
        print(f"| {name} | {figures['median']:.3f} | {rounds} |")


if __name__ == "__main__":
    main()
