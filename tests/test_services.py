"""The composition root: every long-lived object built once from Settings, shared, and closed in reverse."""

from __future__ import annotations

import ast
import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.config import Settings, ensure_secrets
from app.ops.metrics import Metrics
from app.services import open_services, run_workers
from app.store.db import migrate
from app.store.tables import items, webhook_requests
from tests.samples import generated_story

APP = Path(__file__).resolve().parent.parent / "app"
DAY = 24 * 3600 * 1_000_000


async def test_one_database_and_one_guard_are_shared_by_every_part(settings: Settings) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    async with open_services(settings) as services:
        assert services.poller.db is services.db
        assert services.deliveries.db is services.db
        assert services.poller.parse_pool is services.parse_pool
        assert services.deliveries.client is services.http
        assert services.intake is None  # no secrets given: a command that takes no webhooks
        feed_id = await services.feeds.register("http://127.0.0.1:9/feed.xml")
        assert [row.id for row in await services.feeds.all()] == [feed_id]


async def test_the_metric_collectors_are_given_their_sources_and_leave_on_close(settings: Settings) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    metrics = Metrics()
    async with open_services(settings, metrics=metrics, secrets=ensure_secrets(settings)) as services:
        services.db.quick_reads_moved["locked"] += 1
        exposition = metrics.render().decode()
        assert 'feedhook_db_quick_reads_moved_total{reason="locked"} 1.0' in exposition
        assert "feedhook_parse_workers 0.0" in exposition
        assert services.intake is not None
    exposition = metrics.render().decode()
    assert "feedhook_db_quick_reads_moved" not in exposition
    assert "feedhook_parse_workers" not in exposition


@pytest.mark.parametrize("name", ["Database", "FeedClient", "Poller"])
def test_the_long_lived_objects_are_constructed_in_the_composition_root_only(name: str) -> None:
    builders = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                builders.add(path.relative_to(APP.parent).as_posix())
    assert builders == {"app/services.py"}


def test_no_setting_travels_through_the_environment() -> None:
    writes = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and "environ" in ast.unparse(node):
                writes.append(path.name)
    assert writes == []


async def _chunks(body: bytes) -> AsyncIterator[bytes]:
    yield body


async def test_the_server_workers_delete_old_items_and_inbox_requests_as_the_settings_say(settings: Settings) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    kept = settings.model_copy(update={"retention_days": 5.0, "inbox_retention_days": 2.0})
    secrets = ensure_secrets(kept)
    async with open_services(kept, secrets=secrets) as services:
        assert services.retention.settings.items == timedelta(days=5)
        assert services.intake is not None
        headers = {"authorization": f"Bearer {secrets.webhook_token}", "content-type": "application/json"}
        for number in range(3):
            await services.intake.receive(
                headers=headers, query_token=None, chunks=_chunks(generated_story(number).json_valid())
            )

        def age(conn: sa.Connection) -> None:  # item 1 stored ten days ago, item 2 three; requests likewise
            for row_id, days in ((1, 10), (2, 3)):
                ago = days * DAY
                conn.execute(sa.update(items).where(items.c.id == row_id).values(received_at=items.c.received_at - ago))
                conn.execute(
                    sa.update(webhook_requests)
                    .where(webhook_requests.c.id == row_id)
                    .values(received_at=webhook_requests.c.received_at - ago)
                )

        await services.db.write(age)
        async with run_workers(services):  # its first pass runs at start, then hourly
            for _ in range(200):
                left = await services.db.read(_ids)
                if left == ([2, 3], [3]):
                    break
                await asyncio.sleep(0.02)
        assert left == ([2, 3], [3])

        # The webhook's own pruning takes the setting too: a request older than 2 days goes with the next one.
        three_days_older = webhook_requests.c.received_at - 3 * DAY  # kept by the default 7 days, not by 2
        await services.db.write(
            lambda conn: conn.execute(sa.update(webhook_requests).values(received_at=three_days_older))
        )
        await services.intake.receive(
            headers=headers, query_token=None, chunks=_chunks(generated_story(7).json_valid())
        )
        assert (await services.db.read(_ids))[1] == [4]


def _ids(conn: sa.Connection) -> tuple[list[int], list[int]]:
    item_ids = list(conn.execute(sa.select(items.c.id).order_by(items.c.id)).scalars())
    request_ids = list(conn.execute(sa.select(webhook_requests.c.id).order_by(webhook_requests.c.id)).scalars())
    return item_ids, request_ids
