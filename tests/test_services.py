"""The composition root: every long-lived object built once from Settings, shared, and closed in reverse."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import pytest

from app.config import Settings, ensure_secrets
from app.ops.metrics import Metrics
from app.services import open_services
from app.store.db import migrate

APP = Path(__file__).resolve().parent.parent / "app"


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
