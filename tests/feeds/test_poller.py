"""The poller on a real SQLite file against loopback feed servers: cycles, leases, shared databases."""

from __future__ import annotations

import asyncio
import os
import threading
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import app.feeds.parsepool as parsepool_module
from app.clock import to_micros
from app.feeds.cleaning import clean_feed
from app.feeds.poller import Poller, PollerSettings
from app.net.feed_client import FeedClient
from app.normalize.model import NormalizeSettings
from app.store.db import Database
from app.store.feeds import add_feed, claim_due_feeds, get_feed, list_feeds
from app.store.listings import ItemFilters, list_items
from tests.feeds.server import LoopbackServer, Request, Response
from tests.samples import generated_story, rss_feed


def _poller(db: Database, client: FeedClient, owner: str, **overrides: object) -> Poller:
    settings = PollerSettings(owner=owner, deadline_seconds=10.0, **overrides)  # type: ignore[arg-type]
    return Poller(db=db, client=client, settings=settings, normalize_settings=NormalizeSettings())


def _serve_feeds(server: LoopbackServer, count: int, *, items: int = 3) -> list[str]:
    urls = []
    for number in range(count):
        document = rss_feed([generated_story(number * 100 + i) for i in range(items)])
        server.route(f"/feed/{number}.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
        urls.append(server.url(f"/feed/{number}.xml"))
    return urls


async def _register(db: Database, urls: list[str]) -> None:
    now = to_micros(datetime.now(UTC))
    for url in urls:
        await db.write(add_feed(url=url, title=None, interval_seconds=900, now=now))


async def test_one_cycle_polls_200_feeds_once_each(db: Database, server: LoopbackServer, client: FeedClient) -> None:
    urls = _serve_feeds(server, 200)
    await _register(db, urls)
    outcomes = await _poller(db, client, "solo").run_cycle()
    assert len(outcomes) == 200
    assert {outcome.status for outcome in outcomes} == {"ok"}
    assert sum(outcome.new for outcome in outcomes) == 600
    assert sorted(request.target for request in server.requests) == sorted(f"/feed/{n}.xml" for n in range(200))
    # Nothing is due any more: a second cycle polls nothing.
    assert await _poller(db, client, "solo").run_cycle() == []
    feeds = await db.read(list_feeds)
    assert all(feed.lease_owner is None and feed.last_status == "ok" for feed in feeds)
    assert all(feed.next_poll_at > to_micros(datetime.now(UTC)) for feed in feeds)


async def test_pollers_sharing_a_database_poll_each_feed_exactly_once(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    urls = _serve_feeds(server, 120, items=1)
    await _register(db, urls)
    pollers = [_poller(db, client, f"worker-{n}", claim_batch=8, concurrency=4) for n in range(3)]
    results = await asyncio.gather(*(poller.run_cycle() for poller in pollers))
    polled = [outcome.feed_id for outcomes in results for outcome in outcomes]
    assert len(polled) == len(set(polled)) == 120
    assert all(results), "every poller took a share"
    hits = [request.target for request in server.requests]
    assert len(hits) == len(set(hits)) == 120


async def test_an_expired_lease_is_taken_over(db: Database, server: LoopbackServer, client: FeedClient) -> None:
    urls = _serve_feeds(server, 1)
    await _register(db, urls)
    now = to_micros(datetime.now(UTC))
    crashed = await db.write(claim_due_feeds(owner="crashed", now=now, lease_micros=1, limit=10))
    assert len(crashed) == 1
    # While the lease runs, nobody else takes the feed...
    held = await db.write(claim_due_feeds(owner="other", now=now, lease_micros=60_000_000, limit=10))
    assert held == []
    # ...after it expires (the crashed worker never reported), another poller does.
    await asyncio.sleep(0.01)
    outcomes = await _poller(db, client, "survivor").run_cycle()
    assert [outcome.status for outcome in outcomes] == ["ok"]
    feed = await db.read(get_feed, outcomes[0].feed_id)
    assert feed is not None
    assert feed.lease_owner is None


async def test_a_late_report_from_a_lost_lease_is_ignored(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    slow_started = asyncio.Event()

    async def slow(_: Request) -> Response:
        slow_started.set()
        await asyncio.sleep(0.5)
        return Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)]))

    server.route("/slow.xml", slow)
    await _register(db, [server.url("/slow.xml")])
    first = _poller(db, client, "first", lease=timedelta(milliseconds=100))
    polling = asyncio.create_task(first.run_cycle())
    await slow_started.wait()
    await asyncio.sleep(0.2)  # first's lease has expired while it is still fetching
    second = _poller(db, client, "second")
    taken = await second.run_cycle()
    assert [outcome.status for outcome in taken] == ["ok"]
    await polling
    feed = await db.read(get_feed, taken[0].feed_id)
    assert feed is not None
    assert feed.lease_owner is None
    assert feed.error_count == 0


async def test_background_poller_picks_up_a_new_feed_at_once(
    db: Database, server: LoopbackServer, client: FeedClient
) -> None:
    urls = _serve_feeds(server, 1, items=2)
    poller = _poller(db, client, "background", idle_seconds=30.0)
    stop = asyncio.Event()
    running = asyncio.create_task(poller.run_forever(stop))
    await asyncio.sleep(0.05)
    await _register(db, urls)
    poller.wake()
    for _ in range(100):
        rows = await db.read(list_items, limit=10, before=None, filters=ItemFilters())
        if len(rows) == 2:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(running, timeout=5)
    assert len(rows) == 2


async def test_an_unreachable_feed_backs_off_and_nothing_crashes(db: Database, client: FeedClient) -> None:
    await _register(db, ["http://127.0.0.1:9/nothing-listens-here.xml"])
    outcomes = await _poller(db, client, "offline").run_cycle()
    assert [outcome.status for outcome in outcomes] == ["error"]
    feed = await db.read(get_feed, outcomes[0].feed_id)
    assert feed is not None
    assert feed.error_count == 1
    assert feed.last_error
    assert feed.next_poll_at >= to_micros(datetime.now(UTC) + timedelta(seconds=55))


async def test_parsing_runs_on_the_pollers_own_few_threads(
    db: Database, server: LoopbackServer, client: FeedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not on asyncio's default executor, where the loop's DNS look-ups run and would wait behind parsing.
    threads: set[str] = set()

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.add(threading.current_thread().name)
        return clean_feed(*args, **kwargs)

    monkeypatch.setattr(parsepool_module, "clean_feed", recorded)
    await _register(db, _serve_feeds(server, 12))
    outcomes = await _poller(db, client, "threads", parse_threads=2).run_cycle()
    assert [outcome.status for outcome in outcomes] == ["ok"] * 12
    assert threads
    assert all(name.startswith("feedhook-parse") for name in threads)
    assert len(threads) <= 2


def test_a_forked_child_gets_a_parse_pool_of_its_own() -> None:
    parent = parsepool_module.parse_threads(1)
    read, write = os.pipe()
    with warnings.catch_warnings():  # 3.12+ warns about forking with threads; the child only runs this test
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: its pool must be new, and must run work
        try:
            child = parsepool_module.parse_threads(1)
            ok = child is not parent and child.submit(lambda: 42).result(timeout=10) == 42
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write)
    try:
        assert os.read(read, 1) == b"1"
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    assert parsepool_module.parse_threads(1) is parent
