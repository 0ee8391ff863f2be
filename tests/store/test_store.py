"""Store on a real SQLite file: query plans, group commit, unavailability, quarantine replay."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy import Connection

from app.clock import to_micros, utcnow
from app.errors import Unavailable
from app.ingest.service import replay_quarantined
from app.normalize.model import NormalizeSettings
from app.store.db import READ_THREADS, Database, migrate
from app.store.listings import ItemFilters, list_changes, list_items, search_items
from app.store.quarantine import keep_payload, pending_payloads
from tests.conftest import READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.samples import generated_story


def _plan(database: Path, sql: str) -> str:
    with sqlite3.connect(database) as conn:
        return " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def _executed_select(database: Path, read: Callable[[Connection], object]) -> str:
    """The SELECT a read function ran on SQLite, with its values in place (sqlite3's trace callback)."""
    seen: list[str] = []
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.set_trace_callback(seen.append)
            read(conn)
    finally:
        engine.dispose()
    # FTS5 reads its own config table the first time: only statements on the items count.
    selects = [sql for sql in seen if sql.lstrip().startswith("SELECT items.")]
    assert len(selects) == 1, seen
    return selects[0]


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    migrate(f"sqlite:///{path}")
    return path


def test_keyset_page_seeks_the_sort_index_with_a_row_value(migrated: Path) -> None:
    sql = _executed_select(
        migrated,
        lambda conn: list_items(conn, limit=51, before=(1_600_000_000_000_000, 42), filters=ItemFilters()),
    )
    assert "(items.sort_at, items.id) < (1600000000000000, 42)" in sql, sql
    plan = _plan(migrated, sql)
    # A seek into the index, not a scan (which the expanded OR form gets).
    assert plan.startswith("SEARCH items USING INDEX ix_items_sort"), plan
    assert "TEMP B-TREE" not in plan, plan


def test_filtered_keyset_page_seeks_the_source_index(migrated: Path) -> None:
    filters = ItemFilters(source="Business Insider", since=1_500_000_000_000_000, until=1_700_000_000_000_000)
    sql = _executed_select(
        migrated, lambda conn: list_items(conn, limit=51, before=(1_600_000_000_000_000, 42), filters=filters)
    )
    for value in ("'Business Insider'", "1500000000000000", "1700000000000000"):
        assert value in sql, sql
    plan = _plan(migrated, sql)
    assert plan.startswith("SEARCH items USING INDEX ix_items_source_sort"), plan
    assert "TEMP B-TREE" not in plan, plan


NO_FILTER = ItemFilters()


def test_changes_seek_the_change_number_index(migrated: Path) -> None:
    sql = _executed_select(
        migrated, lambda conn: list_changes(conn, limit=51, after=42, settle_micros=2_000_000, filters=NO_FILTER)
    )
    plan = _plan(migrated, sql)
    assert plan.startswith("SEARCH items USING INDEX ix_items_change"), plan
    assert "TEMP B-TREE" not in plan, plan


def test_search_walks_fts_rowids_backwards_without_sorting(migrated: Path) -> None:
    sql = _executed_select(
        migrated,
        lambda conn: search_items(conn, q="iran strikes", limit=51, before_id=1000, filters=ItemFilters()),
    )
    assert 'MATCH \'"iran" "strikes"\'' in sql, sql
    plan = _plan(migrated, sql)
    assert "VIRTUAL TABLE INDEX" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


async def test_group_commit_puts_concurrent_writes_in_few_transactions(app: FastAPI, client: httpx.AsyncClient) -> None:
    headers = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
    await asyncio.gather(
        *(
            client.post("/v1/webhooks/ifttt", content=generated_story(n).json_valid(), headers=headers)
            for n in range(64)
        )
    )
    writer = app.state.services.db.writer
    assert writer.operations == 64
    assert writer.batches < 64


async def test_locked_database_is_503_with_retry_after_and_nothing_acknowledged(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'feedhook.db'}"
    from app.config import Settings
    from app.main import create_app

    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key="k" * 20,
        sqlite_busy_timeout_ms=200,
    )
    await asyncio.to_thread(migrate, database_url)
    application = create_app(settings)
    blocker = sqlite3.connect(tmp_path / "feedhook.db", isolation_level=None)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", event_hooks=READ_KEY_HOOKS) as http:
            blocker.execute("BEGIN EXCLUSIVE")
            response = await http.post(
                "/v1/webhooks/ifttt", content=generated_story(1).json_valid(), params={"token": WEBHOOK_TOKEN}
            )
            assert response.status_code == 503
            assert response.headers["retry-after"].isdigit()
            assert response.headers["content-type"] == "application/problem+json"
            blocker.execute("ROLLBACK")
            ok = await http.post(
                "/v1/webhooks/ifttt", content=generated_story(1).json_valid(), params={"token": WEBHOOK_TOKEN}
            )
            assert ok.status_code == 201
    blocker.close()


