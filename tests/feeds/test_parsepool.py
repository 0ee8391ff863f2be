"""Parse workers: real spawned processes that parse and normalize for the poller, and what happens when one dies."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.clock import to_micros
from app.errors import FeedParseError, Unavailable
from app.feeds.cleaning import CleanedFeed, clean_feed
from app.feeds.parsepool import ParsePool, default_processes
from app.feeds.poller import Poller, PollerSettings
from app.net.feed_client import FeedClient
from app.normalize.model import NormalizeSettings
from app.ops.metrics import Metrics, ParseWorkers
from app.store.db import Database
from app.store.feeds import add_feed
from app.store.listings import ItemFilters, list_items
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
HEADERS = {"content-type": "application/rss+xml"}


@pytest.fixture
async def pool() -> AsyncIterator[ParsePool]:
    workers = ParsePool(processes=1)
    yield workers
    await workers.aclose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _gone(pool: ParsePool, pid: int) -> None:
    for _ in range(200):
        if pid not in pool.worker_pids():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"worker {pid} still listed")


async def _clean_stories(pool: ParsePool, *numbers: int) -> CleanedFeed:
    """A feed of generated stories, cleaned by the pool."""
    document = rss_feed([generated_story(number) for number in numbers])
    return await pool.clean(document, headers=HEADERS, url="https://a.test/", now=NOW, settings=NormalizeSettings())


async def test_a_worker_returns_what_parsing_on_a_thread_returns(pool: ParsePool) -> None:
    document = rss_feed([generated_story(n) for n in range(5)])
    settings = NormalizeSettings(timezone="Europe/Berlin")
    remote = await pool.clean(document, headers=HEADERS, url="https://example.com/feed", now=NOW, settings=settings)
    local = clean_feed(document, headers=HEADERS, url="https://example.com/feed", now=NOW, settings=settings)
    assert remote == local
    assert len(remote.items) == 5
    assert remote.items[0].headline
    [pid] = pool.worker_pids()
    assert pid != os.getpid()


async def test_not_a_feed_crosses_the_process_boundary_as_itself(pool: ParsePool) -> None:
    with pytest.raises(FeedParseError) as raised:
        await pool.clean(
            b"<html><body>hello</body></html>",
            headers={"content-type": "text/html"},
            url="https://x.test/",
            now=NOW,
            settings=NormalizeSettings(),
        )
    with pytest.raises(FeedParseError) as on_thread:
        clean_feed(
            b"<html><body>hello</body></html>",
            headers={"content-type": "text/html"},
            url="https://x.test/",
            now=NOW,
            settings=NormalizeSettings(),
        )
    assert raised.value.detail == on_thread.value.detail


async def test_a_killed_worker_fails_its_feed_and_the_next_feed_gets_a_new_pool(
    db: Database, server: LoopbackServer, client: FeedClient, pool: ParsePool
) -> None:
    server.route("/a.xml", Response(200, HEADERS, rss_feed([generated_story(n) for n in range(3)])))
    server.route("/b.xml", Response(200, HEADERS, rss_feed([generated_story(n) for n in range(10, 12)])))
    now = to_micros(datetime.now(UTC))
    first = await db.write(add_feed(url=server.url("/a.xml"), title=None, interval_seconds=900, now=now))
    second = await db.write(add_feed(url=server.url("/b.xml"), title=None, interval_seconds=900, now=now))
    settings = PollerSettings(owner="killed", deadline_seconds=10.0)
    poller = Poller(db=db, client=client, settings=settings, normalize_settings=NormalizeSettings(), parse_pool=pool)

    assert (await poller.poll_now(first)).new == 3
    [pid] = pool.worker_pids()
    os.kill(pid, signal.SIGKILL)
    await _gone(pool, pid)

    lost = await poller.poll_now(second)
    assert lost.status == "error"
    assert "parse worker" in (lost.error or "")
    assert pool.restarts == 1
    again = await poller.poll_now(second)
    assert (again.status, again.new) == ("ok", 2)
    [new_pid] = pool.worker_pids()
    assert new_pid != pid
    stored = await db.read(lambda conn: list_items(conn, limit=10, before=None, filters=ItemFilters()))
    assert len(stored) == 5


async def test_closing_the_pool_stops_its_workers() -> None:
    pool = ParsePool(processes=2)
    await asyncio.gather(*(_clean_stories(pool, 1) for _ in range(4)))
    pids = pool.worker_pids()
    assert pids
    await pool.aclose()
    assert not any(_alive(pid) for pid in pids)
    assert pool.worker_pids() == []
    with pytest.raises(RuntimeError):
        await _clean_stories(pool, 1)


async def test_a_pool_without_processes_parses_on_threads() -> None:
    pool = ParsePool(processes=0, threads=1)
    cleaned = await _clean_stories(pool, 2)
    assert len(cleaned.items) == 1
    assert pool.worker_pids() == []
    await pool.aclose()


@pytest.mark.parametrize(("cpus", "expected"), [(None, 1), (1, 1), (2, 1), (4, 3), (64, 4)])
def test_by_default_one_worker_per_cpu_beyond_the_first_and_never_none(cpus: int | None, expected: int) -> None:
    assert default_processes(cpus) == expected


def test_a_negative_number_of_workers_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        ParsePool(processes=-1)


async def test_metrics_show_the_live_workers_and_the_restarts(pool: ParsePool) -> None:
    metrics = Metrics()
    metrics.watch(ParseWorkers(alive=lambda: len(pool.worker_pids()), restarts=lambda: pool.restarts))
    assert b"feedhook_parse_workers 0.0" in metrics.render()
    await _clean_stories(pool, 3)
    assert b"feedhook_parse_workers 1.0" in metrics.render()
    [pid] = pool.worker_pids()
    os.kill(pid, signal.SIGKILL)
    await _gone(pool, pid)
    with pytest.raises(Unavailable):
        await _clean_stories(pool, 4)
    exposition = metrics.render()
    assert b"feedhook_parse_worker_restarts_total 1.0" in exposition
    assert b"feedhook_parse_workers 0.0" in exposition


_OWNER = """
import asyncio, os, signal
from datetime import UTC, datetime
from app.feeds.parsepool import ParsePool
from app.normalize.model import NormalizeSettings
from tests.samples import generated_story, rss_feed

