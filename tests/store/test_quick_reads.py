"""Database.read_quick: bounded reads on the event loop, moved to a reader thread when over budget or locked."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection

from app.errors import Unavailable
from app.store.db import QUICK_READ_BUDGET_S, Database, migrate
from app.store.listings import ItemFilters, list_items

# A scan SQLite cannot finish in the budget: ~10 million steps of a recursive CTE (seconds of VM work).
SLOW_COUNT = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000) SELECT count(*) FROM n"


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'quick.db'}"
    await asyncio.to_thread(migrate, url)
    return Database(url)


async def test_quick_read_runs_on_the_event_loop_thread(sqlite_db: Database) -> None:
    def where(conn: Connection) -> str:
        conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
        return threading.current_thread().name

    try:
        names = [await sqlite_db.read_quick(where) for _ in range(5)]
    finally:
        await sqlite_db.close()
    assert names == [threading.current_thread().name] * 5
    assert not sqlite_db.quick_reads_moved


async def test_read_over_budget_is_interrupted_and_finished_on_a_reader_thread(sqlite_db: Database) -> None:
    calls: list[tuple[str, float]] = []

    def slow(conn: Connection) -> int:
        started = time.perf_counter()
        try:
            return int(conn.exec_driver_sql(SLOW_COUNT).scalar_one())
        finally:
            calls.append((threading.current_thread().name, time.perf_counter() - started))

    try:
        assert await sqlite_db.read_quick(slow) == 10_000_000
    finally:
        await sqlite_db.close()
    assert sqlite_db.quick_reads_moved == {"over_budget": 1}
    (loop_name, on_loop), (thread_name, _) = calls
    assert loop_name == threading.current_thread().name
    assert thread_name.startswith("feedhook-reader")
    # Interrupted soon after the budget (a generous bound: a loaded CI machine can be slow to notice).
    assert on_loop < QUICK_READ_BUDGET_S + 0.25


async def test_a_failing_quick_read_raises_its_own_error_without_retrying(sqlite_db: Database) -> None:
    calls: list[str] = []

    def broken(conn: Connection) -> None:
        calls.append(threading.current_thread().name)
        conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
        raise ValueError("a bug in the query function")

    try:
        with pytest.raises(ValueError, match="a bug"):
            await sqlite_db.read_quick(broken)
    finally:
        await sqlite_db.close()
    assert calls == [threading.current_thread().name]


async def test_locked_database_never_waits_on_the_loop(sqlite_db: Database) -> None:
    """An exclusive lock makes the loop's read fail at once (busy timeout 0); the reader thread waits it out."""
    path = sqlite_db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    threads: list[str] = []

    def count(conn: Connection) -> int:
        threads.append(threading.current_thread().name)
        return int(conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one())

    def release() -> None:
        time.sleep(0.8)
        holder.close()  # in WAL mode an exclusive locking mode is left only by closing

    releaser = threading.Thread(target=release)
    loop = asyncio.get_running_loop()
    ticks: list[float] = []
    ticking = True

    async def tick() -> None:
        while ticking:
            ticks.append(loop.time())
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    try:
        releaser.start()
        assert await sqlite_db.read_quick(count) == 0
    finally:
        ticking = False
        await ticker
        releaser.join()
        await sqlite_db.close()
    assert threads[-1].startswith("feedhook-reader")
    assert sqlite_db.quick_reads_moved == {"locked": 1}
    # While the reader thread waited for the lock, the loop kept running.
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.4


async def test_quick_read_on_a_missing_file_is_unavailable(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'feedhook.db'}")
    try:
        with pytest.raises(Unavailable):
            await db.read_quick(list_items, limit=1, before=None, filters=ItemFilters())
    finally:
        await db.close()


async def test_quick_read_from_another_thread_uses_the_reader_threads(sqlite_db: Database) -> None:
    def where(conn: Connection) -> str:
        return threading.current_thread().name

    try:
        first = await sqlite_db.read_quick(where)
        other = await asyncio.to_thread(asyncio.run, sqlite_db.read_quick(where))
    finally:
        await sqlite_db.close()
    assert first == threading.current_thread().name
    assert other.startswith("feedhook-reader")
