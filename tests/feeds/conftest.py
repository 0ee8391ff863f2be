"""Fixtures of the feed tests: loopback servers and a client whose guard lets loopback through."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard
from tests.feeds.server import LoopbackServer

USER_AGENT = "feedhook/0.1.0 (+https://github.com/feedhook/feedhook)"


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    async with LoopbackServer("127.0.0.1") as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture
async def client() -> AsyncIterator[FeedClient]:
    # FEEDHOOK_ALLOW_PRIVATE_NETWORKS=true in miniature: the guard still runs, but loopback is allowed.
    async with FeedClient(
        guard=OutboundGuard(allow_private=True), user_agent=USER_AGENT, per_host_limit=4, timeout=5.0
    ) as http:
        yield http
