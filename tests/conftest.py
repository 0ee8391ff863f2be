"""Shared fixtures: a migrated SQLite file per test, the real app behind an async ASGI client."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.store.db import Database, migrate
from tests import postgres

WEBHOOK_TOKEN = "test-webhook-token-0123456789"
API_KEY = "fhk_test-admin-key-0123456789"
READ_PATHS = ("/v1/items", "/v1/feed.json", "/v1/feed.atom")
"""The routes that need a read key (tests/api/test_access.py is about that; elsewhere the client sends one)."""


async def send_read_key(request: httpx.Request) -> None:
    """An httpx request hook: a read of items carries a key (the admin key can read) unless it has one.

    Only reads get it, so a test of an admin route or the webhook still sees what it sends itself.
    """
    if "authorization" not in request.headers and request.url.path.startswith(READ_PATHS):
        request.headers["Authorization"] = f"Bearer {API_KEY}"


READ_KEY_HOOKS: dict[str, list[Any]] = {"request": [send_read_key]}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False, help="run tests marked slow (make soak)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip_slow = pytest.mark.skip(reason="long-running: `make soak` runs it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated template database; skipped with the reason when PostgreSQL is unreachable (never in CI)."""
    problem = postgres.reachable()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the PostgreSQL tests: {problem}")
        pytest.skip(problem)
    template = postgres.create_template()
    yield template
    postgres.drop(template)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The store every store-backed test runs on: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'feedhook.db'}"
        return
    name = postgres.clone(request.getfixturevalue("postgres_template"))
    yield postgres.database_url(name)
    postgres.drop(name)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key=API_KEY,
        max_body_bytes=64 * 1024,
        timezone="UTC",
        feeds="",
        allow_private_networks=True,
        poller=False,  # API tests poll on demand; the background poller has tests of its own
        resolve_shortlinks=False,  # likewise the resolver (tests/ingest/test_resolver.py)
        deliveries=False,  # likewise the webhook delivery worker (tests/outputs/test_webhooks.py)
        changes_settle_seconds=0,  # the settle window has a test of its own
    )


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated store of the parametrized kind, with its writer running."""
    await asyncio.to_thread(migrate, database_url)
    database = Database(database_url)
    await database.start()
    yield database
    await database.close()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    await asyncio.to_thread(migrate, settings.database_url)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://feedhook.test", event_hooks=READ_KEY_HOOKS
    ) as http:
        yield http


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