async def test_replay_stores_quarantined_payloads_that_now_normalize(database_url: str) -> None:
    await asyncio.to_thread(migrate, database_url)
    db = Database(database_url)
    await db.start()
    try:
        now = to_micros(utcnow())
        good = generated_story(3).json_valid()
        await db.write(keep_payload(body=good, content_type=None, reason="old-bug", detail="x", received_at=now))
        await db.write(
            keep_payload(body=b"\xff\xfe\x00garbage\x80", content_type=None, reason="r", detail="d", received_at=now)
        )
        leaky = f"Kept with its token\nA body line.\ntoken: {WEBHOOK_TOKEN}\n".encode()
        await db.write(
            keep_payload(body=leaky, content_type="text/plain", reason="old-bug", detail="x", received_at=now)
        )
        results = await replay_quarantined(db=db, now=utcnow(), settings=NormalizeSettings(), secret=WEBHOOK_TOKEN)
        assert [result.status for result in results] == ["created", "unreadable-payload", "created"]
        assert results[0].item_id is not None
        left = await db.read(pending_payloads)
        assert [row.reason for row in left] == ["r"]
        rows = await db.read(list_items, limit=10, before=None, filters=ItemFilters())
        assert sorted(row.headline for row in rows) == sorted([generated_story(3).headline, "Kept with its token"])
        assert not any(WEBHOOK_TOKEN in str(row) for row in rows)
    finally:
        await db.close()


async def test_unreachable_database_is_503_for_writes_and_readiness(tmp_path: Path) -> None:
    from app.config import Settings
    from app.main import create_app

    settings = Settings(
        _env_file=None,
        database_url="postgresql+asyncpg://postgres@127.0.0.1:1/nowhere",  # nothing listens on port 1
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key="k" * 20,
        feeds="",
        poller=False,
        resolve_shortlinks=False,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", event_hooks=READ_KEY_HOOKS) as http:
            posted = await http.post(
                "/v1/webhooks/ifttt", content=generated_story(1).json_valid(), params={"token": WEBHOOK_TOKEN}
            )
            assert posted.status_code == 503
            assert posted.headers["retry-after"].isdigit()
            assert posted.headers["content-type"] == "application/problem+json"
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert (await http.get("/healthz")).status_code == 200  # alive, just not ready
            listing = await http.get("/v1/items")
            assert listing.status_code == 503


async def test_sqlite_reads_run_whole_on_the_reader_threads_over_few_connections(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reads.db'}"
    await asyncio.to_thread(migrate, url)
    db = Database(url)

    def where(conn: Connection) -> tuple[str, int]:
        conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
        return threading.current_thread().name, id(conn.connection.dbapi_connection)

    try:
        seen = await asyncio.gather(*(db.read(where) for _ in range(64)))
    finally:
        await db.close()
    # One hop per query function (not one per statement), and no connection opened per burst of requests.
    assert {name.rsplit("_", 1)[0] for name, _ in seen} == {"feedhook-reader"}
    assert len({connection for _, connection in seen}) <= READ_THREADS


async def test_sqlite_read_that_cannot_open_the_file_is_unavailable(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'feedhook.db'}")
    try:
        with pytest.raises(Unavailable):
            await db.read(list_items, limit=1, before=None, filters=ItemFilters())
    finally:
        await db.close()
