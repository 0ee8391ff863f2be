"""Real-browser harness: feedhook served by uvicorn on loopback, Debian's chromium driven by Playwright."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from app.config import Settings
from app.main import create_app
from app.store.db import migrate
from tests.conftest import API_KEY, WEBHOOK_TOKEN

__all__ = ["ARTIFACTS", "CHROMIUM", "Served", "chromium_or_skip", "serve"]

CHROMIUM = Path(os.environ.get("FEEDHOOK_CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium (`.ci/run` installs it): Playwright's own browser download is not reachable here."""
ARTIFACTS = Path(os.environ.get("FEEDHOOK_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "tmp" / "artifacts"))
"""Where a failing browser test leaves its screenshot."""


def chromium_or_skip() -> Path:
    """The browser to drive; a skip with the reason when it is missing locally, a failure in CI."""
    if CHROMIUM.exists() or shutil.which(str(CHROMIUM)):
        return CHROMIUM
    problem = f"{CHROMIUM} is missing: `apt-get install -y chromium` (CI installs it)"
    if os.environ.get("CI"):
        pytest.fail(problem)
    pytest.skip(problem)


@dataclass(frozen=True)
class Served:
    base_url: str
    database_url: str
    api_key: str = API_KEY
    webhook_token: str = WEBHOOK_TOKEN


@asynccontextmanager
async def serve(tmp_path: Path) -> AsyncIterator[Served]:
    """The real app under uvicorn on a free loopback port, on a fresh SQLite file; polling only on demand."""
    url = f"sqlite:///{tmp_path / 'feedhook.db'}"
    await asyncio.to_thread(migrate, url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key=API_KEY,
        feeds="",
        timezone="UTC",
        allow_private_networks=True,  # the test's feed is served on loopback
        poller=False,
        resolve_shortlinks=False,
        deliveries=False,
    )
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(1000):  # uvicorn has no event for it, only this flag
        if server.started or serving.done():
            break
        await asyncio.sleep(0.01)
    assert server.started, "uvicorn did not start"
    host, port = sock.getsockname()
    try:
        yield Served(f"http://{host}:{port}", url)
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, timeout=10)