async def main():
    pool = ParsePool(processes=2)
    document = rss_feed([generated_story(1)])
    await asyncio.gather(*(pool.clean(document, headers={}, url="https://a.test/", now=datetime.now(UTC),
                                      settings=NormalizeSettings()) for _ in range(6)))
    print(*pool.worker_pids(), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie lingers where PID 1 does not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
def test_workers_end_when_their_poller_is_killed() -> None:
    # kill -9 or the OOM killer: the poller cannot stop its workers, so they must notice on their own.
    command = [sys.executable, "-c", _OWNER]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as owner:
        assert owner.stdout is not None
        pids = [int(pid) for pid in owner.stdout.readline().split()]
        assert owner.wait(timeout=60) == -signal.SIGKILL
    assert len(pids) == 2
    deadline = time.monotonic() + 15
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in pids), "parse workers outlived their killed poller"


async def test_a_feed_over_the_deadline_is_stopped_and_the_workers_are_replaced() -> None:
    # 400 items take well over 10 ms to parse and normalize: the deadline stops the feed, not the poller.
    pool = ParsePool(processes=1, deadline_seconds=30)
    try:
        await _clean_stories(pool, 5)
        [pid] = pool.worker_pids()
        pool.deadline_seconds = 0.01
        with pytest.raises(FeedParseError, match=r"longer than 0\.01 s"):
            await _clean_stories(pool, *range(400))
        assert pool.restarts == 1
        assert pool.worker_pids() == []  # the pool that held it is gone; the worker itself ends shortly
        for _ in range(200):
            if not _running(pid):
                break
            await asyncio.sleep(0.05)
        assert not _running(pid), "the worker that overran the deadline was not killed"
        pool.deadline_seconds = 30
        cleaned = await _clean_stories(pool, 6)
        assert len(cleaned.items) == 1
        assert pool.worker_pids() not in ([], [pid])
    finally:
        await pool.aclose()


def test_a_deadline_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ParsePool(processes=1, deadline_seconds=0)
