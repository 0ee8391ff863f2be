"""The absolute URLs inside the feed outputs: never from a Host header the service does not trust."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from app.config import Settings
from app.main import create_app
from app.store.db import migrate
from tests.conftest import READ_KEY_HOOKS


@pytest.fixture
async def migrated(settings: Settings) -> Settings:
    await asyncio.to_thread(migrate, settings.database_url)
    return settings


async def _urls(settings: Settings, host: str, path: str, **overrides: str) -> str:
    application = create_app(settings.model_copy(update=overrides))
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://10.0.0.7:8000", event_hooks=READ_KEY_HOOKS
        ) as http:
            answer = await http.get(path, headers={"Host": host})
            assert answer.status_code == 200, answer.text
            return answer.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("path", ["/v1/feed.json", "/v1/feed.atom"])
async def test_an_untrusted_host_header_never_reaches_the_feed_urls(migrated: Settings, path: str) -> None:
    settings = migrated
    text = await _urls(settings, "evil.example", path)
    assert "evil.example" not in text
    assert "http://10.0.0.7:8000/v1/feed." in text  # the address the connection was made to
    if path.endswith(".json"):
        assert json.loads(text)["feed_url"].startswith("http://10.0.0.7:8000/")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_trusted_host_or_the_public_url_decides(migrated: Settings) -> None:
    settings = migrated
    trusted = await _urls(settings, "News.Example:8443", "/v1/feed.json", trusted_hosts="news.example:8443")
    assert json.loads(trusted)["feed_url"].lower().startswith("http://news.example:8443/")
    public = await _urls(settings, "evil.example", "/v1/feed.atom", public_url="https://feeds.example.org/base")
    assert "https://feeds.example.org/v1/feed.atom" in public
    assert "evil.example" not in public
